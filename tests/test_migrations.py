"""The schema comes from Alembic: one head, and upgrading from empty gives the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from casetrack import ROOT, create_app
from casetrack.db import db, include_for
from tests.conftest import base_config


def test_migrations_have_one_head():
    script = ScriptDirectory(str(ROOT / "migrations"))
    assert len(script.get_heads()) == 1


def test_upgrade_from_empty_matches_models(backend):
    url = backend.empty()
    app = create_app(base_config(url))
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                options = {
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_object": include_for(connection.dialect.name),
                }
                context = MigrationContext.configure(connection, opts=options)
                diff = compare_metadata(context, db.metadata)
                tables = set(inspect(connection).get_table_names())
            assert diff == [], f"models and migrations disagree: {diff}"
            assert set(db.metadata.tables) <= tables
    finally:
        with app.app_context():
            db.engine.dispose()
        backend.drop(url)


def test_audit_events_cannot_be_changed_or_deleted(directory_app):
    import pytest
    from sqlalchemy.exc import DBAPIError

    from tests.factories import make_case

    with directory_app.app_context():
        make_case(db.session)  # audited like every change: there are events to protect
        db.session.commit()
        count = db.session.scalar(text("SELECT count(*) FROM audit_events"))
        assert count > 0
        for statement in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(text("SELECT count(*) FROM audit_events")) == count
