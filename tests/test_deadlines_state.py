"""The deadline state: one definition of owed / overdue / due soon / days left, in SQL and Python.

The bug this fixes: request lists counted only *open* deadlines as overdue, so once the
nightly ``reminders`` run marked a deadline *missed*, its request dropped out of
``/requests/?overdue=1`` and ``/api/v1/requests?overdue=true``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.deadlines import state
from casetrack.deadlines.reminders import run_reminders
from casetrack.models import Deadline, DeadlineState, RequestStatus
from tests.factories import (
    api_client,
    make_case,
    make_deadline,
    make_office,
    make_request,
    make_user,
    signed_in,
)


@pytest.fixture
def late_request(empty_app):
    """A sent request whose response was due three days ago, and one that is on time."""
    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office)
        late = make_request(
            db.session, case=make_case(db.session, office=office), status=RequestStatus.SENT
        )
        make_deadline(db.session, request=late, due_on=clock.today() - timedelta(days=3))
        on_time = make_request(
            db.session, case=make_case(db.session, office=office), status=RequestStatus.SENT
        )
        make_deadline(db.session, request=on_time, due_on=clock.today() + timedelta(days=20))
        db.session.commit()
        return {"user": user, "late": late.reference, "on_time": on_time.reference}


def _listed_overdue(empty_app, user) -> tuple[str, list[str]]:
    page = signed_in(empty_app, user).get("/requests/?overdue=1").get_data(as_text=True)
    answer = api_client(empty_app, user).get("/api/v1/requests?overdue=true")
    assert answer.status_code == 200
    return page, [item["reference"] for item in answer.get_json()["items"]]


def test_a_missed_deadline_keeps_its_request_overdue(empty_app, late_request):
    page, listed = _listed_overdue(empty_app, late_request["user"])
    assert late_request["late"] in page and late_request["on_time"] not in page
    assert listed == [late_request["late"]]

    with empty_app.app_context():
        run = run_reminders(db.session, clock.today())
        db.session.commit()
        assert [d.state for d in db.session.scalars(select(Deadline))].count(
            DeadlineState.MISSED
        ) == 1
        assert len(run.marked_missed) == 1

    page, listed = _listed_overdue(empty_app, late_request["user"])
    assert late_request["late"] in page and late_request["on_time"] not in page
    assert listed == [late_request["late"]]


@pytest.mark.parametrize(
    ("deadline_state", "days", "overdue", "soon", "left"),
    [
        (DeadlineState.OPEN, -3, True, False, -3),
        (DeadlineState.MISSED, -3, True, False, -3),
        (DeadlineState.OPEN, 0, False, True, 0),
        (DeadlineState.OPEN, state.SOON_DAYS, False, True, state.SOON_DAYS),
        (DeadlineState.OPEN, state.SOON_DAYS + 1, False, False, state.SOON_DAYS + 1),
        (DeadlineState.MET, -3, False, False, None),
        (DeadlineState.CANCELLED, 2, False, False, None),
    ],
)
def test_sql_and_python_agree(empty_app, deadline_state, days, overdue, soon, left):
    today = clock.today()
    with empty_app.app_context():
        deadline = make_deadline(
            db.session, due_on=today + timedelta(days=days), state=deadline_state
        )
        db.session.commit()
        assert state.overdue(today, deadline) is overdue
        assert state.due_soon(today, deadline) is soon
        assert state.days_left(today, deadline) == left
        found = {
            "overdue": db.session.scalar(
                select(Deadline.id).where(Deadline.id == deadline.id, state.overdue(today))
            ),
            "soon": db.session.scalar(
                select(Deadline.id).where(Deadline.id == deadline.id, state.due_soon(today))
            ),
        }
        assert (found["overdue"] is not None, found["soon"] is not None) == (overdue, soon)


def test_the_clock_is_fixed_and_travels():
    assert clock.today().isoformat() == "2026-12-02"
    with clock.travel(clock.today() + timedelta(days=40)):
        assert clock.today().isoformat() == "2027-01-11"
        assert clock.now().tzinfo is not None
    assert clock.today().isoformat() == "2026-12-02"
