"""The user story: a prosecutor opens a case, adds a person under a Cyrillic name, finds them
by a Latin spelling, attaches a frozen bank account abroad and sees it everywhere — in the
pages and through the API — while another office sees none of it."""

from __future__ import annotations

import re

from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.models import Asset, Case, Party
from tests.factories import api_client, signed_in

IBAN = "GE29 NB00 0000 0101 9049 17"


def _id_from(location: str, prefix: str) -> int:
    match = re.search(rf"/{prefix}/(\d+)$", location)
    assert match, location
    return int(match.group(1))


def test_the_story_in_the_pages(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    me = people.almaty.id
    opened = client.post(
        "/cases/new",
        data={
            "reference": "ALM-2026-1001",
            "title": "Suleimenov: bribes for licences",
            "offences": "Bribery",
            "lead_prosecutor_id": str(me),
            "opened_on": clock.today().isoformat(),
        },
    )
    assert opened.status_code == 302
    case_id = _id_from(opened.headers["Location"], "cases")

    assert client.get(f"/cases/{case_id}/parties/add?q=Сулейменов").status_code == 200
    added = client.post(
        f"/parties/new?case_id={case_id}",
        data={
            "kind": "person",
            "names-0-surname": "Сулейменов",
            "names-0-given_name": "Арман",
            "names-0-patronymic": "Болатович",
            "names-0-is_primary": "y",
            "birth_date": "1975-02-03",
            "nationality": "KZ",
            "role": "suspect",
        },
    )
    assert added.status_code == 302

    found = client.get("/parties/?q=Suleymenov Arman").get_data(as_text=True)
    assert "Сулейменов Арман Болатович" in found
    with directory_app.app_context():
        party_id = db.session.scalar(
            select(Party.id).where(Party.display_name == "Сулейменов Арман Болатович")
        )

    attached = client.post(
        f"/assets/new?case_id={case_id}",
        data={
            "kind": "bank_account",
            "identifier": IBAN,
            "description": "Current account, JSC Bank of Georgia",
            "country_code": "GE",
            "location": "Tbilisi",
            "estimated_value": "240000",
            "currency": "USD",
            "case_id": str(case_id),
            "owners-0-party_id": str(party_id),
            "owners-0-share": "100",
            "status": "frozen",
            "status_effective_on": clock.today().isoformat(),
            "status_comment": "Freezing order via MLA to GE-PGO",
        },
    )
    assert attached.status_code == 302
    asset_id = _id_from(attached.headers["Location"], "assets")

    party_page = client.get(f"/parties/{party_id}").get_data(as_text=True)
    assert "ALM-2026-1001" in party_page and "suspect" in party_page
    assert IBAN in party_page and "frozen" in party_page
    case_page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Сулейменов Арман Болатович" in case_page
    assert IBAN in case_page and "frozen" in case_page
    assert "owned by Сулейменов Арман Болатович" in case_page

    for who in ("tashkent", "uz_ca"):
        other = signed_in(directory_app, getattr(people, who))
        for path in (f"/cases/{case_id}", f"/parties/{party_id}", f"/assets/{asset_id}"):
            assert other.get(path).status_code == 404, (who, path)
        assert "Сулейменов" not in other.get("/parties/?q=Suleimenov").get_data(as_text=True)
        assert "ALM-2026-1001" not in other.get("/cases/").get_data(as_text=True)
        assert IBAN not in other.get("/assets/").get_data(as_text=True)


def test_the_story_through_the_api(directory_app, people):
    api = api_client(directory_app, people.almaty)
    case = api.post(
        "/api/v1/cases", json={"reference": "ALM-2026-1002", "title": "Bribes for licences"}
    )
    assert case.status_code == 201
    case_id = case.get_json()["id"]
    link = api.post(
        f"/api/v1/cases/{case_id}/parties",
        json={
            "role": "suspect",
            "party": {
                "kind": "person",
                "names": [{"surname": "Сулейменов", "given_name": "Арман", "is_primary": True}],
                "birth_date": "1975-02-03",
            },
        },
    )
    assert link.status_code == 201
    party_id = link.get_json()["party_id"]
    found = api.get("/api/v1/parties", query_string={"q": "Suleimenov"}).get_json()["items"]
    assert [p["id"] for p in found] == [party_id]

    asset = api.post(
        "/api/v1/assets",
        json={
            "kind": "bank_account",
            "identifier": IBAN,
            "country_code": "GE",
            "estimated_value": "240000",
            "currency": "USD",
            "case_id": case_id,
            "owners": [{"party_id": party_id, "share": "100"}],
            "status": "frozen",
            "status_effective_on": clock.today().isoformat(),
            "status_comment": "Freezing order",
        },
    )
    assert asset.status_code == 201, asset.get_json()
    body = asset.get_json()
    assert body["status"] == "frozen" and body["office"] == "KZ-ALM"
    assert body["owners"] == [{"party_id": party_id, "name": "Сулейменов Арман", "share": "100.00"}]
    assert body["status_changes"][0]["to_status"] == "frozen"

    assets = api.get("/api/v1/assets?status=frozen&country=GE").get_json()["items"]
    assert [a["id"] for a in assets] == [body["id"]]
    parties = api.get(f"/api/v1/cases/{case_id}").get_json()["parties"]
    assert [(p["party_id"], p["role"]) for p in parties] == [(party_id, "suspect")]

    for who in ("tashkent", "uz_ca"):
        other = api_client(directory_app, getattr(people, who))
        assert other.get(f"/api/v1/cases/{case_id}").status_code == 404
        assert other.get(f"/api/v1/parties/{party_id}").status_code == 404
        assert other.get(f"/api/v1/assets/{body['id']}").status_code == 404
        assert other.get("/api/v1/parties?q=Сулейменов").get_json()["items"] == []
        assert body["id"] not in {a["id"] for a in other.get("/api/v1/assets").get_json()["items"]}
    with directory_app.app_context():
        assert db.session.get(Asset, body["id"]).case_id == case_id
        assert db.session.get(Case, case_id).office.code == "KZ-ALM"
