"""The dashboard's and the links pages' bounded reads (issue 16): capped counts, and the
newest hits merged from both sides of the hit in the right order and pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.deadlines.queries import DASHBOARD_COUNT_CAP
from casetrack.models import CrossBorderHit, DeadlineKind, HitKind, PartyLink, RequestStatus
from tests.factories import (
    api_client,
    make_case,
    make_deadline,
    make_office,
    make_party,
    make_request,
    make_user,
    office,
    signed_in,
)


def _case_deadlines(session, case, office, count: int, due_in_days: int) -> None:
    for _ in range(count):
        make_deadline(
            session,
            request=None,
            request_id=None,
            case_id=case.id,
            kind=DeadlineKind.OTHER,
            title="Custody review",
            due_on=clock.today() + timedelta(days=due_in_days),
            owner_office_id=office.id,
        )


def _badges(page: str) -> tuple[str, str]:
    overdue = re.search(r'data-testid="overdue-count">([^<]*)<', page).group(1)
    soon = re.search(r'data-testid="due-soon-count">([^<]*)<', page).group(1)
    return overdue, soon


def test_dashboard_counts_deadlines_exactly_up_to_the_cap(empty_app):
    with empty_app.app_context():
        office = make_office(db.session)
        user = make_user(db.session, office=office)
        case = make_case(db.session, office=office)
        _case_deadlines(db.session, case, office, 3, -2)
        _case_deadlines(db.session, case, office, 2, 3)
        db.session.commit()
    page = signed_in(empty_app, user).get("/dashboard").get_data(as_text=True)
    assert _badges(page) == ("3 overdue", "2 due soon")


def test_dashboard_says_100_plus_past_the_cap_and_lists_the_earliest(empty_app):
    with empty_app.app_context():
        office = make_office(db.session)
        user = make_user(db.session, office=office)
        case = make_case(db.session, office=office)
        _case_deadlines(db.session, case, office, DASHBOARD_COUNT_CAP + 1, -5)
        _case_deadlines(db.session, case, office, DASHBOARD_COUNT_CAP, 2)
        # Another office's late deadline is neither counted nor shown.
        other = make_office(db.session)
        _case_deadlines(db.session, make_case(db.session, office=other), other, 1, -1)
        db.session.commit()
    page = signed_in(empty_app, user).get("/dashboard").get_data(as_text=True)
    assert _badges(page) == (f"{DASHBOARD_COUNT_CAP}+ overdue", f"{DASHBOARD_COUNT_CAP} due soon")


def _hits(session, mine, theirs, count: int) -> list[int]:
    """``count`` party hits between the two offices, alternating which side is ours, each a
    minute older than the last; returns their ids newest first."""
    ids = []
    start = datetime(2026, 11, 30, 12, tzinfo=UTC)
    for n in range(count):
        # Side a is the lower id: made first, ours for odd n, theirs for even n.
        first, second = (mine, theirs) if n % 2 else (theirs, mine)
        a = make_party(session, office=first, names=[f"Aliyev Timur {n}"])
        b = make_party(session, office=second, names=[f"Aliev Timur {n}"])
        link = PartyLink(party_a_id=a.id, party_b_id=b.id, score=0.9, reasons=[])
        session.add(link)
        session.flush()
        hit = CrossBorderHit(
            kind=HitKind.PARTY,
            party_link_id=link.id,
            office_a_id=a.office_id,
            office_b_id=b.office_id,
            created_at=start - timedelta(minutes=n),
        )
        session.add(hit)
        session.flush()
        ids.append(hit.id)
    return ids


def test_hits_are_newest_first_across_both_sides_and_page_in_order(empty_app):
    with empty_app.app_context():
        mine, theirs = make_office(db.session), make_office(db.session, country_code="KG")
        user = make_user(db.session, office=mine)
        expected = _hits(db.session, mine, theirs, 7)
        sides = {a == mine.id for a in db.session.scalars(select(CrossBorderHit.office_a_id))}
        assert sides == {True, False}  # ours on side a for some hits, on side b for others
        db.session.commit()
    api = api_client(empty_app, user)
    seen = []
    for page in (1, 2, 3):
        body = api.get(f"/api/v1/links/hits?page={page}&per_page=3").get_json()
        seen += [entry["id"] for entry in body["hits"]]
        assert body["meta"]["total"] == 7
    assert seen == expected
    dashboard = signed_in(empty_app, user).get("/dashboard").get_data(as_text=True)
    assert re.search(r'data-testid="dashboard-hits-count">7<', dashboard)


def _watched_deadlines(session, ours: int, theirs: int) -> None:
    """``ours`` deadlines Almaty owes (on its case), ``theirs`` that Tashkent owes Almaty (on
    Almaty's request), one Almaty owes on its own request (in both halves of what Almaty
    watches), and one between two other offices."""
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    case = make_case(session, office=almaty)
    _case_deadlines(session, case, almaty, ours, 5)
    request = make_request(
        session, case=case, requested_office=tashkent, status=RequestStatus.IN_EXECUTION
    )
    for days in range(theirs):
        make_deadline(session, request=request, due_on=clock.today() + timedelta(days=days))
    make_deadline(session, request=request, kind=DeadlineKind.FOLLOW_UP, owner_office_id=almaty.id)
    other = make_case(session, office=office(session, "GE-PGO"))
    make_deadline(
        session,
        request=make_request(session, case=other, requested_office=tashkent),
    )


def test_the_deadlines_count_is_exact_below_its_cap(directory_app, people):
    with directory_app.app_context():
        _watched_deadlines(db.session, ours=3, theirs=2)
        db.session.commit()
    meta = api_client(directory_app, people.almaty).get("/api/v1/deadlines?per_page=2").json
    assert meta["meta"] == {"page": 1, "per_page": 2, "total": 6, "pages": 3}
    page = signed_in(directory_app, people.almaty).get("/deadlines").get_data(as_text=True)
    assert len(re.findall(r'data-testid="deadline-row"', page)) == 6


def test_the_deadlines_count_stops_at_its_cap_across_both_halves(directory_app, people):
    """70 owed by Almaty and 70 owed to it: neither half alone passes the cap of 25 + 100 rows,
    their union does."""
    with directory_app.app_context():
        _watched_deadlines(db.session, ours=70, theirs=70)
        db.session.commit()
    body = api_client(directory_app, people.almaty).get("/api/v1/deadlines?per_page=25").json
    assert body["meta"]["total"] == 125 and body["meta"]["total_is_capped"] is True
    seen = api_client(directory_app, people.almaty).get("/api/v1/deadlines?per_page=200").json
    assert seen["meta"]["total"] == 141 and "total_is_capped" not in seen["meta"]
