"""Synthetic network for benchmarks: ``flask --app app casetrack synth --cases N [--seed S]``.

Builds a realistic region in bulk: people written in Cyrillic and in the Latin spellings the
region's passports and registries produce (Aliyev / Aliev / Alijev, Xo'jayev / Khodjaev), the
same people recorded again by offices of other countries (so that matching finds work),
companies with registry numbers, assets with valid identifiers (IBANs with their check digits,
VINs with theirs, cadastral numbers), requests in every status with the history that led there
and their deadlines, dates spread over eight years.

The bulk path writes with Core ``INSERT … RETURNING`` in batches and switches the per-row hooks
off: no link matching before each commit (``LINKS_AUTO_REFRESH``), no audit event built per
ORM flush. Their work is done in bulk instead: every row written gets its audit ``create``
event, sealed into the hash chain batch by batch (``audit.append_events``), and the links are
matched once at the end (``links.bulk.refresh_all``).

Each batch of cases is one transaction and advances a ``jobs`` record (kind ``synth``), so an
interrupted run leaves whole batches only and ``--resume`` continues where it stopped;
generation is seeded per batch, so a resumed run writes what an uninterrupted one would have.

This module runs the batches; ``people`` makes names and identifiers, ``world`` reads what the
run builds on, ``histories`` draws each request's status and steps, ``rows`` writes a batch's
rows in bulk and ``batches`` builds one batch of cases.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from casetrack import audit, clock, db_bulk
from casetrack.models import (
    Case,
    Job,
    JobStatus,
    Request,
    RequestSequence,
)
from casetrack.synth.batches import build_batch
from casetrack.synth.world import (
    BATCH_CASES,
    REFERENCE_PREFIX,
    SynthError,
    ensure_users,
    load_world,
)

KIND = "casetrack.synth:run"


def parse_seed(value: str | int | None) -> int:
    """Accept a seed as a non-negative decimal integer (at most 18 digits)."""
    if value is None:
        return 1
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise SynthError(f"the seed must be a non-negative whole number, not {value!r}")
    return int(text)


# --- the generator ----------------------------------------------------------------------------


def _existing_sequences(session: Session) -> dict[tuple[int, int], int]:
    return {
        (office_id, year): last
        for office_id, year, last in session.execute(
            select(RequestSequence.office_id, RequestSequence.year, RequestSequence.last_seq)
        )
    }


def _store_sequences(session: Session, before: dict, after: dict) -> None:
    changed = [
        {"o": office_id, "y": year, "s": last}
        for (office_id, year), last in after.items()
        if (office_id, year) in before and last != before[(office_id, year)]
    ]
    added = [
        {"office_id": office_id, "year": year, "last_seq": last}
        for (office_id, year), last in after.items()
        if (office_id, year) not in before
    ]
    connection = session.connection()
    table = RequestSequence.__table__
    if changed:
        connection.execute(
            update(table)
            .where(table.c.office_id == bindparam("o"), table.c.year == bindparam("y"))
            .values(last_seq=bindparam("s")),
            changed,
        )
    if added:
        connection.execute(insert(table), added)


def synthetic_run(session: Session) -> Job | None:
    """Return the record of the synthetic load in this database, if there is one."""
    return session.scalar(select(Job).where(Job.kind == KIND).order_by(Job.id.desc()).limit(1))


def run(session: Session, cases: int, seed: int, *, resume: bool = False, echo=print) -> dict:
    """Add ``cases`` synthetic cases in batches; each batch commits on its own."""
    if cases <= 0:
        raise SynthError(f"--cases must be a positive number, not {cases}")
    previous = synthetic_run(session)
    has_rows = session.scalar(
        select(Case.id).where(Case.reference.like(f"{REFERENCE_PREFIX}%")).limit(1)
    )
    if previous is not None or has_rows:
        if not resume:
            what = "synthetic cases"
            if previous is not None:
                seed_was = previous.params.get("seed")
                what = f"{previous.done} of {previous.total} cases, seed {seed_was}"
            raise SynthError(
                f"this database already holds synthetic data ({what}); use a fresh database"
                + (", or --resume to finish the interrupted run" if previous and
                   not previous.is_finished else "")
            )  # fmt: skip
        if previous is None or previous.is_finished:
            raise SynthError("there is no interrupted synthetic run to resume")
        if previous.params != {"cases": cases, "seed": seed}:
            raise SynthError(
                f"the interrupted run was --cases {previous.params['cases']} --seed "
                f"{previous.params['seed']}; resume it with the same values"
            )
        job = previous
    elif resume:
        raise SynthError("there is no interrupted synthetic run to resume")
    else:
        job = Job(kind=KIND, params={"cases": cases, "seed": seed}, total=cases,
                  status=JobStatus.RUNNING, started_at=clock.now(),
                  message="synthetic network")  # fmt: skip
        session.add(job)
        session.flush()
    today = clock.today()
    world = load_world(session, seed, cases, today)
    added_users = ensure_users(session, world) if job.done == 0 else 0
    if added_users:
        audit_rows = [
            {"action": "create", "object_type": "users", "object_id": None, "office_id": None,
             "before": None, "after": {"synthetic_users": added_users}}
        ]  # fmt: skip
        audit.append_events(session, audit_rows)
    session.commit()
    # Per-row hooks off for the bulk path: matching runs once at the end.
    app = current_app._get_current_object()
    saved = app.config.get("LINKS_AUTO_REFRESH", True)
    app.config["LINKS_AUTO_REFRESH"] = False
    totals: dict[str, int] = {}
    try:
        batch_no = job.done // BATCH_CASES
        while job.done < cases:
            size = min(BATCH_CASES, cases - job.done)
            db_bulk.bulk_cache(session)
            before = _existing_sequences(session)
            batch = build_batch(session, world, seed, batch_no, size, dict(before))
            _store_sequences(session, before, batch.sequences)
            audit.append_events(session, batch.events)
            job.done += size
            job.message = f"batch {batch_no + 1}"
            session.commit()
            for table, count in batch.counts.items():
                totals[table] = totals.get(table, 0) + count
            batch_no += 1
            echo(f"  {job.done}/{cases} cases")
    except BaseException:
        session.rollback()
        raise
    finally:
        app.config["LINKS_AUTO_REFRESH"] = saved
    db_bulk.bulk_cache(session, enabled=False)
    job.status = JobStatus.SUCCEEDED
    job.finished_at = clock.now()
    job.result = {"rows": totals}
    session.commit()
    return totals


def request_count(session: Session) -> int:
    return session.scalar(select(func.count(Request.id))) or 0
