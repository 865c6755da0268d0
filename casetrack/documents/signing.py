"""PAdES signatures on issued PDFs (pyHanko), and checking the signature of a received PDF.

An office signs with its own key and certificate, found in ``CASETRACK_SIGNING_DIR`` as
``<OFFICE-CODE>.key.pem`` and ``<OFFICE-CODE>.cert.pem`` (the key may be protected by
``CASETRACK_SIGNING_PASSPHRASE``). An office without both files issues unsigned PDFs.

Checking says whether the signed bytes are intact and the signature cryptographically valid
(``status`` "valid" / "invalid"), who signed (the certificate's subject), and whether the
certificate is one casetrack trusts (``is_trusted``: one of the configured office
certificates or of ``CASETRACK_TRUSTED_CERTS``, a PEM bundle). A self-signed certificate of
an unknown office is reported valid but not trusted, never silently accepted.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from flask import current_app

SIGNATURE_FIELD = "casetrack"


def _signing_dir() -> Path | None:
    value = current_app.config.get("SIGNING_DIR") or ""
    return Path(value) if value else None


def credentials(office_code: str) -> tuple[Path, Path] | None:
    """The key and certificate files of an office, or None when it has none configured."""
    folder = _signing_dir()
    if folder is None:
        return None
    key, cert = folder / f"{office_code}.key.pem", folder / f"{office_code}.cert.pem"
    return (key, cert) if key.is_file() and cert.is_file() else None


def can_sign(office_code: str) -> bool:
    """Tell whether the office has a key and certificate to sign with."""
    return credentials(office_code) is not None


def sign(pdf: bytes, office_code: str) -> bytes:
    """Return ``pdf`` with an invisible PAdES (B-B) signature of the office's certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    found = credentials(office_code)
    if found is None:
        raise LookupError(f"no signing key and certificate for {office_code}")
    key, cert = found
    passphrase = current_app.config.get("SIGNING_PASSPHRASE") or None
    signer = signers.SimpleSigner.load(
        str(key), str(cert), key_passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:
        raise ValueError(f"the signing key or certificate of {office_code} cannot be read")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def _trust_roots() -> list:
    from pyhanko.keys import load_certs_from_pemder

    paths: list[str] = []
    folder = _signing_dir()
    if folder is not None and folder.is_dir():
        paths += [str(p) for p in sorted(folder.glob("*.cert.pem"))]
    bundle = current_app.config.get("TRUSTED_CERTS") or ""
    if bundle and Path(bundle).is_file():
        paths.append(bundle)
    return list(load_certs_from_pemder(paths)) if paths else []


def check(pdf: bytes) -> dict:
    """Describe the signatures of a PDF: {"status", "signer", "is_trusted", "detail"}."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, zlib.error) as error:
        # A signed file that no longer reads was changed after signing.
        status = "invalid" if b"/ByteRange" in pdf else "none"
        return {"status": status, "signer": "", "is_trusted": False, "detail": str(error)[:200]}
    if not signatures:
        return {"status": "none", "signer": "", "is_trusted": False, "detail": ""}
    context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
    results = []
    for embedded in signatures:
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as error:  # noqa: BLE001 — any failure to verify means "invalid".
            results.append({"ok": False, "signer": "", "trusted": False, "detail": str(error)})
            continue
        ok = bool(status.intact and status.valid)
        results.append(
            {
                "ok": ok,
                "signer": status.signing_cert.subject.human_friendly,
                "trusted": bool(status.trusted),
                "detail": "" if ok else "the signed content was changed after signing",
            }
        )
    ok = all(r["ok"] for r in results)
    return {
        "status": "valid" if ok else "invalid",
        "signer": "; ".join(r["signer"] for r in results if r["signer"]),
        "is_trusted": ok and all(r["trusted"] for r in results),
        "detail": "; ".join(r["detail"] for r in results if r["detail"]),
    }
