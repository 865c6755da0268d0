"""Who is signed in: browser sessions, bearer tokens, and the headers every response carries."""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from casetrack.auth import services
from casetrack.db import db, in_read_transaction, writing
from casetrack.models import User


def is_api_request() -> bool:
    """Tell whether the current request is for the JSON API."""
    return request.path.startswith("/api/")


def init_app(app: Flask, login_manager: LoginManager) -> None:
    """Wire Flask-Login to server-side sessions (pages) and bearer tokens (API)."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "warning"
    # Session protection hashes the client-supplied X-Forwarded-For (FIELD_NOTES); server-side
    # sessions that log-out deletes protect better.
    login_manager.session_protection = None

    @login_manager.user_loader
    def load_user(token: str):
        if is_api_request():
            return None  # the API answers bearer tokens only, never cookies
        return services.load_session_user(db.session, token)

    @login_manager.request_loader
    def load_user_from_bearer(req):
        if not is_api_request():
            return None
        header = req.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        user = services.user_for_api_token(db.session, token.strip())
        if user is not None:
            g.api_user = user
        return user

    @app.before_request
    def settle_session():
        if request.endpoint in (None, "static", "bootstrap.static"):
            return
        # Resolve the user first, so that a session's expiry or last-seen stamp is its own
        # small transaction and never rides along with the view's changes.
        _ = current_user.is_authenticated
        if not (db.session.new or db.session.dirty or db.session.deleted):
            return
        if in_read_transaction(db.session):
            # A reading request read the session without the write lock (SQLite): read it
            # again in a transaction that holds the lock, and write the stamp there.
            db.session.rollback()
            g.pop("_login_user", None)
            g.pop("api_user", None)
            with writing():
                _ = current_user.is_authenticated
                db.session.commit()
            return
        db.session.commit()

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        # strict-origin-when-cross-origin: Flask-WTF's HTTPS Referer check needs the origin.
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        if app.config.get("SESSION_COOKIE_SECURE"):
            # Cookies that only travel over HTTPS: the browser must never try plain HTTP.
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        # The user loaded for this request, if any (a loader returns active users only);
        # asking current_user again would reload it from the database after the commit.
        if isinstance(g.get("_login_user"), User):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
