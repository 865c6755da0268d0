"""The coordinator's metadata list: GET /api/v1/requests, with the monitoring filters, without
any content field, documented in the OpenAPI document."""

from __future__ import annotations

from sqlalchemy import select

from casetrack.db import db
from casetrack.models import Request
from tests.factories import api_client
from tests.test_mla_lifecycle import make_request

METADATA = {
    "id",
    "reference",
    "from_office",
    "to_office",
    "from_country",
    "to_country",
    "assistance_types",
    "sent_on",
    "acknowledged_on",
    "closed_on",
    "status",
    "days_late",
}
CONTENT = {"subject", "facts", "offences", "measures", "persons", "assets", "purpose", "case_id"}


def test_a_coordinators_script_reads_the_metadata_list(directory_app, people):
    app = directory_app
    sent_id = make_request(app, "sent", to="UZ-GPO")
    draft_id = make_request(app, "draft", to="UZ-GPO")
    client = api_client(app, people.coordinator)
    response = client.get("/api/v1/requests?per_page=200")
    assert response.status_code == 200, response.json
    items = response.json["items"]
    assert response.json["meta"]["total"] == len(items) > 0
    ids = {item["id"] for item in items}
    assert sent_id in ids and draft_id not in ids  # a draft is nobody's business yet
    for item in items:
        assert set(item) == METADATA
        assert not set(item) & CONTENT
    with app.app_context():
        subject = db.session.scalar(select(Request.subject).where(Request.id == sent_id))
    assert subject not in response.get_data(as_text=True)


def test_the_monitoring_filters_apply(directory_app, people):
    app = directory_app
    make_request(app, "sent", to="UZ-GPO")
    make_request(app, "executed", to="GE-PGO")
    client = api_client(app, people.coordinator)
    everything = client.get("/api/v1/requests?per_page=200").json["items"]
    kz_uz = client.get("/api/v1/requests?from_country=KZ&to_country=UZ&per_page=200").json
    assert kz_uz["items"] and all(
        i["from_country"] == "KZ" and i["to_country"] == "UZ" for i in kz_uz["items"]
    )
    opened = client.get("/api/v1/requests?status=open&per_page=200").json["items"]
    assert all(i["status"] not in ("executed", "refused", "withdrawn") for i in opened)
    records = client.get("/api/v1/requests?assistance_type=records&per_page=200").json["items"]
    assert all("records" in i["assistance_types"] for i in records)
    assert len(kz_uz["items"]) < len(everything)
    for bad in ("country=Kazakhstan", "from=2026-13-01", "assistance_type=nothing"):
        response = client.get(f"/api/v1/requests?{bad}")
        assert response.status_code == 422, bad
        assert response.json["error"]["fields"]


def test_the_coordinator_reads_no_request_itself(directory_app, people):
    app = directory_app
    request_id = make_request(app, "sent", to="UZ-GPO")
    client = api_client(app, people.coordinator)
    assert client.get(f"/api/v1/requests/{request_id}").status_code == 404
    assert client.get(f"/api/v1/requests/{request_id}/history").status_code == 404
    post = client.post("/api/v1/requests", json={"case_id": 1, "requested_office": "UZ-GPO"})
    assert post.status_code == 404
    assert api_client(app, people.admin).get("/api/v1/requests").status_code == 404


def test_content_readers_keep_their_list(directory_app, people):
    app = directory_app
    make_request(app, "sent")
    make_request(app, "draft")
    client = api_client(app, people.almaty)
    response = client.get("/api/v1/requests?per_page=5")
    assert response.status_code == 200
    assert len(response.json["items"]) == 2
    assert all("subject" in item for item in response.json["items"])
    assert client.get("/api/v1/requests?status=open").status_code == 422


def test_the_metadata_list_is_in_the_openapi_document(directory_app):
    spec = directory_app.test_client().get("/api/v1/openapi.json").json
    response = spec["paths"]["/api/v1/requests"]["get"]["responses"]["200"]
    refs = [s["$ref"] for s in response["content"]["application/json"]["schema"]["anyOf"]]
    assert "#/components/schemas/RequestMetadataPage" in refs
    item = spec["components"]["schemas"]["RequestMetadata"]["properties"]
    assert set(item) == METADATA
