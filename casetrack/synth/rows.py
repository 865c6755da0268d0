"""The bulk writer's rows: a batch's rows by table, and the Core INSERT … RETURNING that writes
them.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from casetrack import audit, db_bulk

if TYPE_CHECKING:
    from casetrack.synth.world import World


class Batch:
    """The rows of one batch of cases, written table by table with their audit events."""

    def __init__(self, session: Session, world: World, rng: random.Random, sequences: dict):
        self.session = session
        self.world = world
        self.rng = rng
        self.sequences = sequences
        self.events: list[dict] = []
        self.counts: dict[str, int] = {}

    def write(self, model, rows: list[dict], office_of=None) -> list[int]:
        if not rows:
            return []
        ids = _insert(self.session, model, rows)
        table = model.__tablename__
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        self.events.extend(
            {
                "action": "create",
                "object_type": table,
                "object_id": row_id,
                "office_id": office_of(row) if office_of else row.get("office_id"),
                "before": None,
                "after": _flat_plain(row_id, row),
            }
            for row, row_id in zip(rows, ids, strict=True)
        )
        return ids


_AS_IS = frozenset({str, int, float, bool, type(None)})


def _flat_plain(row_id, values: dict) -> dict:
    """Return a row's values as the audit trail stores them (a fast path of audit.plain),
    without the columns the trail never holds."""
    out = {"id": row_id} if row_id is not None else {}
    for key, value in values.items():
        kind = type(value)
        if kind in _AS_IS:
            out[key] = value
        elif kind is datetime:
            out[key] = value.astimezone(UTC).isoformat(timespec="microseconds")
        elif kind is date:
            out[key] = value.isoformat()
        elif kind is Decimal:
            out[key] = str(value)
        else:
            out[key] = audit.plain(value)
    for key in audit.REDACTED.intersection(out):
        del out[key]
    return out


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    return db_bulk.insert_rows(session, model.__table__, rows)
