"""Hostile input stops at the door: what the database or a template cannot take never gets in.

- ids in paths are bounded integers (the ``int`` converter below): beyond the database's
  range the rule does not match, so the answer is 404, as for any id that does not exist;
- a NUL character or a lone surrogate in the query string, a form or a JSON body answers 422
  (PostgreSQL cannot store NUL in text; a lone surrogate cannot be encoded at all);
- a JSON body is bounded in size and nesting (413), and is checked before any view parses it;
- integers that the API's schemas load are checked against the database's range (422);
- ``next`` and other redirect targets are relative paths without control characters.

What slips past these checks anyway (an integer out of range in a form field, say) is caught
by ``casetrack.errors`` as a refusal (422), never a 500.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

#: The range of the databases' INTEGER columns (PostgreSQL's int4; SQLite takes more).
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
#: JSON bodies deeper than this are refused (413); no document of casetrack nests past 6.
MAX_JSON_DEPTH = 32
#: Query-string values longer than this are refused (422): filters and search terms only.
MAX_QUERY_VALUE = 4096
#: JSON bodies larger than this are refused (413); uploads travel as forms, not JSON.
MAX_JSON_BYTES = 2 * 1024 * 1024

_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
#: Bidi controls and right-to-left letters: text holding any is isolated where it is shown.
_BIDI = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
#: FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9): the text inside cannot reorder
#: what surrounds it, in a browser as in WeasyPrint, in text as in attributes.
FSI, PDI = "\u2068", "\u2069"


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that matches only ids a database column can hold."""

    def __init__(self, map, fixed_digits=0, min=0, max=INT_MAX, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class InputRefused(Exception):
    """A value that cannot be taken as it is; ``fields`` names where it was."""

    def __init__(self, message: str, fields: dict[str, list[str]], status: int = 422):
        super().__init__(message)
        self.message = message
        self.fields = fields
        self.status = status


def bad_text(value: str) -> str | None:
    """Say why a text cannot be stored (NUL, lone surrogate), or None when it can."""
    match = _FORBIDDEN.search(value)
    if match is None:
        return None
    if match.group() == "\x00":
        return "contains a NUL character"
    return "contains a lone surrogate (not valid Unicode)"


def _walk_json(value: Any, path: str, fields: dict[str, list[str]]) -> None:
    """Collect NUL/surrogate/out-of-range complaints and enforce the nesting limit."""
    stack = [(value, path, 1)]
    while stack:
        item, where, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise InputRefused(
                f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.",
                {"_body": [f"nested deeper than {MAX_JSON_DEPTH} levels"]},
                status=413,
            )
        if isinstance(item, str):
            reason = bad_text(item)
            if reason:
                fields.setdefault(where or "_body", []).append(reason)
        elif isinstance(item, dict):
            for key, child in item.items():
                reason = bad_text(key)
                name = f"{where}.{key}" if where else key
                if reason:
                    name = f"{where}.<key>" if where else "<key>"
                    fields.setdefault(name, []).append(f"a key {reason}")
                stack.append((child, name, depth + 1))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                stack.append((child, f"{where}.{index}" if where else str(index), depth + 1))


def check_json_body() -> None:
    """Refuse a JSON body that is too large, too deep or holds text no database can store."""
    if not request.is_json:
        return
    length = request.content_length
    if length is not None and length > MAX_JSON_BYTES:
        raise InputRefused(
            f"The JSON body is larger than {MAX_JSON_BYTES // 1024} KiB.",
            {"_body": ["too large"]},
            status=413,
        )
    raw = request.get_data(cache=True)
    if len(raw) > MAX_JSON_BYTES:
        raise InputRefused(
            f"The JSON body is larger than {MAX_JSON_BYTES // 1024} KiB.",
            {"_body": ["too large"]},
            status=413,
        )
    if not raw:
        return
    try:
        document = json.loads(raw)
    except RecursionError:
        raise InputRefused(
            f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.",
            {"_body": [f"nested deeper than {MAX_JSON_DEPTH} levels"]},
            status=413,
        ) from None
    except ValueError:
        return  # not JSON at all: the view's parser answers 400 as for any malformed body
    fields: dict[str, list[str]] = {}
    _walk_json(document, "", fields)
    if fields:
        raise InputRefused("Some values contain characters that cannot be stored.", fields)


def check_text_values() -> None:
    """Refuse NUL and lone surrogates in the query string and in form fields, and query
    values longer than MAX_QUERY_VALUE (a filter or search term: SQLite refuses a LIKE
    pattern over 50,000 bytes, and no filter of casetrack needs a page of text)."""
    fields: dict[str, list[str]] = {}
    for key, values in request.args.lists():
        if any(len(value) > MAX_QUERY_VALUE for value in values) and not bad_text(key):
            fields.setdefault(key, []).append(f"is longer than {MAX_QUERY_VALUE} characters")
    sources = [request.args]
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.form)
    for source in sources:
        for key, values in source.lists():
            reason = bad_text(key)
            if reason:
                fields.setdefault("<key>", []).append(f"a field name {reason}")
            for value in values:
                reason = bad_text(value)
                if reason:
                    fields.setdefault(key if not bad_text(key) else "<key>", []).append(reason)
    if fields:
        raise InputRefused("Some values contain characters that cannot be stored.", fields)


def check_loaded_integers(data: Any, location: str) -> None:
    """Refuse integers (from an API schema) that no INTEGER column can hold."""
    fields: dict[str, list[str]] = {}
    stack = [(data, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            if not INT_MIN <= item <= INT_MAX:
                fields.setdefault(where or "_body", []).append(
                    f"must be between {INT_MIN} and {INT_MAX}"
                )
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((child, f"{where}.{key}" if where else str(key)))
        elif isinstance(item, list | tuple):
            for index, child in enumerate(item):
                stack.append((child, f"{where}.{index}" if where else str(index)))
    if fields:
        raise InputRefused("A number is out of range.", fields)


def isolate_bidi(value: str) -> str:
    """Wrap text that holds bidi controls or right-to-left letters in FSI … PDI.

    "abc\u202edcba.exe" then stays inside its own isolate instead of turning the rest of
    the line around it.
    """
    if _BIDI.search(value) is None:
        return value
    # Open embeddings and overrides inside are closed by the PDI too (UAX #9, rule X6a).
    return FSI + value + PDI


def _finalize(value: Any) -> Any:
    # Every {{ … }} of every template, pages and PDFs alike. Markup (already HTML, e.g. a
    # rendered form field) is left as it is.
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return isolate_bidi(value)
    return value


def safe_next(target: str | None, default: str) -> str:
    """Return ``target`` if it is a plain path on this site, else ``default``.

    No scheme, no host, no ``//`` or backslash (browsers read ``/\\evil`` as a host), and no
    control or format character (CR/LF would split the Location header; bidi controls hide
    where it points).
    """
    if not target or not isinstance(target, str) or len(target) > 2048:
        return default
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in target):
        return default
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def init_app(app: Flask) -> None:
    """Bound the ids in paths and check every request's text before any view sees it."""
    # Registered before the blueprints: rules take their converters when they are added.
    app.url_map.converters["int"] = BoundedIntConverter
    app.jinja_env.finalize = _finalize

    @app.before_request
    def refuse_hostile_input():
        if "\x00" in request.path:
            abort(404)
        check_text_values()
        check_json_body()
