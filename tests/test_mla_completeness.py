"""Completeness per legal basis, re-derived from the article texts: a labelled table of request
shapes (instrument × assistance types × what is filled) → the exact missing items, each with
its strength and paragraph. Every "refused but valid" case of issue 11 is a row here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from casetrack import clock
from casetrack.db import db
from casetrack.mla import completeness
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Asset,
    AssetKind,
    Office,
    Party,
    PartyKind,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    Treaty,
)
from tests.factories import api_client, make_case, make_user, office

#: (requesting office, requested office) bound by each instrument on the request's date.
OFFICES = {
    "UNTOC": ("KZ-ALM", "UZ-TAS"),
    "UNCAC": ("KZ-ALM", "UZ-TAS"),
    "VIENNA1988": ("KZ-ALM", "UZ-TAS"),
    "MINSK1993": ("KZ-ALM", "UZ-TAS"),
    "CHISINAU2002": ("KZ-ALM", "KG-GPO"),
    "COE1959": ("GE-PGO", "AM-PGO"),
}

COMPLETE = {
    "subject": "Fraud on a large scale",
    "proceedings_stage": "Pre-trial investigation",
    "proceedings_authority": "Almaty City Prosecutor's Office",
    "facts": "VAT refunds obtained with forged invoices.",
    "offences": "Art. 190(4) CC RK",
    "offence_text": "Article 190. Fraud …",
    "purpose": "To trace the proceeds",
    "measures": [{"text": "The measure sought", "questions": []}],
    "signatory_name": "A. Nurlanova",
    "languages": ["ru"],
}


def _person(office_id, **overrides) -> Party:
    fields = {
        "kind": PartyKind.PERSON,
        "display_name": "Aliyev Timur",
        "birth_date": date(1980, 1, 2),
        "birth_place": "Almaty",
        "nationality": "KZ",
        "address": "Almaty, Abay 1",
        "occupation": "director",
        **overrides,
    }
    return Party(office_id=office_id, **fields)


def _company(office_id, **overrides) -> Party:
    fields = {
        "kind": PartyKind.COMPANY,
        "display_name": "Steppe Trade LLP",
        "address": "Almaty, Dostyk 5",
        "tax_id": "123456789012",
        "bank_details": "KZ86125KZT5004100100, Halyk Bank",
        **overrides,
    }
    return Party(office_id=office_id, **fields)


def build(app, treaty: str, types: list[str], *, to: str | None = None, **shape) -> int:
    """A request under ``treaty`` with everything filled except what ``shape`` overrides."""
    people = shape.pop("people", [])
    companies = shape.pop("companies", [])
    assets = shape.pop("assets", [])
    with app.app_context():
        requesting_code, requested_code = OFFICES[treaty]
        requesting = db.session.scalar(select(Office).where(Office.code == requesting_code))
        requested = db.session.scalar(select(Office).where(Office.code == (to or requested_code)))
        case = None
        if requesting_code == "KZ-ALM":
            case = make_case(db.session, office=requesting)
        reference, seq = next_reference(db.session, requesting, clock.today().year)
        req = Request(
            reference=reference,
            year=clock.today().year,
            seq=seq,
            case=case,
            requesting_office=requesting,
            requested_office=requested,
            assistance_types=types,
            **{"annexes": [], **COMPLETE, **shape},
        )
        req.legal_bases.append(
            RequestLegalBasis(
                treaty=db.session.scalar(select(Treaty).where(Treaty.code == treaty)), articles=""
            )
        )
        for overrides in people:
            req.persons.append(
                RequestParty(party=_person(requesting.id, **overrides), role=PartyRole.WITNESS)
            )
        for overrides in companies:
            req.persons.append(
                RequestParty(party=_company(requesting.id, **overrides), role=PartyRole.OTHER)
            )
        for overrides in assets:
            fields = {
                "kind": AssetKind.BANK_ACCOUNT,
                "identifier": "UZ21000000001",
                "description": "Current account",
                "country_code": "UZ",
                "estimated_value": Decimal("1000.00"),
                "currency": "USD",
                **overrides,
            }
            asset = Asset(office_id=requesting.id, case_id=case.id if case else None, **fields)
            req.assets.append(RequestAsset(asset=asset))
        db.session.add(req)
        db.session.commit()
        return req.id


def found(app, request_id, lang="en"):
    with app.app_context():
        req = db.session.get(Request, request_id)
        items = completeness.check(req)
        blocking = {(m.item, m.strength.value, m.citation(lang)) for m in items if m.is_blocking}
        advice = {(m.item, m.strength.value, m.citation(lang)) for m in items if not m.is_blocking}
        details = {m.item: m.missing(lang) for m in items}
        return blocking, advice, details


UN = "the United Nations Convention against"
UNTOC_NAME = f"{UN} Transnational Organized Crime"
UNCAC_NAME = f"{UN} Corruption"
VIENNA_NAME = f"{UN} Illicit Traffic in Narcotic Drugs and Psychotropic Substances of 1988"
MINSK = "the Minsk Convention of 1993"
CHISINAU = "the Chisinau Convention of 2002"
COE = "the European Convention on Mutual Assistance in Criminal Matters of 1959"

SHAPES = [
    # (label, treaty, types, shape, blocking {(item, strength, paragraph)}, advice ⊇ {items})
    (
        "UNTOC service only, no summary of facts: 18(15)(c) exempts it",
        "UNTOC",
        ["service_of_documents"],
        {"facts": ""},
        set(),
        set(),
    ),
    (
        "UNTOC records without facts: the summary is required",
        "UNTOC",
        ["records"],
        {"facts": ""},
        {("facts", "required", f"Art. 18(15)(c) of {UNTOC_NAME}")},
        set(),
    ),
    (
        "UNTOC, one person's nationality unknown: (e) is where possible",
        "UNTOC",
        ["taking_evidence"],
        {"people": [{"nationality": ""}]},
        set(),
        {("persons_identity", "where_possible", f"Art. 18(15)(e) of {UNTOC_NAME}")},
    ),
    (
        "UNCAC tracing naming no asset yet",
        "UNCAC",
        ["tracing_proceeds"],
        {},
        set(),
        {("freezing_order", "where_available", f"Art. 55(3)(c) of {UNCAC_NAME}")},
    ),
    (
        "UNCAC freezing without a copy of an order: 55(3)(c) says where available",
        "UNCAC",
        ["freezing"],
        {"assets": [{}]},
        set(),
        {("freezing_order", "where_available", f"Art. 55(3)(c) of {UNCAC_NAME}")},
    ),
    (
        "UNCAC enforcing an order: copy, extent, notice to third parties, finality (55(3)(b))",
        "UNCAC",
        ["confiscation_enforcement"],
        {"assets": [{}]},
        {
            ("asset_order", "required", f"Art. 55(3)(b) of {UNCAC_NAME}"),
            ("order_extent", "required", f"Art. 55(3)(b) of {UNCAC_NAME}"),
            ("third_party_notice", "required", f"Art. 55(3)(b) of {UNCAC_NAME}"),
            ("order_finality", "required", f"Art. 55(3)(b) of {UNCAC_NAME}"),
        },
        set(),
    ),
    (
        "UNCAC enforcing an order with everything given",
        "UNCAC",
        ["confiscation_enforcement"],
        {
            "assets": [{}],
            "annexes": [{"title": "Confiscation order", "pages": 3, "is_order": True}],
            "order_extent": "In full",
            "third_party_notice": "Notified by publication",
            "order_finality": "Final since 1 May 2026",
        },
        set(),
        set(),
    ),
    (
        "UNCAC seeking a confiscation order: location and value are advice",
        "UNCAC",
        ["confiscation_order"],
        {"assets": [{"country_code": "", "location": "", "estimated_value": None}]},
        set(),
        {
            ("asset_location", "to_the_extent_possible", f"Art. 55(3)(a) of {UNCAC_NAME}"),
            ("asset_value", "where_relevant", f"Art. 55(3)(a) of {UNCAC_NAME}"),
        },
    ),
    (
        "UNTOC seeking a confiscation order without naming the property",
        "UNTOC",
        ["confiscation_order"],
        {},
        {("asset_description", "required", f"Art. 13(3)(a) of {UNTOC_NAME}")},
        set(),
    ),
    (
        "Vienna bank records naming an account: no order is asked",
        "VIENNA1988",
        ["records"],
        {"assets": [{}]},
        set(),
        set(),
    ),
    (
        "Vienna enforcing an order without its copy or extent (5(4)(d)(ii))",
        "VIENNA1988",
        ["confiscation_enforcement"],
        {"assets": [{}]},
        {
            ("asset_order", "required", f"Art. 5(4)(d)(ii) of {VIENNA_NAME}"),
            ("order_extent", "required", f"Art. 5(4)(d)(ii) of {VIENNA_NAME}"),
        },
        set(),
    ),
    (
        "CoE 1959 urgent request without a reason: Art. 15(2) asks none",
        "COE1959",
        ["taking_evidence"],
        {"is_urgent": True, "urgency_reason": ""},
        set(),
        set(),
    ),
    (
        "CoE 1959 service only without offence and facts (14(2): letters rogatory only)",
        "COE1959",
        ["service_of_documents"],
        {"offences": "", "facts": "", "service_address": "Yerevan, Tumanyan 3"},
        set(),
        set(),
    ),
    (
        "CoE 1959 service without the addressee's address (14(1)(d))",
        "COE1959",
        ["service_of_documents"],
        {"offences": "", "facts": ""},
        {("service_address", "required", f"Art. 14(1)(d) of {COE}")},
        set(),
    ),
    (
        "CoE 1959 letters rogatory for evidence without offence and facts (14(2))",
        "COE1959",
        ["taking_evidence"],
        {"offences": "", "facts": ""},
        {
            ("offences", "required", f"Art. 14(2) of {COE}"),
            ("facts", "required", f"Art. 14(2) of {COE}"),
        },
        set(),
    ),
    (
        "Minsk without damage: asked only if it was caused",
        "MINSK1993",
        ["records"],
        {"damage": ""},
        set(),
        {("damage", "if_caused", f"Art. 7(1)(g) of {MINSK}")},
    ),
    (
        "Minsk, a company without bank details: name and location are enough",
        "MINSK1993",
        ["records"],
        {"damage": "KZT 1,000", "companies": [{"bank_details": "", "tax_id": ""}]},
        set(),
        {("representatives", "if_any", f"Art. 7(1)(e) of {MINSK}")},
    ),
    (
        "Minsk, a person without residence: required; date of birth only where possible",
        "MINSK1993",
        ["taking_evidence"],
        {"damage": "KZT 1,000", "people": [{"address": "", "birth_date": None}]},
        {("persons_residence", "required", f"Art. 7(1)(d) of {MINSK}")},
        {
            ("persons_birth", "where_possible", f"Art. 7(1)(d) of {MINSK}"),
            ("representatives", "if_any", f"Art. 7(1)(e) of {MINSK}"),
        },
    ),
    (
        "Minsk service: the recipient's exact address and the document's name",
        "MINSK1993",
        ["service_of_documents"],
        {"damage": "KZT 1,000"},
        {
            ("service_address", "required", f"Art. 7 of {MINSK}"),
            ("service_document", "required", f"Art. 7 of {MINSK}"),
        },
        set(),
    ),
    (
        "Chisinau, a company without bank details and fiscal code (7(1)(d))",
        "CHISINAU2002",
        ["records"],
        {"damage": "KZT 1,000", "companies": [{"bank_details": "", "tax_id": ""}]},
        {("company_details", "required", f"Art. 7(1)(d) of {CHISINAU}")},
        {("representatives", "if_any", f"Art. 7(1)(e) of {CHISINAU}")},
    ),
    (
        "Chisinau with representatives given: nothing is missing",
        "CHISINAU2002",
        ["records"],
        {"damage": "KZT 1,000", "people": [{}], "representatives": "Advocate B. Sarsenov"},
        set(),
        set(),
    ),
    (
        "Chisinau service without the recipient's address or the document's name",
        "CHISINAU2002",
        ["service_of_documents"],
        {"damage": "KZT 1,000"},
        {
            ("service_address", "required", f"Art. 7 of {CHISINAU}"),
            ("service_document", "required", f"Art. 7 of {CHISINAU}"),
        },
        set(),
    ),
    (
        "Chisinau without the text of the law; damage where possible",
        "CHISINAU2002",
        ["records"],
        {"offence_text": "", "damage": ""},
        {("offence_text", "required", f"Art. 7 of {CHISINAU}")},
        {("damage", "where_possible", f"Art. 7 of {CHISINAU}")},
    ),
]


@pytest.mark.parametrize(
    ("label", "treaty", "types", "shape", "blocking", "advice"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_request_shapes(directory_app, label, treaty, types, shape, blocking, advice):
    request_id = build(directory_app, treaty, types, **shape)
    got_blocking, got_advice, _details = found(directory_app, request_id)
    assert got_blocking == blocking, label
    assert advice <= got_advice, (label, got_advice)
    # Advice beyond what the row names is only ever other advice, never a block.
    assert not {item for item, *_ in got_advice} & {item for item, *_ in got_blocking}


def test_what_is_missing_is_said_in_the_users_language(directory_app):
    request_id = build(
        directory_app,
        "CHISINAU2002",
        ["records"],
        damage="KZT 1,000",
        companies=[{"bank_details": "", "tax_id": ""}],
    )
    blocking, _advice, details = found(directory_app, request_id, "ru")
    assert (
        "company_details",
        "required",
        "подп. «г» п. 1 ст. 7 Кишинёвской конвенции 2002 г.",
    ) in (blocking)
    assert details["company_details"] == ["Steppe Trade LLP: банковские реквизиты, фискальный код"]
    _blocking, _advice, details = found(directory_app, request_id, "en")
    assert details["company_details"] == ["Steppe Trade LLP: bank details, fiscal code"]


def test_the_api_reports_strength_paragraph_and_what_is_missing(directory_app):
    request_id = build(directory_app, "MINSK1993", ["taking_evidence"], people=[{"address": ""}])
    with directory_app.app_context():
        # An Almaty prosecutor who reads the interface in Russian.
        russian = make_user(db.session, office=office(db.session, "KZ-ALM"), language="ru")
        db.session.commit()
    report = (
        api_client(directory_app, russian).get(f"/api/v1/requests/{request_id}/completeness").json
    )
    assert report["complete"] is False
    (residence,) = [m for m in report["missing"] if m["item"] == "persons_residence"]
    assert residence["strength"] == "required" and residence["blocking"] is True
    assert residence["paragraph"] == "подп. «г» п. 1 ст. 7 Минской конвенции 1993 г."
    assert residence["missing"] == ["Aliyev Timur: место жительства (пребывания)"]
    assert residence["basis"] == "MINSK1993 Art. 7(1)(d)"
    assert {m["item"] for m in report["advice"]} >= {"damage", "representatives"}
    assert all(m["blocking"] is False for m in report["advice"])


def test_a_casetrack_rule_is_labelled_as_ours(directory_app):
    request_id = build(directory_app, "UNTOC", ["records"], signatory_name="")
    with directory_app.app_context():
        (item,) = [
            m
            for m in completeness.check(db.session.get(Request, request_id))
            if m.item == "signatory"
        ]
        assert item.is_ours and item.is_blocking
        assert item.citation("en") == "casetrack rule (not a treaty's)"
        assert item.basis == "casetrack"


def test_languages_advise_and_never_block(directory_app):
    # Armenia takes CoE requests in Armenian, English or French (Art. 16 declaration).
    request_id = build(directory_app, "COE1959", ["taking_evidence"], languages=["ru"])
    blocking, advice, details = found(directory_app, request_id)
    assert blocking == set()
    assert ("languages", "advice", f"Art. 16 of {COE}") in advice
    assert "accepted: en, fr, hy" in details["languages"][0]
    in_english = build(directory_app, "COE1959", ["taking_evidence"], languages=["en"])
    assert "languages" not in {item for item, *_ in found(directory_app, in_english)[1]}
    # No declaration recorded for Uzbekistan under UNTOC: no advice either way.
    untoc = build(directory_app, "UNTOC", ["records"], languages=["de"])
    assert "languages" not in {item for item, *_ in found(directory_app, untoc)[1]}
