"""The printed documents: what each holds in each language, page numbers, DRAFT, safety."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from weasyprint.urls import FatalURLFetchingError

from casetrack.db import db
from casetrack.documents import rendering
from casetrack.documents.labels import LABELS, TERMS
from casetrack.mla import completeness, texts
from casetrack.models import Request
from casetrack.treaties.citations import cite_requirement

ALMATY = "aigerim@kz-alm.example"
TASHKENT = "dilnoza@uz-tas.example"
SENT_TO_TASHKENT = "KZ-ALM/2026/1"


def pages_of(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    """Drop whitespace and hyphens, so that wrapped and hyphenated lines still match."""
    return re.sub(r"[\s\-\u00ad\u2010\u202f]+", "", text)


def assert_contains(text: str, *needles: str) -> None:
    flat = squeeze(text)
    for needle in needles:
        assert squeeze(needle) in flat, f"{needle!r} is not in the document"


class Data:
    """Arrange and inspect the database outside any request (requests get their own context)."""

    def __init__(self, app):
        self.app = app

    def request_id(self, reference: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Request.id).where(Request.reference == reference))

    @contextlib.contextmanager
    def edit(self, rid: int):
        with self.app.app_context():
            yield db.session.get(Request, rid)
            db.session.commit()


@pytest.fixture
def data(app):
    return Data(app)


def preview(client, reference_id: int, kind: str, lang: str):
    return client.get(f"/requests/{reference_id}/documents/{kind}.pdf?lang={lang}")


def test_labels_exist_in_both_languages():
    assert LABELS["en"].keys() == LABELS["ru"].keys()
    assert all(value.strip() for labels in LABELS.values() for value in labels.values())
    for group in TERMS.values():
        assert all(len(pair) == 2 and all(pair) for pair in group.values())


@pytest.mark.parametrize("lang", ["en", "ru", "en-ru"])
def test_request_document_holds_every_required_item_and_the_requests_values(
    app, data, login_as, lang
):
    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        # The demo request is written in Russian (the columns) and English (texts["en"]).
        req.signatory_name = "Сейткали А."
        req.signatory_title = "Старший прокурор"
        req.procedures = "Показания получить под присягой"
        req.texts = {
            "en": {
                **req.texts["en"],
                "signatory_name": "Aigerim Seitkali",
                "signatory_title": "Senior prosecutor",
                "procedures": "Statements to be taken under oath",
            }
        }
        req.annexes = [{"title": "Freezing order of 14 May", "pages": 3, "is_order": True}]
        required = [
            (r.label("en"), r.label("ru"), cite_requirement(r, "en"), cite_requirement(r, "ru"))
            for r in completeness.requirements(req)
        ]
    assert required, "the demo request has a treaty with requirements"

    response = login_as(ALMATY).get(
        f"/requests/{rid}/documents/request.pdf?lang={lang}&requirements=1"
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pages = pages_of(response.data)
    text = "\n".join(pages)
    languages = ("en", "ru") if lang == "en-ru" else (lang,)
    # The values of the request's record and its persons, printed as written.
    assert_contains(
        text,
        "KZ-ALM/2026/1",
        "UZ-TAS/IN/311",
        "DEMO-2026-0147",
        "Алиев Тимур Рашидович",
        "Aliyev Timur Rashidovich",
        "Ходжаев Бахтиёр Алишерович",
        "12.04.1979",
        "Шымкент",
        "пр. Абая, д. 150",
        "директор ТОО «Степь Трейд»",
        "790412300123",
        "UZ21 0000 0000 2020 8000 0000 0001",
        "Freezing order of 14 May",
    )
    # The free texts, each in its own language only.
    written = {
        "en": [
            "Pre-trial investigation",
            "shell companies",
            "Art. 190(4) CC RK",
            "KZT 1,240,000,000",
            "Provide statements of account",
            "Who gave instructions for the transfers?",
            "Statements to be taken under oath",
            "To establish the flow of proceeds",
            "Article 190. Fraud.",
            "Aigerim Seitkali",
            "Senior prosecutor",
            "412 000.00 USD",
        ],
        "ru": [
            "Досудебное расследование",
            "подставные компании",
            "ч. 4 ст. 190 УК РК",
            "1 240 000 000 тенге",
            "Предоставить выписки по счёту",
            "Кто давал указания о переводах?",
            "Показания получить под присягой",
            "Установить движение преступных доходов",
            "Статья 190. Мошенничество.",
            "Сейткали А.",
            "Старший прокурор",
            "412 000,00 USD",
        ],
    }
    for language, values in written.items():
        if language in languages:
            assert_contains(text, *values)
        else:
            assert not [v for v in values if squeeze(v) in squeeze(text)], language
    for language in languages:
        labels = LABELS[language]
        assert_contains(
            text,
            labels["title_request"],
            labels["confidentiality"],
            labels["speciality"],
            labels["annex_offence_text"],
            {"en": "Prosecutor's Office of the City of Almaty", "ru": "Прокуратура города Алматы"}[
                language
            ],
            {"en": "Tashkent City Prosecutor's Office", "ru": "Прокуратура города Ташкента"}[
                language
            ],
            {"en": "accused", "ru": "обвиняемый"}[language],
        )
        # Each item the legal basis requires is named, with its article.
        for label_en, label_ru, cite_en, cite_ru in required:
            if language == "ru":
                assert_contains(text, label_ru, cite_ru)
            else:
                assert_contains(text, label_en, cite_en)
    page_words = {"en": "Page 1 of", "ru": "Страница 1 из"}
    for language in languages:
        assert_contains(pages[0], page_words[language])
    assert_contains(pages[-1], f"{page_words[languages[0]][:-5]} {len(pages)} ")


@pytest.mark.parametrize(
    "kind, reference, email",
    [
        ("acknowledgement", "UZ-TAS/2026/1", ALMATY),
        ("reminder", SENT_TO_TASHKENT, ALMATY),
        ("execution", "UZ-TAS/2026/2", ALMATY),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru", "en-ru"])
def test_letters_carry_references_offices_and_a_signature(
    app, data, login_as, kind, reference, email, lang
):
    rid = data.request_id(reference)
    with data.edit(rid) as req:
        if kind != "reminder":
            req.counterpart_reference = "KZ-ALM/IN/77"
        # A letter quotes the request's subject in its own language where the request has
        # one, else as the request wrote it.
        subjects = {code: texts.get(req, "subject", code) or req.subject for code in ("en", "ru")}
    response = preview(login_as(email), rid, kind, lang)
    assert response.status_code == 200, response.data[:300]
    text = "\n".join(pages_of(response.data))
    languages = ("en", "ru") if lang == "en-ru" else (lang,)
    assert_contains(text, reference)
    for language in languages:
        # A Russian letter signs with the name in Cyrillic.
        assert_contains(text, subjects[language])
        assert_contains(text, {"en": "Aigerim Seitkali", "ru": "Сейткали Айгерим"}[language])
        labels = LABELS[language]
        title = {"acknowledgement": "title_acknowledgement", "reminder": "title_reminder"}.get(
            kind, "title_execution"
        )
        assert_contains(
            text,
            labels[title],
            labels["our_reference"],
            labels["your_reference"],
            {"en": "Page 1 of", "ru": "Страница 1 из"}[language],
            {"en": "Prosecutor's Office of the City of Almaty", "ru": "Прокуратура города Алматы"}[
                language
            ],
            {"en": "Tashkent City Prosecutor's Office", "ru": "Прокуратура города Ташкента"}[
                language
            ],
        )
    if kind == "reminder":
        assert_contains(text, LABELS[languages[0]]["awaited_since"], "UZ-TAS/IN/311")
    else:
        assert_contains(text, "KZ-ALM/IN/77")


def test_refusal_letter_states_the_grounds(app, data, login_as):
    from casetrack.models import RefusalGround, RequestStatus, StatusChange

    rid = data.request_id("UZ-TAS/2026/1")
    with data.edit(rid) as req:
        req.status = RequestStatus.REFUSED
        req.refusal_ground = RefusalGround.DUAL_CRIMINALITY
        req.history.append(
            StatusChange(
                action="refuse",
                from_status=RequestStatus.RECEIVED,
                to_status=RequestStatus.REFUSED,
                comment="The act is not an offence under the law of Kazakhstan.",
                grounds=RefusalGround.DUAL_CRIMINALITY,
            )
        )
    response = preview(login_as(ALMATY), rid, "execution", "en-ru")
    text = "\n".join(pages_of(response.data))
    assert_contains(
        text,
        LABELS["en"]["title_refusal"],
        LABELS["ru"]["title_refusal"],
        "absence of dual criminality",
        "отсутствие двойной преступности деяния",
        "The act is not an offence under the law of Kazakhstan.",
    )


@pytest.mark.parametrize("lang, mark", [("en", "DRAFT"), ("ru", "ПРОЕКТ"), ("en-ru", "DRAFT")])
def test_previews_are_marked_draft_on_every_page(app, data, login_as, lang, mark):
    response = preview(login_as(ALMATY), data.request_id(SENT_TO_TASHKENT), "request", lang)
    pages = pages_of(response.data)
    assert len(pages) > 1
    assert all(mark in page for page in pages)
    # the running letterhead: the issuing office, the reference and the date on every page
    office = {"ru": "Прокуратура города Алматы"}.get(lang, "Prosecutor's Office of the City of")
    assert all(office in page and "KZ-ALM/2026/1" in page for page in pages)


def test_user_markup_prints_as_text_and_fetches_nothing(app, data, login_as, monkeypatch):
    asked: list[str] = []

    class Spy(rendering.StaticOnlyFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(rendering, "make_fetcher", Spy)
    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        # The columns hold the request's first language, Russian.
        req.facts = '<script>alert(1)</script><img src="file:///etc/passwd">'
        req.subject = '<link rel="attachment" href="file:///etc/passwd">Subject'
        req.measures = [{"text": '<img src="http://127.0.0.1:9/x.png">', "questions": []}]

    response = preview(login_as(ALMATY), rid, "request", "ru")
    assert response.status_code == 200
    text = "\n".join(pages_of(response.data))
    assert "<script>alert(1)</script>" in text
    assert 'src="file:///etc/passwd"' in text.replace("\n", "")
    assert "rel=" in text
    assert not [url for url in asked if "passwd" in url or "127.0.0.1" in url]
    assert b"root:" not in response.data
    assert not PdfReader(io.BytesIO(response.data)).attachments


def test_fetcher_serves_static_files_only():
    fetcher = rendering.make_fetcher()
    served = fetcher(rendering.BASE_URL + "static/casetrack.css")
    assert served.read().startswith(b"/*")
    served.close()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/x.png",
        "data:text/plain,hello",
        rendering.BASE_URL + "static/../../pyproject.toml",
        rendering.BASE_URL + "app.py",
    ):
        with pytest.raises(FatalURLFetchingError):
            fetcher(url)


def test_a_document_naming_an_outside_resource_is_not_produced():
    with pytest.raises(FatalURLFetchingError):
        rendering.write_pdf('<link rel="attachment" href="file:///etc/passwd"><p>x</p>')


@pytest.mark.parametrize("script", ["Əliyev Ələkbər", "ჯავახიშვილი", "Հովհաննիսյան", "Қасым Ұлы"])
def test_names_in_the_regions_scripts_print(app, data, login_as, script):
    from casetrack.models import PartyName

    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        req.persons[0].party.names.append(
            PartyName(full_name=script, search_key=script.lower(), script="mixed")
        )
    response = preview(login_as(ALMATY), rid, "request", "en")
    assert_contains("\n".join(pages_of(response.data)), script)
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(response.data)).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert fonts and all("DejaVu" in name for name in fonts)
