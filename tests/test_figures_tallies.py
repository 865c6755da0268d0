"""The network figures' tallies stay equal to counts made over the requests themselves.

The oracle is ``services.figures_from_requests``: the grouped passes over the requests that
served the figures before the tallies (and still serve a period filter).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, select, update

from casetrack import clock, figures
from casetrack.db import db
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    UNSENT_STATUSES,
    Case,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Office,
    RefusalGround,
    Request,
    RequestDurationFigure,
    RequestStatus,
    RequestTally,
    User,
)
from casetrack.monitoring import services
from casetrack.monitoring.sql import Filters
from casetrack.reference_data import ASSISTANCE_TYPES
from tests.factories import api_client, make_case, make_request

TYPES = [row["code"] for row in ASSISTANCE_TYPES]


def _user(session, person) -> User:
    return session.get(User, person.id)


def _duration(rng: random.Random) -> timedelta:
    # Whole hours under two days, whole days beyond: the tallies' rounding keeps them exact.
    if rng.random() < 0.3:
        return timedelta(hours=rng.randint(0, 47))
    return timedelta(days=rng.randint(2, 200))


def _values(rng: random.Random, offices: list[int], now: datetime) -> dict:
    status = rng.choice(list(RequestStatus))
    origin, target = rng.sample(offices, 2)
    sent_at = acknowledged_at = closed_at = None
    if status not in UNSENT_STATUSES:
        sent_at = (now - timedelta(days=rng.randint(0, 500))).replace(
            hour=rng.randint(0, 23), minute=0, second=0, microsecond=0
        )
        if status != RequestStatus.SENT and rng.random() < 0.9:
            acknowledged_at = sent_at + _duration(rng)
        if status in (RequestStatus.EXECUTED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN):
            closed_at = sent_at + _duration(rng)
    return {
        "requesting_office_id": origin,
        "requested_office_id": target,
        "status": status,
        "assistance_types": rng.sample(TYPES, rng.randint(1, 3)),
        "sent_at": sent_at,
        "acknowledged_at": acknowledged_at,
        "closed_at": closed_at,
        "refusal_ground": rng.choice([*RefusalGround, None])
        if status == RequestStatus.REFUSED
        else None,
    }


def build_random_network(session, seed: int, count: int) -> None:
    """Requests in every status between random offices: half added as ORM objects, half by
    an ORM bulk insert; then a third of them changed, and a few deleted, through the ORM."""
    rng = random.Random(seed)
    offices = list(session.scalars(select(Office.id).order_by(Office.id)))
    countries = dict(session.execute(select(Office.id, Office.country_code)).all())
    now = clock.now()
    year = clock.today().year
    for index in range(count):
        values = _values(rng, offices, now)
        common = {"reference": f"RND/{seed}/{index}", "year": year, "seq": 100_000 + index}
        if index % 2:
            session.add(Request(**common, **values))
        else:
            session.execute(insert(Request), [{**common, **values}])
    session.commit()
    requests = list(session.scalars(select(Request).where(Request.reference.like("RND/%"))))
    for request in rng.sample(requests, len(requests) // 3):
        changed = _values(rng, offices, now)
        names = set(rng.sample(sorted(changed), rng.randint(1, len(changed))))
        if names & {"status", "sent_at", "acknowledged_at", "closed_at"}:
            # The dates move together: their differences stay whole hours or whole days.
            names |= {"status", "sent_at", "acknowledged_at", "closed_at"}
        for name in names:
            setattr(request, name, changed[name])
        if request.status in UNSENT_STATUSES:
            request.sent_at = request.acknowledged_at = request.closed_at = None
        if rng.random() < 0.2:
            # Dispatched: always to an office of the requested country (mla.dispatching).
            country = countries[request.requested_office_id]
            request.executing_office_id = rng.choice(
                [office for office, code in countries.items() if code == country]
            )
    session.flush()
    for request in rng.sample(requests, 3):
        session.delete(request)
    session.flush()
    today = clock.today()
    rows = []
    for request in session.scalars(select(Request).where(Request.sent_at.is_not(None))):
        for kind in (DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.RESPONSE_DUE):
            if rng.random() < 0.5:
                rows.append(
                    {
                        "request_id": request.id,
                        "kind": kind,
                        "due_on": today - timedelta(days=rng.randint(-30, 400)),
                        "state": rng.choice([DeadlineState.OPEN, DeadlineState.MISSED]),
                        "owner_office_id": request.requested_office_id,
                    }
                )
    session.execute(insert(Deadline), rows)
    session.commit()


def _first_difference(left, right, path=""):
    """Where two figures first differ (for the assertion's message)."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right), key=str):
            found = _first_difference(left.get(key), right.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found = _first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(left, float) and path.endswith("_days"):
        # The percentiles over the requests are float arithmetic, the tallies' exact
        # fractions: they may round a last digit's half differently.
        return None if abs(left - right) <= 0.0101 else (path, left, right)
    return None if left == right else (path, left, right)


FILTERS = [
    {},
    {"country": "KZ"},
    {"assistance_type": "records"},
    {"country": "UZ", "assistance_type": "freezing"},
    {"is_my_country": True},
    {"is_my_country": True, "assistance_type": "records"},
    {"date_from": clock.today() - timedelta(days=200)},
]


@pytest.mark.parametrize("seed", [1, 2])
def test_figures_from_the_tallies_equal_the_figures_over_the_requests(directory_app, people, seed):
    with directory_app.app_context():
        session = db.session
        build_random_network(session, seed, 300)
        assert figures.differences(session) == {}
        today = clock.today()
        for person in (people.coordinator, people.kz_ca, people.almaty):
            user = _user(session, person)
            for chosen in FILTERS:
                filters = Filters(**chosen)
                tallied = services.network_figures(session, user, filters, today)
                counted = services.figures_from_requests(session, user, filters, today)
                assert _first_difference(tallied, counted) is None, (person.email, chosen)
                session.rollback()
        # Not trivially equal: the network has figures to compare.
        coordinator = _user(session, people.coordinator)
        network = services.network_figures(session, coordinator, Filters(), today)
        assert sum(network["by_status"].values()) > 100
        assert network["time_to_execute"]["by_assistance_type"]
        assert sum(network["overdue_by_age"].values()) > 0


def _complete_request(session, status: str, to: str) -> int:
    almaty = session.scalar(select(Office).where(Office.code == "KZ-ALM"))
    requested = session.scalar(select(Office).where(Office.code == to))
    case = make_case(session, office=almaty)
    reference, seq = next_reference(session, almaty, clock.today().year)
    request = Request(
        reference=reference,
        year=clock.today().year,
        seq=seq,
        case=case,
        requesting_office=almaty,
        requested_office=requested,
        is_reciprocity=True,
        status=RequestStatus(status),
        subject="Bank records",
        assistance_types=["records", "freezing"],
        measures=[{"text": "Statements of account", "questions": []}],
        signatory_name="A. Nurlanova",
    )
    session.add(request)
    session.commit()
    return request.id


def _assert_tallies_exact(app, people) -> None:
    with app.app_context():
        assert figures.differences(db.session) == {}
        coordinator = _user(db.session, people.coordinator)
        today = clock.today()
        assert services.network_figures(
            db.session, coordinator, Filters(), today
        ) == services.figures_from_requests(db.session, coordinator, Filters(), today)
        db.session.rollback()


def _network(app, count: int = 60) -> None:
    """Requests of every status between the directory's offices, written in bulk."""
    with app.app_context():
        build_random_network(db.session, 4, count)


def test_the_lifecycle_keeps_the_tallies_exact(directory_app, people):
    app = directory_app
    clients = {
        name: api_client(app, getattr(people, name))
        for name in ("almaty", "kz_ca", "tashkent", "uz_ca")
    }
    ALMATY, KZ_CA, TASHKENT, UZ_CA = clients  # noqa: N806 - the steps below read as a table
    _network(app)
    _assert_tallies_exact(app, people)
    with app.app_context():
        executed = _complete_request(db.session, "approved", "UZ-TAS")
        refused = _complete_request(db.session, "approved", "UZ-TAS")
        withdrawn = _complete_request(db.session, "draft", "UZ-TAS")
        dispatched = _complete_request(db.session, "approved", "UZ-GPO")
    _assert_tallies_exact(app, people)  # requests written through the ORM
    executing_before = _executing_at(app, "UZ-TAS")
    steps = [
        (KZ_CA, executed, {"action": "send"}),
        (TASHKENT, executed, {"action": "acknowledge"}),
        (TASHKENT, executed, {"action": "start"}),
        (TASHKENT, executed, {"action": "execute", "comment": "done"}),
        (KZ_CA, refused, {"action": "send"}),
        (TASHKENT, refused, {"action": "acknowledge"}),
        (TASHKENT, refused, {"action": "refuse", "comment": "no", "grounds": "dual_criminality"}),
        (ALMATY, withdrawn, {"action": "withdraw", "comment": "not needed"}),
        (KZ_CA, dispatched, {"action": "send"}),
        (UZ_CA, dispatched, {"action": "acknowledge"}),
        (UZ_CA, dispatched, {"action": "dispatch", "office": "UZ-TAS", "comment": "yours"}),
        (TASHKENT, dispatched, {"action": "start"}),
    ]
    for name, request_id, body in steps:
        response = clients[name].post(f"/api/v1/requests/{request_id}/transitions", json=body)
        assert response.status_code == 201, (body, response.json)
        _assert_tallies_exact(app, people)
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(Request.id, Request.status).where(
                    Request.id.in_([executed, refused, withdrawn, dispatched])
                )
            ).all()
        )
    assert statuses == {
        executed: RequestStatus.EXECUTED,
        refused: RequestStatus.REFUSED,
        withdrawn: RequestStatus.WITHDRAWN,
        dispatched: RequestStatus.IN_EXECUTION,
    }
    # Of these four, only the dispatched request names Tashkent as its executing office.
    after = _executing_at(app, "UZ-TAS")
    assert {k: after.get(k, 0) - executing_before.get(k, 0) for k in after} == {
        **{k: 0 for k in after},
        "in_execution": 1,
    }


