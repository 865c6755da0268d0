"""Request reference numbers: <office code>/<year>/<seq>, without gaps or duplicates."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casetrack.models import Office, RequestSequence


def next_reference(session: Session, office: Office, year: int) -> tuple[str, int]:
    """Take the office's next number for the year; the row stays locked until commit."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Create the counter if this is the office's first request of the year; a concurrent
    # creator makes this a no-op instead of a unique violation.
    session.execute(
        insert(RequestSequence)
        .values(office_id=office.id, year=year, last_seq=0)
        .on_conflict_do_nothing(index_elements=["office_id", "year"])
    )
    # FOR UPDATE makes a second writer wait for the first's commit on PostgreSQL; on SQLite
    # BEGIN IMMEDIATE has already serialised writers.
    counter = session.scalar(
        select(RequestSequence)
        .where(RequestSequence.office_id == office.id, RequestSequence.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    counter.last_seq += 1
    session.flush()
    return f"{office.code}/{year}/{counter.last_seq}", counter.last_seq
