"""Which instruments bind a pair of states on a date: a labelled table of pairs × dates.

Each row names the pair, the date, instruments that must bind and instruments that must not,
with the reason code the service gives (withdrawal, replacement, entry into force after a
deposit, a non-member state, a bilateral treaty…).
"""

from __future__ import annotations

from datetime import date

import pytest

from casetrack.db import db
from casetrack.treaties import binding

TABLE = [
    # (label, pair, date, must bind, must not bind: {code: reason code})
    (
        "KZ-TJ today: Chisinau and the UN conventions; Minsk replaced (Chisinau Art. 120(3))",
        ("KZ", "TJ"),
        date(2026, 12, 1),
        {"CHISINAU2002", "UNTOC", "UNCAC", "VIENNA1988"},
        {"MINSK1993": "replaced", "COE1959": "not_party", "KZUZ1997": "not_party"},
    ),
    (
        "KZ-UZ: Minsk still applies (Uzbekistan is not bound by Chisinau) and the 1997 treaty",
        ("KZ", "UZ"),
        date(2026, 3, 1),
        {"MINSK1993", "KZUZ1997", "UNTOC", "UNCAC"},
        {"CHISINAU2002": "not_party", "VIENNA1988": "date_not_recorded"},
    ),
    (
        "KZ-UZ before the bilateral treaty entered into force (29 Nov 1998)",
        ("KZ", "UZ"),
        date(1998, 11, 28),
        {"MINSK1993"},
        {"KZUZ1997": "not_yet_in_force"},
    ),
    (
        "KZ-UA after Ukraine's withdrawal law of 1 Dec 2022: Minsk not proposed",
        ("UA", "KZ"),
        date(2026, 12, 1),
        {"UNTOC", "UNCAC"},
        {"MINSK1993": "withdrawn", "CHISINAU2002": "signed_only"},
    ),
    (
        "KZ-UA before the withdrawal law: Minsk binds",
        ("KZ", "UA"),
        date(2020, 1, 1),
        {"MINSK1993", "UNTOC", "UNCAC"},
        {},
    ),
    (
        "KZ-KG between Kyrgyzstan's deposit (2 Sep 2004) and its entry into force",
        ("KZ", "KG"),
        date(2004, 9, 15),
        {"MINSK1993"},
        {"CHISINAU2002": "not_yet_in_force"},
    ),
    (
        "KZ-KG once Chisinau is in force for Kyrgyzstan (the 30th day)",
        ("KZ", "KG"),
        date(2004, 10, 1),
        {"CHISINAU2002"},
        {"MINSK1993": "replaced"},
    ),
    (
        "AM-AZ, CoE 1959 before its entry into force for Azerbaijan (2 Oct 2003)",
        ("AM", "AZ"),
        date(2003, 10, 1),
        set(),
        {"COE1959": "not_yet_in_force"},
    ),
    (
        "AM-AZ, CoE 1959 from 2 Oct 2003",
        ("AM", "AZ"),
        date(2003, 10, 2),
        {"COE1959"},
        {},
    ),
    (
        "KZ-US: a non-member of the CIS conventions; the UN conventions bind",
        ("KZ", "US"),
        date(2026, 12, 1),
        {"UNTOC", "UNCAC", "VIENNA1988"},
        {"MINSK1993": "not_party", "CHISINAU2002": "not_party", "COE1959": "not_party"},
    ),
    (
        "KZ-GE: Georgia keeps Minsk; Chisinau only signed by Georgia, so no replacement",
        ("KZ", "GE"),
        date(2026, 12, 1),
        {"MINSK1993", "UNTOC"},
        {"CHISINAU2002": "signed_only"},
    ),
    (
        "KZ-AZ before the check that confirmed Chisinau for Azerbaijan (date not recorded)",
        ("KZ", "AZ"),
        date(2026, 11, 28),
        {"UNTOC", "UNCAC"},
        {"CHISINAU2002": "date_not_recorded"},
    ),
]


@pytest.mark.parametrize(
    ("label", "pair", "on", "bind", "refused"), TABLE, ids=[r[0] for r in TABLE]
)
def test_pairs_and_dates(directory_app, label, pair, on, bind, refused):
    with directory_app.app_context():
        answer = binding.between(db.session, *pair, on)
        codes = {item.treaty.code for item in answer.items}
        reasons = {item.treaty.code: item.code for item in answer.not_applicable}
        assert bind <= codes, (label, codes, reasons)
        for code, reason in refused.items():
            assert reasons.get(code) == reason, (label, code, reasons)
        # Every treaty of the table is either applicable or refused with a reason, once.
        assert not codes & set(reasons)
        assert all(item.reason("en") and item.reason("ru") for item in answer.not_applicable)
        assert all(item.why("en") and item.why("ru") for item in answer.items)


def test_withdrawal_reason_names_the_law_and_casetracks_rule(directory_app):
    with directory_app.app_context():
        answer = binding.between(db.session, "KZ", "UA", date(2026, 12, 1))
        minsk = next(i for i in answer.not_applicable if i.treaty.code == "MINSK1993")
        assert "2783-IX" in minsk.reason("en")
        assert "not recorded" in minsk.reason("en")
        assert "casetrack" in minsk.reason("en")
        assert "2783-IX" in minsk.reason("ru")


def test_replacement_reason_cites_article_120(directory_app):
    with directory_app.app_context():
        answer = binding.between(db.session, "KZ", "TJ", date(2026, 12, 1))
        minsk = next(i for i in answer.not_applicable if i.treaty.code == "MINSK1993")
        assert "Art. 120(3) of the Chisinau Convention of 2002" in minsk.reason("en")
        assert "п. 3 ст. 120 Кишинёвской конвенции 2002 г." in minsk.reason("ru")
