"""The network figures equal hand-computed ones, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from casetrack import demo, reference
from casetrack.db import db
from casetrack.models import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    Office,
    RefusalGround,
    Request,
    RequestStatus,
    User,
)
from casetrack.monitoring import services
from casetrack.monitoring.sql import Filters

TODAY = date(2026, 6, 15)
S = RequestStatus


def _at(day: str, hours: float = 9) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(hours=hours)


# (key, from, to, status, sent, days to acknowledge, days to close, types, refusal ground)
NETWORK = [
    ("kz1", "KZ-ALM", "UZ-TAS", S.EXECUTED, "2026-01-10", 1, 30, ["records"], None),
    ("kz2", "KZ-ALM", "UZ-TAS", S.EXECUTED, "2026-02-05", 2, 45, ["records"], None),
    ("kz3", "KZ-ALM", "UZ-TAS", S.IN_EXECUTION, "2026-03-01", 3, None, ["records"], None),
    ("kz4", "KZ-ALM", "UZ-TAS", S.RECEIVED, "2026-04-01", 4, None, ["records", "freezing"], None),
    (
        "kz10",
        "KZ-ALM",
        "UZ-TAS",
        S.REFUSED,
        "2026-05-02",
        10,
        18,
        ["records", "freezing"],
        RefusalGround.DUAL_CRIMINALITY,
    ),
    ("uz2", "UZ-TAS", "KZ-ALM", S.EXECUTED, "2026-01-20", 2, 20, ["taking_evidence"], None),
    (
        "uz4",
        "UZ-TAS",
        "KZ-ALM",
        S.REFUSED,
        "2026-02-01",
        4,
        30,
        ["taking_evidence"],
        RefusalGround.POLITICAL_OFFENCE,
    ),
    ("uz6", "UZ-TAS", "KZ-ALM", S.RECEIVED, "2026-06-01", 6, None, ["taking_evidence"], None),
    ("uz8", "UZ-TAS", "KZ-ALM", S.IN_EXECUTION, "2025-12-01", 8, None, ["taking_evidence"], None),
    ("kgaz", "KG-GPO", "AZ-GPO", S.EXECUTED, "2025-03-01", 0.5, 100, ["records"], None),
    ("late_a", "KZ-ALM", "KG-GPO", S.SENT, "2026-06-01", None, None, ["search_and_seizure"], None),
    ("late_b", "KZ-ALM", "KG-GPO", S.SENT, "2026-05-01", None, None, ["search_and_seizure"], None),
    ("late_c", "KZ-ALM", "KG-GPO", S.SENT, "2025-11-01", None, None, ["search_and_seizure"], None),
    ("draft", "KZ-ALM", "AZ-GPO", S.DRAFT, None, None, None, ["records"], None),
    ("gone", "KZ-ALM", "UZ-TAS", S.WITHDRAWN, "2026-04-10", None, 10, ["records"], None),
]

# (request key, kind, due days before TODAY, state)
DEADLINES = [
    ("late_a", DeadlineKind.ACKNOWLEDGEMENT, 10, DeadlineState.OPEN),
    ("late_a", DeadlineKind.RESPONSE_DUE, -50, DeadlineState.OPEN),
    ("late_b", DeadlineKind.ACKNOWLEDGEMENT, 30, DeadlineState.MISSED),
    ("late_c", DeadlineKind.ACKNOWLEDGEMENT, 200, DeadlineState.MISSED),
    ("late_c", DeadlineKind.RESPONSE_DUE, 100, DeadlineState.OPEN),
    ("uz8", DeadlineKind.RESPONSE_DUE, 180, DeadlineState.OPEN),
    ("kz3", DeadlineKind.RESPONSE_DUE, 89, DeadlineState.OPEN),
    ("kz3", DeadlineKind.ACKNOWLEDGEMENT, 300, DeadlineState.MET),
    ("kz3", DeadlineKind.FOLLOW_UP, 400, DeadlineState.OPEN),
    ("kz4", DeadlineKind.RESPONSE_DUE, 120, DeadlineState.CANCELLED),
    ("kz1", DeadlineKind.RESPONSE_DUE, 50, DeadlineState.MISSED),
]


def build_network(session) -> dict[str, int]:
    """Insert the known network; return each request's id by key."""
    offices = {o.code: o for o in session.scalars(select(Office))}
    rows = []
    for seq, (key, origin, target, status, sent, ack, close, types, ground) in enumerate(NETWORK):
        sent_at = _at(sent) if sent else None
        rows.append(
            {
                "reference": f"{origin}/2026/{seq + 1}",
                "year": 2026,
                "seq": seq + 1,
                "requesting_office_id": offices[origin].id,
                "requested_office_id": offices[target].id,
                "status": status,
                "subject": f"subject of {key}",
                "assistance_types": types,
                "sent_at": sent_at,
                "acknowledged_at": sent_at + timedelta(days=ack) if ack is not None else None,
                "closed_at": sent_at + timedelta(days=close) if close is not None else None,
                "refusal_ground": ground,
            }
        )
    session.execute(insert(Request), rows)
    ids = dict(
        zip(
            [row[0] for row in NETWORK],
            session.scalars(select(Request.id).order_by(Request.seq)),
            strict=True,
        )
    )
    owner = offices["UZ-TAS"].id
    session.execute(
        insert(Deadline),
        [
            {
                "request_id": ids[key],
                "kind": kind,
                "due_on": TODAY - timedelta(days=days),
                "state": state,
                "owner_office_id": owner,
            }
            for key, kind, days, state in DEADLINES
        ],
    )
    session.commit()
    return ids


