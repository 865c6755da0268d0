"""Page tests of the measured list's fixes (issue 15): labels instead of raw values, no
developer references, safe defaults, no dead buttons, readable history, and the like."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    Asset,
    AssetKind,
    Case,
    PartyRole,
    Request,
    RequestAsset,
    RequestParty,
    RequestStatus,
    User,
)
from tests.conftest import snapshot_fixtures
from tests.factories import (
    make_asset,
    make_case,
    make_identity_document,
    make_person,
    make_request,
    office,
    sent_request,
    signed_in,
)
from tests.test_mla_lifecycle import make_request as make_lifecycle_request

ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
FRAUD = "F-2026-0147"


def _fraud_case(session, people) -> None:
    """Almaty's fraud case (lead: Aigerim Seitkali) with Aliyev (IIN 790412300123) and a USD
    412,000.00 account, a request on both that Tashkent is executing (sent through the real
    steps, with the deadlines sending sets) and a draft; the people speak English."""
    session.get(User, people.almaty.id).name = "Aigerim Seitkali"
    almaty = office(session, "KZ-ALM")
    case = make_case(session, office=almaty, reference=FRAUD, lead_prosecutor_id=people.almaty.id)
    aliyev = make_person(
        session,
        office=almaty,
        spellings=[("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
        display_name="Алиев Тимур Рашидович",
    )
    make_identity_document(session, aliyev, kind="iin", number="790412300123", issuing_country="KZ")
    account = make_asset(
        session,
        case=case,
        kind=AssetKind.BANK_ACCOUNT,
        estimated_value=Decimal("412000.00"),
        currency="USD",
    )
    request = sent_request(session, people, case=case)
    session.add_all(
        [
            RequestParty(request_id=request.id, party_id=aliyev.id, role=PartyRole.ACCUSED),
            RequestAsset(request_id=request.id, asset_id=account.id),
        ]
    )
    make_request(session, case=case, requested_office=office(session, "AZ-GPO"))


world, directory_app, people = snapshot_fixtures(_fraud_case)


@pytest.fixture
def app(directory_app):
    return directory_app


def _russian(app, person):
    with app.app_context():
        db.session.execute(update(User).where(User.id == person.id).values(language="ru"))
        db.session.commit()


def _case_id(app, reference=FRAUD):
    with app.app_context():
        return db.session.scalar(select(Case.id).where(Case.reference == reference))


def _request_id(app, status):
    with app.app_context():
        return db.session.scalar(
            select(Request.id).where(Request.status == status).order_by(Request.id)
        )


def test_the_case_page_in_russian_shows_labels_not_raw_values(app, people):
    _russian(app, people.almaty)
    client = signed_in(app, people.almaty)
    page = client.get(f"/cases/{_case_id(app)}").get_data(as_text=True)
    requests = page[
        page.index('data-testid="case-requests"') : page.index('data-testid="case-deadlines"')
    ]
    deadlines = page[page.index('data-testid="case-deadlines"') :]
    for raw in (">in execution<", ">executed<", ">draft<", ">sent<"):
        assert raw not in requests
    assert "исполнени" in requests or "черновик" in requests.lower()
    for raw in (">open<", ">met<", ">missed<", "Acknowledgement of receipt", "Response due"):
        assert raw not in deadlines
    assert "Подтверждение получения" in deadlines or "Срок ответа" in deadlines
    # The case page links to a new request and a new deadline, as the README says.
    assert 'data-testid="new-request-link"' in page and 'data-testid="new-deadline-link"' in page


def test_deadline_rules_read_in_russian(app, people):
    _russian(app, people.almaty)
    page = signed_in(app, people.almaty).get("/deadlines/?state=all").get_data(as_text=True)
    assert "business days from" not in page and "calendar days from" not in page
    with app.app_context():
        from casetrack.models import Deadline

        deadline_id = db.session.scalar(
            select(Deadline.id).where(Deadline.rule.like("%days from%")).order_by(Deadline.id)
        )
    detail = signed_in(app, people.almaty).get(f"/deadlines/{deadline_id}").get_data(as_text=True)
    assert "days from" not in detail
    assert "дней с" in detail


def test_history_is_sentences_without_ids_or_timestamps(app, people):
    _russian(app, people.almaty)
    client = signed_in(app, people.almaty)
    case_id = _case_id(app)
    with app.app_context():
        case = db.session.get(Case, case_id)
        version = case.version
    client.post(
        f"/cases/{case_id}/status",
        data={"status": "closed", "closed_on": clock.today().isoformat(), "version": version},
    )
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    history = page[page.index('data-testid="history-table"') :]
    for raw in (
        "office_id",
        "lead_prosecutor_id",
        "closed_on",
        "created_at",
        ": None",
        "create cases",
    ):
        assert raw not in history, raw
    assert not ISO_TIMESTAMP.search(history)
    sentences = re.findall(r'data-testid="history-sentence">([^<]+)<', history)
    assert sentences and all(s.strip().endswith(".") for s in sentences)
    assert any(s.startswith("Добавлено: дело") for s in sentences)
    # Values are formatted: the lead prosecutor by name, the office by name, a date in words.
    assert "Aigerim Seitkali" in history
    assert "Прокуратура" in history or "прокуратура" in history


def test_a_party_page_names_the_script_and_the_document(app, people):
    client = signed_in(app, people.almaty)
    from casetrack.models import Party

    with app.app_context():
        party_id = db.session.scalar(
            select(Party.id).where(Party.display_name == "Алиев Тимур Рашидович")
        )
    page = client.get(f"/parties/{party_id}").get_data(as_text=True)
    assert "(cyrillic)" not in page and "(Cyrillic)" in page
    assert "Kazakhstan" in page
    request_page = client.get(f"/requests/{_request_id(app, RequestStatus.IN_EXECUTION)}")
    text = request_page.get_data(as_text=True)
    assert "iin:" not in text
    assert "IIN (Kazakhstan personal number): 790412300123" in text


@pytest.mark.parametrize(
    ("language", "amount"), [("en", "412,000.00 USD"), ("ru", "412\xa0000,00 USD")]
)
def test_amounts_are_formatted_by_locale(app, people, language, amount):
    with app.app_context():
        db.session.execute(
            update(User).where(User.id == people.almaty.id).values(language=language)
        )
        db.session.commit()
        asset_id = db.session.scalar(select(Asset.id).where(Asset.currency == "USD"))
    client = signed_in(app, people.almaty)
    assert amount in client.get(f"/assets/{asset_id}").get_data(as_text=True)
    assert amount in client.get(
        f"/requests/{_request_id(app, RequestStatus.IN_EXECUTION)}"
    ).get_data(as_text=True)
    assert "412000.00" not in client.get(f"/cases/{_case_id(app)}").get_data(as_text=True)


def test_the_drafting_page_has_no_developer_reference_and_no_default_undertaking(app, people):
    client = signed_in(app, people.almaty)
    response = client.post(
        "/requests/new",
        data={
            "case_id": _case_id(app),
            "requested_office_id": _office(app, "UZ-GPO"),
            "channel": "central_authority",
        },
    )
    assert response.status_code == 302
    request_id = int(re.search(r"/requests/(\d+)/", response.headers["Location"]).group(1))
    with app.app_context():
        assert db.session.get(Request, request_id).has_speciality_undertaking is False
    basis = client.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    assert "SPEC" not in basis
    purpose = client.get(f"/requests/{request_id}/edit/purpose").get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*name="has_speciality_undertaking"[^>]*>', purpose)
    if checkbox:
        assert "checked" not in checkbox.group(0)


def _office(app, code):
    from casetrack.models import Office

    with app.app_context():
        return db.session.scalar(select(Office.id).where(Office.code == code))


def test_no_supplement_before_sending_and_a_confirmation_before_refusing(app, people):
    client = signed_in(app, people.almaty)
    for status in ("draft", "pending_approval", "approved"):
        page = client.get(f"/requests/{make_lifecycle_request(app, status)}").get_data(as_text=True)
        assert "New supplementary request" not in page, status
    sent = client.get(f"/requests/{make_lifecycle_request(app, 'sent')}").get_data(as_text=True)
    assert "New supplementary request" in sent
    received = make_lifecycle_request(app, "received")
    page = signed_in(app, people.tashkent).get(f"/requests/{received}").get_data(as_text=True)
    refuse = re.search(r'<form[^>]*data-action="refuse"[^>]*>', page).group(0)
    assert "data-confirm=" in refuse
    assert '<script src="/static/casetrack.js">' in page


def test_a_draft_offers_no_preview_that_would_answer_409(app, people):
    client = signed_in(app, people.almaty)
    request_id = make_lifecycle_request(app, "draft")
    page = client.get(f"/requests/{request_id}").get_data(as_text=True)
    for kind in ("acknowledgement", "reminder", "execution"):
        assert f"/documents/{kind}.pdf" not in page, kind
        assert f'data-testid="not-yet-{kind}"' in page
    assert "/documents/request.pdf" in page
    for href in re.findall(r'href="(/requests/\d+/documents/[a-z]+\.pdf\?lang=[a-z-]+)"', page):
        assert client.get(href).status_code == 200, href


def test_every_page_has_our_favicon_and_a_compact_menu(app, people):
    client = signed_in(app, people.kz_ca)
    page = client.get("/dashboard").get_data(as_text=True)
    assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in page
    with client.get("/static/favicon.svg") as icon:
        assert icon.status_code == 200 and b"<svg" in icon.data
    assert "navbar-expand-xl" in page


def test_russian_legal_references_say_st(app, people):
    _russian(app, people.almaty)
    client = signed_in(app, people.almaty)
    request_id = make_lifecycle_request(app, "draft")
    with app.app_context():
        req = db.session.get(Request, request_id)
        req.is_reciprocity = False
        db.session.commit()
    page = client.get(f"/requests/{request_id}/edit/basis").get_data(as_text=True)
    panel = page[page.index("<aside") :] if "<aside" in page else page
    assert "Art. " not in re.sub(r'placeholder="[^"]*"', "", panel)


def test_the_dashboard_counts_the_queues(app, people):
    make_lifecycle_request(app, "pending_approval")
    page = signed_in(app, people.kz_ca).get("/dashboard").get_data(as_text=True)
    count = int(re.search(r'data-testid="queue-approval">(\d+)<', page).group(1))
    assert count >= 1
    listing = signed_in(app, people.kz_ca).get("/requests/?queue=approval").get_data(as_text=True)
    assert listing.count('href="/requests/') >= count
    assert 'data-testid="menu-queues"' in page
