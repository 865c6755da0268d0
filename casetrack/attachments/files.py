"""What an uploaded file is, decided from its bytes; and a name that is safe to show.

The name a browser sends is never trusted: the type comes from the content (filetype and
puremagic) checked against an allow-list, and markup that a browser would run (HTML, SVG,
XML, scripts) is refused whatever the name says. Names lose any path, control and
bidirectional-override characters (``report\\u202eexe.pdf`` would show as "reportfdp.exe").
"""

from __future__ import annotations

import io
import re
import unicodedata

import filetype
import puremagic
from flask_babel import gettext as _

PDF = "application/pdf"
#: What may be attached: documents, images, office files, text, e-mail and archives.
ALLOWED = {
    PDF: ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    # Word 97–2003, Excel 97–2003 and Outlook .msg are OLE compound files.
    "application/x-ole-storage": ".doc",
    "application/rtf": ".rtf",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "message/rfc822": ".eml",
    "application/zip": ".zip",
    "application/x-7z-compressed": ".7z",
    "application/gzip": ".gz",
    "application/x-rar-compressed": ".rar",
    "application/x-tar": ".tar",
}
#: Content a browser would render or run: refused even when a sniffer also sees text.
DANGEROUS = {
    "text/html",
    "image/svg+xml",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/javascript",
    "text/javascript",
    "application/x-shockwave-flash",
}
_MARKUP = re.compile(rb"^\s*(<\?xml|<!doctype|<html|<head|<body|<script|<svg|<iframe|<meta)", re.I)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIL_HEADERS = re.compile(
    rb"^(Received|Return-Path|From|Message-ID|MIME-Version|Date|Subject|To):", re.I | re.M
)
_BIDI_AND_CONTROL = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


class RefusedFile(ValueError):
    """The file may not be attached; the message says why (answered 422 or 413)."""

    def __init__(self, message: str, field: str = "file", status: int = 422):
        super().__init__(message)
        self.field = field
        self.status = status


def _puremagic_types(data: bytes) -> list[str]:
    try:
        return [m.mime_type for m in puremagic.magic_string(data[:8192]) if m.mime_type]
    except puremagic.PureError:
        return []


def _text_type(data: bytes) -> str | None:
    """text/plain, text/csv or message/rfc822 for readable text; None for binary."""
    try:
        text = data.decode(
            "utf-8-sig" if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16"
        )
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text[:65536]):
        return None
    if len(_MAIL_HEADERS.findall(data[:4096])) >= 3:
        return "message/rfc822"
    return "text/plain"


def sniff(data: bytes) -> str:
    """Return the allowed media type of ``data`` or raise RefusedFile."""
    if not data:
        raise RefusedFile(_("The file is empty."))
    if _MARKUP.match(data[:1024]) or DANGEROUS & set(_puremagic_types(data)):
        raise RefusedFile(
            _(
                "Web pages, SVG and XML files cannot be attached (a browser would run them). "
                "Print them to PDF first."
            )
        )
    if data.startswith(_OLE):
        return "application/x-ole-storage"
    if data.startswith(b"{\\rtf"):
        return "application/rtf"
    guessed = filetype.guess_mime(data)
    if guessed in ALLOWED:
        return guessed
    if guessed is not None:
        raise RefusedFile(_("Files of type %(type)s cannot be attached.", type=guessed))
    for candidate in _puremagic_types(data):
        if candidate in ALLOWED and candidate not in ("text/plain", "message/rfc822"):
            return candidate
    text_type = _text_type(data)
    if text_type:
        return text_type
    raise RefusedFile(
        _(
            "The type of this file could not be recognised from its content; attach PDF, "
            "images, office documents, text, e-mail or archives."
        )
    )


def clean_name(name: str, media_type: str) -> str:
    """A display name without path, control or bidi characters, ending as its type does."""
    name = unicodedata.normalize("NFC", name or "")
    name = _BIDI_AND_CONTROL.sub("", name)
    name = re.split(r"[\\/]", name)[-1].strip().strip(".").strip()
    name = re.sub(r"\s+", " ", name)[:200]
    stem, dot, ext = name.rpartition(".")
    expected = ALLOWED.get(media_type, "")
    if not dot:
        stem, ext = name, ""
    if not stem:
        stem = "file"
    if (
        expected
        and f".{ext.lower()}" != expected
        and not (expected == ".jpg" and ext.lower() == "jpeg")
    ):
        # The extension must say what the content is: "x.pdf" holding a PNG becomes "x.pdf.png".
        return f"{stem}.{ext}{expected}" if ext else f"{stem}{expected}"
    return f"{stem}.{ext}"


def page_count(data: bytes, media_type: str) -> int | None:
    """The number of pages of a PDF (None for other files or an unreadable PDF)."""
    if media_type != PDF:
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None
