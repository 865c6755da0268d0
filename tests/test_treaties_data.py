"""Consistency of the treaty law data: every fact sourced, the dates the issue corrected, and
requirements that match the checker and the article texts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from casetrack import reference_data as rd
from casetrack.mla.completeness import CHECKS
from casetrack.models import FactKind, RequirementCondition, RequirementStrength
from casetrack.treaties import data

TREATIES = {t["code"]: t for t in data.TREATIES}
COUNTRIES = {c["code"] for c in rd.COUNTRIES}


def _facts(code, state, kind):
    return [f for f in data.MEMBERSHIP[code][state] if f["kind"] == kind]


def test_codes_and_membership_cover_the_same_treaties():
    assert set(TREATIES) == set(data.MEMBERSHIP)
    assert set(TREATIES) == {
        "UNTOC",
        "UNCAC",
        "VIENNA1988",
        "MINSK1993",
        "CHISINAU2002",
        "COE1959",
        "KZUZ1997",
    }


@pytest.mark.parametrize("code", sorted(data.MEMBERSHIP))
def test_every_fact_is_known_dated_and_sourced(code):
    for state, facts in data.MEMBERSHIP[code].items():
        assert state in COUNTRIES, state
        assert facts, state
        for fact in facts:
            FactKind(fact["kind"])
            assert fact["source_document"].strip(), (code, state, fact)
            assert fact["on"] is None or date(1959, 4, 20) <= fact["on"] <= data.CHECKED_ON
            if fact["kind"] in ("withdrawal", "suspension"):
                assert fact["act"], (code, state)


def test_declarations_and_replacements_are_sourced():
    for declaration in data.DECLARATIONS:
        assert declaration["treaty"] in TREATIES
        assert declaration["country"] in COUNTRIES
        assert declaration["source_document"].strip()
        assert re.search(r"[А-Яа-яЁё]", declaration["text_ru"])
    for replacement in data.REPLACEMENTS:
        assert replacement["article"] == "Art. 120(3)"
        assert "120(4)" in replacement["note"]


@pytest.mark.parametrize(
    ("label", "code", "state", "kind", "expected"),
    [
        (
            "CoE 1959 for Azerbaijan: 90 days after the deposit of 4 Jul 2003",
            "COE1959",
            "AZ",
            "entry_into_force",
            date(2003, 10, 2),
        ),
        ("CoE 1959, Azerbaijan's deposit", "COE1959", "AZ", "deposit", date(2003, 7, 4)),
        ("Chisinau, Kyrgyzstan's deposit", "CHISINAU2002", "KG", "deposit", date(2004, 9, 2)),
        ("Chisinau, Armenia's deposit", "CHISINAU2002", "AM", "deposit", date(2005, 1, 21)),
        ("Chisinau, Kazakhstan's deposit", "CHISINAU2002", "KZ", "deposit", date(2004, 3, 29)),
        ("Chisinau for Kazakhstan", "CHISINAU2002", "KZ", "entry_into_force", date(2004, 4, 27)),
        ("KZ-UZ treaty of 1997", "KZUZ1997", "KZ", "entry_into_force", date(1998, 11, 29)),
        ("Ukraine's withdrawal law", "MINSK1993", "UA", "withdrawal", date(2022, 12, 1)),
    ],
)
def test_the_corrected_and_sourced_dates(label, code, state, kind, expected):
    assert [f["on"] for f in _facts(code, state, kind)] == [expected], label


def test_chisinau_enters_into_force_on_the_30th_day_counted_like_kazakhstans():
    # Kazakhstan: deposit 29 Mar 2004, in force 27 Apr 2004 — the deposit day counts as day 1.
    for state in ("KZ", "KG", "AM"):
        deposit = _facts("CHISINAU2002", state, "deposit")[0]["on"]
        entry = _facts("CHISINAU2002", state, "entry_into_force")[0]["on"]
        assert (entry - deposit).days == 29, state


def test_vienna_for_kazakhstan_does_not_take_the_accession_law_for_entry_into_force():
    assert not _facts("VIENNA1988", "KZ", "entry_into_force")
    assert _facts("VIENNA1988", "KZ", "act")[0]["on"] == date(1998, 6, 29)


def test_ukraines_withdrawal_keeps_its_effective_date_unrecorded_and_says_why():
    withdrawal = _facts("MINSK1993", "UA", "withdrawal")[0]
    assert withdrawal["act"] == "Law No. 2783-IX of 1 December 2022"
    assert withdrawal["effective_on"] is None
    assert withdrawal["casetrack_ends_on"] == date(2022, 12, 1)
    assert "casetrack's rule" in withdrawal["note"]
    assert _facts("MINSK1993", "UA", "suspension")[0]["towards"] == "RU, BY"


def test_chisinau_is_not_recorded_for_states_that_did_not_sign_it():
    assert not set(data.MEMBERSHIP["CHISINAU2002"]) & {"UZ", "TM"}


@pytest.mark.parametrize("treaty", data.TREATIES, ids=lambda t: t["code"])
def test_requirements_are_checkable_and_carry_paragraph_condition_and_strength(treaty):
    items = [r["item"] for r in treaty["requirements"]]
    assert len(items) == len(set(items)), items
    for req in treaty["requirements"]:
        assert req["item"] in CHECKS, req
        assert req["item"] in rd.REQUIREMENT_ITEMS, req
        RequirementCondition(req["condition"])
        RequirementStrength(req["strength"])
        assert re.fullmatch(r"Art\. \d+(\(\d+\))?(\([a-z]\))?(\([ivx]+\))?", req["article"]), req
        assert req["label_en"].strip()
        assert re.search(r"[А-Яа-яЁё]", req["label_ru"])
    for name in ("short_en", "short_ru"):
        assert treaty[name].strip()
    assert not re.search(r"[A-Z]{4,}\d{4}", treaty["short_en"] + treaty["short_ru"])


def _req(code, item):
    return next(r for r in TREATIES[code]["requirements"] if r["item"] == item)


@pytest.mark.parametrize(
    ("label", "code", "item", "article", "condition", "strength"),
    [
        (
            "UNTOC: facts not asked of service",
            "UNTOC",
            "facts",
            "Art. 18(15)(c)",
            "not_service_only",
            "required",
        ),
        (
            "UNCAC: facts not asked of service",
            "UNCAC",
            "facts",
            "Art. 46(15)(c)",
            "not_service_only",
            "required",
        ),
        (
            "Vienna: facts not asked of service",
            "VIENNA1988",
            "facts",
            "Art. 7(10)(c)",
            "not_service_only",
            "required",
        ),
        (
            "UNTOC (e) where possible",
            "UNTOC",
            "persons_identity",
            "Art. 18(15)(e)",
            "persons",
            "where_possible",
        ),
        (
            "UNTOC: the order only to enforce one",
            "UNTOC",
            "asset_order",
            "Art. 13(3)(b)",
            "enforce_order",
            "required",
        ),
        (
            "UNTOC: property described to seek an order",
            "UNTOC",
            "asset_description",
            "Art. 13(3)(a)",
            "seek_confiscation",
            "required",
        ),
        (
            "UNCAC: notice to bona fide third parties",
            "UNCAC",
            "third_party_notice",
            "Art. 55(3)(b)",
            "enforce_order",
            "required",
        ),
        (
            "UNCAC: finality of the order",
            "UNCAC",
            "order_finality",
            "Art. 55(3)(b)",
            "enforce_order",
            "required",
        ),
        (
            "UNCAC: extent of execution",
            "UNCAC",
            "order_extent",
            "Art. 55(3)(b)",
            "enforce_order",
            "required",
        ),
        (
            "UNCAC: freezing order where available",
            "UNCAC",
            "freezing_order",
            "Art. 55(3)(c)",
            "freeze_or_trace",
            "where_available",
        ),
        (
            "UNCAC: location to the extent possible",
            "UNCAC",
            "asset_location",
            "Art. 55(3)(a)",
            "seek_confiscation",
            "to_the_extent_possible",
        ),
        (
            "Vienna: the order only to enforce one",
            "VIENNA1988",
            "asset_order",
            "Art. 5(4)(d)(ii)",
            "enforce_order",
            "required",
        ),
        (
            "Vienna: property described",
            "VIENNA1988",
            "asset_description",
            "Art. 5(4)(d)(i)",
            "seek_confiscation",
            "required",
        ),
        (
            "CoE: offence only in letters rogatory",
            "COE1959",
            "offences",
            "Art. 14(2)",
            "letters_rogatory",
            "required",
        ),
        (
            "CoE: facts only in letters rogatory",
            "COE1959",
            "facts",
            "Art. 14(2)",
            "letters_rogatory",
            "required",
        ),
        (
            "CoE: nationality where possible",
            "COE1959",
            "persons_nationality",
            "Art. 14(1)(c)",
            "persons",
            "where_possible",
        ),
        (
            "CoE: the person to be served",
            "COE1959",
            "service_address",
            "Art. 14(1)(d)",
            "service",
            "required",
        ),
        ("Minsk: damage if caused", "MINSK1993", "damage", "Art. 7(1)(g)", "always", "if_caused"),
        (
            "Minsk: legal person's name and location",
            "MINSK1993",
            "company_name_location",
            "Art. 7(1)(d)",
            "companies",
            "required",
        ),
        (
            "Minsk: representatives where there are any",
            "MINSK1993",
            "representatives",
            "Art. 7(1)(e)",
            "parties",
            "if_any",
        ),
        (
            "Minsk: recipient's address for service",
            "MINSK1993",
            "service_address",
            "Art. 7",
            "service",
            "required",
        ),
        (
            "Minsk: document's name for service",
            "MINSK1993",
            "service_document",
            "Art. 7",
            "service",
            "required",
        ),
        (
            "Chisinau: requested institution first",
            "CHISINAU2002",
            "requested_authority",
            "Art. 7(1)(a)",
            "always",
            "required",
        ),
        (
            "Chisinau: bank details and fiscal codes",
            "CHISINAU2002",
            "company_details",
            "Art. 7(1)(d)",
            "companies",
            "required",
        ),
        (
            "Chisinau: representatives",
            "CHISINAU2002",
            "representatives",
            "Art. 7(1)(e)",
            "parties",
            "if_any",
        ),
    ],
)
def test_requirements_as_the_texts_read(label, code, item, article, condition, strength):
    req = _req(code, item)
    assert (req["article"], req["condition"], req["strength"]) == (article, condition, strength)


def test_no_item_beyond_the_texts():
    coe = {r["item"] for r in TREATIES["COE1959"]["requirements"]}
    assert "urgency_reason" not in coe  # Art. 15(2) asks for no stated reason
    minsk = {r["item"] for r in TREATIES["MINSK1993"]["requirements"]}
    assert "company_details" not in minsk  # bank details are Chisinau's
    assert "purpose" not in minsk
    untoc = {r["item"] for r in TREATIES["UNTOC"]["requirements"]}
    assert {"asset_location", "asset_value"}.isdisjoint(untoc)  # not in Art. 13(3)
    assert TREATIES["KZUZ1997"]["has_content_rules"] is False
