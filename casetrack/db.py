"""Declarative base, column types and the database session wiring."""

from __future__ import annotations

import enum
import sqlite3
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, MetaData, event, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, registry, scoped_session
from sqlalchemy.types import TypeDecorator

from casetrack import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def on_dialect(item, dialect: str) -> bool:
    """Whether the schema item ``item`` exists on ``dialect``: an index made for one database
    only says so with ``.ddl_if(dialect=...)``, which ``create_all`` reads and Alembic's
    comparison does not (migrations/env.py and the migrations test filter with this)."""
    condition = getattr(item, "_ddl_if", None)
    if condition is None or condition.dialect is None:
        return True
    if isinstance(condition.dialect, str):
        return condition.dialect == dialect
    return dialect in condition.dialect


def include_for(dialect: str):
    """An Alembic ``include_object`` hook that leaves out what ``dialect`` does not have."""

    def include_object(item, name, type_, reflected, compare_to) -> bool:
        return reflected or on_dialect(item, dialect)

    return include_object


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime (``casetrack.clock.now``; the name
    stays because column defaults and many stamps use it)."""
    return clock.now()


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC and always read them back aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC datetime is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum_cls: type[enum.Enum], name: str | None = None) -> SAEnum:
    """Store a Python Enum by its value, checked by a named constraint on every database.

    Two columns of one table with the same Enum need distinct ``name``s for their checks.
    """
    return SAEnum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        create_constraint=True,
        name=name or enum_cls.__name__.lower(),
    )


def copied_on_insert(model, target: str, relation: str, source) -> None:
    """Give each new ``model`` row, where ``target`` is unset, the value of ``source`` (a
    column of the parent that ``relation`` names) from the parent in the flush, else read
    by the parent's id: a copy of a value that never changes, kept beside the rows that
    lists read by it (a name token's office, a deadline's requesting office). Rows written
    past the ORM set it themselves."""

    @event.listens_for(model, "before_insert")
    def copy(mapper, connection, row) -> None:
        (column,) = mapper.relationships[relation].local_columns
        parent_id = mapper.get_property_by_column(column).key
        if getattr(row, target) is not None or getattr(row, parent_id) is None:
            return
        parent = row.__dict__.get(relation)
        value = getattr(parent, source.key) if parent is not None else None
        if value is None:
            parent_model = source.class_
            value = connection.scalar(
                select(source).where(parent_model.id == getattr(row, parent_id))
            )
        setattr(row, target, value)


class Base(DeclarativeBase):
    """Base of every model: named constraints so that migrations can address them."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record):
    # SQLite only: without BEGIN IMMEDIATE two writers read the same row and one update is
    # silently lost (FIELD_NOTES); WAL lets readers go on while one writer works.
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


#: Requests that only read (HTTP's safe methods): on SQLite their transactions begin deferred.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_writing: ContextVar[bool] = ContextVar("casetrack_db_writing", default=False)
_DEFERRED = "casetrack.sqlite_deferred"


@contextmanager
def writing():
    """Begin the transactions opened inside this block with the write lock, even in a read.

    For the few writes a reading request makes (a session's last-seen stamp, the audit of a
    download, a security event): each runs in a transaction of its own that takes the lock
    before its first read, as every write does.
    """
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def _reads_only() -> bool:
    return has_request_context() and request.method in READ_METHODS and not _writing.get()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection):
    # SQLite only. A writer takes the write lock before its first read (BEGIN IMMEDIATE):
    # otherwise two writers read the same row and one update is silently lost (FIELD_NOTES).
    # A request that only reads begins deferred: in WAL mode it reads its snapshot while a
    # writer writes, instead of queueing behind it. Should it write all the same, SQLite
    # refuses the write if anything committed since its snapshot (SQLITE_BUSY_SNAPSHOT), so
    # no update is lost either way; the known writes of a read go through ``writing()``.
    if connection.dialect.name == "sqlite":
        deferred = _reads_only()
        connection.info[_DEFERRED] = deferred
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def in_read_transaction(session) -> bool:
    """Whether ``session`` is in a SQLite transaction begun without the write lock."""
    if isinstance(session, scoped_session):
        session = session()
    if not session.in_transaction():
        return False
    connection = session.connection()
    return connection.dialect.name == "sqlite" and connection.info.get(_DEFERRED, False)
