"""Consistency of the reference data: countries, offices, treaties and request content rules."""

import re

import pytest

from casetrack import reference_data as rd

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

COUNTRIES = {c["code"]: c for c in rd.COUNTRIES}
OFFICES = {o["code"]: o for o in rd.OFFICES}


def test_codes_are_unique():
    assert len(COUNTRIES) == len(rd.COUNTRIES)
    assert len(OFFICES) == len(rd.OFFICES)


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


# The treaties and their content rules are tested in tests/test_treaties_data.py.


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
        "confiscation_order",
        "confiscation_enforcement",
        "asset_recovery",
        "other",
    ]
    for kind in rd.ASSISTANCE_TYPES:
        assert set(kind) == {"code", "label_en", "label_ru", "article"}
        assert re.fullmatch(r"(UNTOC|UNCAC) Art\. \d+\([13]\)\([a-k]\)", kind["article"])
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
