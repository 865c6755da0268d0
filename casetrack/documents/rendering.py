"""HTML to PDF with WeasyPrint, fetching nothing but the application's own static files.

WeasyPrint's default fetcher follows any URL a document names: http(s) to internal hosts,
file: paths, and ``<link rel="attachment">`` embeds a local file into the PDF (advisory
GHSA-35jj-wx47-4w8r). Documents here hold user-written text; Jinja escapes it, and this
fetcher is the second wall: it serves /static/… from casetrack/static and refuses the rest.
"""

from __future__ import annotations

import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC_ROOT = (Path(__file__).resolve().parent.parent / "static").resolve()
#: The formal documents' stylesheet: parsed once per process (and again when the file
#: changes), not once per document; the letter's own values are in its <style> (_layout.html).
STYLESHEET = (Path(__file__).resolve().parents[2] / "templates" / "pdf" / "_document.css").resolve()
#: Documents are rendered against this base, so that "/static/x.png" resolves to it.
BASE_URL = "https://casetrack.invalid/"
_STATIC_PREFIX = BASE_URL + "static/"


class RefusedFetch(FatalURLFetchingError):
    """A document asked for a resource outside the application's static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serve the application's static files to WeasyPrint and refuse every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if not url.startswith(_STATIC_PREFIX):
            # Fatal on purpose: our templates name no outside resource, so a request for one
            # means injected markup, and nothing of such a document should be produced.
            raise RefusedFetch(f"refused to fetch {url[:200]!r}")
        relative = url[len(_STATIC_PREFIX) :].split("?", 1)[0].split("#", 1)[0]
        path = (STATIC_ROOT / relative).resolve()
        if not path.is_relative_to(STATIC_ROOT) or not path.is_file():
            raise RefusedFetch(f"no static file {relative[:200]!r}")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})


def make_fetcher() -> URLFetcher:
    """Return the fetcher every document is rendered with (tests replace it to spy on it)."""
    return StaticOnlyFetcher()


@lru_cache(maxsize=2)
def _stylesheet(path: Path, modified_ns: int) -> CSS:
    return CSS(
        string=path.read_text(encoding="utf-8"), base_url=BASE_URL, url_fetcher=make_fetcher()
    )


def document_stylesheet() -> CSS:
    """The parsed stylesheet of every formal document.

    WeasyPrint takes it as a *user* stylesheet: it overrides the browser defaults, and the
    document's own <style> (author origin: its page labels and letterhead) overrides it.
    """
    return _stylesheet(STYLESHEET, STYLESHEET.stat().st_mtime_ns)


#: What a CSS string may hold as it is; everything else is written as a CSS escape, so that a
#: name with a quote, a backslash or "</style>" in it stays text (Jinja's HTML escaping does
#: not apply inside <style>, where "&#39;" would print as such).
_CSS_PLAIN = re.compile(r"[^\w .,:;()/+*%№«»–—-]")


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string for ``content:``; a line break becomes a new line."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    escaped = _CSS_PLAIN.sub(lambda m: f"\\{ord(m.group()):x} ", text)
    return Markup(f'"{escaped}"')


def render_html(html: str):
    """Lay out ``html`` as a WeasyPrint document (pages), without writing the PDF yet."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=make_fetcher()).render(
        stylesheets=[document_stylesheet()]
    )


def write_pdf(html: str) -> bytes:
    """Render ``html`` to PDF bytes."""
    return render_html(html).write_pdf()
