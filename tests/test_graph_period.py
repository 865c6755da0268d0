"""The network and the money as of a date or over a period (``?from=&to=``), on known data.

The broker story (tests.test_graph_planner._broker_story) dates its ties: the broker was put
into the Tashkent group's case 60 days ago and into the fraud case 45 days ago; the Tashkent
office's record of him is a hit.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from casetrack import clock
from tests.factories import api_client, signed_in
from tests.test_graph_planner import BROKER, FRAUD, directory_app, people, world

__all__ = ["directory_app", "people", "world"]  # the broker story's fixtures


def _days(n: int) -> str:
    return (clock.today() - timedelta(days=n)).isoformat()


def _ties(body: dict) -> set[tuple[str, str]]:
    labels = {n["id"]: n["label"] for n in body["nodes"]}
    return {(labels[e["source"]], labels[e["target"]]) for e in body["edges"]}


def _broker_cases(body: dict) -> set[str]:
    return {b for a, b in _ties(body) if a == BROKER} | {a for a, b in _ties(body) if b == BROKER}


def test_a_tie_dated_before_from_is_not_in_the_graph(directory_app, people):
    api = api_client(directory_app, people.almaty)
    whole = api.get("/api/v1/graph").get_json()
    assert FRAUD in _broker_cases(whole)
    # From 44 days ago: the broker's place in the fraud case (45 days ago) is before it.
    later = api.get(f"/api/v1/graph?from={_days(44)}").get_json()
    assert FRAUD not in _broker_cases(later)
    assert len(later["edges"]) < len(whole["edges"])
    # From 46 days ago it is in the period again.
    wider = api.get(f"/api/v1/graph?from={_days(46)}").get_json()
    assert FRAUD in _broker_cases(wider)


def test_the_graph_as_of_an_earlier_date_is_smaller(directory_app, people):
    api = api_client(directory_app, people.almaty)
    whole = api.get("/api/v1/graph").get_json()
    before = api.get(f"/api/v1/graph?to={_days(50)}").get_json()
    # 50 days ago the broker was in the Tashkent group's case, not yet in the fraud case.
    assert BROKER in {n["label"] for n in before["nodes"]}
    assert FRAUD not in _broker_cases(before)
    assert len(before["edges"]) < len(whole["edges"])
    assert len(before["nodes"]) < len(whole["nodes"])
    ancient = api.get("/api/v1/graph?to=1990-01-01").get_json()
    assert ancient["nodes"] == [] and ancient["edges"] == []


def test_the_planner_and_exports_follow_the_period(directory_app, people):
    api = api_client(directory_app, people.almaty)
    now = api.get("/api/v1/graph/roles").get_json()
    before = api.get(f"/api/v1/graph/roles?to={_days(50)}").get_json()
    assert before["ties"] < now["ties"]
    broker = {a["label"]: a for a in before["actors"]}[BROKER]
    assert broker["degree"] < {a["label"]: a for a in now["actors"]}[BROKER]["degree"]
    client = signed_in(directory_app, people.almaty)
    edges_now = client.get("/links/graph/export.edges.csv").get_data(as_text=True)
    edges_then = client.get(f"/links/graph/export.edges.csv?to={_days(50)}").get_data(as_text=True)
    assert len(edges_then.splitlines()) < len(edges_now.splitlines())
    graph_then = api.get(f"/api/v1/graph?to={_days(50)}").get_json()
    assert len(edges_then.splitlines()) == len(graph_then["edges"]) + 1


@pytest.mark.parametrize(
    "query",
    [
        "from=yesterday",
        "to=2026-02-30",
        "from=2026-05-01&to=2026-04-01",
        "from=0001-01-01",
        "to=9999-12-31",
        "to=12026-01-01",
    ],
)
def test_a_bad_period_answers_422_in_the_api(directory_app, people, query):
    for path in (
        "/api/v1/graph",
        "/api/v1/graph/disruption",
        "/api/v1/graph/roles",
        "/api/v1/graph/flows",
        "/api/v1/graph/export.gexf",
    ):
        response = api_client(directory_app, people.almaty).get(f"{path}?{query}")
        assert response.status_code == 422, (path, query)
        error = response.get_json()["error"]
        assert error["code"] == "invalid" and error["fields"], (path, query)


def test_a_bad_period_is_told_on_the_pages(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/links/graph?from=2026-05-01&to=2026-04-01")
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "The choices could not be read; the defaults are shown." in text
    assert "must not be after the end of the period" in text
    assert BROKER in text  # the whole network instead
    absurd = client.get("/links/graph?to=0200-01-01")
    assert absurd.status_code == 422
    assert "must be a date from 1900-01-01 to 2199-12-31" in absurd.get_data(as_text=True)
    for path in ("/links/graph/planner", "/links/graph/roles", "/money/"):
        response = client.get(f"{path}?from=not-a-date")
        assert response.status_code == 422, path
        assert "Not a valid date." in response.get_data(as_text=True), path
    export = client.get("/links/graph/export.gexf?to=9999-12-31")
    assert export.status_code == 422
    assert "Nothing was exported" in export.get_data(as_text=True)


def test_the_graph_page_has_the_period_control_and_carries_it(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    day = _days(50)
    page = client.get(f"/links/graph?to={day}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'data-testid="graph-period"' in text and f'value="{day}"' in text
    assert f"export.gexf?to={day}" in text and f"planner?to={day}" in text
    assert "A tie counts in the period when its date falls in it" in text
    planner = client.get(f"/links/graph/planner?to={day}").get_data(as_text=True)
    assert f'value="{day}"' in planner and "a case tie from the day the party" in planner


def test_the_period_shows_only_what_the_user_may_see(directory_app, people):
    georgia = (
        api_client(directory_app, people.tbilisi).get(f"/api/v1/graph?to={_days(50)}").get_json()
    )
    assert BROKER not in {n["label"] for n in georgia["nodes"]}
    assert (
        api_client(directory_app, people.coordinator)
        .get(f"/api/v1/graph?to={_days(50)}")
        .status_code
        == 404
    )
    assert (
        signed_in(directory_app, people.coordinator).get(f"/links/graph?to={_days(50)}").status_code
        == 404
    )
