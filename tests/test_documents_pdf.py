"""The printed documents: what each holds in each language, page numbers, DRAFT, safety."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from casetrack import clock
from casetrack.db import db
from casetrack.documents import rendering
from casetrack.documents.labels import LABELS, TERMS
from casetrack.mla import completeness, texts
from casetrack.models import (
    AssetKind,
    PartyRole,
    Request,
    RequestAsset,
    RequestParty,
    RequestStatus,
)
from casetrack.treaties.citations import cite_requirement
from tests.conftest import snapshot_fixtures
from tests.factories import (
    TO_TASHKENT,
    bilingual,
    drop_signatory,
    make_asset,
    make_case,
    make_case_party,
    make_complete_request,
    make_identity_document,
    make_person,
    office,
    signed_in,
    take_steps,
    tashkents_request,
)

ALMATY = "almaty"  # of ``people``; the requests of ``refs`` by name:
SENT_TO_TASHKENT = "sent_to_tashkent"
RECEIVED_FROM_TASHKENT = "received_from_tashkent"
EXECUTED_FOR_TASHKENT = "executed_for_tashkent"
FRAUD = "ALM-2026-0147"


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

    def __init__(self, app, refs: dict[str, tuple[int, str]]):
        self.app = app
        self.refs = refs

    def request_id(self, name: str) -> int:
        return self.refs[name][0]

    def reference(self, name: str) -> str:
        return self.refs[name][1]

    @contextlib.contextmanager
    def edit(self, rid: int):
        with self.app.app_context():
            yield db.session.get(Request, rid)
            db.session.commit()


def _almatys_request(session, people):
    """Almaty's request in Russian and English about two persons and an account of its fraud
    case, sent through the real steps; Tashkent executes it past the date Almaty asked. It has
    no signatory (its letters are signed by the user who issues them)."""
    alm = office(session, "KZ-ALM")
    fraud = make_case(session, office=alm, reference=FRAUD, title="Aliyev network")
    aliyev = make_person(
        session,
        alm,
        [("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
        birth_date=date(1979, 4, 12),
        birth_place="г. Шымкент, Казахстан",
        nationality="KZ",
        address="г. Алматы, пр. Абая, д. 150, кв. 23",
        occupation="директор ТОО «Степь Трейд»",
    )
    make_identity_document(session, aliyev, "790412300123", kind="iin", issuing_country="KZ")
    khodjaev = make_person(
        session,
        alm,
        [("Ходжаев", "Бахтиёр", "Алишерович"), ("Xo'jayev", "Baxtiyor", "Alisherovich")],
        birth_date=date(1985, 11, 2),
        birth_place="г. Ташкент, Узбекистан",
        nationality="UZ",
        address="г. Ташкент, Чиланзарский район",
        occupation="индивидуальный предприниматель",
    )
    make_case_party(session, fraud, aliyev, role=PartyRole.ACCUSED)
    make_case_party(session, fraud, khodjaev)
    account = make_asset(
        session,
        case=fraud,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="UZ21 0000 0000 2020 8000 0000 0001",
        description="Текущий счёт в банке г. Ташкента",
        country_code="UZ",
        estimated_value=Decimal("412000.00"),
        currency="USD",
    )
    fields = bilingual(
        counterpart_reference="UZ-TAS/IN/311",
        execution_requested_on=clock.today() - timedelta(days=5),
        assistance_types=["records", "taking_evidence"],
    )
    fields["measures"] = [
        {"text": "Предоставить выписки по счёту UZ21…0001 за 2023–2025 годы", "questions": []},
        {
            "text": "Допросить Б. А. Ходжаева в качестве свидетеля",
            "questions": [
                "При каких обстоятельствах был открыт счёт?",
                "Кто давал указания о переводах?",
            ],
        },
    ]
    fields["texts"]["en"]["measures"] = [
        {"text": "Provide statements of account UZ21…0001 for 2023–2025", "questions": []},
        {
            "text": "Question B. A. Xo'jayev as a witness",
            "questions": [
                "How did you come to open the account?",
                "Who gave instructions for the transfers?",
            ],
        },
    ]
    request = make_complete_request(session, case=fraud, status=RequestStatus.DRAFT, **fields)
    request.persons += [
        RequestParty(party=aliyev, role=PartyRole.ACCUSED),
        RequestParty(party=khodjaev, role=PartyRole.SUSPECT),
    ]
    request.assets.append(RequestAsset(asset=account))
    session.flush()
    take_steps(session, request, *((a, getattr(people, who)) for a, who in TO_TASHKENT))
    return drop_signatory(request)  # it went out before casetrack asked for a signatory


def _refs(session, people) -> dict[str, tuple[int, str]]:
    """(id, reference) of the requests the letters are printed for, by name."""
    theirs = make_case(session, office=office(session, "UZ-TAS"))
    tashkents = {
        RECEIVED_FROM_TASHKENT: ("acknowledge",),
        EXECUTED_FOR_TASHKENT: ("acknowledge", "start", "execute"),
    }
    made = {SENT_TO_TASHKENT: _almatys_request(session, people)}
    for name, answers in tashkents.items():
        made[name] = tashkents_request(session, people, theirs, *answers)
    session.flush()
    return {name: (request.id, request.reference) for name, request in made.items()}


# Almaty's prosecutor reads Russian and signs in both scripts.
ALMATYS_PROSECUTOR = {"language": "ru", "name": "Aigerim Seitkali", "name_ru": "Сейткали Айгерим"}
world, directory_app, people = snapshot_fixtures(_refs, almaty=ALMATYS_PROSECUTOR)


@pytest.fixture
def refs(world) -> dict[str, tuple[int, str]]:
    return world.built


@pytest.fixture
def data(directory_app, refs):
    return Data(directory_app, refs)


def preview(client, reference_id: int, kind: str, lang: str):
    return client.get(f"/requests/{reference_id}/documents/{kind}.pdf?lang={lang}")


def test_labels_exist_in_both_languages():
    assert LABELS["en"].keys() == LABELS["ru"].keys()
    assert all(value.strip() for labels in LABELS.values() for value in labels.values())
    for group in TERMS.values():
        assert all(len(pair) == 2 and all(pair) for pair in group.values())


@pytest.mark.parametrize("lang", ["en", "ru", "en-ru"])
def test_request_document_holds_every_required_item_and_the_requests_values(
    directory_app, people, data, lang
):
    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        # The request is written in Russian (the columns) and English (texts["en"]).
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
    assert required, "the request has a treaty with requirements"

    response = signed_in(directory_app, people.almaty).get(
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
        data.reference(SENT_TO_TASHKENT),
        "UZ-TAS/IN/311",
        FRAUD,
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
    "kind, name, who",
    [
        ("acknowledgement", RECEIVED_FROM_TASHKENT, ALMATY),
        ("reminder", SENT_TO_TASHKENT, ALMATY),
        ("execution", EXECUTED_FOR_TASHKENT, ALMATY),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru", "en-ru"])
def test_letters_carry_references_offices_and_a_signature(
    directory_app, people, data, kind, name, who, lang
):
    rid = data.request_id(name)
    reference = data.reference(name)
    with data.edit(rid) as req:
        if kind != "reminder":
            req.counterpart_reference = "KZ-ALM/IN/77"
        # A letter quotes the request's subject in its own language where the request has
        # one, else as the request wrote it.
        subjects = {code: texts.get(req, "subject", code) or req.subject for code in ("en", "ru")}
    response = preview(signed_in(directory_app, getattr(people, who)), rid, kind, lang)
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


def test_refusal_letter_states_the_grounds(directory_app, people, data):
    from casetrack.models import RefusalGround, RequestStatus, StatusChange

    rid = data.request_id(RECEIVED_FROM_TASHKENT)
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
    response = preview(signed_in(directory_app, people.almaty), rid, "execution", "en-ru")
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
def test_previews_are_marked_draft_on_every_page(directory_app, people, data, lang, mark):
    response = preview(
        signed_in(directory_app, people.almaty), data.request_id(SENT_TO_TASHKENT), "request", lang
    )
    pages = pages_of(response.data)
    assert len(pages) > 1
    assert all(mark in page for page in pages)
    # the running letterhead: the issuing office, the reference and the date on every page
    office = {"ru": "Прокуратура города Алматы"}.get(lang, "Prosecutor's Office of the City of")
    reference = data.reference(SENT_TO_TASHKENT)
    assert all(office in page and reference in page for page in pages)


def test_user_markup_prints_as_text_and_fetches_nothing(directory_app, people, data, monkeypatch):
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

    response = preview(signed_in(directory_app, people.almaty), rid, "request", "ru")
    assert response.status_code == 200
    text = "\n".join(pages_of(response.data))
    assert "<script>alert(1)</script>" in text
    assert 'src="file:///etc/passwd"' in text.replace("\n", "")
    assert "rel=" in text
    assert not [url for url in asked if "passwd" in url or "127.0.0.1" in url]
    assert b"root:" not in response.data
    assert not PdfReader(io.BytesIO(response.data)).attachments


def test_css_strings_keep_quotes_backslashes_and_markup_as_text():
    assert str(rendering.css_string("Алматы, пр. Абая 150")) == '"Алматы, пр. Абая 150"'
    written = str(rendering.css_string('O\'Brien "X" \\ </style><p>\r\nline 2'))
    assert written.startswith('"') and written.endswith('"')
    # nothing in it can end the string, the rule or the <style> element
    assert not re.search(r'["\'<>{};]', written[1:-1].replace("\\22 ", "").replace("\\27 ", ""))
    assert "\\a line 2" in written
    assert str(rendering.css_string(None)) == '""'


def test_the_letterhead_prints_an_awkward_office_name_as_text_on_every_page(
    directory_app, people, data
):
    name = 'Office "North" O\'Hara \\ </style><b>x</b> {content: none}'
    address = "Line one\nLine two; 5 «Main» street"
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM")
        almaty.name_en, almaty.address = name, address
        db.session.commit()
    rid = data.request_id(SENT_TO_TASHKENT)
    response = preview(signed_in(directory_app, people.almaty), rid, "request", "en")
    assert response.status_code == 200
    pages = pages_of(response.data)
    assert len(pages) > 1
    for page in pages:
        assert_contains(
            page, name, "Line one", "Line two; 5 «Main» street", data.reference(SENT_TO_TASHKENT)
        )


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
def test_names_in_the_regions_scripts_print(directory_app, people, data, script):
    from casetrack.models import PartyName

    rid = data.request_id(SENT_TO_TASHKENT)
    with data.edit(rid) as req:
        req.persons[0].party.names.append(
            PartyName(full_name=script, search_key=script.lower(), script="mixed")
        )
    response = preview(signed_in(directory_app, people.almaty), rid, "request", "en")
    assert_contains("\n".join(pages_of(response.data)), script)
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(response.data)).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert fonts and all("DejaVu" in name for name in fonts)
