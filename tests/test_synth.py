"""`synth`: a realistic network in bulk, reproducible, audited, refusing bad input."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from casetrack import audit, synth
from casetrack.db import db
from casetrack.models import (
    AuditEvent,
    Case,
    CrossBorderHit,
    Deadline,
    IdentityDocument,
    Job,
    Party,
    PartyLink,
    PartyName,
    PartyNameToken,
    Request,
    RequestStatus,
    StatusChange,
)
from casetrack.synth import batches

CASES = 120


def _run(app, cases=CASES, seed="7"):
    return app.test_cli_runner().invoke(
        args=["casetrack", "synth", "--cases", str(cases), "--seed", seed]
    )


def _fingerprint():
    requests = db.session.execute(
        select(Request.reference, Request.status, Request.requested_office_id)
        .where(
            Request.reference.in_(
                select(Request.reference).join(Case).where(Case.reference.like("SYN%"))
            )
        )
        .order_by(Request.reference)
    ).all()
    parties = db.session.execute(
        select(Party.display_name, Party.birth_date, Party.office_id).order_by(Party.id)
    ).all()
    return requests, parties


def test_synth_builds_the_promised_shape(directory_app):
    result = _run(directory_app)
    assert result.exit_code == 0, result.output
    assert "links:" in result.output
    with directory_app.app_context():
        synthetic = select(Case.id).where(Case.reference.like("SYN%"))
        assert db.session.scalar(select(func.count()).select_from(synthetic.subquery())) == CASES
        statuses = set(
            db.session.scalars(
                select(Request.status).where(Request.case_id.in_(synthetic)).distinct()
            )
        )
        assert statuses == set(RequestStatus)
        # Every request's history leads to its status.
        last = db.session.execute(
            select(Request.status, StatusChange.to_status)
            .join(StatusChange, StatusChange.request_id == Request.id)
            .where(
                StatusChange.id.in_(
                    select(func.max(StatusChange.id)).group_by(StatusChange.request_id)
                )
            )
        ).all()
        assert last and all(status == to for status, to in last)
        scripts = set(db.session.scalars(select(PartyName.script).distinct()))
        assert {"cyrillic", "latin"} <= scripts
        # Each name token, written in bulk, carries its party's office (the search's index).
        tokens = select(PartyNameToken.office_id, Party.office_id).join(
            Party, Party.id == PartyNameToken.party_id
        )
        pairs = db.session.execute(tokens).all()
        assert pairs and all(token == party for token, party in pairs)
        # The same passport recorded by offices of different countries: matching has work.
        recurring = db.session.execute(
            select(IdentityDocument.number_key)
            .join(Party, Party.id == IdentityDocument.party_id)
            .group_by(IdentityDocument.number_key)
            .having(func.count(func.distinct(Party.office_id)) > 1)
        ).all()
        assert recurring
        assert db.session.scalar(select(func.count(PartyLink.id))) > 0
        assert db.session.scalar(select(func.count(CrossBorderHit.id))) > 0
        # Dates over years, not one day.
        first, latest = db.session.execute(
            select(func.min(Case.opened_on), func.max(Case.opened_on)).where(
                Case.reference.like("SYN%")
            )
        ).one()
        assert (latest - first).days > 3 * 365
        # Every row was audited in bulk and the chain still holds.
        assert db.session.scalar(select(func.count(AuditEvent.id))) > CASES * 10
        checked, broken = audit.verify(db.session, directory_app.config["AUDIT_KEY"])
        assert broken is None and checked > CASES * 10
        # Deadlines written in bulk carry their request's requesting office, as the ORM's do.
        assert not db.session.scalar(
            select(func.count(Deadline.id))
            .join(Request, Request.id == Deadline.request_id)
            .where(
                or_(
                    Deadline.requesting_office_id.is_(None),
                    Deadline.requesting_office_id != Request.requesting_office_id,
                )
            )
        )
        job = db.session.scalar(select(Job).where(Job.kind == synth.KIND))
        assert job.status.value == "succeeded" and job.done == CASES


def test_synth_is_reproducible_with_a_seed(directory_app, backend):
    from conftest import DIRECTORY, _make_app

    assert _run(directory_app, seed="42").exit_code == 0
    with directory_app.app_context():
        first = _fingerprint()
    url = backend.copy(DIRECTORY)
    other = _make_app(backend, url)
    try:
        assert _run(other, seed="42").exit_code == 0
        with other.app_context():
            assert _fingerprint() == first
            db.session.remove()
            db.engine.dispose()
    finally:
        backend.drop(url)


def test_synth_refuses_bad_input_and_writes_nothing(directory_app):
    with directory_app.app_context():
        before = db.session.scalar(select(func.count(AuditEvent.id)))
    for cases, seed, message in (
        (0, "1", "--cases must be a positive number"),
        (-5, "1", "--cases must be a positive number"),
        (10, "abc", "the seed must be a non-negative whole number"),
        (10, "-3", "the seed must be a non-negative whole number"),
    ):
        result = _run(directory_app, cases, seed)
        assert result.exit_code != 0
        assert message in result.output
    with directory_app.app_context():
        assert db.session.scalar(select(func.count(AuditEvent.id))) == before
        assert db.session.scalar(select(func.count(Job.id))) == 0


def test_synth_refuses_a_database_that_already_holds_synthetic_data(directory_app):
    assert _run(directory_app, cases=20).exit_code == 0
    with directory_app.app_context():
        counts = (
            db.session.scalar(select(func.count(Request.id))),
            db.session.scalar(select(func.count(AuditEvent.id))),
        )
    again = _run(directory_app, cases=20)
    assert again.exit_code != 0
    assert "already holds synthetic data" in again.output
    with directory_app.app_context():
        assert (
            db.session.scalar(select(func.count(Request.id))),
            db.session.scalar(select(func.count(AuditEvent.id))),
        ) == counts


def test_an_interrupted_synth_resumes_where_it_stopped(directory_app, monkeypatch):
    calls = {"n": 0}
    real = synth.build_batch

    def failing(session, world, seed, batch_no, cases, sequences):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(session, world, seed, batch_no, cases, sequences)

    # The batch size is read by the run (batches of the job) and by each batch (case numbers).
    monkeypatch.setattr(synth, "BATCH_CASES", 10)
    monkeypatch.setattr(batches, "BATCH_CASES", 10)
    monkeypatch.setattr(synth, "build_batch", failing)
    result = _run(directory_app, cases=30)
    assert result.exit_code != 0
    with directory_app.app_context():
        # The first batch is whole; nothing of the second was written.
        assert (
            db.session.scalar(select(func.count(Case.id)).where(Case.reference.like("SYN%"))) == 10
        )
        assert audit.verify(db.session, directory_app.config["AUDIT_KEY"])[1] is None
    refused = _run(directory_app, cases=30)
    assert "--resume" in refused.output
    resumed = directory_app.test_cli_runner().invoke(
        args=["casetrack", "synth", "--cases", "30", "--seed", "7", "--resume"]
    )
    assert resumed.exit_code == 0, resumed.output
    with directory_app.app_context():
        assert (
            db.session.scalar(select(func.count(Case.id)).where(Case.reference.like("SYN%"))) == 30
        )
        assert audit.verify(db.session, directory_app.config["AUDIT_KEY"])[1] is None
