"""HTML to PDF with WeasyPrint, fetching nothing but the application's own static files.

WeasyPrint's default fetcher follows any URL a document names: http(s) to internal hosts,
file: paths, and ``<link rel="attachment">`` embeds a local file into the PDF (advisory
GHSA-35jj-wx47-4w8r). Documents here hold user-written text; Jinja escapes it, and this
fetcher is the second wall: it serves /static/… from casetrack/static and refuses the rest.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC_ROOT = (Path(__file__).resolve().parent.parent / "static").resolve()
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


def render_html(html: str):
    """Lay out ``html`` as a WeasyPrint document (pages), without writing the PDF yet."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=make_fetcher()).render()


def write_pdf(html: str) -> bytes:
    """Render ``html`` to PDF bytes."""
    return render_html(html).write_pdf()
