"""Case pages: who sees them, opening, editing with optimistic concurrency, closing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from casetrack import clock
from casetrack.db import db
from casetrack.models import Case, CaseStatus, Office, User
from casetrack.validation import InvalidInput

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
TBILISI = "nino@ge-pgo.example"
COORDINATOR = "coordinator@network.example"
ADMIN = "admin@casetrack.example"
YESTERDAY = clock.today() - timedelta(days=1)


@pytest.fixture(autouse=True)
def _english(app):
    """Read messages in English whatever language the demo users prefer."""
    with app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()


def _case_id(app, reference: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Case.id).where(Case.reference == reference))


def _user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def _case_form(app, **overrides) -> dict:
    data = {
        "reference": "ALM-2026-0900",
        "title": "Bribery at the customs post",
        "offences": "Bribery",
        "offence_articles": "Art. 366 CC RK",
        "summary": "An officer took payments to clear goods.",
        "lead_prosecutor_id": str(_user_id(app, ALMATY)),
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


@pytest.mark.parametrize("email", [TASHKENT, UZ_CA, TBILISI, COORDINATOR, ADMIN])
def test_almaty_case_is_hidden_from_others(app, login_as, email):
    case_id = _case_id(app, "DEMO-2026-0147")
    client = login_as(email)
    for method, path in _case_paths(case_id):
        response = client.open(path, method=method, data={"version": "1"})
        assert response.status_code == 404, (email, method, path)
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status == CaseStatus.OPEN and case.version == 1


@pytest.mark.parametrize("email", [COORDINATOR, ADMIN])
def test_coordinator_and_admin_get_404_on_case_lists_and_forms(login_as, email):
    client = login_as(email)
    for path in ("/cases/", "/cases/new", "/parties/", "/parties/new", "/assets/", "/assets/new"):
        assert client.get(path).status_code == 404, path


def test_anonymous_is_sent_to_log_in(app, client):
    case_id = _case_id(app, "DEMO-2026-0147")
    for path in ("/cases/", f"/cases/{case_id}", "/cases/new"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("email", [ALMATY, KZ_CA])
def test_own_office_and_own_country_central_authority_see_the_case(app, login_as, email):
    case_id = _case_id(app, "DEMO-2026-0147")
    page = login_as(email).get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Aliyev network: VAT refund fraud" in page
    assert "Алиев Тимур Рашидович" in page
    assert "UZ21 0000 0000 2020 8000 0000 0001" in page
    assert "KZ-ALM/2026/1" in page
    assert "Custody of T. R. Aliyev ends" in page


def test_case_list_shows_only_the_users_cases(login_as):
    almaty = login_as(ALMATY).get("/cases/").get_data(as_text=True)
    assert "DEMO-2026-0147" in almaty and "TAS-45/2026" not in almaty
    kz_ca = login_as(KZ_CA).get("/cases/").get_data(as_text=True)
    assert "DEMO-2026-0147" in kz_ca and "TAS-45/2026" not in kz_ca
    uz_ca = login_as(UZ_CA).get("/cases/").get_data(as_text=True)
    assert "TAS-45/2026" in uz_ca and "DEMO-2026-0147" not in uz_ca


def test_case_list_filters_and_sorts(app, login_as):
    client = login_as(ALMATY)
    page = client.get("/cases/?q=smuggling").get_data(as_text=True)
    assert "DEMO-2026-0212" in page and "DEMO-2026-0147" not in page
    page = client.get("/cases/?q=0147").get_data(as_text=True)
    assert "DEMO-2026-0147" in page and "DEMO-2026-0212" not in page
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "DEMO-2026-0212"))
        case.status = CaseStatus.SUSPENDED
        db.session.commit()
    page = client.get("/cases/?status=suspended").get_data(as_text=True)
    assert "DEMO-2026-0212" in page and "DEMO-2026-0147" not in page
    page = client.get(f"/cases/?lead={_user_id(app, ALMATY)}").get_data(as_text=True)
    assert "DEMO-2026-0147" in page
    page = client.get("/cases/?sort=reference").get_data(as_text=True)
    assert page.index("DEMO-2026-0147") < page.index("DEMO-2026-0212")
    page = client.get("/cases/?sort=-reference").get_data(as_text=True)
    assert page.index("DEMO-2026-0212") < page.index("DEMO-2026-0147")


def test_open_a_case(app, login_as):
    client = login_as(ALMATY)
    assert client.get("/cases/new").status_code == 200
    response = client.post("/cases/new", data=_case_form(app))
    assert response.status_code == 302
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "ALM-2026-0900"))
        assert case.office.code == "KZ-ALM"
        assert case.status == CaseStatus.OPEN
        assert case.opened_on == date(2026, 3, 2)
        assert case.updated_by.email == ALMATY
    assert response.headers["Location"].endswith(f"/cases/{case.id}")


def test_duplicate_reference_is_refused_with_a_message(app, login_as):
    client = login_as(ALMATY)
    with app.app_context():
        before = db.session.scalar(select(func.count(Case.id)))
    response = client.post("/cases/new", data=_case_form(app, reference="DEMO-2026-0147"))
    assert response.status_code == 422
    assert "This reference is already used in your office" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == before


def test_the_same_reference_is_fine_in_another_office(app, login_as):
    response = login_as(TASHKENT).post(
        "/cases/new",
        data=_case_form(app, reference="DEMO-2026-0147", lead_prosecutor_id="0"),
    )
    assert response.status_code == 302
    with app.app_context():
        offices = set(
            db.session.scalars(
                select(Office.code).join(Case.office).where(Case.reference == "DEMO-2026-0147")
            )
        )
    assert offices == {"KZ-ALM", "UZ-TAS"}


def test_lead_prosecutor_must_work_in_the_cases_office(app, login_as):
    response = login_as(ALMATY).post(
        "/cases/new", data=_case_form(app, lead_prosecutor_id=str(_user_id(app, TASHKENT)))
    )
    assert response.status_code == 422
    with app.app_context():
        assert not db.session.scalar(select(Case.id).where(Case.reference == "ALM-2026-0900"))


def test_missing_title_is_refused(app, login_as):
    response = login_as(ALMATY).post("/cases/new", data=_case_form(app, title=""))
    assert response.status_code == 422
    assert "is-invalid" in response.get_data(as_text=True)


def test_stale_edit_is_refused_and_keeps_the_input(app, login_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    first, second = login_as(ALMATY), login_as(KZ_CA)
    assert 'name="version" type="hidden" value="1"' in first.get(f"/cases/{case_id}/edit").get_data(
        as_text=True
    )
    assert second.get(f"/cases/{case_id}/edit").status_code == 200
    data = _case_form(app, reference="DEMO-2026-0147", version="1")
    saved = first.post(f"/cases/{case_id}/edit", data={**data, "title": "First title"})
    assert saved.status_code == 302
    stale = second.post(f"/cases/{case_id}/edit", data={**data, "title": "Second title"})
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "Aigerim Seitkali" in page
    assert 'value="Second title"' in page
    assert f"/cases/{case_id}/edit" in page
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.title == "First title"
        assert case.updated_by.email == ALMATY


def test_edit_without_version_is_refused(app, login_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    data = _case_form(app, reference="DEMO-2026-0147", title="No version")
    response = login_as(ALMATY).post(f"/cases/{case_id}/edit", data=data)
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Case, case_id).title != "No version"


def test_close_and_reopen(app, login_as):
    case_id = _case_id(app, "DEMO-2026-0212")
    client = login_as(ALMATY)
    response = client.post(
        f"/cases/{case_id}/close", data={"version": "1", "closed_on": YESTERDAY.isoformat()}
    )
    assert response.status_code == 302
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status == CaseStatus.CLOSED and case.closed_on == YESTERDAY
        version = case.version
    stale = client.post(f"/cases/{case_id}/reopen", data={"version": "1"})
    assert stale.status_code == 303
    with app.app_context():
        assert db.session.get(Case, case_id).status == CaseStatus.CLOSED
    assert (
        client.post(f"/cases/{case_id}/reopen", data={"version": str(version)}).status_code == 302
    )
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.status == CaseStatus.OPEN and case.closed_on is None
    assert client.get(f"/cases/{case_id}/close").status_code == 405
    future = client.post(
        f"/cases/{case_id}/close", data={"version": str(version + 1), "closed_on": "2999-01-01"}
    )
    assert future.status_code == 303
    with app.app_context():
        assert db.session.get(Case, case_id).status == CaseStatus.OPEN


def test_request_links_only_where_request_pages_exist(app, login_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    page = login_as(ALMATY).get(f"/cases/{case_id}").get_data(as_text=True)
    has_pages = "mla.detail" in app.view_functions
    assert ('href="/requests/' in page or ">KZ-ALM/2026/1</a>" in page) == has_pages


def _add_cases(app, count: int) -> None:
    with app.app_context():
        office = db.session.scalar(select(Office).where(Office.code == "KZ-ALM"))
        lead = db.session.scalar(select(User).where(User.email == ALMATY))
        for n in range(count):
            db.session.add(
                Case(
                    office=office,
                    reference=f"BULK-{n:03d}",
                    title=f"Bulk case {n}",
                    lead_prosecutor=lead if n % 2 else None,
                    opened_on=date(2026, 1, 1),
                )
            )
        db.session.commit()


@pytest.mark.parametrize("email", [ALMATY, KZ_CA])
def test_case_list_query_count_does_not_grow(app, login_as, count_queries, email):
    client = login_as(email)
    with count_queries() as few:
        assert client.get("/cases/?per_page=100").status_code == 200
    _add_cases(app, 30)
    with count_queries() as many:
        page = client.get("/cases/?per_page=100").get_data(as_text=True)
    assert "BULK-029" in page
    assert len(many) <= len(few), many


def test_case_page_query_count_does_not_grow_with_parties(app, login_as, count_queries):
    from casetrack.models import CaseParty, Party, PartyKind, PartyRole
    from casetrack.parties.names import set_names

    case_id = _case_id(app, "DEMO-2026-0147")
    client = login_as(ALMATY)
    with count_queries() as few:
        assert client.get(f"/cases/{case_id}").status_code == 200
    with app.app_context():
        case = db.session.get(Case, case_id)
        for n in range(30):
            party = Party(office_id=case.office_id, kind=PartyKind.PERSON, display_name="")
            set_names(party, [{"surname": f"Witness{n}", "given_name": "Test"}])
            db.session.add(party)
            case.case_parties.append(CaseParty(party=party, role=PartyRole.WITNESS))
        db.session.commit()
    with count_queries() as many:
        page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Witness29 Test" in page
    assert len(many) <= len(few), many


def test_a_duplicate_that_slips_past_the_check_is_still_a_form_error(app):
    # Two clerks saving the same reference at once both pass the check; the unique
    # constraint stops the second, and the service turns that into the same message.
    from casetrack.cases import services

    with app.test_request_context(headers={"Accept-Language": "en"}):
        user = db.session.scalar(select(User).where(User.email == ALMATY))
        before = db.session.scalar(select(func.count(Case.id)))
        case = Case(office_id=user.office_id, status=CaseStatus.OPEN)
        with pytest.raises(InvalidInput) as raised:
            services._apply_and_flush(
                db.session,
                user,
                case,
                {"reference": "DEMO-2026-0147", "title": "Twin", "opened_on": clock.today()},
            )
        assert raised.value.fields == {
            "reference": ["This reference is already used in your office"]
        }
        db.session.rollback()
        assert db.session.scalar(select(func.count(Case.id))) == before
