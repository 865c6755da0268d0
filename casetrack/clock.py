"""The one clock: what day and what moment it is for casetrack.

Every rule that compares with "today" or stamps "now" asks here, so that a test can fix the
date (``freeze``) and every part of casetrack agrees on it.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)
