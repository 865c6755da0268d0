"""The commands of SPEC §7 that the foundation provides, and the demo they load.

The demo's own tests use ``demo_app`` (a copy of the demo database); the other commands run on
the directory with people made by factories.
"""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import AuditEvent, Case, Office, Request, Treaty, User

REQUIRED_OFFICES = {
    "KZ-GPO",
    "UZ-GPO",
    "KG-GPO",
    "TJ-GPO",
    "TM-GPO",
    "AZ-GPO",
    "AM-PGO",
    "GE-PGO",
    "PK-MOI",
    "UA-OPG",
    "KZ-ALM",
    "UZ-TAS",
    "TR-MOJ",
    "US-OIA",
}


def _counts():
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Office, Treaty, User, Case, Request)
    }


def test_demo_twice_changes_nothing(demo_app):
    with demo_app.app_context():
        before = _counts()
    result = demo_app.test_cli_runner().invoke(args=["casetrack", "demo"])
    assert result.exit_code == 0, result.output
    assert "already present" in result.output
    assert "aigerim@kz-alm.example" in result.output
    with demo_app.app_context():
        assert _counts() == before


def test_demo_on_empty_database(empty_app):
    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["casetrack", "demo"])
    assert result.exit_code == 0, result.output
    assert "demo network: created" in result.output
    with empty_app.app_context():
        codes = set(db.session.scalars(select(Office.code)))
        assert codes >= REQUIRED_OFFICES
        members = dict(db.session.execute(select(Office.code, Office.is_member)).all())
        assert members["TR-MOJ"] is False and members["US-OIA"] is False
        statuses = {r.status.value for r in db.session.scalars(select(Request))}
        assert len(statuses) >= 4


def test_create_user_reads_password_from_stdin(directory_app):
    runner = directory_app.test_cli_runner()
    result = runner.invoke(
        args=[
            "casetrack",
            "create-user",
            "new.prosecutor@kz-alm.example",
            "--name",
            "New Prosecutor",
            "--office",
            "KZ-ALM",
            "--role",
            "prosecutor",
            "--password-stdin",
        ],
        input="a-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    client = directory_app.test_client()
    response = client.post(
        "/login",
        data={"email": "new.prosecutor@kz-alm.example", "password": "a-long-enough-password"},
    )
    assert response.status_code == 302


def test_create_user_refuses_bad_input(directory_app, people):
    runner = directory_app.test_cli_runner()
    base = [
        "casetrack",
        "create-user",
        "x@kz-alm.example",
        "--name",
        "X",
        "--role",
        "prosecutor",
        "--password-stdin",
    ]
    result = runner.invoke(args=base + ["--office", "NOPE"], input="a-long-enough-password\n")
    assert result.exit_code != 0 and "no office" in result.output
    result = runner.invoke(args=base + ["--office", "KZ-ALM"], input="short\n")
    assert result.exit_code != 0
    assert "password: Length must be between 10 and 1024." in result.output
    result = runner.invoke(
        args=base[:2] + ["not-an-address"] + base[3:] + ["--office", "KZ-ALM"],
        input="a-long-enough-password\n",
    )
    assert result.exit_code != 0 and "email: Not a valid email address." in result.output
    result = runner.invoke(
        args=[
            "casetrack",
            "create-user",
            people.almaty.email,
            "--name",
            "Dup",
            "--office",
            "KZ-ALM",
            "--role",
            "prosecutor",
            "--password-stdin",
        ],
        input="a-long-enough-password\n",
    )
    assert result.exit_code != 0 and "exists already" in result.output
    with directory_app.app_context():
        assert db.session.scalar(select(User).where(User.email == "x@kz-alm.example")) is None


def test_token_for_unknown_user_fails(directory_app):
    runner = directory_app.test_cli_runner()
    result = runner.invoke(args=["casetrack", "token", "ghost@example.org"])
    assert result.exit_code != 0
    assert "no active user" in result.output


def test_audit_verify_passes_then_detects_tampering(directory_app, people, backend):
    app, runner = directory_app, directory_app.test_cli_runner()
    result = runner.invoke(args=["casetrack", "audit-verify"])
    assert result.exit_code == 0, result.output
    assert "audit chain intact" in result.output
    # Forge an event the way an intruder with database access would: drop the guard first.
    with app.app_context():
        victim = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id).offset(3).limit(1))
        if backend.name == "sqlite":
            db.session.execute(db.text("DROP TRIGGER audit_events_no_update"))
        else:
            db.session.execute(db.text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        db.session.execute(
            db.text("UPDATE audit_events SET action = 'forged' WHERE id = :id"), {"id": victim}
        )
        db.session.commit()
    result = runner.invoke(args=["casetrack", "audit-verify"])
    assert result.exit_code == 1
    assert f"broken at event {victim}" in result.output
