"""Serving a stored file: always as a download, never rendered by the browser."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response

#: Served under their own type; anything else goes out as bytes to save.
_SAFE_TO_LABEL = {
    "application/pdf",
    "application/zip",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/tiff",
}


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch for ch in ascii_name if ch.isalnum() or ch in "._- ()") or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(data: bytes, name: str, media_type: str, sha256: str | None = None) -> Response:
    """A response that the browser saves and never sniffs, frames or runs."""
    mimetype = media_type if media_type in _SAFE_TO_LABEL else "application/octet-stream"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    if sha256:
        response.headers["X-Content-SHA256"] = sha256
    return response
