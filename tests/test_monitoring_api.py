"""GET /api/v1/stats/requests: the dashboard's figures as JSON, with the same filters."""

from __future__ import annotations

import pytest

from casetrack.db import db
from tests.factories import api_client, make_monitored_requests


@pytest.fixture
def monitored(directory_app, people):
    """The six requests of ``make_monitored_requests``; returns their ids by name."""
    with directory_app.app_context():
        made = make_monitored_requests(db.session, people)
        db.session.commit()
        return {name: request.id for name, request in made.items()}


def test_figures_have_the_documented_shape(directory_app, people, monitored):
    response = api_client(directory_app, people.coordinator).get("/api/v1/stats/requests")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {
        "by_status",
        "country_pairs",
        "overdue_by_age",
        "time_to_acknowledge",
        "time_to_execute",
        "refusals_by_grounds",
        "monthly",
    }
    assert set(body["overdue_by_age"]) == {"lt30", "30-90", "90-180", "gt180"}
    assert "draft" not in body["by_status"]
    assert {"from": "KZ", "to": "UZ", "open": 1} in body["country_pairs"]
    # The executed request took 35 days from sending to execution.
    executed = body["time_to_execute"]["by_pair"]
    assert executed == [
        {"from": "UZ", "to": "KZ", "median_days": 35.0, "p90_days": 35.0, "count": 1}
    ]
    types = {row["assistance_type"] for row in body["time_to_acknowledge"]["by_assistance_type"]}
    assert {"records", "taking_evidence", "service_of_documents"} <= types
    assert len(body["monthly"]) == 12
    assert set(body["monthly"][0]) == {"month", "sent", "executed"}


def test_filters_apply(directory_app, people, monitored):
    api = api_client(directory_app, people.coordinator)
    everything = api.get("/api/v1/stats/requests").get_json()
    turkey = api.get("/api/v1/stats/requests?country=TR").get_json()
    assert sum(turkey["by_status"].values()) == 1
    assert turkey["country_pairs"] == [{"from": "KZ", "to": "TR", "open": 1}]
    service = api.get("/api/v1/stats/requests?assistance_type=service_of_documents").get_json()
    assert sum(service["by_status"].values()) == 1 and service["by_status"]["executed"] == 1
    future = api.get("/api/v1/stats/requests?from=2999-01-01").get_json()
    assert sum(future["by_status"].values()) == 0
    assert sum(everything["by_status"].values()) == 5


def test_central_authority_narrows_to_its_country(directory_app, people, monitored):
    api = api_client(directory_app, people.az_ca)
    network = api.get("/api/v1/stats/requests").get_json()
    mine = api.get("/api/v1/stats/requests?scope=mine").get_json()
    assert sum(network["by_status"].values()) == 5
    assert sum(mine["by_status"].values()) == 0


def test_bad_filters_answer_422(directory_app, people, monitored):
    api = api_client(directory_app, people.coordinator)
    for query, field in (
        ("from=2026-02-30", "from"),
        ("country=kaz", "country"),
        ("assistance_type=magic", "assistance_type"),
        ("from=2026-05-01&to=2026-04-01", "to"),
        ("scope=everything", "scope"),
    ):
        response = api.get(f"/api/v1/stats/requests?{query}")
        assert response.status_code == 422, query
        assert field in response.get_json()["error"]["fields"], query


def test_documented_in_openapi(directory_app):
    spec = directory_app.test_client().get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/stats/requests"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"from", "to", "country", "assistance_type", "scope"} <= names
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("RequestStats")
