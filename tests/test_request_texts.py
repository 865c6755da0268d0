"""Every free text of a request in each of its languages: the form, the API, completeness,
and the printed letter in each language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from casetrack.db import db
from casetrack.mla import completeness, texts
from casetrack.models import Request, RequestStatus
from tests.factories import api_client, bilingual, make_complete_request, sent_request, signed_in


@pytest.fixture
def rid(directory_app) -> int:
    """A draft of Almaty's written in Russian and English."""
    with directory_app.app_context():
        draft = make_complete_request(db.session, **bilingual(status=RequestStatus.DRAFT))
        db.session.commit()
        return draft.id


def _version(app, rid: int) -> str:
    with app.app_context():
        return str(db.session.get(Request, rid).version)


def _text(pdf: bytes) -> str:
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(raw.replace("\u2010\n", "").replace("-\n", "").split())


def test_the_form_shows_the_languages_side_by_side_and_saves_each(directory_app, people, rid):
    client = signed_in(directory_app, people.almaty)
    page = client.get(f"/requests/{rid}/edit/facts").get_data(as_text=True)
    assert 'name="facts:en"' in page and "shell companies" in page
    assert "подставные компании" in page
    answer = client.post(
        f"/requests/{rid}/edit/facts",
        data={
            "version": _version(directory_app, rid),
            "facts": "Русский текст обстоятельств.",
            "facts:en": "The English facts.",
            "offences": "ч. 4 ст. 190 УК РК",
            "offences:en": "Art. 190(4) CC RK",
            "offence_text": "Статья 190.",
            "offence_text:en": "Article 190.",
            "damage": "Ущерб",
            "damage:en": "",
        },
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    with directory_app.app_context():
        req = db.session.get(Request, rid)
        assert texts.as_map(req, "facts") == {
            "ru": "Русский текст обстоятельств.",
            "en": "The English facts.",
        }
        # The damage has a Russian text and no English one: a blocking item naming the field.
        [gap] = [m for m in completeness.missing_items(req) if m.item == "text_en"]
        assert "damage caused" in gap.label_en and gap.is_blocking and gap.is_ours
        assert "причинённый ущерб" in gap.label_ru


def test_each_pdf_prints_its_languages_text(directory_app, people):
    with directory_app.app_context():
        # Tashkent is executing it.
        rid = sent_request(db.session, people, **bilingual()).id
        db.session.commit()
    client = signed_in(directory_app, people.almaty)
    ru = _text(client.get(f"/requests/{rid}/documents/request.pdf?lang=ru").data)
    en = _text(client.get(f"/requests/{rid}/documents/request.pdf?lang=en").data)
    both = _text(client.get(f"/requests/{rid}/documents/request.pdf?lang=en-ru").data)
    assert "подставные компании" in ru and "shell companies" not in ru
    assert "shell companies" in en and "подставные компании" not in en
    assert "shell companies" in both and "подставные компании" in both
    # Offices and places in the letter's language.
    assert "Место: Алматы" in ru and "Almaty" not in ru
    assert "Place: Almaty" in en


def test_the_api_takes_and_returns_texts_per_language(directory_app, people, rid):
    api = api_client(directory_app, people.almaty)
    current = api.get(f"/api/v1/requests/{rid}").get_json()
    assert current["texts"]["facts"]["en"].startswith("Between 2023")
    patched = api.patch(
        f"/api/v1/requests/{rid}",
        json={
            "version": current["version"],
            "purpose": {"ru": "Установить получателей", "en": "To find the recipients"},
        },
    )
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["texts"]["purpose"] == {
        "ru": "Установить получателей",
        "en": "To find the recipients",
    }
    assert patched.get_json()["purpose"] == "Установить получателей"  # the first language
    refused = api.patch(
        f"/api/v1/requests/{rid}",
        json={"version": patched.get_json()["version"], "purpose": {"tr": "Amaç"}},
    )
    assert refused.status_code == 422
    assert "purpose" in refused.get_json()["error"]["fields"]
    assert api.get(f"/api/v1/requests/{rid}").get_json()["version"] == patched.get_json()["version"]


def test_reordering_languages_keeps_each_text_with_its_language(directory_app, people, rid):
    api = api_client(directory_app, people.almaty)
    current = api.get(f"/api/v1/requests/{rid}").get_json()
    before = current["texts"]["facts"]
    swapped = api.patch(
        f"/api/v1/requests/{rid}", json={"version": current["version"], "languages": ["en", "ru"]}
    ).get_json()
    assert swapped["texts"]["facts"] == before
    assert swapped["facts"] == before["en"]
