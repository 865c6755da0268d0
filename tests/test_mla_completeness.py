"""Completeness per legal basis: each missing item is named with the article behind it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from casetrack.db import db
from casetrack.models import (
    Asset,
    AssetKind,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    Treaty,
)
from tests.test_mla_lifecycle import ALMATY, make_request


def _with_basis(app, treaty_code: str) -> int:
    request_id = make_request(app, "draft")
    with app.app_context():
        req = db.session.get(Request, request_id)
        req.is_reciprocity = False
        treaty = db.session.scalar(select(Treaty).where(Treaty.code == treaty_code))
        req.legal_bases.append(RequestLegalBasis(treaty=treaty, articles=""))
        db.session.commit()
    return request_id


def test_minsk_names_a_missing_date_of_birth_with_its_article(app, api_as):
    request_id = _with_basis(app, "MINSK1993")
    with app.app_context():
        req = db.session.get(Request, request_id)
        person = Party(
            office_id=req.requesting_office_id,
            kind=PartyKind.PERSON,
            display_name="Undated Person",
            birth_place="Taraz",
            nationality="KZ",
            address="Taraz, Tole bi 5",
            occupation="driver",
        )
        req.persons.append(RequestParty(party=person, role=PartyRole.WITNESS))
        db.session.commit()
    report = api_as(ALMATY).get(f"/api/v1/requests/{request_id}/completeness").json
    assert report["complete"] is False
    particulars = next(m for m in report["missing"] if m["item"] == "persons_particulars")
    assert particulars["basis"].startswith("MINSK1993 Art.")
    assert particulars["details"] == ["Undated Person: date of birth"]
    with app.app_context():
        db.session.scalar(
            select(Party).where(Party.display_name == "Undated Person")
        ).birth_date = date(1990, 1, 1)
        db.session.commit()
    report = api_as(ALMATY).get(f"/api/v1/requests/{request_id}/completeness").json
    assert "persons_particulars" not in {m["item"] for m in report["missing"]}


def test_untoc_asset_without_value_or_order(app, api_as, login_as):
    request_id = _with_basis(app, "UNTOC")
    with app.app_context():
        req = db.session.get(Request, request_id)
        req.purpose = "Evidence"
        req.facts = "Facts"
        req.offences = "Fraud"
        req.proceedings_stage = "Investigation"
        req.proceedings_authority = "Almaty"
        asset = Asset(
            office_id=req.requesting_office_id,
            case_id=req.case_id,
            kind=AssetKind.VEHICLE,
            identifier="VIN123",
            description="Car",
            country_code="UZ",
            location="Tashkent",
        )
        req.assets.append(RequestAsset(asset=asset))
        db.session.commit()
    report = api_as(ALMATY).get(f"/api/v1/requests/{request_id}/completeness").json
    items = {m["item"]: m for m in report["missing"]}
    assert set(items) == {"asset_value", "asset_order"}
    assert items["asset_value"]["basis"].startswith("UNTOC Art. 13")
    page = login_as(ALMATY).get(f"/requests/{request_id}").get_data(as_text=True)
    assert items["asset_order"]["basis"] in page
    with app.app_context():
        req = db.session.get(Request, request_id)
        req.assets[0].asset.estimated_value = Decimal("15000")
        req.assets[0].asset.currency = "USD"
        req.annexes = [{"title": "Seizure order", "pages": 2, "is_order": True}]
        db.session.commit()
    report = api_as(ALMATY).get(f"/api/v1/requests/{request_id}/completeness").json
    assert report == {"complete": True, "missing": []}
