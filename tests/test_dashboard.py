"""The dashboard shows real counts of the user's own office."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.main.services import OPEN_STATUSES
from casetrack.models import Case, CaseStatus, Office, Request, RequestStatus
from tests.conftest import snapshot_fixtures
from tests.factories import make_case, make_monitored_requests, make_request, office, signed_in


def _offices_at_work(session, people):
    """The requests of ``make_monitored_requests`` (one Almaty case holds Almaty's), a second
    open Almaty case, a closed one, and Tashkent's open cases; returns a Tashkent case's id."""
    make_monitored_requests(session, people)
    almaty = office(session, "KZ-ALM")
    make_case(session, office=almaty)
    make_case(session, office=almaty, status=CaseStatus.CLOSED)
    tashkent = make_case(session, office=office(session, "UZ-TAS"), reference="TAS-45")
    session.flush()
    return tashkent.id


world, directory_app, people = snapshot_fixtures(_offices_at_work)


@pytest.fixture
def offices_at_work(world):
    return world.built


def _tile(page: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}">(\d+)<', page)
    assert match, f"no tile {testid}"
    return int(match.group(1))


def test_prosecutor_dashboard_counts_own_office(directory_app, people, offices_at_work):
    page = signed_in(directory_app, people.almaty).get("/dashboard").get_data(as_text=True)
    with directory_app.app_context():
        expected = db.session.scalar(
            select(func.count(Case.id))
            .join(Case.office)
            .where(Office.code == "KZ-ALM", Case.status == CaseStatus.OPEN)
        )
    assert _tile(page, "open-cases") == expected == 2
    assert _tile(page, "outgoing-drafts") == 1
    assert _tile(page, "outgoing-open") == 2
    assert _tile(page, "incoming-open") == 1


def test_counts_change_with_the_data(directory_app, people, offices_at_work):
    client = signed_in(directory_app, people.tashkent)
    before = _tile(client.get("/dashboard").get_data(as_text=True), "open-cases")
    with directory_app.app_context():
        case = db.session.get(Case, offices_at_work)
        case.status = CaseStatus.CLOSED
        db.session.commit()
    after = _tile(client.get("/dashboard").get_data(as_text=True), "open-cases")
    assert after == before - 1


def test_coordinator_dashboard_shows_network_figures_only(directory_app, people, offices_at_work):
    page = signed_in(directory_app, people.coordinator).get("/dashboard").get_data(as_text=True)
    assert _tile(page, "network-open") >= 3
    assert "open-cases" not in page


def test_dashboard_query_count_is_small(directory_app, people, offices_at_work, count_queries):
    client = signed_in(directory_app, people.kz_ca)
    with count_queries() as statements:
        assert client.get("/dashboard").status_code == 200
    # Session, user, counts, due deadlines, cross-border hits, the work queues (one grouped
    # query for the dashboard and the menu) and the bell: a fixed handful, never per row.
    assert len(statements) <= 12, statements


def test_the_network_tile_counts_every_open_request_exactly(directory_app, people, offices_at_work):
    """The coordinator's tile is read from the figures' tallies: it equals the count."""

    def counted() -> int:
        with directory_app.app_context():
            return db.session.scalar(
                select(func.count(Request.id)).where(Request.status.in_(OPEN_STATUSES))
            )

    client = signed_in(directory_app, people.coordinator)
    assert _tile(client.get("/dashboard").get_data(as_text=True), "network-open") == counted()
    with directory_app.app_context():
        make_request(db.session, status=RequestStatus.SENT)
        make_request(db.session, status=RequestStatus.DRAFT)  # not sent: not the network's
        db.session.commit()
    shown = _tile(client.get("/dashboard").get_data(as_text=True), "network-open")
    assert shown == counted() and shown >= 4