def _executing_at(app, code: str) -> dict[str, int]:
    """The tallied requests, by status, whose executing office is ``code``."""
    with app.app_context():
        office_id = db.session.scalar(select(Office.id).where(Office.code == code))
        rows = db.session.scalars(
            select(RequestTally).where(
                RequestTally.executing_office_id == office_id, RequestTally.assistance_type == "*"
            )
        ).all()
        totals: dict[str, int] = {}
        for row in rows:
            totals[row.status] = totals.get(row.status, 0) + row.count
        return totals


def test_rebuild_restores_the_tallies_and_the_check_finds_a_difference(directory_app):
    app = directory_app
    _network(app)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["casetrack", "figures-rebuild", "--check"]).exit_code == 0
    with app.app_context():
        db.session.execute(
            update(RequestTally.__table__)
            .where(RequestTally.__table__.c.assistance_type == "*")
            .values(count=RequestTally.__table__.c.count + 5)
        )
        db.session.execute(delete(RequestTally.__table__).where(RequestTally.status == "sent"))
        db.session.commit()
        assert figures.differences(db.session)
    checked = runner.invoke(args=["casetrack", "figures-rebuild", "--check"])
    assert checked.exit_code != 0
    assert "request_tallies" in checked.output
    rebuilt = runner.invoke(args=["casetrack", "figures-rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "tallies match the requests" in rebuilt.output
    with app.app_context():
        assert figures.differences(db.session) == {}


def test_a_bulk_change_of_counted_columns_is_refused(directory_app):
    app = directory_app
    with app.app_context():
        make_request(db.session, status=RequestStatus.SENT)
        db.session.commit()
        with pytest.raises(RuntimeError, match="tallies"):
            db.session.execute(update(Request).values(status=RequestStatus.WITHDRAWN))
        db.session.rollback()
        # A change of what no figure counts goes through.
        db.session.execute(update(Request).values(subject="renamed"))
        db.session.rollback()


def test_durations_are_rounded_to_the_hour_then_to_the_day():
    assert figures.duration_bucket(0) == 0
    assert figures.duration_bucket(12 * 3600) == 12
    assert figures.duration_bucket(12 * 3600 + 1799) == 12
    assert figures.duration_bucket(12 * 3600 + 1800) == 13
    assert figures.duration_bucket(47 * 3600 + 1799) == 47
    # From two days on, whole days: 2 days 11 hours is 2 days, 2 days 12 hours is 3.
    assert figures.duration_bucket(59 * 3600) == 48
    assert figures.duration_bucket(60 * 3600) == 72
    assert figures.duration_bucket(30 * 86400 + 5 * 3600) == 30 * 24
    assert figures.duration_bucket(round(timedelta(days=2.5).total_seconds())) == 72


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_rebuild_waits_for_a_writer_instead_of_counting_it_twice(empty_app):
    """A request written while a rebuild runs is counted once, and the rebuild finishes.

    The writer's new request shares its offices and status with one already counted (its
    tally rows are updated, so they are locked) and asks for a type not counted yet (a new
    row): without the rebuild's lock on the requests, its chunk deleted the old rows once
    the writer committed, kept the new one it had not seen, counted the request again and
    collided with that row.
    """
    import threading

    from tests.factories import make_case, make_office, make_request

    with empty_app.app_context():
        case = make_case(db.session)
        to = make_office(db.session, country_code="UZ")
        make_request(db.session, case=case, requested_office=to, status=RequestStatus.SENT,
                     assistance_types=["records"])  # fmt: skip
        db.session.commit()
        case_id, to_id = case.id, to.id
    flushed, proceed = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def write():
        with empty_app.app_context():
            try:
                make_request(
                    db.session,
                    case=db.session.get(Case, case_id),
                    requested_office=db.session.get(Office, to_id),
                    status=RequestStatus.SENT,
                    assistance_types=["records", "witness"],
                )
                flushed.set()
                proceed.wait(30)
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported by the test below
                failures.append(error)
                flushed.set()
            finally:
                db.session.remove()

    def rebuild():
        with empty_app.app_context():
            try:
                figures.rebuild(db.session)
            except BaseException as error:  # noqa: BLE001 - reported by the test below
                failures.append(error)
            finally:
                db.session.remove()

    writer = threading.Thread(target=write)
    writer.start()
    assert flushed.wait(30)
    rebuilder = threading.Thread(target=rebuild)
    rebuilder.start()
    rebuilder.join(1)  # give the rebuild time to reach the writer's rows
    proceed.set()
    writer.join(30)
    rebuilder.join(60)
    assert not failures, failures
    with empty_app.app_context():
        assert figures.differences(db.session) == {}
        sent = db.session.scalar(
            select(RequestTally.count).where(
                RequestTally.requesting_office_id == db.session.get(Case, case_id).office_id,
                RequestTally.assistance_type == "*",
            )
        )
        assert sent == 2


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_writers_of_one_histogram_keep_its_percentiles_exact(empty_app):
    """Two requests of one country pair acknowledged in two transactions at once keep the
    pair's percentiles (``RequestDurationFigure``) equal to its histogram.

    The writers share no tally row (two offices of one country, another status and month,
    another rounded duration), write in bulk (no audit event, whose chain's lock would
    queue them) and both recompute the pair's figures: without the lock on the
    figures' row before the read, each read the histogram without the other's uncommitted
    row and the second to commit kept figures that missed the first's request.
    """
    import threading

    from tests.factories import make_office

    with empty_app.app_context():
        cases = [make_case(db.session, office=make_office(db.session)) for _ in range(2)]
        to = make_office(db.session, country_code="UZ")
        db.session.commit()
        case_ids, to_id = [case.id for case in cases], to.id
    flushed, proceed = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def write(index: int, hours: int, wait: bool):
        sent_at = clock.now() - timedelta(days=30 + 60 * index)
        with empty_app.app_context():
            try:
                case = db.session.get(Case, case_ids[index])
                # An ORM bulk insert (counted by ``keeping._count_bulk_statements``): no audit
                # event, whose chain's lock would make the two writers wait for each other.
                db.session.execute(
                    insert(Request),
                    [
                        {
                            "reference": f"T/{index}",
                            "year": clock.today().year,
                            "seq": 900 + index,
                            "case_id": case.id,
                            "requesting_office_id": case.office_id,
                            "requested_office_id": to_id,
                            "subject": "Bank records",
                            "status": (RequestStatus.RECEIVED, RequestStatus.IN_EXECUTION)[index],
                            "sent_at": sent_at,
                            "acknowledged_at": sent_at + timedelta(hours=hours),
                            "assistance_types": ["records"],
                        }
                    ],
                )
                if wait:
                    flushed.set()
                    proceed.wait(30)
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported by the test below
                failures.append(error)
                flushed.set()
            finally:
                db.session.remove()

    first = threading.Thread(target=write, args=(0, 3, True))
    first.start()
    assert flushed.wait(30)
    second = threading.Thread(target=write, args=(1, 20, False))
    second.start()
    second.join(1)  # give the second writer time to reach the pair's figures
    proceed.set()
    first.join(30)
    second.join(30)
    assert not failures, failures
    with empty_app.app_context():
        assert figures.differences(db.session) == {}
        counts = db.session.scalars(
            select(RequestDurationFigure.count).where(
                RequestDurationFigure.assistance_type == "*",
                RequestDurationFigure.from_country != "*",
            )
        ).all()
        assert counts == [2]


def test_percentiles_of_many_groups_at_once_are_read_from_the_whole_histogram(
    directory_app, monkeypatch
):
    """A change of more groups than are sought one by one (a bulk load's batch) finds them
    in the whole histogram, with the same figures."""
    from casetrack.figures import percentiles

    monkeypatch.setattr(percentiles, "SOUGHT_AT_MOST", 0)
    _network(directory_app)
    with directory_app.app_context():
        assert figures.differences(db.session) == {}
        assert db.session.scalar(select(func.count()).select_from(RequestDurationFigure)) > 10
