"""Benchmark: does the time of a refused log-in tell whether the account exists?

Not a test (timings are never asserted). Builds a throwaway SQLite database (migrated, demo
users), then posts wrong passwords through the real log-in form, interleaving four kinds of
address: a known account, an unknown address, a locked known account and a locked unknown
one. argon2id runs with the production parameters (argon2-cffi's defaults, as in
``casetrack.config``) unless told otherwise. Prints median and 90th percentile per kind and
the ratios to the known account; the goal is a ratio within 1.2 for every kind.

    .venv/bin/python bench/login_timing_bench.py                # 40 rounds
    .venv/bin/python bench/login_timing_bench.py --rounds 100 --memory-kib 65536
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This checkout's casetrack, whatever the environment has installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KNOWN = "aigerim@kz-alm.example"
LOCKED_KNOWN = "daniyar@kz-gpo.example"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--time-cost", type=int, default=3)
    parser.add_argument("--memory-kib", type=int, default=65536)
    parser.add_argument("--parallelism", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="casetrack-login-bench-"))
    os.environ.setdefault("CASETRACK_INSTANCE_PATH", str(workdir / "instance"))
    from flask_migrate import upgrade
    from sqlalchemy import delete, update

    from casetrack import create_app, demo, reference
    from casetrack.db import db, utcnow
    from casetrack.models import LoginAttempt

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "SECRET_KEY": "bench",
            "AUDIT_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "ARGON2_TIME_COST": args.time_cost,
            "ARGON2_MEMORY_COST": args.memory_kib,
            "ARGON2_PARALLELISM": args.parallelism,
            # A budget no round reaches, so that "known" and "unknown" stay unlocked.
            "LOGIN_MAX_FAILURES": 10 * args.rounds + 10,
        }
    )
    with app.app_context():
        upgrade()
        reference.load(db.session)
        demo.load_demo_users(db.session)
        db.session.commit()

    def lock(email: str) -> None:
        with app.app_context():
            db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
            db.session.add(
                LoginAttempt(
                    email=email,
                    failures=app.config["LOGIN_MAX_FAILURES"],
                    locked_until=utcnow().replace(year=utcnow().year + 1),
                )
            )
            db.session.commit()

    def unlock_counts() -> None:
        with app.app_context():
            db.session.execute(
                update(LoginAttempt).where(LoginAttempt.locked_until.is_(None)).values(failures=0)
            )
            db.session.commit()

    lock(LOCKED_KNOWN)
    lock("locked-nobody@nowhere.example")
    kinds = {
        "known": KNOWN,
        "unknown": "nobody@nowhere.example",
        "locked known": LOCKED_KNOWN,
        "locked unknown": "locked-nobody@nowhere.example",
    }
    client = app.test_client()
    for email in kinds.values():  # warm-up: first requests compile templates, fill caches
        client.post("/login", data={"email": email, "password": "warm-up-password"})
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    answers: dict[str, set[int]] = {kind: set() for kind in kinds}
    for round_no in range(args.rounds):
        for kind, email in kinds.items():
            started = time.perf_counter()
            response = client.post("/login", data={"email": email, "password": f"wrong-{round_no}"})
            times[kind].append(time.perf_counter() - started)
            answers[kind].add(response.status_code)
        unlock_counts()

    known = statistics.median(times["known"])
    print(
        f"argon2id t={args.time_cost} m={args.memory_kib} KiB p={args.parallelism}, "
        f"{args.rounds} rounds"
    )
    print(f"{'kind':16} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}  status")
    for kind, values in times.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(
            f"{kind:16} {median * 1000:10.1f} {p90 * 1000:8.1f} {median / known:6.2f}  "
            f"{sorted(answers[kind])}"
        )


if __name__ == "__main__":
    main()
