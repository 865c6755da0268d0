"""The cases API: the same rules and visibility as the pages, with JSON errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Case, CaseStatus, PartyRole, User
from tests.factories import (
    api_client,
    make_case,
    make_case_party,
    make_party,
    office,
)


@dataclass(frozen=True)
class Records:
    fraud: int  # Almaty's case ALM-0147, Aliyev accused in it
    smuggling: int  # Almaty's case ALM-0212
    aliyev: int  # an Almaty party
    khodjaev: int  # an Almaty party in no case
    yusupov: int  # a Tashkent party


@pytest.fixture
def records(directory_app, people) -> Records:
    """Two Almaty cases and two parties, a Tashkent case and party; Almaty's lead is named."""
    with directory_app.app_context():
        almaty, tashkent = office(db.session, "KZ-ALM"), office(db.session, "UZ-TAS")
        db.session.get(User, people.almaty.id).name = "Aigerim Seitkali"
        fraud = make_case(db.session, office=almaty, reference="ALM-0147")
        smuggling = make_case(db.session, office=almaty, reference="ALM-0212")
        make_case(db.session, office=tashkent, reference="TAS-45/2026")
        aliyev = make_party(db.session, office=almaty, names=["Алиев Тимур Рашидович"])
        make_case_party(db.session, fraud, aliyev, role=PartyRole.ACCUSED)
        khodjaev = make_party(db.session, office=almaty, names=["Ходжаев Бахтиёр Алишерович"])
        yusupov = make_party(db.session, office=tashkent, names=["Юсупов Шерзод Рустамович"])
        db.session.commit()
        return Records(fraud.id, smuggling.id, aliyev.id, khodjaev.id, yusupov.id)


def _references(app, person) -> set[str]:
    items = api_client(app, person).get("/api/v1/cases").get_json()["items"]
    return {c["reference"] for c in items}


def test_list_is_scoped_and_paginated(directory_app, people, records):
    body = api_client(directory_app, people.almaty).get("/api/v1/cases?per_page=1").get_json()
    assert body["meta"] == {"page": 1, "per_page": 1, "total": 2, "pages": 2}
    assert body["items"][0]["reference"] in {"ALM-0147", "ALM-0212"}
    references = _references(directory_app, people.kz_ca)
    assert {"ALM-0147", "ALM-0212"} <= references
    assert "TAS-45/2026" not in references
    assert _references(directory_app, people.uz_ca) == {"TAS-45/2026"}


@pytest.mark.parametrize("who", ["tashkent", "uz_ca", "coordinator", "admin"])
def test_other_offices_get_404(directory_app, people, records, who):
    client = api_client(directory_app, getattr(people, who))
    case_id = records.fraud
    assert client.get(f"/api/v1/cases/{case_id}").status_code == 404
    response = client.patch(f"/api/v1/cases/{case_id}", json={"version": 1, "title": "x"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    response = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": records.aliyev, "role": "witness"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinator_and_admin_get_404_on_lists(directory_app, people, who):
    client = api_client(directory_app, getattr(people, who))
    for path in ("/api/v1/cases", "/api/v1/parties", "/api/v1/assets"):
        assert client.get(path).status_code == 404, path
    assert client.post("/api/v1/cases", json={"reference": "X", "title": "Y"}).status_code == 404


def test_no_token_is_401(directory_app):
    response = directory_app.test_client().get("/api/v1/cases")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_create_get_and_patch(directory_app, people, records):
    client = api_client(directory_app, people.almaty)
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


def test_patch_without_version_is_422(directory_app, people, records):
    response = api_client(directory_app, people.almaty).patch(
        f"/api/v1/cases/{records.fraud}", json={"title": "x"}
    )
    assert response.status_code == 422
    assert "version" in response.get_json()["error"]["fields"]


def test_stale_patch_is_409_and_changes_nothing(directory_app, people, records):
    case_id = records.fraud
    first, second = (
        api_client(directory_app, people.almaty),
        api_client(directory_app, people.kz_ca),
    )
    seen_first = first.get(f"/api/v1/cases/{case_id}").get_json()["version"]
    seen_second = second.get(f"/api/v1/cases/{case_id}").get_json()["version"]
    ok = first.patch(f"/api/v1/cases/{case_id}", json={"version": seen_first, "title": "A"})
    assert ok.status_code == 200
    stale = second.patch(f"/api/v1/cases/{case_id}", json={"version": seen_second, "title": "B"})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict" and "Aigerim Seitkali" in error["message"]
    with directory_app.app_context():
        assert db.session.get(Case, case_id).title == "A"


def test_duplicate_reference_is_422_and_nothing_saved(directory_app, people, records):
    with directory_app.app_context():
        before = db.session.scalar(select(func.count(Case.id)))
    response = api_client(directory_app, people.almaty).post(
        "/api/v1/cases", json={"reference": "ALM-0147", "title": "Again"}
    )
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["fields"]["reference"] == ["This reference is already used in your office"]
    with directory_app.app_context():
        assert db.session.scalar(select(func.count(Case.id))) == before


def test_renaming_to_a_used_reference_is_422(directory_app, people, records):
    response = api_client(directory_app, people.almaty).patch(
        f"/api/v1/cases/{records.smuggling}", json={"version": 1, "reference": "ALM-0147"}
    )
    assert response.status_code == 422
    with directory_app.app_context():
        assert db.session.get(Case, records.smuggling).reference == "ALM-0212"


def test_missing_fields_are_422(directory_app, people):
    response = api_client(directory_app, people.almaty).post(
        "/api/v1/cases", json={"title": "No reference"}
    )
    assert response.status_code == 422
    assert "reference" in response.get_json()["error"]["fields"]


def test_link_existing_and_new_party(directory_app, people, records):
    case_id = records.smuggling
    client = api_client(directory_app, people.almaty)
    link = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": records.khodjaev, "role": "witness"}
    )
    assert link.status_code == 201 and link.get_json()["role"] == "witness"
    again = client.post(
        f"/api/v1/cases/{case_id}/parties", json={"party_id": records.khodjaev, "role": "witness"}
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


def test_cannot_link_another_offices_party(directory_app, people, records):
    response = api_client(directory_app, people.almaty).post(
        f"/api/v1/cases/{records.fraud}/parties",
        json={"party_id": records.yusupov, "role": "witness"},
    )
    assert response.status_code == 404


def test_api_list_query_count_does_not_grow(directory_app, people, records, count_queries):
    client = api_client(directory_app, people.almaty)
    with count_queries() as few:
        assert client.get("/api/v1/cases?per_page=100").status_code == 200
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM")
        for n in range(30):
            make_case(db.session, office=almaty, reference=f"B-{n}", opened_on=date(2026, 1, 1))
        db.session.commit()
    with count_queries() as many:
        body = client.get("/api/v1/cases?per_page=100").get_json()
    assert body["meta"]["total"] == 32
    assert len(many) <= len(few), many


def test_case_status_values(directory_app, people, records):
    response = api_client(directory_app, people.almaty).patch(
        f"/api/v1/cases/{records.fraud}", json={"version": 1, "status": "archived"}
    )
    assert response.status_code == 422
    with directory_app.app_context():
        assert db.session.get(Case, records.fraud).status == CaseStatus.OPEN
