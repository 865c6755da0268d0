"""casetrack: cases, mutual legal assistance requests and deadlines across borders."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands, error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("CASETRACK_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    from casetrack import config as settings

    app.config.from_mapping(settings.load(app.instance_path))
    if config:
        app.config.from_mapping(config)
    if app.config.get("SMTP_URL"):
        from casetrack.notifications.mail import parse_smtp_url

        # A malformed CASETRACK_SMTP_URL stops the start with the reason, not the first e-mail.
        parse_smtp_url(app.config["SMTP_URL"])

    from casetrack import cli, errors, guards, i18n, labels, navigation, security
    from casetrack.extensions import api, bootstrap, csrf, db, login_manager, migrate

    # First: bounded id converters before any rule is added, input checks before any other
    # request hook touches the database.
    guards.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    bootstrap.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    security.init_app(app, login_manager)
    navigation.init_app(app)
    from casetrack import presentation

    presentation.init_app(app)
    api.init_app(app)

    from casetrack import api as api_package
    from casetrack import views as feature_views  # noqa: F401  (registers every page route)
    from casetrack.admin.blueprint import bp as admin_bp
    from casetrack.assets.blueprint import bp as assets_bp
    from casetrack.attachments.blueprint import bp as attachments_bp
    from casetrack.auth.blueprint import bp as auth_bp
    from casetrack.cases.blueprint import bp as cases_bp
    from casetrack.deadlines.blueprint import bp as deadlines_bp
    from casetrack.deadlines.blueprint import calendar_bp
    from casetrack.documents.blueprint import bp as documents_bp
    from casetrack.links.blueprint import bp as links_bp
    from casetrack.main.blueprint import bp as main_bp
    from casetrack.mla.blueprint import bp as mla_bp
    from casetrack.money.blueprint import bp as money_bp
    from casetrack.monitoring.blueprint import bp as monitoring_bp
    from casetrack.notifications import views as notifications_views
    from casetrack.notifications.blueprint import bp as notifications_bp
    from casetrack.parties.blueprint import bp as parties_bp

    for blueprint in (
        auth_bp,
        main_bp,
        admin_bp,
        cases_bp,
        parties_bp,
        assets_bp,
        mla_bp,
        deadlines_bp,
        calendar_bp,
        documents_bp,
        attachments_bp,
        monitoring_bp,
        links_bp,
        money_bp,
        notifications_bp,
    ):
        app.register_blueprint(blueprint)
    notifications_views.init_app(app)
    api_package.register(app, api)
    from casetrack import (
        figures,  # noqa: F401  (keeps the network figures' tallies exact)
        jobs,
    )

    jobs.init_app(app)

    cli.init_app(app)
    errors.init_app(app)
    return app
