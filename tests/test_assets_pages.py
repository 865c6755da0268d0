"""Asset pages and API: identifiers checked, owners, status steps, concurrency, visibility."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    AssetStatus,
    Case,
    Party,
    PartyKind,
    User,
)
from tests.conftest import snapshot_fixtures
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_owner,
    make_party,
    office,
    signed_in,
)

TODAY = clock.today().isoformat()


def _ids(session, people) -> dict:
    """Almaty's case with a frozen Uzbek account and a seized flat, its parties, a Tashkent one.

    Almaty's lead prosecutor is named, for the conflict messages.
    """
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    session.get(User, people.almaty.id).name = "Aigerim Seitkali"
    case = make_case(session, office=almaty, reference="ALM-0147")
    aliyev = make_party(session, office=almaty, names=["Алиев Тимур Рашидович"])
    khodjaev = make_party(session, office=almaty, names=["Ходжаев Бахтиёр Алишерович"])
    company = make_party(
        session, office=almaty, names=["ТОО «Степь Трейд»"], kind=PartyKind.COMPANY
    )
    yusupov = make_party(session, office=tashkent, names=["Юсупов Шерзод Рустамович"])
    # Recorded before the IBAN check: Uzbekistan issues no IBANs.
    account = make_asset(
        session,
        case=case,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="UZ21 0000 0000 2020 8000 0000 0001",
        identifier_key="UZ210000000020208000000000001",
        country_code="UZ",
        status=AssetStatus.FROZEN,
    )
    make_owner(session, account, khodjaev, share=Decimal("100"))
    flat = make_asset(
        session,
        case=case,
        kind=AssetKind.REAL_ESTATE,
        identifier="20-321-045-117",
        identifier_key="20321045117",
        country_code="KZ",
        status=AssetStatus.SEIZED,
    )
    make_owner(session, flat, aliyev, share=Decimal("50"))
    make_owner(session, flat, company, share=Decimal("50"))
    session.flush()
    return {
        "account": account.id,
        "flat": flat.id,
        "case": case.id,
        "aliyev": aliyev.id,
        "khodjaev": khodjaev.id,
        "yusupov": yusupov.id,
    }


world, directory_app, people = snapshot_fixtures(_ids)


@pytest.fixture
def ids(world) -> dict:
    return world.built


def _asset_form(ids, **overrides) -> dict:
    data = {
        "kind": "bank_account",
        "identifier": "GE29 NB00 0000 0101 9049 17",
        "description": "Account at a Tbilisi bank",
        "country_code": "ge",
        "location": "Tbilisi",
        "estimated_value": "150000",
        "currency": "usd",
        "case_id": str(ids["case"]),
        "owners-0-party_id": str(ids["aliyev"]),
        "owners-0-share": "60",
        "owners-1-party_id": str(ids["khodjaev"]),
        "owners-1-share": "40",
        "status": "frozen",
        "status_effective_on": TODAY,
        "status_comment": "Order of the Almaty district court",
    }
    data.update(overrides)
    return data


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Asset.id)))


@pytest.mark.parametrize("who", ["tashkent", "uz_ca", "az_ca", "coordinator", "admin"])
def test_almaty_assets_are_404_to_others(directory_app, people, ids, who):
    person = getattr(people, who)
    client, api = signed_in(directory_app, person), api_client(directory_app, person)
    for path in (f"/assets/{ids['account']}", f"/assets/{ids['account']}/edit"):
        assert client.get(path).status_code == 404, path
    status = client.post(
        f"/assets/{ids['account']}/status",
        data={"status": "seized", "effective_on": TODAY, "version": "1"},
    )
    assert status.status_code == 404
    assert client.get(f"/assets/new?case_id={ids['case']}").status_code == 404
    assert api.get(f"/api/v1/assets/{ids['account']}").status_code == 404
    response = api.patch(f"/api/v1/assets/{ids['account']}", json={"version": 1, "location": "x"})
    assert response.status_code == 404
    with directory_app.app_context():
        assert db.session.get(Asset, ids["account"]).status == AssetStatus.FROZEN


def test_the_list_shows_own_assets_only(directory_app, people, ids):
    page = signed_in(directory_app, people.almaty).get("/assets/").get_data(as_text=True)
    assert "20-321-045-117" in page
    tashkent = signed_in(directory_app, people.tashkent).get("/assets/").get_data(as_text=True)
    assert tashkent.count("<code>") == 0
    assert api_client(directory_app, people.uz_ca).get("/api/v1/assets").get_json()["items"] == []
    kz_ca = api_client(directory_app, people.kz_ca).get("/api/v1/assets").get_json()
    assert kz_ca["meta"]["total"] == 2


def test_list_filters(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/assets/?status=frozen").get_data(as_text=True)
    assert "UZ21 0000" in page and "20-321-045-117" not in page
    page = client.get("/assets/?country=kz").get_data(as_text=True)
    assert "20-321-045-117" in page and "UZ21 0000" not in page
    items = (
        api_client(directory_app, people.almaty).get("/api/v1/assets?q=2032104").get_json()["items"]
    )
    assert [a["identifier"] for a in items] == ["20-321-045-117"]


def test_record_an_asset_in_the_page(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    assert client.get(f"/assets/new?case_id={ids['case']}").status_code == 200
    response = client.post(f"/assets/new?case_id={ids['case']}", data=_asset_form(ids))
    assert response.status_code == 302, response.get_data(as_text=True)
    with directory_app.app_context():
        asset = db.session.scalar(
            select(Asset).where(Asset.identifier_key == "GE29NB0000000101904917")
        )
        assert (asset.country_code, asset.currency) == ("GE", "USD")
        assert asset.status == AssetStatus.FROZEN
        assert asset.estimated_value == Decimal("150000")
        assert {(o.party_id, o.share) for o in asset.owners} == {
            (ids["aliyev"], Decimal("60")),
            (ids["khodjaev"], Decimal("40")),
        }
        change = asset.status_changes[0]
        assert (
            change.to_status == AssetStatus.FROZEN
            and change.changed_by.email == people.almaty.email
        )
        assert change.comment == "Order of the Almaty district court"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"identifier": "GE29NB0000000101904918"}, "IBAN checksum is wrong."),
        ({"identifier": "GE29NB000000010190491"}, "An IBAN of GE has 22 characters"),
        ({"kind": "vehicle", "identifier": "1M8GDM9AXKP04278"}, "A VIN has 17 characters"),
        ({"kind": "vehicle", "identifier": "1M8GDM9AXKP0427O8"}, "never contains the letters I, O"),
        ({"currency": "dollars"}, "three-letter ISO 4217"),
        ({"owners-0-share": "70"}, "add up to more than 100 per cent"),
        ({"owners-1-party_id": "0", "owners-0-share": "101"}, "Number must be between 0 and 100"),
        ({"status_effective_on": "2999-01-01"}, "cannot be in the future"),
    ],
)
def test_bad_input_is_refused_with_the_message(directory_app, people, ids, overrides, message):
    before = _count(directory_app)
    response = signed_in(directory_app, people.almaty).post(
        f"/assets/new?case_id={ids['case']}", data=_asset_form(ids, **overrides)
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count(directory_app) == before


def test_an_owner_of_another_office_is_refused(directory_app, people, ids):
    data = _asset_form(ids, **{"owners-1-party_id": str(ids["yusupov"])})
    client = signed_in(directory_app, people.almaty)
    response = client.post(f"/assets/new?case_id={ids['case']}", data=data)
    assert response.status_code == 422
    response = api_client(directory_app, people.almaty).post(
        "/api/v1/assets", json={"kind": "cash", "owners": [{"party_id": ids["yusupov"]}]}
    )
    assert response.status_code == 422
    assert "owners" in response.get_json()["error"]["fields"]


def test_a_vin_check_digit_is_only_a_warning(directory_app, people):
    response = api_client(directory_app, people.almaty).post(
        "/api/v1/assets", json={"kind": "vehicle", "identifier": "WVWZZZ1JZXW000001"}
    )
    assert response.status_code == 201
    assert "check digit" in response.get_json()["warnings"][0]


def test_api_refuses_a_bad_iban(directory_app, people):
    before = _count(directory_app)
    response = api_client(directory_app, people.almaty).post(
        "/api/v1/assets", json={"kind": "bank_account", "identifier": "GE29NB0000000101904918"}
    )
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["identifier"] == ["IBAN checksum is wrong."]
    assert _count(directory_app) == before


def test_status_steps_in_the_page(directory_app, people, ids):
    client = signed_in(directory_app, people.almaty)
    page = client.get(f"/assets/{ids['account']}").get_data(as_text=True)
    assert 'value="seized"' in page and 'value="confiscated"' not in page
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/assets/{ids['account']}/status",
        data={
            "status": "seized",
            "effective_on": yesterday,
            "comment": "Seizure order 12",
            "version": "1",
        },
    )
    assert response.status_code == 302
    wrong = client.post(
        f"/assets/{ids['account']}/status",
        data={"status": "returned", "effective_on": yesterday, "version": "2"},
    )
    assert wrong.status_code == 422
    stale = client.post(
        f"/assets/{ids['account']}/status",
        data={"status": "confiscated", "effective_on": yesterday, "version": "1"},
    )
    assert stale.status_code == 409 and "Aigerim Seitkali" in stale.get_data(as_text=True)
    with directory_app.app_context():
        asset = db.session.get(Asset, ids["account"])
        assert asset.status == AssetStatus.SEIZED
        last = asset.status_changes[-1]
        assert (last.from_status, last.to_status) == (AssetStatus.FROZEN, AssetStatus.SEIZED)
        assert last.effective_on == clock.today() - timedelta(days=1)
        assert last.comment == "Seizure order 12" and last.changed_by.email == people.almaty.email


def test_status_steps_through_the_api(directory_app, people, ids):
    client = api_client(directory_app, people.almaty)
    body = client.patch(
        f"/api/v1/assets/{ids['account']}",
        json={
            "version": 1,
            "status": "released",
            "status_effective_on": TODAY,
            "status_comment": "Court lifted the freeze",
        },
    ).get_json()
    assert body["status"] == "released"
    assert body["status_changes"][-1]["comment"] == "Court lifted the freeze"
    again = client.patch(
        f"/api/v1/assets/{ids['account']}",
        json={"version": body["version"], "status": "seized", "status_effective_on": TODAY},
    )
    assert again.status_code == 422
    assert "status" in again.get_json()["error"]["fields"]


def test_stale_asset_edit_in_page_and_api(directory_app, people, ids):
    first = signed_in(directory_app, people.almaty)
    second = signed_in(directory_app, people.kz_ca)
    page = first.get(f"/assets/{ids['flat']}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in page
    second.get(f"/assets/{ids['flat']}/edit")
    data = {
        "kind": "real_estate",
        "identifier": "20-321-045-117",
        "country_code": "KZ",
        "estimated_value": "99000000",
        "currency": "KZT",
        "case_id": str(ids["case"]),
        "owners-0-party_id": str(ids["aliyev"]),
        "owners-0-share": "50",
        "version": "1",
    }
    assert (
        first.post(f"/assets/{ids['flat']}/edit", data={**data, "location": "A"}).status_code == 302
    )
    stale = second.post(f"/assets/{ids['flat']}/edit", data={**data, "location": "B"})
    assert stale.status_code == 409
    assert 'value="B"' in stale.get_data(as_text=True)
    api_stale = api_client(directory_app, people.kz_ca).patch(
        f"/api/v1/assets/{ids['flat']}", json={"version": 1, "location": "C"}
    )
    assert api_stale.status_code == 409
    assert (
        api_client(directory_app, people.kz_ca)
        .patch(f"/api/v1/assets/{ids['flat']}", json={"location": "C"})
        .status_code
        == 422
    )
    with directory_app.app_context():
        asset = db.session.get(Asset, ids["flat"])
        assert asset.location == "A" and asset.updated_by.email == people.almaty.email
        assert [o.party_id for o in asset.owners] == [ids["aliyev"]]


def test_editing_keeps_an_identifier_recorded_before_the_checks(directory_app, people, ids):
    # The account's "UZ21…" predates the IBAN check (Uzbekistan issues no IBANs).
    response = api_client(directory_app, people.almaty).patch(
        f"/api/v1/assets/{ids['account']}", json={"version": 1, "location": "Tashkent, Yunusabad"}
    )
    assert response.status_code == 200


def _add_assets(app, count: int) -> None:
    with app.app_context():
        almaty = office(db.session, "KZ-ALM")
        owner = db.session.scalar(select(Party).where(Party.office_id == almaty.id))
        case = db.session.scalar(select(Case).where(Case.office_id == almaty.id))
        for n in range(count):
            db.session.add(
                Asset(
                    office=almaty,
                    case=case if n % 2 else None,
                    kind=AssetKind.CASH,
                    identifier=f"CASH-{n}",
                    identifier_key=f"CASH{n}",
                    owners=[AssetOwner(party=owner, share=Decimal("100"))],
                )
            )
        db.session.commit()


def test_asset_list_query_count_does_not_grow(directory_app, people, ids, count_queries):
    page_client = signed_in(directory_app, people.almaty)
    api = api_client(directory_app, people.almaty)
    with count_queries() as page_few:
        assert page_client.get("/assets/?per_page=100").status_code == 200
    with count_queries() as api_few:
        assert api.get("/api/v1/assets?per_page=100").status_code == 200
    _add_assets(directory_app, 30)
    with count_queries() as page_many:
        page = page_client.get("/assets/?per_page=100").get_data(as_text=True)
    with count_queries() as api_many:
        body = api.get("/api/v1/assets?per_page=100").get_json()
    assert "CASH-29" in page and body["meta"]["total"] == 32
    assert len(page_many) <= len(page_few), page_many
    assert len(api_many) <= len(api_few), api_many
