"""Case pages: who sees them, opening, editing with optimistic concurrency, closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import AssetKind, Case, CaseStatus, Office, PartyRole, RequestStatus, User
from casetrack.validation import InvalidInput
from tests.conftest import snapshot_fixtures
from tests.factories import (
    make_asset,
    make_case,
    make_case_deadline,
    make_case_party,
    make_party,
    make_request,
    office,
    signed_in,
)

YESTERDAY = clock.today() - timedelta(days=1)


@dataclass(frozen=True)
class Cases:
    fraud: int  # Almaty's fraud case ALM-0147 with an accused, an asset, a request, a deadline
    smuggling: int  # Almaty's smuggling case ALM-0212, bare
    tashkent: int  # Tashkent's case TAS-45/2026


def _cases(session, people) -> Cases:
    """Two Almaty cases (one with its party, asset, request and deadline) and a Tashkent one."""
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    fraud = make_case(
        session,
        office=almaty,
        reference="ALM-0147",
        title="Aliyev network: VAT refund fraud",
        lead_prosecutor_id=people.almaty.id,
    )
    accused = make_party(session, office=almaty, names=["Алиев Тимур Рашидович"])
    make_case_party(session, fraud, accused, role=PartyRole.ACCUSED)
    make_asset(
        session,
        case=fraud,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="UZ21 0000 0000 2020 8000 0000 0001",
        identifier_key="UZ210000000020208000000000001",
    )
    make_request(session, case=fraud, requested_office=tashkent, status=RequestStatus.SENT)
    make_case_deadline(session, fraud, title="Custody of T. R. Aliyev ends")
    smuggling = make_case(
        session,
        office=almaty,
        reference="ALM-0212",
        title="Cross-border cash smuggling",
        lead_prosecutor_id=people.almaty.id,
    )
    there = make_case(
        session,
        office=tashkent,
        reference="TAS-45/2026",
        lead_prosecutor_id=people.tashkent.id,
    )
    session.flush()
    return Cases(fraud.id, smuggling.id, there.id)


world, directory_app, people = snapshot_fixtures(_cases)


@pytest.fixture
def cases(world) -> Cases:
    return world.built


def _case_form(people, **overrides) -> dict:
    data = {
        "reference": "ALM-2026-0900",
        "title": "Bribery at the customs post",
        "offences": "Bribery",
        "offence_articles": "Art. 366 CC RK",
        "summary": "An officer took payments to clear goods.",
        "lead_prosecutor_id": str(people.almaty.id),
        "opened_on": "2026-03-02",
    }
    data.update(overrides)
    return data


def _case_paths(case_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", f"/cases/{case_id}"),
        ("GET", f"/cases/{case_id}/edit"),
        ("POST", f"/cases/{case_id}/edit"),
        ("POST", f"/cases/{case_id}/close"),
        ("POST", f"/cases/{case_id}/reopen"),
        ("POST", f"/cases/{case_id}/suspend"),
        ("GET", f"/cases/{case_id}/parties/add?q=a"),
        ("POST", f"/cases/{case_id}/parties"),
        ("POST", f"/cases/{case_id}/parties/1/remove"),
    ]


@pytest.mark.parametrize("who", ["tashkent", "uz_ca", "tbilisi", "coordinator", "admin"])
def test_almaty_case_is_hidden_from_others(directory_app, people, cases, who):
    client = signed_in(directory_app, getattr(people, who))
    for method, path in _case_paths(cases.fraud):
        response = client.open(path, method=method, data={"version": "1"})
        assert response.status_code == 404, (who, method, path)
    with directory_app.app_context():
        case = db.session.get(Case, cases.fraud)
        assert case.status == CaseStatus.OPEN and case.version == 1


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinator_and_admin_get_404_on_case_lists_and_forms(directory_app, people, who):
    client = signed_in(directory_app, getattr(people, who))
    for path in ("/cases/", "/cases/new", "/parties/", "/parties/new", "/assets/", "/assets/new"):
        assert client.get(path).status_code == 404, path


def test_anonymous_is_sent_to_log_in(directory_app, cases):
    client = directory_app.test_client()
    for path in ("/cases/", f"/cases/{cases.fraud}", "/cases/new"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("who", ["almaty", "kz_ca"])
def test_own_office_and_own_country_central_authority_see_the_case(
    directory_app, people, cases, who
):
    page = signed_in(directory_app, getattr(people, who)).get(f"/cases/{cases.fraud}")
    page = page.get_data(as_text=True)
    assert "Aliyev network: VAT refund fraud" in page
    assert "Алиев Тимур Рашидович" in page
    assert "UZ21 0000 0000 2020 8000 0000 0001" in page
    assert "KZ-ALM/2026/1" in page
    assert "Custody of T. R. Aliyev ends" in page


def test_case_list_shows_only_the_users_cases(directory_app, people, cases):
    almaty = signed_in(directory_app, people.almaty).get("/cases/").get_data(as_text=True)
    assert "ALM-0147" in almaty and "TAS-45/2026" not in almaty
    kz_ca = signed_in(directory_app, people.kz_ca).get("/cases/").get_data(as_text=True)
    assert "ALM-0147" in kz_ca and "TAS-45/2026" not in kz_ca
    uz_ca = signed_in(directory_app, people.uz_ca).get("/cases/").get_data(as_text=True)
    assert "TAS-45/2026" in uz_ca and "ALM-0147" not in uz_ca


def test_case_list_filters_and_sorts(directory_app, people, cases):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/cases/?q=smuggling").get_data(as_text=True)
    assert "ALM-0212" in page and "ALM-0147" not in page
    page = client.get("/cases/?q=0147").get_data(as_text=True)
    assert "ALM-0147" in page and "ALM-0212" not in page
    with directory_app.app_context():
        db.session.get(Case, cases.smuggling).status = CaseStatus.SUSPENDED
        db.session.commit()
    page = client.get("/cases/?status=suspended").get_data(as_text=True)
    assert "ALM-0212" in page and "ALM-0147" not in page
    page = client.get(f"/cases/?lead={people.almaty.id}").get_data(as_text=True)
    assert "ALM-0147" in page
    page = client.get("/cases/?sort=reference").get_data(as_text=True)
    assert page.index("ALM-0147") < page.index("ALM-0212")
    page = client.get("/cases/?sort=-reference").get_data(as_text=True)
    assert page.index("ALM-0212") < page.index("ALM-0147")


def test_open_a_case(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    assert client.get("/cases/new").status_code == 200
    response = client.post("/cases/new", data=_case_form(people))
    assert response.status_code == 302
    with directory_app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "ALM-2026-0900"))
        assert case.office.code == "KZ-ALM"
        assert case.status == CaseStatus.OPEN
        assert case.opened_on == date(2026, 3, 2)
        assert case.updated_by.email == people.almaty.email
    assert response.headers["Location"].endswith(f"/cases/{case.id}")


def test_duplicate_reference_is_refused_with_a_message(directory_app, people, cases):
    client = signed_in(directory_app, people.almaty)
    with directory_app.app_context():
        before = db.session.scalar(select(func.count(Case.id)))
    response = client.post("/cases/new", data=_case_form(people, reference="ALM-0147"))
    assert response.status_code == 422
    assert "This reference is already used in your office" in response.get_data(as_text=True)
    with directory_app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == before


def test_the_same_reference_is_fine_in_another_office(directory_app, people, cases):
    response = signed_in(directory_app, people.tashkent).post(
        "/cases/new", data=_case_form(people, reference="ALM-0147", lead_prosecutor_id="0")
    )
    assert response.status_code == 302
    with directory_app.app_context():
        offices = set(
            db.session.scalars(
                select(Office.code).join(Case.office).where(Case.reference == "ALM-0147")
            )
        )
    assert offices == {"KZ-ALM", "UZ-TAS"}


def test_lead_prosecutor_must_work_in_the_cases_office(directory_app, people):
    response = signed_in(directory_app, people.almaty).post(
        "/cases/new", data=_case_form(people, lead_prosecutor_id=str(people.tashkent.id))
    )
    assert response.status_code == 422
    with directory_app.app_context():
        assert not db.session.scalar(select(Case.id).where(Case.reference == "ALM-2026-0900"))


def test_missing_title_is_refused(directory_app, people):
    response = signed_in(directory_app, people.almaty).post(
        "/cases/new", data=_case_form(people, title="")
    )
    assert response.status_code == 422
    assert "is-invalid" in response.get_data(as_text=True)


def test_stale_edit_is_refused_and_keeps_the_input(directory_app, people, cases):
    case_id = cases.fraud
    first, second = signed_in(directory_app, people.almaty), signed_in(directory_app, people.kz_ca)
    assert 'name="version" type="hidden" value="1"' in first.get(f"/cases/{case_id}/edit").get_data(
        as_text=True
    )
    assert second.get(f"/cases/{case_id}/edit").status_code == 200
    data = _case_form(people, reference="ALM-0147", version="1")
    saved = first.post(f"/cases/{case_id}/edit", data={**data, "title": "First title"})
    assert saved.status_code == 302
    stale = second.post(f"/cases/{case_id}/edit", data={**data, "title": "Second title"})
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    with directory_app.app_context():
        first_name = db.session.get(User, people.almaty.id).name
    assert first_name in page
    assert 'value="Second title"' in page
    assert f"/cases/{case_id}/edit" in page
    with directory_app.app_context():
        case = db.session.get(Case, case_id)
        assert case.title == "First title"
        assert case.updated_by.email == people.almaty.email


def test_edit_without_version_is_refused(directory_app, people, cases):
    data = _case_form(people, reference="ALM-0147", title="No version")
    response = signed_in(directory_app, people.almaty).post(f"/cases/{cases.fraud}/edit", data=data)
    assert response.status_code == 422
    with directory_app.app_context():
        assert db.session.get(Case, cases.fraud).title != "No version"


def test_close_and_reopen(directory_app, people, cases):
    case_id = cases.smuggling
    client = signed_in(directory_app, people.almaty)
    response = client.post(
        f"/cases/{case_id}/close", data={"version": "1", "closed_on": YESTERDAY.isoformat()}
    )
    assert response.status_code == 302
    with directory_app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status == CaseStatus.CLOSED and case.closed_on == YESTERDAY
        version = case.version
    stale = client.post(f"/cases/{case_id}/reopen", data={"version": "1"})
    assert stale.status_code == 303
    with directory_app.app_context():
        assert db.session.get(Case, case_id).status == CaseStatus.CLOSED
    assert (
        client.post(f"/cases/{case_id}/reopen", data={"version": str(version)}).status_code == 302
    )
    with directory_app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status == CaseStatus.OPEN and case.closed_on is None
    assert client.get(f"/cases/{case_id}/close").status_code == 405
    future = client.post(
        f"/cases/{case_id}/close", data={"version": str(version + 1), "closed_on": "2999-01-01"}
    )
    assert future.status_code == 303
    with directory_app.app_context():
        assert db.session.get(Case, case_id).status == CaseStatus.OPEN


def test_request_links_only_where_request_pages_exist(directory_app, people, cases):
    page = signed_in(directory_app, people.almaty).get(f"/cases/{cases.fraud}")
    page = page.get_data(as_text=True)
    has_pages = "mla.detail" in directory_app.view_functions
    assert ('href="/requests/' in page or ">KZ-ALM/2026/1</a>" in page) == has_pages


def _add_cases(app, people, count: int) -> None:
    with app.app_context():
        almaty = office(db.session, "KZ-ALM")
        for n in range(count):
            make_case(
                db.session,
                office=almaty,
                reference=f"BULK-{n:03d}",
                title=f"Bulk case {n}",
                lead_prosecutor_id=people.almaty.id if n % 2 else None,
                opened_on=date(2026, 1, 1),
            )
        db.session.commit()


@pytest.mark.parametrize("who", ["almaty", "kz_ca"])
def test_case_list_query_count_does_not_grow(directory_app, people, cases, count_queries, who):
    client = signed_in(directory_app, getattr(people, who))
    with count_queries() as few:
        assert client.get("/cases/?per_page=100").status_code == 200
    _add_cases(directory_app, people, 30)
    with count_queries() as many:
        page = client.get("/cases/?per_page=100").get_data(as_text=True)
    assert "BULK-029" in page
    assert len(many) <= len(few), many


def test_case_page_query_count_does_not_grow_with_parties(
    directory_app, people, cases, count_queries
):
    from casetrack.models import CaseParty, Party, PartyKind
    from casetrack.parties.names import set_names

    client = signed_in(directory_app, people.almaty)
    with count_queries() as few:
        assert client.get(f"/cases/{cases.fraud}").status_code == 200
    with directory_app.app_context():
        case = db.session.get(Case, cases.fraud)
        for n in range(30):
            party = Party(office_id=case.office_id, kind=PartyKind.PERSON, display_name="")
            set_names(party, [{"surname": f"Witness{n}", "given_name": "Test"}])
            db.session.add(party)
            case.case_parties.append(CaseParty(party=party, role=PartyRole.WITNESS))
        db.session.commit()
    with count_queries() as many:
        page = client.get(f"/cases/{cases.fraud}").get_data(as_text=True)
    assert "Witness29 Test" in page
    assert len(many) <= len(few), many


def test_a_duplicate_that_slips_past_the_check_is_still_a_form_error(directory_app, people, cases):
    # Two clerks saving the same reference at once both pass the check; the unique
    # constraint stops the second, and the service turns that into the same message.
    from casetrack.cases import services

    with directory_app.test_request_context(headers={"Accept-Language": "en"}):
        user = db.session.get(User, people.almaty.id)
        before = db.session.scalar(select(func.count(Case.id)))
        case = Case(office_id=user.office_id, status=CaseStatus.OPEN)
        with pytest.raises(InvalidInput) as raised:
            services._apply_and_flush(
                db.session,
                user,
                case,
                {"reference": "ALM-0147", "title": "Twin", "opened_on": clock.today()},
            )
        assert raised.value.fields == {
            "reference": ["This reference is already used in your office"]
        }
        db.session.rollback()
        assert db.session.scalar(select(func.count(Case.id))) == before
