"""The one clock: what moment and what day it is for casetrack.

Every rule that compares with "today" or stamps "now" asks here, so that every part of
casetrack agrees on the date and a test can fix it:

- ``CASETRACK_CLOCK`` (an ISO moment, e.g. ``2026-06-10T09:00:00+00:00``) starts the clock at
  that moment when the process first reads it; it then runs on at the real pace, so stamps
  still order. The test suite sets it (and ``TZ``), so its processes, and any server it
  starts, share one fixed day.
- ``travel(moment)`` moves this process's clock to ``moment`` for a ``with`` block (a test
  that needs another day).

"Today" is the calendar day of ``now()`` in the process's time zone (``TZ``), the same day
``date.today()`` would give; moments are aware and in UTC.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

#: The environment variable that fixes the clock's starting moment.
ENVIRONMENT_KEY = "CASETRACK_CLOCK"

_offset: dict[str, timedelta] = {}
_travel: list[timedelta] = []


def _parse(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _fixed_offset(real: datetime) -> timedelta:
    """How far the configured clock is from the real one (zero when none is configured)."""
    value = os.environ.get(ENVIRONMENT_KEY, "").strip()
    if not value:
        return timedelta(0)
    if value not in _offset:
        _offset[value] = _parse(value) - real
    return _offset[value]


def now() -> datetime:
    """The current moment, aware, in UTC."""
    real = datetime.now(UTC)
    if _travel:
        return real + _travel[-1]
    return real + _fixed_offset(real)


def today() -> date:
    """Today's date: the calendar day of ``now()`` in the process's time zone."""
    return now().astimezone().date()


@contextmanager
def travel(moment: datetime | date) -> Iterator[None]:
    """Run the clock from ``moment`` (a date means 09:00 UTC that day) inside the block."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 9, tzinfo=UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    _travel.append(moment - datetime.now(UTC))
    try:
        yield
    finally:
        _travel.pop()
