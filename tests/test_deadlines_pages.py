"""The deadline pages, the dashboard's deadlines, the calendar feed and the API, with access."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    Request,
    RequestStatus,
    User,
)
from tests.conftest import snapshot_fixtures
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_case_deadline,
    make_deadline,
    make_request,
    office,
    signed_in,
)

CUSTODY_TITLE = "Custody of T. R. Aliyev ends"
FRAUD = "ALM-2026-0147"


def rows(page: str) -> list[str]:
    return re.findall(r'<tr class="([^"]*)" data-testid="deadline-row">', page)


def _ids(session, people) -> dict:
    """What Almaty watches: five open deadlines and one met, between the directory's offices.

    Almaty's fraud case (with an asset) asked Tashkent (answer 5 days late) and Türkiye
    (acknowledgement 29 days late, answer due in 52 days); Tashkent asked Almaty (our answer
    due in 4 days, one earlier request answered); custody in the fraud case ends in 18 days.
    """
    today = clock.today()
    alm, tas, tr = (office(session, code) for code in ("KZ-ALM", "UZ-TAS", "TR-MOJ"))
    fraud = make_case(
        session, office=alm, reference=FRAUD, title="Aliyev network: VAT refund fraud"
    )
    asset = make_asset(session, case=fraud)
    theirs = make_case(session, office=tas, title="Yusupov: embezzlement")
    to_tashkent = make_request(
        session, case=fraud, requested_office=tas, status=RequestStatus.IN_EXECUTION
    )
    to_turkey = make_request(session, case=fraud, requested_office=tr, status=RequestStatus.SENT)
    from_tashkent = make_request(
        session, case=theirs, requested_office=alm, status=RequestStatus.RECEIVED
    )
    answered = make_request(
        session, case=theirs, requested_office=alm, status=RequestStatus.EXECUTED
    )
    make_deadline(
        session,
        request=to_tashkent,
        due_on=today - timedelta(days=5),
        title="Execution requested by",
        rule="requested execution date",
    )
    turkey_ack = make_deadline(
        session,
        request=to_turkey,
        kind=DeadlineKind.ACKNOWLEDGEMENT,
        due_on=today - timedelta(days=29),
        title="Acknowledgement of receipt",
        rule="7 business days from the date sent (TR calendar)",
    )
    make_deadline(session, request=to_turkey, due_on=today + timedelta(days=52))
    make_deadline(
        session,
        request=from_tashkent,
        due_on=today + timedelta(days=4),
        owner_user_id=people.almaty.id,
    )
    custody = make_case_deadline(
        session, fraud, title=CUSTODY_TITLE, owner_user_id=people.almaty.id
    )
    make_deadline(
        session,
        request=answered,
        due_on=today - timedelta(days=50),
        state=DeadlineState.MET,
        closed_at=clock.now() - timedelta(days=100),
    )
    session.flush()
    return {
        "custody": custody.id,
        "turkey_ack": turkey_ack.id,
        "turkey_reference": to_turkey.reference,
        "fraud": fraud.id,
        "asset": asset.id,
        "requests": [r.id for r in (to_tashkent, to_turkey, from_tashkent, answered)],
    }


world, directory_app, people = snapshot_fixtures(_ids)


@pytest.fixture
def ids(world) -> dict:
    return world.built


# --- the list ----------------------------------------------------------------------------


def test_list_shows_what_we_owe_and_what_we_are_owed(directory_app, people, ids):
    page = signed_in(directory_app, people.almaty).get("/deadlines").get_data(as_text=True)
    classes = rows(page)
    assert len(classes) == 5
    assert classes.count("table-danger") == 2  # Tashkent's late answer, Turkey's receipt
    assert classes.count("table-warning") == 1  # our answer to Tashkent, due in 4 days
    assert "we owe" in page and "owed to us" in page
    # Sorted by due date: the earliest (Turkey's acknowledgement, 29 days late) comes first.
    assert page.index("29 days late") < page.index("5 days late") < page.index("4 days left")


def test_every_deadline_of_a_request_carries_its_requesting_office(directory_app, ids):
    """The copy the lists read what an office is owed on (``Deadline.requesting_office_id``),
    set on insert from the request (the factories give the request's id only) and never on
    a case's or an asset's deadline."""
    with directory_app.app_context():
        pairs = db.session.execute(
            select(
                Deadline.request_id, Deadline.requesting_office_id, Request.requesting_office_id
            ).outerjoin(Request, Request.id == Deadline.request_id)
        ).all()
    assert len(pairs) == 6
    for request_id, copied, requesting in pairs:
        assert copied == requesting, (request_id, copied, requesting)
    assert sum(1 for request_id, copied, _ in pairs if request_id is None and copied is None) == 1


@pytest.mark.parametrize(
    ("query", "expected", "only"),
    [
        ("due=overdue", 2, "table-danger"),
        ("due=soon", 1, "table-warning"),
        ("kind=custody_limit", 1, ""),
        ("state=met", 1, ""),
        ("state=all", 6, None),
        ("state=nonsense", 5, None),
    ],
)
def test_list_filters(directory_app, people, ids, query, expected, only):
    classes = rows(
        signed_in(directory_app, people.almaty).get(f"/deadlines?{query}").get_data(as_text=True)
    )
    assert len(classes) == expected
    if only is not None:
        assert set(classes) == {only}


def test_another_office_sees_none_of_almatys_deadlines(directory_app, people, ids):
    assert (
        rows(
            signed_in(directory_app, people.tbilisi)
            .get("/deadlines?state=all")
            .get_data(as_text=True)
        )
        == []
    )
    tashkent = signed_in(directory_app, people.tashkent)
    page = tashkent.get("/deadlines?state=all").get_data(as_text=True)
    # Only the two requests between Tashkent and Almaty, never Almaty's own case or Turkey.
    assert len(rows(page)) == 3
    assert "TR-MOJ" not in page and FRAUD not in page
    for deadline_id in (ids["custody"], ids["turkey_ack"]):
        assert tashkent.get(f"/deadlines/{deadline_id}").status_code == 404
        assert (
            signed_in(directory_app, people.tbilisi).get(f"/deadlines/{deadline_id}").status_code
            == 404
        )


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinator_and_admin_get_no_deadlines(directory_app, people, ids, who):
    client = signed_in(directory_app, getattr(people, who))
    for path in (
        "/deadlines",
        f"/deadlines/{ids['custody']}",
        "/deadlines/calendar",
        f"/deadlines/new?case_id={ids['fraud']}",
    ):
        assert client.get(path).status_code == 404, path
    assert "dashboard-deadlines" not in client.get("/dashboard").get_data(as_text=True)


def test_anonymous_users_are_sent_to_log_in(directory_app):
    client = directory_app.test_client()
    response = client.get("/deadlines")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_list_query_count_does_not_grow_with_rows(directory_app, people, ids, count_queries):
    client = signed_in(directory_app, people.almaty)
    with count_queries() as before:
        assert client.get("/deadlines?state=all").status_code == 200
    with directory_app.app_context():
        requests = ids["requests"]
        today = clock.today()
        for n in range(12):
            subject = (
                {"case_id": ids["fraud"]},
                {"asset_id": ids["asset"]},
                {"request_id": requests[n % len(requests)]},
            )[n % 3]
            db.session.add(
                Deadline(
                    kind=DeadlineKind.OTHER,
                    title=f"extra {n}",
                    due_on=today + timedelta(days=n - 6),
                    owner_office_id=people.almaty.office_id,
                    **subject,
                )
            )
        db.session.commit()
    with count_queries() as after:
        page = client.get("/deadlines?state=all").get_data(as_text=True)
    assert len(rows(page)) > 10
    assert len(after) == len(before), after


# --- deadlines set by hand --------------------------------------------------------------------


def test_set_a_deadline_on_a_case_and_close_it(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    form = client.get(f"/deadlines/new?case_id={ids['fraud']}")
    assert form.status_code == 200 and FRAUD in form.get_data(as_text=True)
    due = clock.today() + timedelta(days=3)
    response = client.post(
        f"/deadlines/new?case_id={ids['fraud']}",
        data={
            "kind": "hearing",
            "title": "Preliminary hearing",
            "due_on": due.isoformat(),
            "owner_user_id": people.almaty.id,
        },
    )
    assert response.status_code == 302
    deadline_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with directory_app.app_context():
        deadline = db.session.get(Deadline, deadline_id)
        assert deadline.case_id == ids["fraud"]
        assert deadline.owner_office.code == "KZ-ALM"
        assert deadline.due_on == due and deadline.state == DeadlineState.OPEN
        assert deadline.rule.startswith("set by hand")
    detail = client.get(f"/deadlines/{deadline_id}").get_data(as_text=True)
    assert "Preliminary hearing" in detail and "Mark met" in detail

    assert client.post(f"/deadlines/{deadline_id}/close", data={"state": "met"}).status_code == 302
    again = client.post(f"/deadlines/{deadline_id}/close", data={"state": "cancelled"})
    assert again.status_code == 409
    with directory_app.app_context():
        assert db.session.get(Deadline, deadline_id).state == DeadlineState.MET


def test_set_a_deadline_on_an_asset(directory_app, people, ids):
    response = signed_in(directory_app, people.almaty).post(
        f"/deadlines/new?asset_id={ids['asset']}",
        data={
            "kind": "measure_expiry",
            "title": "Freezing order lapses",
            "due_on": (clock.today() + timedelta(days=30)).isoformat(),
            "owner_user_id": people.almaty.id,
        },
    )
    assert response.status_code == 302
    with directory_app.app_context():
        deadline = db.session.scalar(select(Deadline).where(Deadline.asset_id == ids["asset"]))
        assert deadline.kind == DeadlineKind.MEASURE_EXPIRY


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"due_on": "31.12.2026"}, "due_on"),
        ({"kind": "acknowledgement"}, "kind"),
        ({"owner_user_id": "tashkent"}, "owner_user_id"),
    ],
)
def test_bad_input_keeps_the_form_and_saves_nothing(directory_app, people, ids, change, field):
    data = {
        "kind": "hearing",
        "title": "Hearing",
        "due_on": "2026-12-31",
        "owner_user_id": people.almaty.id,
    }
    if change.get("owner_user_id") == "tashkent":
        change = {"owner_user_id": people.tashkent.id}
    data.update(change)
    response = signed_in(directory_app, people.almaty).post(
        f"/deadlines/new?case_id={ids['fraud']}", data=data
    )
    assert response.status_code == 422
    assert "is-invalid" in response.get_data(as_text=True)
    with directory_app.app_context():
        assert db.session.scalar(select(Deadline).where(Deadline.title == "Hearing")) is None


def test_other_offices_cannot_set_or_close_almatys_deadlines(directory_app, people, ids):
    client = signed_in(directory_app, people.tashkent)
    assert client.get(f"/deadlines/new?case_id={ids['fraud']}").status_code == 404
    assert client.get(f"/deadlines/new?asset_id={ids['asset']}").status_code == 404
    assert client.get("/deadlines/new").status_code == 404
    closing = client.post(f"/deadlines/{ids['custody']}/close", data={"state": "met"})
    assert closing.status_code == 404


def test_request_deadlines_close_with_their_request_only(directory_app, people, ids):
    response = signed_in(directory_app, people.almaty).post(
        f"/deadlines/{ids['turkey_ack']}/close", data={"state": "met"}
    )
    assert response.status_code == 409
    with directory_app.app_context():
        assert db.session.get(Deadline, ids["turkey_ack"]).state == DeadlineState.OPEN


# --- the dashboard ------------------------------------------------------------------------


def test_dashboard_shows_overdue_items_first(directory_app, people, ids):
    page = signed_in(directory_app, people.almaty).get("/dashboard").get_data(as_text=True)
    assert page.index('data-testid="dashboard-deadlines"') < page.index('data-testid="open-cases"')
    assert re.search(r'data-testid="overdue-count">2 overdue<', page)
    assert re.search(r'data-testid="due-soon-count">1 due soon<', page)
    first, *rest = rows(page)
    assert first == "table-danger" and len(rest) == 2
    section = page[page.index("dashboard-deadlines") : page.index('data-testid="open-cases"')]
    assert section.index(ids["turkey_reference"]) < section.index("4 days left")
    assert CUSTODY_TITLE not in section  # due in 18 days: neither late nor close


# --- the calendar feed ---------------------------------------------------------------------


def _create_feed(client) -> str:
    page = client.post("/deadlines/calendar", data={"action": "create"}).get_data(as_text=True)
    match = re.search(
        r'value="http://localhost(/calendar/[^"]+\.ics)" data-testid="feed-url"', page
    )
    assert match, page
    return match.group(1)


def test_calendar_feed_lists_open_deadlines_without_facts(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    path = _create_feed(client)
    anonymous = directory_app.test_client()
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    turkey_id = ids["turkey_ack"]
    with directory_app.app_context():
        owed = db.session.scalars(
            select(Deadline).where(Deadline.state == DeadlineState.OPEN)
        ).all()
        # Every open deadline of the demo is Almaty's: owed by it, or on its outgoing requests.
        expected = {f"deadline-{d.id}@casetrack" for d in owed}
        turkey = db.session.get(Deadline, turkey_id)
        turkey_uid, turkey_ref, turkey_due = (
            f"deadline-{turkey.id}@casetrack",
            turkey.request.reference,
            turkey.due_on,
        )
    assert len(expected) == 5
    assert {str(e["UID"]) for e in events} == expected
    event = next(e for e in events if str(e["UID"]) == turkey_uid)
    assert str(event["SUMMARY"]) == f"{turkey_ref} · Acknowledgement of receipt"
    assert event.decoded("DTSTART") == turkey_due
    assert "TR-MOJ" in str(event["DESCRIPTION"]) and "business days" in str(event["DESCRIPTION"])
    body = response.get_data(as_text=True)
    assert "Aliyev" not in body and "fraud" not in body.lower()


def test_calendar_feed_needs_the_right_token_and_revoking_ends_it(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    old = _create_feed(client)
    anonymous = directory_app.test_client()
    assert anonymous.get("/calendar/not-the-token.ics").status_code == 404
    assert anonymous.get(old.replace(".ics", "x.ics")).status_code == 404
    new = _create_feed(client)
    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200
    with directory_app.app_context():
        stored = db.session.scalar(
            select(User.calendar_token_hash).where(User.id == people.almaty.id)
        )
    assert stored and stored not in new
    page = client.get("/deadlines/calendar").get_data(as_text=True)
    assert "feed-url" not in page and "cannot be shown again" in page
    assert client.post("/deadlines/calendar", data={"action": "revoke"}).status_code == 302
    assert anonymous.get(new).status_code == 404
    assert client.post("/deadlines/calendar", data={"action": "steal"}).status_code == 400


# --- the API ------------------------------------------------------------------------------


def test_api_lists_the_callers_deadlines_with_filters(directory_app, people, ids):
    api = api_client(directory_app, people.almaty)
    response = api.get("/api/v1/deadlines?state=open&due=overdue")
    assert response.status_code == 200
    items = response.json["items"]
    assert len(items) == 2 and response.json["meta"]["total"] == 2
    assert all(item["is_overdue"] and item["days_left"] < 0 for item in items)
    assert items[0]["due_on"] < items[1]["due_on"]
    assert set(items[0]) >= {
        "id",
        "kind",
        "title",
        "due_on",
        "state",
        "days_left",
        "is_overdue",
        "is_due_soon",
        "owner_office",
        "request_reference",
        "case_reference",
        "rule",
    }
    assert {item["owner_office"] for item in items} == {"TR-MOJ", "UZ-TAS"}
    soon = api.get("/api/v1/deadlines?due=soon").json["items"]
    assert [(i["kind"], i["days_left"], i["is_due_soon"]) for i in soon] == [
        ("response_due", 4, True)
    ]
    custody = api.get("/api/v1/deadlines?kind=custody_limit").json["items"]
    assert custody[0]["case_reference"] == FRAUD
    assert custody[0]["request_reference"] is None
    paged = api.get("/api/v1/deadlines?per_page=2&page=2").json
    assert paged["meta"] == {"page": 2, "per_page": 2, "total": 6, "pages": 3}


def test_api_rejects_bad_filters_and_hides_content_from_coordinators(directory_app, people, ids):
    bad = api_client(directory_app, people.almaty).get("/api/v1/deadlines?due=yesterday")
    assert bad.status_code == 422
    assert "due" in bad.json["error"]["fields"]
    assert api_client(directory_app, people.coordinator).get("/api/v1/deadlines").status_code == 404
    assert api_client(directory_app, people.tbilisi).get("/api/v1/deadlines").json["items"] == []


def test_a_central_authority_watches_its_countrys_deadlines(directory_app, people, ids):
    page = signed_in(directory_app, people.kz_ca).get("/deadlines").get_data(as_text=True)
    assert len(rows(page)) == 5
    assert FRAUD in page and "TR-MOJ" in page


def test_forms_refuse_posts_without_a_csrf_token(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    directory_app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/deadlines/calendar", data={"action": "create"}).status_code == 400
    closing = client.post(f"/deadlines/{ids['custody']}/close", data={"state": "met"})
    assert closing.status_code == 400
    with directory_app.app_context():
        assert db.session.get(Deadline, ids["custody"]).state == DeadlineState.OPEN
        stored = db.session.scalar(
            select(User.calendar_token_hash).where(User.id == people.almaty.id)
        )
    assert stored is None
