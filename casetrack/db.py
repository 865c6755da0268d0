"""Declarative base, column types and the database session wiring."""

from __future__ import annotations

import enum
import sqlite3
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.types import TypeDecorator

from casetrack import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