@pytest.fixture
def network(empty_app):
    with empty_app.app_context():
        reference.load(db.session)
        demo.load_demo_users(db.session)
        db.session.commit()
        build_network(db.session)
        yield db.session


def _user(session, email: str) -> User:
    return session.scalar(select(User).where(User.email == email))


def _figures(session, email: str, **filters):
    return services.network_figures(session, _user(session, email), Filters(**filters), TODAY)


COORDINATOR = "coordinator@network.example"


def test_counts_by_status_pair_refusal_and_age(network):
    figures = _figures(network, COORDINATOR)
    assert {k: v for k, v in figures["by_status"].items() if v} == {
        "sent": 3,
        "received": 2,
        "in_execution": 2,
        "executed": 4,
        "refused": 2,
        "withdrawn": 1,
    }
    assert "draft" not in figures["by_status"]
    assert figures["country_pairs"] == [
        {"from": "KZ", "to": "KG", "open": 3},
        {"from": "KZ", "to": "UZ", "open": 2},
        {"from": "UZ", "to": "KZ", "open": 2},
    ]
    # late_a 10 days, late_b 30, kz3 89, uz8 180 (still 90–180), late_c counted once at 200.
    assert figures["overdue_by_age"] == {"lt30": 1, "30-90": 2, "90-180": 1, "gt180": 1}
    assert figures["refusals_by_grounds"] == {
        "dual_criminality": 1,
        "political_offence": 1,
        "ne_bis_in_idem": 0,
        "essential_interests": 0,
        "insufficient_information": 0,
        "other": 0,
    }


def test_medians_and_90th_percentiles_interpolate(network):
    figures = _figures(network, COORDINATOR)
    acknowledge = figures["time_to_acknowledge"]
    assert acknowledge["by_pair"] == [
        {"from": "KG", "to": "AZ", "median_days": 0.5, "p90_days": 0.5, "count": 1},
        # 1 2 3 4 10: median 3; position 1 + 0.9·4 = 4.6 → 4 + 0.6·(10 − 4) = 7.6
        {"from": "KZ", "to": "UZ", "median_days": 3.0, "p90_days": 7.6, "count": 5},
        # 2 4 6 8: median 5; position 3.7 → 6 + 0.7·2 = 7.4
        {"from": "UZ", "to": "KZ", "median_days": 5.0, "p90_days": 7.4, "count": 4},
    ]
    assert acknowledge["by_assistance_type"] == [
        # 4 10: median 7; position 1.9 → 4 + 0.9·6 = 9.4
        {"assistance_type": "freezing", "median_days": 7.0, "p90_days": 9.4, "count": 2},
        # 0.5 1 2 3 4 10: median at 3.5 → 2.5; position 5.5 → 4 + 0.5·6 = 7
        {"assistance_type": "records", "median_days": 2.5, "p90_days": 7.0, "count": 6},
        {"assistance_type": "taking_evidence", "median_days": 5.0, "p90_days": 7.4, "count": 4},
    ]
    execute = figures["time_to_execute"]
    assert execute["by_pair"] == [
        {"from": "KG", "to": "AZ", "median_days": 100.0, "p90_days": 100.0, "count": 1},
        # 30 45: median 37.5; position 1.9 → 30 + 0.9·15 = 43.5
        {"from": "KZ", "to": "UZ", "median_days": 37.5, "p90_days": 43.5, "count": 2},
        {"from": "UZ", "to": "KZ", "median_days": 20.0, "p90_days": 20.0, "count": 1},
    ]
    # records: 30 45 100 → median 45; position 2.8 → 45 + 0.8·55 = 89
    assert execute["by_assistance_type"] == [
        {"assistance_type": "records", "median_days": 45.0, "p90_days": 89.0, "count": 3},
        {"assistance_type": "taking_evidence", "median_days": 20.0, "p90_days": 20.0, "count": 1},
    ]


