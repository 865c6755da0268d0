"""Benchmark: the request PDF's layout cost against a minimal WeasyPrint page (issue 16).

Not a test. Builds a throwaway SQLite database with the demo network, then in ONE process
times (median of ``--runs``) the rendering of a minimal one-page WeasyPrint document and of
the demo request KZ-ALM/<year>/1 (two persons, one asset, two measures, Annex A) in English,
Russian and both side by side, through the application's own renderer. Prints each median,
the page count and the ratio to the minimal page; issue 16 asks for a ratio of at most 8.
For scale, the same run also times each letter's words alone, as unstyled paragraphs in one
font (no tables, headings, letterhead or page numbers): what WeasyPrint needs for the text
itself, the floor under any layout of the letter.

    .venv/bin/python bench/pdf_bench.py            # 7 runs each
    .venv/bin/python bench/pdf_bench.py --runs 15
"""

from __future__ import annotations

import argparse
import html as html_text
import io
import statistics
import tempfile
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select
from weasyprint import HTML

from casetrack import create_app
from casetrack.db import db
from casetrack.models import DocumentKind, Request, User

MINIMAL = "<!doctype html><html><body><p>Minimal page</p></body></html>"


class _Words(HTMLParser):
    """The text of a document, one paragraph per block element, without head or style."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "li", "tr", "dt", "dd", "caption", "table", "br"}

    def __init__(self):
        super().__init__()
        self.paragraphs: list[str] = []
        self._words: list[str] = []
        self._skipping = 0

    def _flush(self):
        text = " ".join(" ".join(self._words).split())
        if text:
            self.paragraphs.append(text)
        self._words = []

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "style", "title"):
            self._skipping += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("head", "style", "title"):
            self._skipping -= 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._words.append(data)


def bare_words(document: str) -> str:
    """``document``'s words as unstyled paragraphs: the cost of the text alone."""
    words = _Words()
    words.feed(document)
    words.close()
    words._flush()
    body = "".join(f"<p>{html_text.escape(text)}</p>" for text in words.paragraphs)
    return f"<!doctype html><html><body>{body}</body></html>"


def median_seconds(work, runs: int) -> float:
    work()  # warm fonts and caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "SECRET_KEY": "bench",
            "AUDIT_KEY": "bench",
            "TESTING": True,
        }
    )
    from flask_login import login_user
    from flask_migrate import upgrade

    from casetrack import demo, reference
    from casetrack.documents import rendering, services

    with app.app_context():
        upgrade()
        reference.load(db.session)
        demo.load_demo_users(db.session)
        demo.load_demo_network(db.session, date.today())
        db.session.commit()
        user = db.session.scalar(select(User).where(User.email == "aigerim@kz-alm.example"))
        req = db.session.scalar(
            select(Request).where(Request.seq == 1, Request.year == date.today().year)
        )
        minimal = median_seconds(lambda: HTML(string=MINIMAL).write_pdf(), args.runs)
        print(f"minimal WeasyPrint page: {minimal * 1000:.1f} ms (median of {args.runs})")
        print(
            f"{'document':<18} {'pages':>5} {'median ms':>10} {'ratio':>6} {'per page':>8} "
            f"{'its words alone':>15}"
        )
        with app.test_request_context():
            login_user(user)
            services.load_request(db.session, user, req.id)
            for lang in ("en", "ru", "en-ru"):
                html = services._html(
                    db.session, req, DocumentKind.REQUEST, lang, user, False, None
                )
                pdf = rendering.write_pdf(html)
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
                seconds = median_seconds(lambda html=html: rendering.write_pdf(html), args.runs)
                words = bare_words(html)
                floor = median_seconds(
                    lambda words=words: HTML(string=words).write_pdf(), args.runs
                )
                print(
                    f"{'request ' + lang:<18} {pages:>5} {seconds * 1000:>10.1f} "
                    f"{seconds / minimal:>6.1f} {seconds / minimal / pages:>8.1f} "
                    f"{floor / minimal:>14.1f}×",
                    flush=True,
                )
        db.engine.dispose()


if __name__ == "__main__":
    main()
