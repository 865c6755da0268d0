"""The dashboard shows real counts of the user's own office."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import Case, CaseStatus, Office


def _tile(page: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}">(\d+)<', page)
    assert match, f"no tile {testid}"
    return int(match.group(1))


def test_prosecutor_dashboard_counts_own_office(app, login_as):
    page = login_as("aigerim@kz-alm.example").get("/dashboard").get_data(as_text=True)
    with app.app_context():
        expected = db.session.scalar(
            select(func.count(Case.id))
            .join(Case.office)
            .where(Office.code == "KZ-ALM", Case.status == CaseStatus.OPEN)
        )
    assert _tile(page, "open-cases") == expected == 2
    assert _tile(page, "outgoing-drafts") == 1
    assert _tile(page, "outgoing-open") == 2
    assert _tile(page, "incoming-open") == 1


def test_counts_change_with_the_data(app, login_as):
    client = login_as("dilnoza@uz-tas.example")
    before = _tile(client.get("/dashboard").get_data(as_text=True), "open-cases")
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == "TAS-45/2026"))
        case.status = CaseStatus.CLOSED
        db.session.commit()
    after = _tile(client.get("/dashboard").get_data(as_text=True), "open-cases")
    assert after == before - 1


def test_coordinator_dashboard_shows_network_figures_only(login_as):
    page = login_as("coordinator@network.example").get("/dashboard").get_data(as_text=True)
    assert _tile(page, "network-open") >= 3
    assert "open-cases" not in page


def test_dashboard_query_count_is_small(login_as, count_queries):
    client = login_as("daniyar@kz-gpo.example")
    with count_queries() as statements:
        assert client.get("/dashboard").status_code == 200
    # Session, user, counts, due deadlines, cross-border hits, the work queues (one grouped
    # query for the dashboard and the menu) and the bell: a fixed handful, never per row.
    assert len(statements) <= 12, statements
