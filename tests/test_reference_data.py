"""Consistency of the reference data: countries, offices, treaties and request content rules."""

import re
from datetime import date

import pytest

from casetrack import clock
from casetrack import reference_data as rd

ALLOWED_ITEMS = {
    "requesting_authority",
    "requested_authority",
    "case_number",
    "subject",
    "proceedings",
    "facts",
    "offences",
    "offence_text",
    "damage",
    "assistance_sought",
    "purpose",
    "persons_identity",
    "persons_particulars",
    "company_details",
    "asset_description",
    "asset_location",
    "asset_value",
    "asset_order",
    "urgency_reason",
}
ALLOWED_CONDITIONS = {"always", "persons", "companies", "assets", "urgent"}
ASSET_ITEMS = {"asset_description", "asset_location", "asset_value", "asset_order"}
OFFICE_KINDS = {"central_authority", "prosecutor_office", "court", "other"}

NETWORK_STATES = {"AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ", "PK", "UA"}
ALL_STATES = NETWORK_STATES | {"TR", "US"}

REQUIRED_OFFICES = {
    # code: (country, kind, is_member, parent)
    "KZ-GPO": ("KZ", "central_authority", True, None),
    "UZ-GPO": ("UZ", "central_authority", True, None),
    "KG-GPO": ("KG", "central_authority", True, None),
    "TJ-GPO": ("TJ", "central_authority", True, None),
    "TM-GPO": ("TM", "central_authority", True, None),
    "AZ-GPO": ("AZ", "central_authority", True, None),
    "AM-PGO": ("AM", "central_authority", True, None),
    "GE-PGO": ("GE", "central_authority", True, None),
    "PK-MOI": ("PK", "central_authority", True, None),
    "UA-OPG": ("UA", "central_authority", True, None),
    "KZ-ALM": ("KZ", "prosecutor_office", True, "KZ-GPO"),
    "UZ-TAS": ("UZ", "prosecutor_office", True, "UZ-GPO"),
    "TR-MOJ": ("TR", "central_authority", False, None),
    "US-OIA": ("US", "central_authority", False, None),
}

TREATY_CODES = {"UNTOC", "UNCAC", "VIENNA1988", "MINSK1993", "CHISINAU2002", "COE1959"}

COUNTRIES = {c["code"]: c for c in rd.COUNTRIES}
OFFICES = {o["code"]: o for o in rd.OFFICES}
TREATIES = {t["code"]: t for t in rd.TREATIES}


def test_codes_are_unique():
    assert len(COUNTRIES) == len(rd.COUNTRIES)
    assert len(OFFICES) == len(rd.OFFICES)
    assert len(TREATIES) == len(rd.TREATIES)


def test_module_item_keys_match_the_completeness_checker_contract():
    assert set(rd.REQUIREMENT_ITEMS) == ALLOWED_ITEMS
    assert set(rd.REQUIREMENT_CONDITIONS) == ALLOWED_CONDITIONS


# Countries


def test_all_required_countries_are_present():
    assert set(COUNTRIES) >= ALL_STATES


@pytest.mark.parametrize("country", rd.COUNTRIES, ids=lambda c: c["code"])
def test_country_fields(country):
    assert re.fullmatch(r"[A-Z]{2}", country["code"])
    assert country["name_en"].strip()
    assert re.search(r"[А-Яа-яЁё]", country["name_ru"])
    assert country["languages"]
    assert len(set(country["languages"])) == len(country["languages"])
    for lang in country["languages"]:
        assert re.fullmatch(r"[a-z]{2}", lang), lang


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("AM", "hy"),
        ("AZ", "az"),
        ("GE", "ka"),
        ("KZ", "kk"),
        ("KZ", "ru"),
        ("KG", "ky"),
        ("KG", "ru"),
        ("TJ", "tg"),
        ("TM", "tk"),
        ("UZ", "uz"),
        ("PK", "ur"),
        ("PK", "en"),
        ("UA", "uk"),
        ("TR", "tr"),
        ("US", "en"),
    ],
)
def test_official_languages(code, language):
    assert language in COUNTRIES[code]["languages"]


