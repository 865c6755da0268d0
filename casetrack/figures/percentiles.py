"""Each duration histogram's median and 90th percentile (models.figures.RequestDurationFigure),
kept beside the histogram: ``refresh`` recomputes the groups a change of the histogram
touched, in the same transaction (``keeping.apply``, ``recount.rebuild``).

A group is one milestone, country pair and assistance type: the rows a figure by pair reads
(and, for the ``"*"`` pair, a figure by type). Its histogram holds at most a row per rounded
duration, so recomputing it reads a few hundred rows however many requests it counts.
"""

from __future__ import annotations

import operator
from collections.abc import Collection
from itertools import groupby

from sqlalchemy import and_, delete, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from casetrack.models import RequestDurationFigure, RequestDurationTally
from casetrack.monitoring.sql import MEDIAN, P90, hundredths, ranked_percentile

#: The columns that name a group, in the histogram and in the figures.
GROUP = ("milestone", "from_country", "to_country", "assistance_type")
#: More groups than this are found in the whole histogram (a bulk load's batch, which
#: changes most of them) rather than sought one by one.
SOUGHT_AT_MOST = 100
#: The figures of a group, in the order ``histogram_figures`` gives them.
FIGURES = ("count", "median_hundredths", "p90_hundredths")


def histogram_figures(counts: list[tuple[int, int]]) -> tuple[int, int, int]:
    """``(count, median, 90th percentile)`` of ``(hours, requests)`` rows in order of hours,
    the percentiles in hundredths of a day."""
    rows, upto = [], 0
    for hours, here in counts:
        rows.append((hours, upto, upto + here))
        upto += here
    return (
        upto,
        hundredths(ranked_percentile(rows, upto, MEDIAN)),
        hundredths(ranked_percentile(rows, upto, P90)),
    )


def computed(connection, groups: Collection[tuple] | None = None, milestone: str | None = None):
    """The figures of these groups (every group, or every group of ``milestone``, if None)
    from the histogram: ``{group: (count, median, 90th percentile)}``."""
    table = RequestDurationTally.__table__
    keys = [table.c[name] for name in GROUP]
    where = [table.c.count > 0]
    if groups is not None and len(groups) <= SOUGHT_AT_MOST:
        # OR-ed equalities, not a tuple IN: both databases read each along the key's index.
        where.append(or_(*(and_(*map(operator.eq, keys, group)) for group in sorted(groups))))
    if milestone is not None:
        where.append(table.c.milestone == milestone)
    rows = connection.execute(
        select(*keys, table.c.hours, table.c.count).where(*where).order_by(*keys, table.c.hours)
    )
    found = {
        group: histogram_figures([(hours, count) for *_key, hours, count in found])
        for group, found in groupby(rows, key=lambda row: tuple(row[: len(GROUP)]))
    }
    if groups is not None and len(groups) > SOUGHT_AT_MOST:
        wanted = set(groups)
        found = {group: values for group, values in found.items() if group in wanted}
    return found


def _upsert(connection, values: list[dict], is_placeholder: bool = False) -> None:
    table = RequestDurationFigure.__table__
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(table)
    if is_placeholder:
        # Locks an existing row without changing it.
        changes = {"count": table.c.count}
    else:
        changes = {name: stmt.excluded[name] for name in FIGURES}
    connection.execute(stmt.on_conflict_do_update(index_elements=list(GROUP), set_=changes), values)


def _rows(found: dict[tuple, tuple]) -> list[dict]:
    return [
        {**dict(zip(GROUP, group, strict=True)), **dict(zip(FIGURES, values, strict=True))}
        for group, values in sorted(found.items())
    ]


def refresh(connection, groups: Collection[tuple]) -> None:
    """Recompute the figures of the groups whose histogram this transaction changed.

    On PostgreSQL each group's figure row is locked (written) before its histogram is
    read: two transactions changing one group's histogram would otherwise each read it
    without the other's uncommitted rows, and the one committing last would keep figures
    missing the other's request. The second waits for the first to commit, then reads the
    histogram again with its rows. (A SQLite writer already holds the database's one write
    lock.)
    """
    if not groups:
        return
    groups = sorted(set(groups))
    if connection.dialect.name == "postgresql":
        _upsert(connection, _rows({group: (0, 0, 0) for group in groups}), is_placeholder=True)
    found = computed(connection, groups)
    if found:
        _upsert(connection, _rows(found))
    empty = [group for group in groups if group not in found]
    if empty:
        table = RequestDurationFigure.__table__
        keys = [table.c[name] for name in GROUP]
        connection.execute(delete(table).where(tuple_(*keys).in_(empty)))


def refresh_all(connection, milestone: str | None = None) -> None:
    """Recompute every group's figures (of one milestone) from the histogram: a rebuild's."""
    table = RequestDurationFigure.__table__
    where = [] if milestone is None else [table.c.milestone == milestone]
    connection.execute(delete(table).where(*where))
    found = computed(connection, milestone=milestone)
    if found:
        connection.execute(table.insert(), _rows(found))
