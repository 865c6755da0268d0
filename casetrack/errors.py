"""Error answers: JSON envelopes for the API, translated pages for people."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, SQLAlchemyError, StatementError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from casetrack import access, audit
from casetrack.concurrency import MissingVersion, StaleEdit
from casetrack.db import db
from casetrack.guards import InputRefused
from casetrack.security import is_api_request

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}


def _page_message(code: int) -> str:
    return {
        400: _("The request could not be understood. Nothing was saved."),
        401: _("Please sign in."),
        403: _("You may not do this."),
        404: _("There is nothing here, or it is not yours to see."),
        405: _("This address does not accept that kind of request."),
        409: _("Someone else changed this in the meantime. Nothing was saved."),
        413: _("The upload is too large."),
        422: _("Some fields are not valid. Nothing was saved."),
        500: _("Something went wrong on our side. Nothing was saved; please try again."),
    }.get(code, _("The request could not be completed."))


def api_error(code: int, message: str, fields: dict | None = None, headers: dict | None = None):
    """Build the API's error envelope ``{"error": {"code", "message", "fields"}}``."""
    body = {
        "error": {
            "code": CODES.get(code, str(code)),
            "message": str(message),
            "fields": _plain_fields(fields or {}),
        }
    }
    return jsonify(body), code, headers or {}


def _plain_fields(fields: dict) -> dict:
    """Field messages as ``{name: [message, …]}``; nested structures are kept as they are."""
    return {str(key): _plain(value, top=True) for key, value in fields.items()}


def _plain(value, top: bool = False):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return [value] if top else value
    return [str(value)] if top else str(value)


def _allow_header(error: HTTPException) -> dict:
    # 405 must say which methods the address takes (RFC 9110 §15.5.6); werkzeug knows them.
    return {k: v for k, v in error.get_headers() if k.lower() == "allow"}


def _fields(error: HTTPException) -> dict:
    # webargs (through flask-smorest) puts its messages on ``data``, keyed by location.
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    fields: dict = {}
    for location_messages in messages.values():
        if isinstance(location_messages, dict):
            fields.update(location_messages)
    return fields


def _audit_refusal() -> None:
    # A refused look at a record that exists goes on the record (casetrack.access decides which);
    # written at once, in its own transaction. Never turns the refusal into a server error.
    try:
        access.note_refused_records(db.session)
        audit.flush_security_events(force=True)
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("a refused access could not be audited")


def init_app(app: Flask) -> None:
    """Register the error handlers for every HTTP error and for unexpected failures."""

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):
        db.session.rollback()
        code = error.code or 500
        headers = _allow_header(error)
        if code in (403, 404):
            _audit_refusal()
        if isinstance(error, CSRFError):
            audit.security_event("csrf_refused", reason=error.description)
        if is_api_request():
            if isinstance(error, CSRFError):
                return api_error(400, error.description)
            message = error.description if code not in (500,) else _page_message(500)
            data = getattr(error, "data", None) or {}
            if data.get("message"):
                message = data["message"]
            return api_error(code, message, _fields(error) or data.get("fields"), headers)
        if isinstance(error, CSRFError):
            message = _("The form had expired or was sent from elsewhere. Please try again.")
        else:
            message = _page_message(code)
        return render_template("errors/error.html", code=code, message=message), code, headers

    def refused(status: int, message: str, fields: dict):
        db.session.rollback()
        if is_api_request():
            return api_error(status, message, fields)
        page_message = _page_message(status)
        if fields:
            page_message = f"{page_message} ({', '.join(sorted(str(k) for k in fields))})"
        return render_template("errors/error.html", code=status, message=page_message), status

    @app.errorhandler(InputRefused)
    def handle_refused_input(error: InputRefused):
        return refused(error.status, error.message, error.fields)

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def handle_out_of_range(error: Exception):
        # A value the database cannot take (a number past its range) that no form or schema
        # bounded: the request is refused, nothing is saved.
        app.logger.warning("value refused by the database: %s", error)
        return refused(422, "A value is out of the range the database can store.", {})

    @app.errorhandler(StatementError)
    def handle_statement(error: StatementError):
        if isinstance(error.orig, OverflowError | ValueError) and not isinstance(error, DataError):
            app.logger.warning("value refused by the database driver: %s", error)
            return refused(422, "A value cannot be stored as it is.", {})
        return handle_unexpected(error)

    @app.errorhandler(StaleEdit)
    def handle_stale(error: StaleEdit):
        # Views that keep the user's input catch StaleEdit themselves; this answers the rest.
        db.session.rollback()
        if is_api_request():
            return api_error(409, str(error), {"version": [str(error)]})
        return render_template("errors/error.html", code=409, message=str(error)), 409

    @app.errorhandler(MissingVersion)
    def handle_missing_version(error: MissingVersion):
        db.session.rollback()
        if is_api_request():
            return api_error(422, str(error), {"version": [str(error)]})
        return render_template("errors/error.html", code=422, message=str(error)), 422

    @app.errorhandler(StaleDataError)
    def handle_race(error: StaleDataError):
        # Two saves passed check_version at the same moment; the mapper's version column
        # stopped the second.
        db.session.rollback()
        message = _page_message(409)
        if is_api_request():
            return api_error(409, message)
        return render_template("errors/error.html", code=409, message=message), 409

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error", exc_info=error)
        return handle_http(InternalServerError())
