"""Issue 16, flat monitoring: "days late" read from the late deadlines' tally
(``RequestLateTally``), exact as requests and deadlines change, equal to a count over the
requests on any day; the pages' access; the same statements at two sizes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, event, insert, select, update

from casetrack import clock, figures
from casetrack.db import db
from casetrack.models import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    RequestLateTally,
    RequestStatus,
    User,
)
from casetrack.monitoring import services
from casetrack.monitoring.sql import Filters
from tests.factories import (
    api_client,
    make_case,
    make_deadline,
    make_request,
    office,
    signed_in,
)

#: Days past due of the deadlines made: on both sides of every bucket's edge, and not yet due.
DAYS_LATE = (1, 29, 30, 31, 89, 90, 91, 180, 181, 400, -3)


def _request(session, origin="KZ-ALM", target="UZ-TAS", types=("records",), **overrides):
    case = make_case(session, office=office(session, origin))
    fields = {"status": RequestStatus.SENT, "assistance_types": list(types), **overrides}
    return make_request(session, case=case, requested_office=office(session, target), **fields)


def _late(session, request, days_late: int, **overrides):
    due_on = clock.today() - timedelta(days=days_late)
    return make_deadline(session, request=request, due_on=due_on, **overrides)


def _network(session, count: int = 1) -> list:
    """``count`` requests per entry of ``DAYS_LATE``, between three countries, two types."""
    made = []
    pairs = [("KZ-ALM", "UZ-TAS"), ("UZ-TAS", "AZ-GPO"), ("AZ-GPO", "KZ-GPO")]
    for n in range(count):
        for i, days in enumerate(DAYS_LATE):
            origin, target = pairs[(i + n) % len(pairs)]
            types = ("records",) if i % 2 else ("records", "freezing")
            request = _request(session, origin, target, types)
            _late(session, request, days)
            if i % 3 == 0:  # a second, later deadline: the earliest one counts
                _late(session, request, days - 10, kind=DeadlineKind.ACKNOWLEDGEMENT)
            made.append(request)
    return made


def _deadlines(request) -> list[Deadline]:
    return list(
        db.session.scalars(
            select(Deadline).where(Deadline.request_id == request.id).order_by(Deadline.id)
        )
    )


def _user(person) -> User:
    return db.session.get(User, person.id)


def _assert_exact(user, filters: Filters | None = None, today=None) -> dict:
    """The tallies equal a recount, and the figures read from them those counted over the
    requests; return the tallied "overdue by age"."""
    today = today or clock.today()
    filters = filters or Filters()
    assert figures.differences(db.session) == {}
    tallied = services.network_figures(db.session, user, filters, today)
    counted = services.figures_from_requests(db.session, user, filters, today)
    assert tallied["overdue_by_age"] == counted["overdue_by_age"]
    return tallied["overdue_by_age"]


def test_days_late_are_read_from_the_tally_and_equal_a_recount(directory_app, people):
    with directory_app.app_context():
        _network(db.session)
        db.session.commit()
        ageing = _assert_exact(_user(people.coordinator))
    # 1, 29 | 30, 31, 89 | 90, 91, 180 | 181, 400 days late (the earliest deadline counts).
    assert ageing == {"lt30": 2, "30-90": 3, "90-180": 3, "gt180": 2}


def test_every_day_of_two_months_buckets_as_the_requests_do(directory_app, people):
    """The month rows are read where a month falls in one bucket, days where it straddles
    an edge: on any day the figure equals the one counted over the requests."""
    with directory_app.app_context():
        _network(db.session)
        db.session.commit()
        coordinator = _user(people.coordinator)
        for offset in range(-20, 45):
            _assert_exact(coordinator, today=clock.today() + timedelta(days=offset))


def test_changing_deadlines_and_requests_keeps_the_tally_exact(directory_app, people):
    with directory_app.app_context():
        coordinator = _user(people.coordinator)
        met, moved, dropped, withdrawn, redirected, untyped = _network(db.session)[:6]
        db.session.commit()
        _assert_exact(coordinator)
        for deadline in _deadlines(met):
            deadline.state = DeadlineState.MET
        db.session.commit()
        _assert_exact(coordinator)
        _deadlines(moved)[0].due_on = clock.today() - timedelta(days=250)
        db.session.commit()
        _assert_exact(coordinator)
        db.session.delete(_deadlines(dropped)[0])
        db.session.commit()
        _assert_exact(coordinator)
        withdrawn.status = RequestStatus.WITHDRAWN
        db.session.commit()
        _assert_exact(coordinator)
        redirected.executing_office = office(db.session, "UZ-GPO")
        untyped.assistance_types = ["freezing"]
        db.session.commit()
        _assert_exact(coordinator)
        # A deadline reopened as missed is owed again.
        _deadlines(met)[0].state = DeadlineState.MISSED
        db.session.commit()
        ageing = _assert_exact(coordinator)
        assert sum(ageing.values()) > 0


def test_a_bulk_insert_of_deadlines_is_counted_and_a_bulk_update_refused(directory_app, people):
    with directory_app.app_context():
        request = _request(db.session)
        _late(db.session, request, 5)
        db.session.commit()
        rows = [
            {
                "request_id": request.id,
                "kind": DeadlineKind.ACKNOWLEDGEMENT,
                "title": "Acknowledgement",
                "due_on": clock.today() - timedelta(days=days),
                "state": DeadlineState.OPEN,
                "owner_office_id": request.requested_office_id,
            }
            for days in (40, 200)
        ]
        db.session.execute(insert(Deadline), rows)
        db.session.commit()
        ageing = _assert_exact(_user(people.coordinator))
        assert ageing == {"lt30": 0, "30-90": 0, "90-180": 0, "gt180": 1}
        with pytest.raises(RuntimeError, match="deadlines behind the tallies"):
            db.session.execute(update(Deadline).values(state=DeadlineState.MET))
        db.session.rollback()


def test_rebuild_restores_the_late_tally(directory_app, people):
    with directory_app.app_context():
        _network(db.session)
        db.session.commit()
        db.session.execute(delete(RequestLateTally))
        db.session.commit()
        assert "request_late_tallies" in figures.differences(db.session)
        figures.rebuild(db.session)
        _assert_exact(_user(people.coordinator))


def test_filters_and_a_central_authoritys_own_country(directory_app, people):
    with directory_app.app_context():
        _network(db.session)
        db.session.commit()
        coordinator, kz_ca = _user(people.coordinator), _user(people.kz_ca)
        for filters in (
            Filters(country="AZ"),
            Filters(assistance_type="freezing"),
            Filters(country="KZ", assistance_type="records"),
        ):
            _assert_exact(coordinator, filters)
        network = _assert_exact(kz_ca)
        mine = _assert_exact(kz_ca, Filters(is_my_country=True))
    # The network's 10 overdue requests; Kazakhstan's own: KZ→UZ and AZ→KZ (not UZ→AZ).
    assert sum(network.values()) == 10
    assert 0 < sum(mine.values()) < 10
    response = api_client(directory_app, people.kz_ca).get("/api/v1/stats/requests?scope=mine")
    assert response.status_code == 200
    assert response.json["overdue_by_age"] == mine
    pairs = {(p["from"], p["to"]) for p in response.json["country_pairs"]}
    assert pairs == {("KZ", "UZ"), ("AZ", "KZ")}


def test_an_admin_gets_404_and_a_prosecutor_counts_only_their_office(directory_app, people):
    client = signed_in(directory_app, people.admin)
    for path in ("/monitoring", "/monitoring/requests", "/monitoring?scope=mine"):
        assert client.get(path).status_code == 404, path
    assert api_client(directory_app, people.admin).get("/api/v1/stats/requests").status_code == 404
    with directory_app.app_context():
        _network(db.session)
        db.session.commit()
        # Almaty's own requests (KZ-ALM → UZ-TAS), read from the requests for its office.
        ageing = _assert_exact(_user(people.almaty))
    assert 0 < sum(ageing.values()) < 10
    response = api_client(directory_app, people.almaty).get("/api/v1/stats/requests")
    assert response.status_code == 200
    assert response.json["overdue_by_age"] == ageing
    assert {(p["from"], p["to"]) for p in response.json["country_pairs"]} == {("KZ", "UZ")}


def test_bad_filters_get_a_message(directory_app, people):
    client = signed_in(directory_app, people.coordinator)
    response = client.get("/monitoring/requests?age=forever")
    assert response.status_code == 400
    response = api_client(directory_app, people.coordinator).get(
        "/api/v1/stats/requests?from=2026-05-01&to=2026-01-01"
    )
    assert response.status_code == 422


def _statements(app, client, path: str) -> int:
    """The statements one view of ``path`` runs (after a first view that warms the caches)."""
    client.get(path)
    with app.app_context():
        engine = db.engine
    seen = []

    def count(*args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, path
    return len(seen)


def test_the_same_statements_at_two_sizes(directory_app, people):
    coordinator = signed_in(directory_app, people.coordinator)
    views = (
        (coordinator, "/monitoring"),
        (signed_in(directory_app, people.kz_ca), "/monitoring?scope=mine"),
        (coordinator, "/monitoring/requests?status=open"),
        (coordinator, "/monitoring/requests?age=gt180&per_page=1"),
        (api_client(directory_app, people.coordinator), "/api/v1/stats/requests"),
    )
    counts = []
    for size in (1, 3):
        with directory_app.app_context():
            _network(db.session, size)
            db.session.commit()
        counts.append([_statements(directory_app, client, path) for client, path in views])
    assert counts[0] == counts[1]


@pytest.mark.parametrize("who", ["coordinator", "kz_ca"])
def test_the_drill_down_reads_its_order_from_an_index(directory_app, people, who):
    """The list behind a figure (newest sent first, the unsent last) walks an index in that
    order and stops at the page, on any number of requests: no sort of the whole network.

    The plan is asked with sorting priced out (``enable_sort=off``), so that the small table
    of a test does not make a sort the cheaper choice: a plan that still sorts has no index
    that gives the order. On SQLite, a DESC walk of ix_requests_sent_at gives it.
    """
    from sqlalchemy import text

    with directory_app.app_context():
        session = db.session
        for status in (RequestStatus.SENT, RequestStatus.DRAFT, RequestStatus.EXECUTED):
            _request(session, status=status)
        session.commit()
        user = session.get(User, getattr(people, who).id)
        stmt = services.NetworkQueries(session, user, Filters(), clock.today()).request_rows()
        page = stmt.limit(50).offset(0)
        compiled = page.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET LOCAL enable_sort = off"))
            plan = "\n".join(session.execute(text(f"EXPLAIN {compiled}")).scalars())
            assert "ix_requests_sent_order" in plan and "Sort" not in plan, plan
        else:
            rows = session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            plan = "\n".join(str(row[-1]) for row in rows)
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
        session.rollback()
