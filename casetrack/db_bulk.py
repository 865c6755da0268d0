"""Bulk writes: many rows per statement, their ids known before they are written.

``INSERT … RETURNING id`` over many rows has to give the ids back in the order of the rows;
on SQLite SQLAlchemy can only promise that one row per statement (``insertmanyvalues`` falls
back to row at a time), which made a bulk load one statement per row. The ids are reserved
first instead, and the rows go out with them in plain ``executemany`` batches:

- PostgreSQL: ``nextval`` of the table's own sequence, as many times as there are rows (safe
  beside concurrent writers: a sequence never gives a number twice);
- SQLite: the next ids after the largest one. Writers there hold the database's write lock
  from the start of their transaction (``BEGIN IMMEDIATE``, ``casetrack.db``), so nobody can
  take these ids before the transaction commits. (No table uses ``AUTOINCREMENT``, so SQLite
  itself would hand out the same numbers.)
"""

from __future__ import annotations

from datetime import UTC
from operator import itemgetter

from sqlalchemy import Boolean, CheckConstraint, Date, Enum, Table, func, insert, select, text
from sqlalchemy.orm import Session

from casetrack.db import UTCDateTime

#: SQLite's page cache for a bulk load's connection, in KiB (the default is 2 MiB): the
#: indexes a load writes into (the audit trail's hashes, the name tokens) stay in memory.
BULK_CACHE_KIB = 262144
DEFAULT_CACHE_KIB = 2000

#: Rows per ``executemany``: large enough that the statement overhead vanishes, small enough
#: that the parameters of one call stay a few megabytes.
CHUNK = 5000


def bulk_cache(session: Session, enabled: bool = True) -> None:
    """Give (or take back) the session's SQLite connection a large page cache for a bulk load.

    Durability is left as it is (WAL, ``synchronous`` unchanged): a load commits in large
    batches, so the one sync per commit costs nothing noticeable, and an interrupted load
    leaves whole batches only.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        size = BULK_CACHE_KIB if enabled else DEFAULT_CACHE_KIB
        connection.exec_driver_sql(f"PRAGMA cache_size=-{size}")


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Return ``count`` new ids for ``table`` that no other writer will use."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = connection.execute(
            select(func.pg_get_serial_sequence(table.name, "id"))
        ).scalar_one()
        return list(
            connection.execute(
                text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :n)"),
                {"sequence": sequence, "n": count},
            ).scalars()
        )
    last = connection.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(last + 1, last + 1 + count))


def insert_rows(
    session: Session, table: Table, rows: list[dict], *, chunk: int = CHUNK, with_ids: bool = True
) -> list[int | None]:
    """Insert ``rows`` into ``table`` in ``executemany`` batches; return their ids in order.

    Rows of a table with an ``id`` column get a reserved id each (the dicts are given it);
    for a table without one, or with ``with_ids=False`` (the database numbers them in the
    order written), the ids are ``None``.
    """
    if not rows:
        return []
    if with_ids and "id" in table.c:
        ids = reserve_ids(session, table, len(rows))
        for row, row_id in zip(rows, ids, strict=True):
            row["id"] = row_id
    else:
        ids = [None] * len(rows)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _sqlite_executemany(connection, table, rows, chunk)
    else:
        statement = insert(table)
        for start in range(0, len(rows), chunk):
            connection.execute(statement, rows[start : start + chunk])
    return ids


def _sqlite_executemany(connection, table: Table, rows: list[dict], chunk: int) -> None:
    """``executemany`` straight on the driver, the values converted by the columns' own types.

    What SQLAlchemy does per row for an ``insert()`` (compile the parameters, apply each
    type's bind processor, fill column defaults) is most of a bulk load's time on SQLite;
    here each column's processor and default are looked up once and applied in a loop.
    """
    dialect = connection.dialect
    missing = [name for name in rows[0] if name not in table.c]
    if missing:
        raise ValueError(f"{table.name} has no column {', '.join(missing)}")
    # Columns left out whose default is computed in Python get it, as insert() would.
    for column in table.c:
        if column.name not in rows[0] and column.default is not None:
            default = column.default
            if default.is_clause_element or default.is_sequence:
                raise ValueError(f"give {column.name} in every row: its default is SQL")
            for row in rows:
                if column.name not in row:
                    row[column.name] = default.arg(None) if default.is_callable else default.arg
    names = [c.name for c in table.c if c.name in rows[0]]
    take = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    processors = [
        (index, processor)
        for index, name in enumerate(names)
        if (processor := _processor(table.c[name].type, dialect))
    ]
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    checked_in_python = _checks_are_enum_lists(table)
    if checked_in_python:
        connection.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
    try:
        for start in range(0, len(rows), chunk):
            params = []
            for row in rows[start : start + chunk]:
                values = list(take(row))
                for index, processor in processors:
                    values[index] = processor(values[index])
                params.append(tuple(values))
            connection.exec_driver_sql(sql, params)
    finally:
        if checked_in_python:
            connection.exec_driver_sql("PRAGMA ignore_check_constraints=OFF")


def _utc_text(value):
    # UTCDateTime's conversion and SQLite's DATETIME storage format in one step.
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given where an aware UTC datetime is required")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _date_text(value):
    return None if value is None else value.isoformat()


def _processor(kind, dialect):
    """The column type's bind processor; for the two commonest types, the same conversion
    written as one call (SQLite stores DATETIME as 'YYYY-MM-DD HH:MM:SS.ffffff', DATE as
    'YYYY-MM-DD')."""
    if isinstance(kind, UTCDateTime):
        return _utc_text
    if type(kind) is Date:
        return _date_text
    return kind.dialect_impl(dialect).bind_processor(dialect)


def _checks_are_enum_lists(table: Table) -> bool:
    """Whether every CHECK of ``table`` only repeats what its Enum columns' types validate.

    SQLite evaluates a CHECK ``status IN ('draft', …)`` at a cost of about 10 µs per row,
    which is most of what inserting a row costs; an Enum with ``validate_strings`` refuses
    any other value in its bind processor before the row reaches the database, so for such
    tables the bulk path lets SQLite skip them. A table with any other CHECK (an ordered
    pair, "has a subject") keeps every check.
    """
    checks = [c for c in table.constraints if isinstance(c, CheckConstraint)]
    if not all(getattr(c, "_type_bound", False) for c in checks):
        return False
    for column in table.c:
        kind = column.type
        if isinstance(kind, Enum) and not kind.validate_strings:
            return False
        if isinstance(kind, Boolean) and kind.create_constraint:
            return False
    return True
