"""The demo's own records as its users meet them: what ``flask casetrack demo`` loads.

Tests whose subject is the demo itself stay on the demo database (the ``demo_app`` fixture);
every other test builds what it relies on with ``tests.factories``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Case
from tests.test_money_trail import _import

AIGERIM = "aigerim@kz-alm.example"
DEMO_STATEMENT = Path(__file__).resolve().parent.parent / "casetrack" / "demo_data"


@pytest.fixture
def network_story(demo_app):
    """The demo's network story, as ``flask casetrack demo`` loads it into a new demo."""

    from casetrack.links import demo as story

    with demo_app.app_context():
        assert story.load(db.session, clock.today())
        db.session.commit()
        assert not story.load(db.session, clock.today())  # twice changes nothing


@pytest.mark.usefixtures("network_story", "english_ui")
def test_demo_statement_shows_the_company_paying_two_accounts_abroad(demo_app, login_as, api_as):
    with demo_app.app_context():
        fraud = db.session.scalar(select(Case).where(Case.reference == "DEMO-2026-0147"))
        case_id = fraud.id
    data = (DEMO_STATEMENT / "statement-ge-steppe-trade.csv").read_bytes()
    client, preview, done = _import(login_as(AIGERIM), case_id, data)
    assert done.status_code == 303
    flows = api_as(AIGERIM).get(f"/api/v1/graph/flows?case={case_id}").get_json()
    nodes = {n["id"]: n for n in flows["nodes"]}
    company_accounts = {
        n["id"]
        for n in flows["nodes"]
        if n["kind"] == "account" and n["holder"] == "STEPPE TRADE LLP"
    }
    abroad = {
        nodes[e["target"]]["country"]
        for e in flows["edges"]
        if e["kind"] == "money"
        and e["source"] in company_accounts
        and nodes[e["target"]]["holder"] != "STEPPE TRADE LLP"
    }
    assert abroad == {"UZ", "TR"}
    holds = {(e["source"], e["target"]) for e in flows["edges"] if e["kind"] == "holds"}
    company = next(n for n in flows["nodes"] if n["label"] == "ТОО «Степь Трейд»")
    assert (company["id"], "account:GE29NB0000000101904917") in holds
    assert any(f["kind"] == "pass_through" for f in flows["flags"])
    # The demo's returned statement belongs to an executed request to Georgia.
    page = client.get(f"/money/cases/{case_id}/statements").get_data(as_text=True)
    assert "GE-PGO (executed)" in page
