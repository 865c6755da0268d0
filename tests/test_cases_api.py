"""The cases API: the same rules and visibility as the pages, with JSON errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from casetrack import clock
from casetrack.db import db
from casetrack.models import Case, CaseStatus, Office, Party, User

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
COORDINATOR = "coordinator@network.example"
ADMIN = "admin@casetrack.example"


@pytest.fixture(autouse=True)
def _english(app):
    """Read messages in English whatever language the demo users prefer."""
    with app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()


def _case_id(app, reference: str, office: str = "KZ-ALM") -> int:
    with app.app_context():
        return db.session.scalar(
            select(Case.id)
            .join(Case.office)
            .where(Case.reference == reference, Office.code == office)
        )


def _party_id(app, display_name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Party.id).where(Party.display_name == display_name))


def test_list_is_scoped_and_paginated(api_as):
    body = api_as(ALMATY).get("/api/v1/cases?per_page=1").get_json()
    assert body["meta"] == {"page": 1, "per_page": 1, "total": 2, "pages": 2}
    assert body["items"][0]["reference"] in {"DEMO-2026-0147", "DEMO-2026-0212"}
    references = {c["reference"] for c in api_as(KZ_CA).get("/api/v1/cases").get_json()["items"]}
    assert {"DEMO-2026-0147", "DEMO-2026-0212"} <= references
    assert "TAS-45/2026" not in references
    references = {c["reference"] for c in api_as(UZ_CA).get("/api/v1/cases").get_json()["items"]}
    assert references == {"TAS-45/2026"}


@pytest.mark.parametrize("email", [TASHKENT, UZ_CA, COORDINATOR, ADMIN])
def test_other_offices_get_404(app, api_as, email):
    case_id = _case_id(app, "DEMO-2026-0147")
    party_id = _party_id(app, "Алиев Тимур Рашидович")
    client = api_as(email)
    assert client.get(f"/api/v1/cases/{case_id}").status_code == 404
    response = client.patch(f"/api/v1/cases/{case_id}", json={"version": 1, "title": "x"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    response = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": party_id, "role": "witness"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("email", [COORDINATOR, ADMIN])
def test_coordinator_and_admin_get_404_on_lists(api_as, email):
    client = api_as(email)
    for path in ("/api/v1/cases", "/api/v1/parties", "/api/v1/assets"):
        assert client.get(path).status_code == 404, path
    assert client.post("/api/v1/cases", json={"reference": "X", "title": "Y"}).status_code == 404


def test_no_token_is_401(client):
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_create_get_and_patch(app, api_as):
    client = api_as(ALMATY)
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    response = client.post(
        "/api/v1/cases",
        json={
            "reference": "API-1",
            "title": "Opened through the API",
            "opened_on": (clock.today() - timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 201, response.get_json()
    case = response.get_json()
    assert case["version"] == 1 and case["status"] == "open" and case["office"] == "KZ-ALM"
    assert case["lead_prosecutor"]["name"] == "Aigerim Seitkali"
    assert client.get(f"/api/v1/cases/{case['id']}").get_json()["title"] == "Opened through the API"
    patched = client.patch(
        f"/api/v1/cases/{case['id']}", json={"version": 1, "title": "Renamed"}
    ).get_json()
    assert patched["title"] == "Renamed" and patched["version"] == 2
    closed = client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"version": 2, "status": "closed", "closed_on": yesterday},
    ).get_json()
    assert closed["status"] == "closed" and closed["closed_on"] == yesterday
    reopened = client.patch(
        f"/api/v1/cases/{case['id']}", json={"version": closed["version"], "status": "open"}
    ).get_json()
    assert reopened["status"] == "open" and reopened["closed_on"] is None


def test_patch_without_version_is_422(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    response = api_as(ALMATY).patch(f"/api/v1/cases/{case_id}", json={"title": "x"})
    assert response.status_code == 422
    assert "version" in response.get_json()["error"]["fields"]


def test_stale_patch_is_409_and_changes_nothing(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    first, second = api_as(ALMATY), api_as(KZ_CA)
    seen_first = first.get(f"/api/v1/cases/{case_id}").get_json()["version"]
    seen_second = second.get(f"/api/v1/cases/{case_id}").get_json()["version"]
    ok = first.patch(f"/api/v1/cases/{case_id}", json={"version": seen_first, "title": "A"})
    assert ok.status_code == 200
    stale = second.patch(f"/api/v1/cases/{case_id}", json={"version": seen_second, "title": "B"})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict" and "Aigerim Seitkali" in error["message"]
    with app.app_context():
        assert db.session.get(Case, case_id).title == "A"


def test_duplicate_reference_is_422_and_nothing_saved(app, api_as):
    with app.app_context():
        before = db.session.scalar(select(func.count(Case.id)))
    response = api_as(ALMATY).post(
        "/api/v1/cases", json={"reference": "DEMO-2026-0147", "title": "Again"}
    )
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["fields"]["reference"] == ["This reference is already used in your office"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == before


def test_renaming_to_a_used_reference_is_422(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0212")
    response = api_as(ALMATY).patch(
        f"/api/v1/cases/{case_id}", json={"version": 1, "reference": "DEMO-2026-0147"}
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Case, case_id).reference == "DEMO-2026-0212"


def test_missing_fields_are_422(api_as):
    response = api_as(ALMATY).post("/api/v1/cases", json={"title": "No reference"})
    assert response.status_code == 422
    assert "reference" in response.get_json()["error"]["fields"]


def test_link_existing_and_new_party(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0212")
    client = api_as(ALMATY)
    khodjaev = _party_id(app, "Ходжаев Бахтиёр Алишерович")
    link = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": khodjaev, "role": "witness"}
    )
    assert link.status_code == 201 and link.get_json()["role"] == "witness"
    again = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": khodjaev, "role": "witness"}
    )
    assert again.status_code == 422
    new = client.post(
        f"/api/v1/cases/{case_id}/parties",
        json={"party": {"names": [{"surname": "Петров", "given_name": "Иван"}]}, "role": "victim"},
    )
    assert new.status_code == 201, new.get_json()
    parties = client.get(f"/api/v1/cases/{case_id}").get_json()["parties"]
    assert {(p["name"], p["role"]) for p in parties} >= {
        ("Ходжаев Бахтиёр Алишерович", "witness"),
        ("Петров Иван", "victim"),
    }


def test_cannot_link_another_offices_party(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    yusupov = _party_id(app, "Юсупов Шерзод Рустамович")
    response = api_as(ALMATY).post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": yusupov, "role": "witness"}
    )
    assert response.status_code == 404


def test_api_list_query_count_does_not_grow(app, api_as, count_queries):
    client = api_as(ALMATY)
    with count_queries() as few:
        assert client.get("/api/v1/cases?per_page=100").status_code == 200
    with app.app_context():
        office = db.session.scalar(select(Office).where(Office.code == "KZ-ALM"))
        for n in range(30):
            db.session.add(
                Case(office=office, reference=f"B-{n}", title="t", opened_on=date(2026, 1, 1))
            )
        db.session.commit()
    with count_queries() as many:
        body = client.get("/api/v1/cases?per_page=100").get_json()
    assert body["meta"]["total"] == 32
    assert len(many) <= len(few), many


def test_case_status_values(app, api_as):
    case_id = _case_id(app, "DEMO-2026-0147")
    response = api_as(ALMATY).patch(
        f"/api/v1/cases/{case_id}", json={"version": 1, "status": "archived"}
    )
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Case, case_id).status == CaseStatus.OPEN
