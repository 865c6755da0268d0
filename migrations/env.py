"""Alembic environment: runs against the app's engine with batch mode for SQLite."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url",
    target_db.engine.url.render_as_string(hide_password=False).replace("%", "%%"),
)


def render_item(type_, obj, autogen_context):
    """Render casetrack's column types as plain SQLAlchemy types in migration scripts."""
    from casetrack.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        # An autogenerate that finds no change writes no empty script.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args["render_as_batch"] = True
    conf_args["compare_type"] = True
    conf_args["render_item"] = render_item

    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        # An autogenerate on one database compares only what that database has.
        from casetrack.db import include_for

        conf_args.setdefault("include_object", include_for(connection.dialect.name))
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on, SQLite
            # refuses to drop a table that rows of another table point at. The pragma only
            # takes effect outside a transaction, so it goes to the driver before BEGIN; the
            # integrity check below still refuses to commit a migration that broke a reference.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            before = context.get_context().get_current_revision()
            context.run_migrations()
            if context.get_context().get_current_revision() != before:
                # A new index is chosen by the planner only once it has statistics for it:
                # SQLite keeps none until ANALYZE runs (the bench saw the links page at 3.2x
                # on freshly migrated data, 1.3x once analysed); PostgreSQL's autovacuum would
                # get there later. Cheap: a couple of seconds on 100,000 requests.
                connection.exec_driver_sql("ANALYZE")
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
