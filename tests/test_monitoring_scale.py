"""The monitoring figures are grouped queries: their count does not grow with the requests."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import func, insert, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import (
    FINAL_STATUSES,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Office,
    RefusalGround,
    Request,
    RequestStatus,
)
from casetrack.reference_data import ASSISTANCE_TYPES
from tests.factories import api_client, signed_in

STATUSES = [s for s in RequestStatus if s not in (RequestStatus.DRAFT,)]
TYPES = [row["code"] for row in ASSISTANCE_TYPES]


def add_requests(session, count: int, seed: int = 7) -> None:
    """Bulk-insert ``count`` requests with realistic dates and their deadlines."""
    rng = random.Random(seed)
    offices = list(session.scalars(select(Office.id).order_by(Office.id)))
    start = (session.scalar(select(func.max(Request.seq))) or 0) + 1
    now = clock.now()
    rows = []
    for seq in range(start, start + count):
        status = rng.choice(STATUSES)
        origin, target = rng.sample(offices, 2)
        sent_at = now - timedelta(days=rng.uniform(1, 420))
        acknowledged_at = closed_at = None
        if status not in (
            RequestStatus.PENDING_APPROVAL,
            RequestStatus.APPROVED,
            RequestStatus.SENT,
        ):
            acknowledged_at = sent_at + timedelta(days=rng.uniform(0.2, 40))
        if status in FINAL_STATUSES:
            closed_at = sent_at + timedelta(days=rng.uniform(5, 300))
        unsent = status in (RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED)
        rows.append(
            {
                "reference": f"BULK/{seq}",
                "year": 2026,
                "seq": seq,
                "requesting_office_id": origin,
                "requested_office_id": target,
                "status": status,
                "assistance_types": rng.sample(TYPES, rng.randint(1, 3)),
                "sent_at": None if unsent else sent_at,
                "acknowledged_at": acknowledged_at,
                "closed_at": closed_at,
                "refusal_ground": rng.choice(list(RefusalGround))
                if status == RequestStatus.REFUSED
                else None,
            }
        )
    session.execute(insert(Request), rows)
    new = session.execute(
        select(Request.id, Request.requested_office_id, Request.sent_at).where(
            Request.seq >= start, Request.reference.like("BULK/%"), Request.sent_at.is_not(None)
        )
    ).all()
    today = clock.today()
    session.execute(
        insert(Deadline),
        [
            {
                "request_id": request_id,
                "kind": DeadlineKind.RESPONSE_DUE,
                "due_on": sent_at.date() + timedelta(days=90),
                "state": DeadlineState.OPEN
                if sent_at.date() + timedelta(days=90) >= today
                else DeadlineState.MISSED,
                "owner_office_id": owner,
            }
            for request_id, owner, sent_at in new
        ],
    )
    session.commit()


def _without_touches(statements: list[str]) -> list[str]:
    """Leave out a session's or token's "last seen" write, made once a minute whatever the
    page: adding 1,900 requests can take longer than that."""
    return [
        s
        for s in statements
        if not s.lstrip().upper().startswith(("UPDATE USER_SESSIONS", "UPDATE API_TOKENS"))
    ]


def test_statement_counts_stay_flat_from_100_to_2000_requests(directory_app, people, count_queries):
    client = signed_in(directory_app, people.coordinator)
    api = api_client(directory_app, people.coordinator)
    urls = [
        "/monitoring",
        "/monitoring?country=KZ&assistance_type=records&from=2025-01-01",
        "/monitoring/requests?status=open",
        "/monitoring/requests?age=gt180",
        "/monitoring/export/acknowledge-types.xlsx",
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with count_queries() as statements:
                assert client.get(url).status_code == 200
            result.append(len(_without_touches(statements)))
        with count_queries() as statements:
            assert api.get("/api/v1/stats/requests").status_code == 200
        return [*result, len(_without_touches(statements))]

    with directory_app.app_context():
        add_requests(db.session, 100)
    counts()  # the first calls record the session's and the token's first use
    small = counts()
    with directory_app.app_context():
        # 20 times as many: past every page, every capped count (COUNT_AHEAD) and every
        # ageing bucket; the statements must not follow (the milliseconds are bench/'s).
        add_requests(db.session, 1_900, seed=11)
        total = db.session.scalar(select(func.count(Request.id)))
    assert total >= 2_000
    assert counts() == small
