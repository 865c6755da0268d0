"""The request package: one ZIP with the issued letters, the files and a manifest.

What goes in is what the downloading user may see: the newest issued version of each
document (kind and language), and the newest version of each visible attachment. The
manifest (``manifest.json``) names the request, both offices and, for every file, its name in
the ZIP, kind, title, language, size and SHA-256, so that the receiving office can check
that nothing was changed on the way.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from sqlalchemy.orm import Session

from casetrack import audit
from casetrack.db import utcnow
from casetrack.documents import services
from casetrack.models import Request, User


class NothingToPackage(Exception):
    """No issued document yet: a package without its letter would mislead (answered 409)."""


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\- ()]+", "_", name, flags=re.UNICODE).strip() or "file"


def _latest_documents(session: Session, request: Request):
    newest: dict[tuple, object] = {}
    for document in services.issued_documents(session, request):
        key = (document.kind, document.language)
        if key not in newest or document.version > newest[key].version:
            newest[key] = document
    return sorted(newest.values(), key=lambda d: (services.KINDS.index(d.kind), d.language))


def file_name(request: Request) -> str:
    """KZ-ALM-2026-1_package.zip."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", request.reference).strip("-") + "_package.zip"


def build(session: Session, user: User, request: Request) -> bytes:
    """Return the ZIP of the request's issued documents, files and manifest."""
    # Imported here: attachments reach documents through the requests' pages.
    from casetrack.attachments import services as attachment_services
    from casetrack.attachments.storage import get_storage

    documents = _latest_documents(session, request)
    if not documents:
        raise NothingToPackage("Issue the request's letter first: the package carries it.")
    attachments = attachment_services.latest(
        attachment_services.for_request(session, user, request)
    )
    storage = get_storage()
    entries = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            name = f"letters/{document.file_name}"
            archive.writestr(name, document.content)
            entries.append(
                {
                    "name": name,
                    "kind": f"letter:{document.kind.value}",
                    "title": document.file_name,
                    "language": document.language,
                    "version": document.version,
                    "size": document.size,
                    "sha256": document.sha256,
                    "signed_by": document.signed_by,
                }
            )
        used: set[str] = set()
        for index, attachment in enumerate(attachments, start=1):
            folder = (
                "response"
                if attachment.side and attachment.side.value == "requested"
                else "annexes"
            )
            name = f"{folder}/{index:02d}_{_safe(attachment.file_name)}"
            while name in used:
                name = name.replace(f"{index:02d}_", f"{index:02d}_x", 1)
            used.add(name)
            archive.writestr(name, storage.get(session, attachment.sha256))
            entries.append(
                {
                    "name": name,
                    "kind": attachment.kind.value,
                    "title": attachment.title,
                    "language": attachment.language,
                    "version": attachment.version,
                    "size": attachment.size,
                    "sha256": attachment.sha256,
                    "pages": attachment.page_count,
                }
            )
        manifest = {
            "reference": request.reference,
            "counterpart_reference": request.counterpart_reference,
            "requesting_office": {
                "code": request.requesting_office.code,
                "name_en": request.requesting_office.name_en,
                "name_ru": request.requesting_office.name_ru,
            },
            "requested_office": {
                "code": request.requested_office.code,
                "name_en": request.requested_office.name_en,
                "name_ru": request.requested_office.name_ru,
            },
            "status": request.status.value,
            "packed_at": utcnow().isoformat(timespec="seconds"),
            "files": entries,
        }
        archive.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )
    audit.record(
        session,
        "request.package",
        request,
        files=[{"name": e["name"], "sha256": e["sha256"]} for e in entries],
    )
    audit.write_recorded(session)
    return buffer.getvalue()