# Offices


@pytest.mark.parametrize("office", rd.OFFICES, ids=lambda o: o["code"])
def test_office_fields(office):
    assert office["country"] in COUNTRIES
    assert office["code"].startswith(office["country"] + "-")
    assert office["kind"] in OFFICE_KINDS
    for field in ("name_en", "name_ru", "name_local", "address"):
        assert office[field].strip(), field
    assert isinstance(office["is_member"], bool)


@pytest.mark.parametrize("office", rd.OFFICES, ids=lambda o: o["code"])
def test_office_parent_is_a_known_central_authority_of_the_same_country(office):
    parent = office["parent"]
    if office["kind"] == "central_authority":
        assert parent is None
        return
    assert parent in OFFICES
    assert OFFICES[parent]["kind"] == "central_authority"
    assert OFFICES[parent]["country"] == office["country"]


@pytest.mark.parametrize("office", rd.OFFICES, ids=lambda o: o["code"])
def test_office_email_uses_the_reserved_example_domain(office):
    email = office["email"]
    assert re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.example", email), email
    assert email.endswith(".example")


@pytest.mark.parametrize(("code", "expected"), REQUIRED_OFFICES.items())
def test_required_office(code, expected):
    assert code in OFFICES, code
    office = OFFICES[code]
    country, kind, is_member, parent = expected
    assert office["country"] == country
    assert office["kind"] == kind
    assert office["is_member"] is is_member
    assert office["parent"] == parent


def test_only_the_non_member_counterparts_are_off_the_system():
    assert {o["code"] for o in rd.OFFICES if not o["is_member"]} == {"TR-MOJ", "US-OIA"}


def test_every_network_state_has_exactly_one_central_authority():
    for state in NETWORK_STATES:
        central = [
            o for o in rd.OFFICES if o["country"] == state and o["kind"] == "central_authority"
        ]
        assert len(central) == 1, state


# Treaties


def test_all_treaties_are_present():
    assert set(TREATIES) == TREATY_CODES


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_treaty_fields(treaty):
    assert treaty["title_en"].strip()
    assert re.search(r"[А-Яа-яЁё]", treaty["title_ru"])
    assert treaty["is_multilateral"] is True
    assert treaty["default_response_days"] is None
    assert treaty["default_days_are_business"] is False


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_treaty_parties_are_known_countries_with_plausible_dates(treaty):
    assert treaty["parties"]
    for state, in_force in treaty["parties"].items():
        assert state in COUNTRIES, state
        assert isinstance(in_force, date), state
        assert date(1959, 4, 20) <= in_force <= clock.today(), state


@pytest.mark.parametrize("code", ["UNTOC", "UNCAC", "VIENNA1988"])
def test_un_conventions_bind_all_twelve_states(code):
    assert set(TREATIES[code]["parties"]) == ALL_STATES


def test_un_convention_dates_are_not_before_their_entry_into_force():
    first = {
        "UNTOC": date(2003, 9, 29),
        "UNCAC": date(2005, 12, 14),
        "VIENNA1988": date(1990, 11, 11),
    }
    for code, start in first.items():
        assert min(TREATIES[code]["parties"].values()) == start, code


def test_regional_conventions_bind_only_their_region():
    assert set(TREATIES["MINSK1993"]["parties"]) <= NETWORK_STATES - {"PK"}
    assert set(TREATIES["CHISINAU2002"]["parties"]) <= NETWORK_STATES - {"PK"}
    coe = set(TREATIES["COE1959"]["parties"])
    assert {"AM", "AZ", "GE", "UA", "TR"} <= coe
    assert not coe & {"KZ", "KG", "TJ", "TM", "UZ", "PK", "US"}


