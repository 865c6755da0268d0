"""Where attachment bytes live: one small interface, content-addressed by SHA-256.

Every app server behind a balancer must serve the same bytes, so nothing is kept on one
server's disk. The default (and, for now, only) backend keeps each distinct content once in
the ``blobs`` table, in the same transaction as the attachment that names it: an upload that
fails leaves neither behind. Another backend (e.g. S3-compatible object storage) would
implement the same three methods; none is shipped, because none can be tested here.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from casetrack.models import Blob


class Storage(Protocol):
    """Put bytes once, read them back by their SHA-256."""

    def put(self, session: Session, data: bytes) -> str: ...

    def get(self, session: Session, sha256: str) -> bytes: ...

    def exists(self, session: Session, sha256: str) -> bool: ...


class DatabaseStorage:
    """Keep each content once in the ``blobs`` table (works with any number of servers)."""

    def put(self, session: Session, data: bytes) -> str:
        """Store ``data`` unless the same content is already stored; return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        if not self.exists(session, digest):
            session.add(Blob(sha256=digest, size=len(data), content=data))
            session.flush()
        return digest

    def get(self, session: Session, sha256: str) -> bytes:
        """Return the stored bytes of ``sha256`` (KeyError if none)."""
        blob = session.scalar(
            select(Blob).where(Blob.sha256 == sha256).options(undefer(Blob.content))
        )
        if blob is None:
            raise KeyError(sha256)
        return blob.content

    def exists(self, session: Session, sha256: str) -> bool:
        """Tell whether content with this SHA-256 is stored."""
        return session.scalar(select(Blob.sha256).where(Blob.sha256 == sha256)) is not None


BACKENDS = {"database": DatabaseStorage}


def get_storage() -> Storage:
    """Return the configured backend (``CASETRACK_ATTACHMENT_STORAGE``, default database)."""
    name = current_app.config.get("ATTACHMENT_STORAGE", "database")
    if name not in BACKENDS:
        raise RuntimeError(f"unknown attachment storage {name!r}; known: {', '.join(BACKENDS)}")
    return BACKENDS[name]()
