"""The JSON API under /api/v1: bearer tokens, error envelopes, pagination, OpenAPI."""

from __future__ import annotations

from flask import Flask, abort
from flask_login import current_user
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import Select
from sqlalchemy.orm import Session
from webargs.flaskparser import FlaskParser

from casetrack import pagination as pages
from casetrack.extensions import csrf
from casetrack.guards import check_loaded_integers


class GuardedParser(FlaskParser):
    """webargs' parser, then a check that no loaded integer is past the database's range."""

    def parse(self, argmap, req=None, *, location=None, **kwargs):
        data = super().parse(argmap, req, location=location, **kwargs)
        check_loaded_integers(data, location or self.location)
        return data


#: Body schemas made of a form's and a file upload's fields, one class per pair.
_COMBINED: dict[tuple[type, ...], type] = {}


class GuardedBlueprint(Blueprint):
    ARGUMENTS_PARSER = GuardedParser()

    def _prepare_arguments_doc(self, doc, doc_info, *, api, spec, **kwargs):
        # flask-smorest makes one requestBody of the first body location and leaves a second
        # one (form fields beside files) as a parameter, which OpenAPI 3 cannot have: fold
        # its schema into the multipart body's.
        doc = super()._prepare_arguments_doc(doc, doc_info, api=api, spec=spec, **kwargs)
        body_locations = self.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING
        loose = [
            p
            for p in doc.get("parameters", [])
            if isinstance(p, dict) and p.get("in") in body_locations and "schema" in p
        ]
        content = doc.get("requestBody", {}).get("content", {})
        if not loose or len(content) != 1:
            return doc
        media = next(iter(content.values()))
        parts = [media["schema"], *(p["schema"] for p in loose)]
        classes = [part if isinstance(part, type) else type(part) for part in parts]
        # One schema with the fields of both (each refuses unknown fields on its own, so an
        # allOf of the two could never be satisfied).
        key = tuple(classes)
        if key not in _COMBINED:
            _COMBINED[key] = type("".join(c.__name__ for c in classes), key, {})
        media["schema"] = _COMBINED[key]
        doc["parameters"] = [p for p in doc["parameters"] if p not in loose]
        if not doc["parameters"]:
            del doc["parameters"]
        return doc


#: How the API writes a decimal amount: as a string, so that no digit is lost ("412000.00").
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"


def decimal_out(**kwargs) -> fields.Decimal:
    """A decimal the API answers as a string, documented as such."""
    metadata = {"type": "string", "format": "decimal", "pattern": DECIMAL_PATTERN}
    metadata.update(kwargs.pop("metadata", {}))
    return fields.Decimal(as_string=True, metadata=metadata, **kwargs)


def decimal_in(minimum: int, maximum: int, **kwargs) -> fields.Decimal:
    """A decimal the API takes as a JSON number (or a string of one), within a range."""
    metadata = {"minimum": minimum, "maximum": maximum}
    metadata.update(kwargs.pop("metadata", {}))
    return fields.Decimal(
        validate=validate.Range(min=minimum, max=maximum),
        allow_nan=False,
        metadata=metadata,
        **kwargs,
    )


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=25, validate=validate.Range(min=1, max=200))


class PageMeta(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
    total_is_capped = fields.Boolean()


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A paginated list envelope ``{"items": [...], "meta": {...}}`` for ``item_schema``."""
    return Schema.from_dict(
        {"items": fields.List(fields.Nested(item_schema)), "meta": fields.Nested(PageMeta)},
        name=name,
    )


def paginate(session: Session, stmt: Select, page: int, per_page: int, **counting) -> dict:
    """Run ``stmt`` for one page and return the envelope with its totals (``counting``: how
    pagination.paginate counts)."""
    result = pages.paginate(session, stmt, page, per_page, **counting)
    return {"items": result.items, "meta": page_meta(result)}


def page_meta(result: pages.Page) -> dict:
    """The ``meta`` of a page of results: its number, size and (perhaps capped) totals."""
    meta = {
        "page": result.page,
        "per_page": result.per_page,
        "total": result.total,
        "pages": result.pages,
    }
    if result.total_is_capped:
        # The count stops rows past the page (1,000, or 100 for lists checked row by row):
        # "total" is then a lower bound.
        meta["total_is_capped"] = True
    return meta


def require_token() -> None:
    """Refuse API calls that carry no valid bearer token."""
    if not current_user.is_authenticated:
        abort(401, description="A valid bearer token is required (Authorization: Bearer …).")


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A smorest blueprint under /api/v1 that needs a bearer token and no CSRF token."""
    blp = GuardedBlueprint(name, import_name, url_prefix="/api/v1", description=description)
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
        statements,
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
        statements,
    ):
        api.register_blueprint(module.blp)
