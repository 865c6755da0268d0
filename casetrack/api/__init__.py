"""The JSON API under /api/v1: bearer tokens, error envelopes, pagination, OpenAPI."""

from __future__ import annotations

from flask import Flask, abort
from flask_login import current_user
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import Select
from sqlalchemy.orm import Session

from casetrack import pagination as pages
from casetrack.extensions import csrf


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=25, validate=validate.Range(min=1, max=200))


class PageMeta(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A paginated list envelope ``{"items": [...], "meta": {...}}`` for ``item_schema``."""
    return Schema.from_dict(
        {"items": fields.List(fields.Nested(item_schema)), "meta": fields.Nested(PageMeta)},
        name=name,
    )


def paginate(session: Session, stmt: Select, page: int, per_page: int) -> dict:
    """Run ``stmt`` for one page and return the envelope with its totals."""
    result = pages.paginate(session, stmt, page, per_page)
    return {
        "items": result.items,
        "meta": {"page": page, "per_page": per_page, "total": result.total, "pages": result.pages},
    }


def require_token() -> None:
    """Refuse API calls that carry no valid bearer token."""
    if not current_user.is_authenticated:
        abort(401, description="A valid bearer token is required (Authorization: Bearer …).")


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A smorest blueprint under /api/v1 that needs a bearer token and no CSRF token."""
    blp = Blueprint(name, import_name, url_prefix="/api/v1", description=description)
    blp.before_request(require_token)
    csrf.exempt(blp)
    return blp


def register(app: Flask, api: Api) -> None:
    """Register every API blueprint."""
    from casetrack.api import (
        assets,
        attachments,
        cases,
        deadlines,
        directory,
        documents,
        graph,
        links,
        parties,
        stats,
    )
    from casetrack.api import requests as mla_requests

    for module in (
        directory,
        deadlines,
        stats,
        cases,
        parties,
        assets,
        documents,
        links,
        graph,
        mla_requests,
        attachments,
    ):
        api.register_blueprint(module.blp)