def test_chisinau_is_not_in_force_for_states_that_did_not_sign_it():
    assert not set(TREATIES["CHISINAU2002"]["parties"]) & {"UZ", "TM"}


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_requirement_items_are_allowed_and_unique(treaty):
    items = [r["item"] for r in treaty["requirements"]]
    assert set(items) <= ALLOWED_ITEMS
    assert len(items) == len(set(items)), items


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_requirement_fields(treaty):
    for req in treaty["requirements"]:
        assert set(req) == {"item", "article", "condition", "label_en", "label_ru"}
        assert req["condition"] in ALLOWED_CONDITIONS, req
        assert re.match(r"Art\. \d+", req["article"]), req
        assert req["label_en"].strip(), req
        assert re.search(r"[А-Яа-яЁё]", req["label_ru"]), req


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_every_treaty_requires_the_core_items(treaty):
    items = {r["item"] for r in treaty["requirements"]}
    assert {"requesting_authority", "facts", "assistance_sought", "purpose"} <= items


@pytest.mark.parametrize("treaty", rd.TREATIES, ids=lambda t: t["code"])
def test_conditional_items_carry_their_condition(treaty):
    expected = {
        "persons_identity": "persons",
        "persons_particulars": "persons",
        "company_details": "companies",
        "urgency_reason": "urgent",
        **dict.fromkeys(ASSET_ITEMS, "assets"),
    }
    for req in treaty["requirements"]:
        if req["item"] in expected:
            assert req["condition"] == expected[req["item"]], req


@pytest.mark.parametrize(
    ("code", "mla_article", "asset_article"),
    [("UNTOC", "18(15)", "13(3)"), ("UNCAC", "46(15)", "55(3)")],
)
def test_un_conventions_have_every_asset_item(code, mla_article, asset_article):
    reqs = {r["item"]: r for r in TREATIES[code]["requirements"]}
    for item in ASSET_ITEMS:
        assert item in reqs, item
        assert reqs[item]["condition"] == "assets"
        assert reqs[item]["article"].startswith(f"Art. {asset_article}")
    assert reqs["asset_order"]["article"] == f"Art. {asset_article}(b)"
    assert reqs["requesting_authority"]["article"] == f"Art. {mla_article}(a)"
    assert reqs["purpose"]["article"] == f"Art. {mla_article}(f)"


@pytest.mark.parametrize("code", ["MINSK1993", "CHISINAU2002"])
def test_cis_conventions_add_their_own_items(code):
    items = {r["item"] for r in TREATIES[code]["requirements"]}
    assert {
        "requested_authority",
        "case_number",
        "persons_particulars",
        "company_details",
        "offences",
        "damage",
    } <= items


def test_chisinau_asks_for_bank_details_and_the_text_of_the_law():
    reqs = {r["item"]: r for r in TREATIES["CHISINAU2002"]["requirements"]}
    assert "offence_text" in reqs
    assert "bank" in reqs["company_details"]["label_en"]
    assert "birth" in reqs["persons_particulars"]["label_en"]


# Assistance types and refusal grounds


def test_assistance_types():
    codes = [t["code"] for t in rd.ASSISTANCE_TYPES]
    assert codes == [
        "taking_evidence",
        "service_of_documents",
        "search_and_seizure",
        "freezing",
        "examining_objects",
        "providing_information",
        "records",
        "tracing_proceeds",
        "appearance_of_persons",
        "asset_recovery",
        "other",
    ]
    for kind in rd.ASSISTANCE_TYPES:
        assert set(kind) == {"code", "label_en", "label_ru", "article"}
        assert re.fullmatch(r"(UNTOC|UNCAC) Art\. \d+\(3\)\([a-k]\)", kind["article"])
        assert kind["label_en"].strip()
        assert re.search(r"[А-Яа-яЁё]", kind["label_ru"])


def test_refusal_grounds():
    assert [g["code"] for g in rd.REFUSAL_GROUNDS] == [
        "dual_criminality",
        "political_offence",
        "ne_bis_in_idem",
        "essential_interests",
        "insufficient_information",
        "other",
    ]
    for ground in rd.REFUSAL_GROUNDS:
        assert set(ground) == {"code", "label_en", "label_ru"}
        assert ground["label_en"].strip()
        assert re.search(r"[А-Яа-яЁё]", ground["label_ru"])