def test_monthly_trend_covers_the_last_twelve_months(network):
    monthly = _figures(network, COORDINATOR)["monthly"]
    assert [m["month"] for m in monthly] == [
        "2025-07",
        "2025-08",
        "2025-09",
        "2025-10",
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]
    sent = {m["month"]: m["sent"] for m in monthly if m["sent"]}
    executed = {m["month"]: m["executed"] for m in monthly if m["executed"]}
    assert sent == {
        "2025-11": 1,
        "2025-12": 1,
        "2026-01": 2,
        "2026-02": 2,
        "2026-03": 1,
        "2026-04": 2,
        "2026-05": 2,
        "2026-06": 2,
    }
    assert executed == {"2026-02": 2, "2026-03": 1}


def test_filters_narrow_every_figure(network):
    by_country = _figures(network, COORDINATOR, country="KG")
    assert sum(by_country["by_status"].values()) == 4
    assert by_country["country_pairs"] == [{"from": "KZ", "to": "KG", "open": 3}]
    by_type = _figures(network, COORDINATOR, assistance_type="freezing")
    assert {k: v for k, v in by_type["by_status"].items() if v} == {"received": 1, "refused": 1}
    period = _figures(network, COORDINATOR, date_from=date(2026, 1, 1), date_to=date(2026, 2, 28))
    assert {k: v for k, v in period["by_status"].items() if v} == {"executed": 3, "refused": 1}
    assert period["overdue_by_age"] == {"lt30": 0, "30-90": 0, "90-180": 0, "gt180": 0}


def test_prosecutor_counts_only_their_office(network):
    figures = _figures(network, "dilnoza@uz-tas.example")
    # UZ-TAS's four outgoing requests and the six KZ-ALM sent to it.
    assert sum(figures["by_status"].values()) == 10
    pairs = {(p["from"], p["to"]) for p in figures["country_pairs"]}
    assert pairs == {("KZ", "UZ"), ("UZ", "KZ")}
    assert {r["from"] for r in figures["time_to_execute"]["by_pair"]} == {"KZ", "UZ"}


def test_central_authority_switches_to_its_own_country(network):
    network_wide = _figures(network, "bekzod@uz-gpo.example")
    mine = _figures(network, "bekzod@uz-gpo.example", is_my_country=True)
    assert sum(network_wide["by_status"].values()) == 14
    assert sum(mine["by_status"].values()) == 10
    assert "KG" not in {p["to"] for p in mine["country_pairs"]}


def test_drill_down_lists_the_requests_behind_a_figure(network):
    user = _user(network, COORDINATOR)

    def references(**filters) -> set[str]:
        page = services.request_page(network, user, Filters(**filters), TODAY, 1, 100)
        return {row.reference for row in page.items}

    assert len(references(status="open", from_country="KZ", to_country="KG")) == 3
    late = services.request_page(network, user, Filters(age="gt180"), TODAY, 1, 100).items
    assert [row.days_late for row in late] == [200]
    assert len(references(age="30-90")) == 2
    assert len(references(month="2026-01")) == 2
    assert len(references(executed_month="2026-02")) == 2
    assert len(references(milestone="acknowledged", assistance_type="freezing")) == 2
    assert len(references(refusal_ground="political_offence")) == 1
    assert not references(status="draft")
