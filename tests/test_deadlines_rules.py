"""Deadline arithmetic, the deadlines each request step opens or closes, and the nightly run."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.deadlines.reminders import run_reminders
from casetrack.deadlines.rules import apply_transition_deadlines
from casetrack.deadlines.workdays import Rule
from casetrack.models import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    Reminder,
    Request,
    RequestLegalBasis,
    RequestStatus,
    Treaty,
)
from tests import factories
from tests.factories import make_case, make_deadline, office

# --- arithmetic across real holidays ---------------------------------------------------


def test_kazakhstan_business_days_skip_nauryz():
    assert Rule(10, is_business=True).due(date(2026, 3, 20), "KZ") == date(2026, 4, 8)
    assert Rule(10).due(date(2026, 3, 20), "KZ") == date(2026, 3, 30)


def test_azerbaijan_acknowledgement_skips_the_novruz_and_eid_break():
    start = date(2026, 3, 19)
    business = Rule(7, is_business=True).due(start, "AZ")
    # 20–30 March 2026 is one long break; the count resumes on Tuesday 31 March.
    assert business == date(2026, 4, 8)
    assert business > Rule(7).due(start, "AZ") == date(2026, 3, 26)


def test_a_friday_start_skips_the_weekend():
    friday = date(2026, 11, 27)
    assert friday.weekday() == 4
    due = Rule(1, is_business=True).due(friday, "KZ")
    assert due == date(2026, 11, 30) and due.weekday() == 0


def test_ukraine_2026_counts_weekends_only():
    assert len(holidays.country_holidays("UA", years=2026)) == 0
    # 1 and 7 January are working days under martial law: Fri 2, Mon 5 … Thu 8.
    assert Rule(5, is_business=True).due(date(2026, 1, 1), "UA") == date(2026, 1, 8)


def test_a_country_without_a_calendar_still_skips_weekends():
    assert Rule(1, is_business=True).due(date(2026, 11, 27), "ZZ") == date(2026, 11, 30)


def test_rules_describe_themselves():
    assert Rule(7, True).describe(date(2026, 3, 19), "az") == (
        "7 business days from 2026-03-19 (AZ calendar)"
    )
    assert Rule(90).describe(date(2026, 3, 19), "AZ") == "90 calendar days from 2026-03-19"


# --- the request lifecycle -------------------------------------------------------------


@pytest.fixture
def db_session(directory_app):
    """A session on the directory (its offices, countries and treaties), nothing else."""
    with directory_app.app_context():
        yield db.session


def make_request(session, requesting="KZ-ALM", requested="AZ-GPO", **fields) -> Request:
    """A request between two directory offices (sent, unless ``status`` says otherwise)."""
    case = make_case(session, office=office(session, requesting))
    return factories.make_request(
        session,
        case=case,
        requested_office=office(session, requested),
        status=fields.pop("status", RequestStatus.SENT),
        **fields,
    )


def deadlines_of(session, req) -> dict[DeadlineKind, list[Deadline]]:
    found: dict[DeadlineKind, list[Deadline]] = {}
    for deadline in session.scalars(
        select(Deadline).where(Deadline.request_id == req.id).order_by(Deadline.id)
    ):
        found.setdefault(deadline.kind, []).append(deadline)
    return found


DAY = date(2026, 3, 19)


def test_send_opens_acknowledgement_and_response(db_session):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    found = deadlines_of(db_session, req)
    (ack,) = found[DeadlineKind.ACKNOWLEDGEMENT]
    (response,) = found[DeadlineKind.RESPONSE_DUE]
    assert ack.due_on == date(2026, 4, 8)
    assert ack.rule == "7 business days from 2026-03-19 (AZ calendar)"
    assert response.due_on == DAY + timedelta(days=90)
    assert response.rule.startswith("90 calendar days from 2026-03-19")
    assert {ack.owner_office_id, response.owner_office_id} == {req.requested_office_id}
    # What the requesting office is owed carries that office (the lists read it there).
    assert {ack.requesting_office_id, response.requesting_office_id} == {req.requesting_office_id}
    assert ack.state == response.state == DeadlineState.OPEN


def test_steps_are_idempotent(db_session):
    req = make_request(db_session)
    for _ in range(2):
        apply_transition_deadlines(db_session, req, "send", DAY)
        apply_transition_deadlines(db_session, req, "register", DAY)
    found = deadlines_of(db_session, req)
    assert len(found[DeadlineKind.ACKNOWLEDGEMENT]) == len(found[DeadlineKind.RESPONSE_DUE]) == 1


def test_requested_execution_date_wins(db_session):
    req = make_request(db_session, execution_requested_on=date(2026, 5, 4))
    apply_transition_deadlines(db_session, req, "send", DAY)
    (response,) = deadlines_of(db_session, req)[DeadlineKind.RESPONSE_DUE]
    assert response.due_on == date(2026, 5, 4)
    assert "requested" in response.rule


def test_treaty_default_counts_as_the_treaty_says(db_session):
    business = Treaty(
        code="TEST-BIZ",
        title_en="Test",
        title_ru="Тест",
        default_response_days=10,
        default_days_are_business=True,
    )
    calendar = Treaty(code="TEST-CAL", title_en="Test", title_ru="Тест", default_response_days=60)
    req = make_request(db_session, requested="KZ-GPO")
    req.legal_bases += [
        RequestLegalBasis(treaty=calendar),
        RequestLegalBasis(treaty=business),
    ]
    db_session.flush()
    apply_transition_deadlines(db_session, req, "send", date(2026, 3, 20))
    (response,) = deadlines_of(db_session, req)[DeadlineKind.RESPONSE_DUE]
    # The shorter limit of the two treaties, in Kazakh working days across Nauryz.
    assert response.due_on == date(2026, 4, 8)
    assert response.rule == "10 business days from 2026-03-20 (KZ calendar), TEST-BIZ"


def test_acknowledge_meets_only_the_acknowledgement(db_session):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    apply_transition_deadlines(db_session, req, "acknowledge", DAY + timedelta(days=2))
    found = deadlines_of(db_session, req)
    assert found[DeadlineKind.ACKNOWLEDGEMENT][0].state == DeadlineState.MET
    assert found[DeadlineKind.ACKNOWLEDGEMENT][0].closed_at is not None
    assert found[DeadlineKind.RESPONSE_DUE][0].state == DeadlineState.OPEN


@pytest.mark.parametrize("action", ["execute", "refuse"])
def test_an_answer_meets_what_is_owed(db_session, action):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    apply_transition_deadlines(db_session, req, action, DAY + timedelta(days=20))
    found = deadlines_of(db_session, req)
    assert found[DeadlineKind.ACKNOWLEDGEMENT][0].state == DeadlineState.MET
    assert found[DeadlineKind.RESPONSE_DUE][0].state == DeadlineState.MET


def test_partial_execution_keeps_the_response_open(db_session):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    apply_transition_deadlines(db_session, req, "partially_execute", DAY + timedelta(days=20))
    found = deadlines_of(db_session, req)
    assert found[DeadlineKind.ACKNOWLEDGEMENT][0].state == DeadlineState.MET
    assert found[DeadlineKind.RESPONSE_DUE][0].state == DeadlineState.OPEN


def test_withdraw_cancels_everything_owed(db_session):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    apply_transition_deadlines(db_session, req, "acknowledge", DAY)
    apply_transition_deadlines(db_session, req, "withdraw", DAY + timedelta(days=3))
    found = deadlines_of(db_session, req)
    assert found[DeadlineKind.ACKNOWLEDGEMENT][0].state == DeadlineState.MET
    assert found[DeadlineKind.RESPONSE_DUE][0].state == DeadlineState.CANCELLED


def test_postpone_and_resume(db_session):
    req = make_request(db_session, status=RequestStatus.POSTPONED)
    apply_transition_deadlines(db_session, req, "send", DAY)
    req.postponed_until = date(2026, 6, 1)
    apply_transition_deadlines(db_session, req, "postpone", DAY)
    req.postponed_until = date(2026, 7, 1)
    apply_transition_deadlines(db_session, req, "postpone", DAY)
    (follow_up,) = deadlines_of(db_session, req)[DeadlineKind.FOLLOW_UP]
    assert follow_up.due_on == date(2026, 7, 1)
    assert follow_up.owner_office_id == req.requested_office_id
    apply_transition_deadlines(db_session, req, "resume", DAY + timedelta(days=40))
    assert follow_up.state == DeadlineState.MET
    assert deadlines_of(db_session, req)[DeadlineKind.RESPONSE_DUE][0].state == (DeadlineState.OPEN)


def test_register_opens_the_response_only(db_session):
    req = make_request(
        db_session, requesting="US-OIA", requested="KZ-GPO", status=RequestStatus.RECEIVED
    )
    apply_transition_deadlines(db_session, req, "register", DAY)
    found = deadlines_of(db_session, req)
    assert list(found) == [DeadlineKind.RESPONSE_DUE]
    assert found[DeadlineKind.RESPONSE_DUE][0].owner_office.code == "KZ-GPO"


@pytest.mark.parametrize(
    "action", ["submit", "reject", "approve", "start", "ask_info", "provide_info", "resume"]
)
def test_steps_that_owe_nothing_new(db_session, action):
    req = make_request(db_session, status=RequestStatus.DRAFT)
    apply_transition_deadlines(db_session, req, action, DAY)
    assert deadlines_of(db_session, req) == {}


def test_an_unknown_action_is_refused(db_session):
    req = make_request(db_session)
    with pytest.raises(ValueError, match="dance"):
        apply_transition_deadlines(db_session, req, "dance", DAY)


def test_a_late_acknowledgement_closes_a_missed_deadline(db_session):
    req = make_request(db_session)
    apply_transition_deadlines(db_session, req, "send", DAY)
    run_reminders(db_session, date(2026, 4, 20))
    (ack,) = deadlines_of(db_session, req)[DeadlineKind.ACKNOWLEDGEMENT]
    assert ack.state == DeadlineState.MISSED
    apply_transition_deadlines(db_session, req, "acknowledge", date(2026, 4, 21))
    assert ack.state == DeadlineState.MET
    assert ack.closed_at.date() > ack.due_on


# --- the nightly reminders ------------------------------------------------------------------


def _overdue_owed(session, today):
    return session.scalar(
        select(func.count(Deadline.id)).where(
            Deadline.state.in_((DeadlineState.OPEN, DeadlineState.MISSED)),
            Deadline.due_on < today,
        )
    )


@pytest.fixture
def late_deadlines(directory_app):
    """Almaty's late answer from Tashkent, Turkey's late acknowledgement, one met on time
    and one not due yet; returns the references of the two late requests."""
    today = clock.today()
    with directory_app.app_context():
        to_tashkent = make_request(db.session, requested="UZ-TAS")
        make_deadline(db.session, request=to_tashkent, due_on=today - timedelta(days=4))
        to_turkey = make_request(db.session, requesting="KZ-GPO", requested="TR-MOJ")
        make_deadline(
            db.session,
            request=to_turkey,
            kind=DeadlineKind.ACKNOWLEDGEMENT,
            title="Acknowledgement due",
            due_on=today - timedelta(days=1),
        )
        make_deadline(db.session, request=to_turkey, due_on=today + timedelta(days=80))
        answered = make_request(db.session, requested="AZ-GPO")
        make_deadline(
            db.session,
            request=answered,
            due_on=today - timedelta(days=10),
            state=DeadlineState.MET,
            closed_at=clock.now() - timedelta(days=12),
        )
        db.session.commit()
        return to_tashkent.reference, to_turkey.reference


def test_reminders_mark_missed_and_record_once_a_day(directory_app, late_deadlines):
    runner = directory_app.test_cli_runner()
    today = clock.today()
    with directory_app.app_context():
        overdue = _overdue_owed(db.session, today)
    assert overdue == 2  # the late answer from Tashkent and Turkey's acknowledgement

    first = runner.invoke(args=["casetrack", "reminders", "--today", today.isoformat()])
    assert first.exit_code == 0, first.output
    assert f"marked {overdue} missed; recorded {overdue} reminders" in first.output
    assert "KZ-ALM/" in first.output and "TR-MOJ" in first.output
    assert all(reference in first.output for reference in late_deadlines)
    assert "acknowledgement" in first.output

    again = runner.invoke(args=["casetrack", "reminders", "--today", today.isoformat()])
    assert again.exit_code == 0, again.output
    assert "marked 0 missed; recorded 0 reminders" in again.output

    with directory_app.app_context():
        late = db.session.scalars(select(Deadline).where(Deadline.due_on < today)).all()
        assert {d.state for d in late} == {DeadlineState.MISSED, DeadlineState.MET}
        assert db.session.scalar(select(func.count(Reminder.id))) == overdue

    tomorrow = (today + timedelta(days=1)).isoformat()
    next_day = runner.invoke(args=["casetrack", "reminders", "--today", tomorrow])
    assert f"marked 0 missed; recorded {overdue} reminders" in next_day.output


def test_reminders_commit_chunk_by_chunk_and_an_interrupted_run_is_finished(
    directory_app, late_deadlines
):
    """The nightly run holds its locks for one chunk at a time: it commits after each, and
    a run that stops midway leaves what it did and is finished by the next."""
    today = clock.today()

    class Stopped(Exception):
        pass

    with directory_app.app_context():
        commits = []

        def commit_then_stop():
            db.session.commit()
            commits.append(1)
            if len(commits) == 1:
                raise Stopped

        with pytest.raises(Stopped):
            run_reminders(db.session, today, commit=commit_then_stop, chunk=1)
        db.session.rollback()
        # The first chunk (one deadline marked missed) was committed, the rest not yet.
        states = db.session.scalars(select(Deadline.state).where(Deadline.due_on < today)).all()
        assert sorted(states) == sorted(
            [DeadlineState.MISSED, DeadlineState.OPEN, DeadlineState.MET]
        )

        commits.clear()
        reported = []
        run = run_reminders(
            db.session, today, commit=db.session.commit, report=reported.append, chunk=1
        )
        assert len(run.marked_missed) == 1 and run.reminded == 2
        assert [len(rows) for rows in reported] == [1, 1]  # one chunk of one at a time
        assert db.session.scalar(select(func.count(Reminder.id))) == 2
        again = run_reminders(db.session, today, commit=db.session.commit, chunk=1)
        assert again.marked_missed == [] and again.reminded == 0


def test_reminders_reject_a_bad_date(directory_app):
    runner = directory_app.test_cli_runner()
    result = runner.invoke(args=["casetrack", "reminders", "--today", "29.11.2026"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output or "%Y-%m-%d" in result.output
