"""Benchmark: do the pages stay flat from 1,000 to 100,000 requests, on SQLite and PostgreSQL?

Not a test. For each backend and size it builds (once, then reuses) a database with the demo
network plus ``synth`` (about two requests per synthetic case), then, in one process and one
run, measures every list page, dashboard, search, monitoring figure and API list as three
kinds of user: the SQL statements each runs and its median time over ``--repeat`` runs,
the sizes taking turns run after run so that the machine's drift falls on both alike. It
also times a party's match proposals, ``links-refresh`` (taken from the build), the request
PDF against a minimal WeasyPrint page rendered in the same run, ``reminders`` and
``audit-verify``. The last lines compare the ratios with the goals of issue 16.

    make bench                                            # 1,000 and 100,000 requests
    .venv/bin/python bench/scale_bench.py --sizes 1000,10000 --backends sqlite
    BENCH_DIR=/tmp/casetrack-bench .venv/bin/python bench/scale_bench.py --rebuild

Databases live in ``--dir`` (SQLite files) and in PostgreSQL databases named
``casetrack_bench_<size>`` on ``--postgres`` (default: the tests' server).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

PROSECUTOR = "aigerim@kz-alm.example"
CENTRAL = "daniyar@kz-gpo.example"
COORDINATOR = "coordinator@network.example"

#: (label, user, path); "{party}" is a party of the prosecutor's office with proposals.
PAGES = [
    ("dashboard (prosecutor)", PROSECUTOR, "/dashboard"),
    ("dashboard (central authority)", CENTRAL, "/dashboard"),
    ("dashboard (coordinator)", COORDINATOR, "/dashboard"),
    ("cases", PROSECUTOR, "/cases/"),
    ("cases page 40", PROSECUTOR, "/cases/?page=40"),
    ("cases (central authority)", CENTRAL, "/cases/"),
    ("parties", PROSECUTOR, "/parties/"),
    ("party search 'aliyev timur'", PROSECUTOR, "/parties/?q=aliyev+timur"),
    # A Cyrillic surname the prosecutor's office holds at both sizes (the demo's "Ходжаев"):
    # "Ахметов", measured before, found nobody at 1,000 requests, so the two sizes ran
    # different statements (no names or documents to load for an empty page).
    (
        "party search 'Ходжаев'",
        PROSECUTOR,
        "/parties/?q=%D0%A5%D0%BE%D0%B4%D0%B6%D0%B0%D0%B5%D0%B2",
    ),
    ("assets", PROSECUTOR, "/assets/"),
    ("outgoing requests", PROSECUTOR, "/requests/"),
    ("incoming requests", PROSECUTOR, "/requests/incoming"),
    ("outgoing requests (central authority)", CENTRAL, "/requests/"),
    ("incoming requests (central authority)", CENTRAL, "/requests/incoming"),
    ("deadlines", PROSECUTOR, "/deadlines"),
    ("deadlines (central authority)", CENTRAL, "/deadlines"),
    ("links", PROSECUTOR, "/links/"),
    ("party match proposals page", PROSECUTOR, "/links/parties/{party}"),
    ("links graph", PROSECUTOR, "/links/graph"),
    ("monitoring", COORDINATOR, "/monitoring"),
    ("monitoring requests list", COORDINATOR, "/monitoring/requests"),
    ("API cases", PROSECUTOR, "/api/v1/cases"),
    ("API parties", PROSECUTOR, "/api/v1/parties"),
    ("API parties q=aliyev", PROSECUTOR, "/api/v1/parties?q=aliyev"),
    ("API assets", PROSECUTOR, "/api/v1/assets"),
    ("API requests", PROSECUTOR, "/api/v1/requests"),
    ("API deadlines", PROSECUTOR, "/api/v1/deadlines"),
    ("API link hits", PROSECUTOR, "/api/v1/links/hits"),
    ("API stats/requests", COORDINATOR, "/api/v1/stats/requests"),
]


def database_url(backend: str, size: int, args) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(args.dir) / f'bench-{size}.sqlite'}"
    return make_url(args.postgres).set(database=f"casetrack_bench_{size}").render_as_string(False)


def _env(url: str, args) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CASETRACK_INSTANCE_PATH": str(Path(args.dir) / "instance"),
        "CASETRACK_AUDIT_KEY": "bench-audit-key",
        "SECRET_KEY": "bench-secret-key",
        "CASETRACK_JOBS": "eager",
    }


def _flask(url, args, *command) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "app", *command],
        cwd=ROOT, env=_env(url, args), capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started, done.stdout


def _built(url: str, cases: int) -> dict | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT params, result FROM jobs WHERE kind = 'casetrack.synth:run' "
                     "AND status = 'succeeded' ORDER BY id DESC LIMIT 1")
            ).first()  # fmt: skip
    except Exception:
        return None
    finally:
        engine.dispose()
    if row is None:
        return None
    params = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    if params.get("cases") != cases:
        return None
    result = row[1] if isinstance(row[1], dict) else json.loads(row[1] or "{}")
    return result or {}


def build(backend: str, size: int, args) -> dict:
    """Build the database of one size (or reuse it); return the build's timings."""
    url = database_url(backend, size, args)
    cases = max(1, size // 2)
    meta_file = Path(args.dir) / f"build-{backend}-{size}.json"
    if not args.rebuild and _built(url, cases) is not None and meta_file.exists():
        _flask(url, args, "db", "upgrade")  # new indexes of this branch, on the reused data
        return json.loads(meta_file.read_text())
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(make_url(url).database + suffix).unlink(missing_ok=True)
    else:
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = make_url(url).database
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    print(f"building {backend} at {size} requests ({cases} cases)…", flush=True)
    _flask(url, args, "db", "upgrade")
    _flask(url, args, "casetrack", "demo")
    synth_s, _ = _flask(url, args, "casetrack", "synth", "--cases", str(cases), "--seed", "1",
                        "--no-links")  # fmt: skip
    refresh_s, out = _flask(url, args, "casetrack", "links-refresh")
    if backend == "postgresql":
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
        engine.dispose()
    else:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        engine.dispose()
    meta = {"synth_s": synth_s, "links_refresh_s": refresh_s, "links_refresh_out": out.strip()}
    meta_file.write_text(json.dumps(meta))
    return meta


@contextmanager
def counting(engine):
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _opened(backend: str, size: int, args):
    """An app on one built database, its users logged in: ``(app, engine, clients,
    tokens, party_id)``."""
    os.environ.update(_env(database_url(backend, size, args), args))
    from casetrack import create_app
    from casetrack.db import db

    app = create_app({"JOBS_MODE": "eager", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        engine = db.engine
        party_id = _sample_party(db.session)
        tokens = {email: _token(db.session, email) for email in (PROSECUTOR, CENTRAL, COORDINATOR)}
        db.session.remove()
    clients = {}
    for email in (PROSECUTOR, CENTRAL, COORDINATOR):
        client = app.test_client()
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"log-in of {email} failed"
        clients[email] = client
    return app, engine, clients, tokens, party_id


def measure(backend: str, sizes: list[int], args) -> dict[int, dict]:
    """Measure every page and operation on one backend's built databases, by size.

    The sizes' apps live side by side in this process and each page is timed at every size
    in turn, run after run (small, large, small, large…), so that the machine's drift in
    speed, which moved whole phases by 25–40 % when the sizes ran one after the other, falls
    on both sides of a ratio alike.
    """
    from casetrack.db import db

    opened = {size: _opened(backend, size, args) for size in sizes}
    gc.freeze()  # as app.py does for the servers
    results: dict[int, dict[str, dict]] = {size: {} for size in sizes}
    for label, email, template in PAGES:
        runs = {size: ([], [], None, None) for size in sizes}
        targets = {}
        for size, (app, _engine, clients, tokens, party_id) in opened.items():
            path = template.format(party=party_id)
            api = path.startswith("/api")
            headers = {"Authorization": f"Bearer {tokens[email]}"} if api else {}
            client = app.test_client() if api else clients[email]
            client.get(path, headers=headers)  # warm the caches once
            targets[size] = (client, path, headers)
        for _ in range(args.repeat):
            for size in sizes:
                client, path, headers = targets[size]
                times, counts, _status, _bytes = runs[size]
                with counting(opened[size][1]) as statements:
                    started = time.perf_counter()
                    response = client.get(path, headers=headers)
                    times.append(time.perf_counter() - started)
                counts.append(len(statements))
                runs[size] = (times, counts, response.status_code, len(response.data))
        for size, (times, counts, status, size_bytes) in runs.items():
            results[size][label] = {
                "ms": statistics.median(times) * 1000,
                "statements": max(counts),
                "status": status,
                "bytes": size_bytes,
            }
    for size, (app, _engine, _clients, _tokens, party_id) in opened.items():
        if not args.pages_only:
            print(f"operations on {backend} at {size} requests…", flush=True)
            with app.app_context():
                results[size].update(_operations(app, db, party_id, args))
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return results


def _sample_party(session) -> int:
    from casetrack.models import Office, Party, PartyLink

    office_id = session.scalar(select(Office.id).where(Office.code == "KZ-ALM"))
    with_link = session.scalar(
        select(Party.id)
        .join(PartyLink, PartyLink.party_a_id == Party.id)
        .where(Party.office_id == office_id)
        .order_by(Party.id)
        .limit(1)
    )
    return with_link or session.scalar(select(Party.id).where(Party.office_id == office_id))


def _token(session, email) -> str:
    from casetrack.auth.services import issue_api_token
    from casetrack.models import User

    user = session.scalar(select(User).where(User.email == email))
    token = issue_api_token(session, user)
    session.commit()
    return token


def _median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _operations(app, db, party_id, args) -> dict:
    from weasyprint import HTML

    from casetrack import audit
    from casetrack.documents import services as documents
    from casetrack.links import refresh as links
    from casetrack.models import DocumentKind, Party, Request, User

    out = {}
    session = db.session
    party = session.get(Party, party_id)
    with counting(db.engine) as statements:
        ms = _median_time(lambda: links.find_matches(session, session.get(Party, party_id)),
                          args.repeat)  # fmt: skip
    out["a party's match proposals (find_matches)"] = {
        "ms": ms, "statements": len(statements) // args.repeat, "status": None,
    }  # fmt: skip
    session.expire_all()
    user = session.scalar(select(User).where(User.email == PROSECUTOR))
    request = session.scalar(
        select(Request).where(Request.requesting_office_id == user.office_id)
        .order_by(Request.id).limit(1)
    )  # fmt: skip
    minimal = _median_time(
        lambda: HTML(string="<html><body><p>A minimal page.</p></body></html>").write_pdf(),
        args.repeat,
    )
    with app.test_request_context():
        letter = _median_time(
            lambda: documents.render(session, request, DocumentKind.REQUEST, "en", user,
                                     is_draft=True),
            args.repeat,
        )  # fmt: skip
    out["minimal WeasyPrint page"] = {"ms": minimal, "statements": None, "status": None}
    out["request PDF (en)"] = {"ms": letter, "statements": None, "status": None,
                               "vs_minimal": letter / minimal}  # fmt: skip
    session.rollback()
    url = str(db.engine.url.render_as_string(hide_password=False))
    # A night the database has not seen yet, so that every run times a whole night's work
    # (a second run on one day records nothing and would time nothing).
    from casetrack import clock
    from casetrack.models import Reminder

    last = session.scalar(select(func.max(Reminder.sent_on)))
    night = max(clock.today(), last + timedelta(days=1)) if last else clock.today()
    session.rollback()
    reminders_s, _ = _flask(url, args, "casetrack", "reminders", "--today", night.isoformat())
    out["reminders (command, one night)"] = {
        "ms": reminders_s * 1000, "statements": None, "status": None,
    }  # fmt: skip
    started = time.perf_counter()
    checked, broken = audit.verify(session, app.config["AUDIT_KEY"])
    out["audit-verify (full walk)"] = {
        "ms": (time.perf_counter() - started) * 1000, "statements": None, "status": None,
        "events": checked, "intact": broken is None,
    }  # fmt: skip
    session.rollback()
    del party
    return out


DEMO_PASSWORD = "casetrack-demo-2026"


def report(sizes, backends, results, builds) -> list[str]:
    small, large = sizes[0], sizes[-1]
    lines = []
    failures = []
    for backend in backends:
        lines.append("")
        lines.append(f"## {backend}: {small:,} → {large:,} requests")
        lines.append(
            f"| page / operation | statements {small:,} | statements {large:,} | "
            f"ms {small:,} | ms {large:,} | ratio |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|")
        a, b = results[(backend, small)], results[(backend, large)]
        for label in a:
            ra, rb = a[label], b.get(label)
            if rb is None:
                continue
            ratio = rb["ms"] / ra["ms"] if ra["ms"] else float("nan")
            sa = "" if ra["statements"] is None else str(ra["statements"])
            sb = "" if rb["statements"] is None else str(rb["statements"])
            flag = ""
            is_page = ra["status"] is not None
            if is_page and (ratio > 1.5 or ra["statements"] != rb["statements"]):
                flag = " ✗"
                failures.append(f"{backend}: {label} {ratio:.1f}× ({sa} → {sb} statements)")
            if is_page and rb["status"] != 200:
                flag += f" (HTTP {rb['status']})"
            lines.append(
                f"| {label} | {sa} | {sb} | {ra['ms']:.1f} | {rb['ms']:.1f} | {ratio:.2f}×{flag} |"
            )
        build = builds[(backend, large)]
        lines.append(f"| build: synth {large:,} requests | | | | {build['synth_s'] * 1000:.0f} | |")
        lines.append(
            f"| build: links-refresh at {large:,} requests | | | | "
            f"{build['links_refresh_s'] * 1000:.0f} | |"
        )
    lines.append("")
    lines.append("## Against the goals")
    for backend in backends:
        b = results[(backend, large)]
        if "request PDF (en)" not in b:
            continue  # --pages-only
        build = builds[(backend, large)]
        letter = b["request PDF (en)"]["vs_minimal"]
        proposals = b["a party's match proposals (find_matches)"]["ms"]
        lines.append(
            f"{backend}: letter {letter:.1f}× a minimal page (goal ≤ 8×, issue 16) "
            f"{'ok' if letter <= 8 else 'NOT MET'}; a party's proposals {proposals:.1f} ms "
            f"(goal ≤ 50 ms) {'ok' if proposals <= 50 else 'NOT MET'}; links-refresh "
            f"{build['links_refresh_s']:.0f} s at {large:,} requests (goal ≤ 600 s at 100,000 "
            f"parties) {'ok' if build['links_refresh_s'] <= 600 else 'NOT MET'}; synth "
            f"{build['synth_s']:.0f} s (goal ≤ 300 s on SQLite)"
        )
    pages_ok = not failures
    lines.append(
        "pages within 1.5× with constant statements: "
        + ("all" if pages_ok else f"{len(failures)} NOT MET")
    )
    lines.extend(f"  ✗ {failure}" for failure in failures)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,100000"))
    parser.add_argument("--backends", default=os.environ.get("BENCH_BACKENDS",
                                                             "sqlite,postgresql"))  # fmt: skip
    parser.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/casetrack-bench"))
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Build the databases again.")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="Measure the pages only (no proposals, PDF, reminders or audit-verify).",
    )
    parser.add_argument("--json", help="Also write the raw figures to this file.")
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    backends = [b for b in args.backends.split(",") if b]
    builds = {(b, s): build(b, s, args) for b in backends for s in sizes}
    if args.build_only:
        return
    results = {}
    for backend in backends:
        print(f"measuring {backend} at {', '.join(f'{s:,}' for s in sizes)} requests…", flush=True)
        for size, measured in measure(backend, sizes, args).items():
            results[(backend, size)] = measured
    if args.json:
        Path(args.json).write_text(json.dumps(
            {f"{b}:{s}": r for (b, s), r in results.items()}, indent=1, default=str))  # fmt: skip
    print("\n".join(report(sizes, backends, results, builds)))


if __name__ == "__main__":
    main()
