"""audit-verify resumes from a sealed checkpoint; the full walk stays available."""

from __future__ import annotations

from sqlalchemy import text

from casetrack.db import db


def _verify(runner, *args):
    return runner.invoke(args=["casetrack", "audit-verify", *args])


def test_resume_walks_only_the_events_after_the_checkpoint(directory_app, people, tmp_path):
    app, runner = directory_app, directory_app.test_cli_runner()
    app.config["AUDIT_CHECKPOINT"] = str(tmp_path / "checkpoint")
    full = _verify(runner)
    assert full.exit_code == 0 and "audit chain intact" in full.output
    total = int(full.output.split("intact: ")[1].split(" ")[0])
    assert total > 0
    # Nothing new: the resumed walk checks no event but still confirms the checkpoint.
    resumed = _verify(runner, "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "intact: 0 events after the checkpoint" in resumed.output
    # New events are walked from the checkpoint on.
    with app.app_context():
        from casetrack.models import User

        user = db.session.get(User, people.almaty.id)
        user.name = "Aigerim Seitkali-Nurlanovna"  # one change: one new event
        db.session.commit()
    resumed = _verify(runner, "--resume")
    assert resumed.exit_code == 0 and "intact: 1 events after the checkpoint" in resumed.output
    # The full walk is still there and covers everything.
    assert f"intact: {total + 1} events" in _verify(runner).output


def test_a_forged_checkpoint_or_a_changed_event_is_refused(
    directory_app, people, tmp_path, backend
):
    app, runner = directory_app, directory_app.test_cli_runner()
    checkpoint = tmp_path / "checkpoint"
    app.config["AUDIT_CHECKPOINT"] = str(checkpoint)
    assert _verify(runner).exit_code == 0
    data = checkpoint.read_text()
    checkpoint.write_text(data.replace('"mac": "', '"mac": "0'))
    forged = _verify(runner, "--resume")
    assert forged.exit_code != 0 and "not sealed with this audit key" in forged.output
    checkpoint.write_text(data)
    # Rewrite the checkpointed event behind the trail's back (the guard trigger removed).
    with app.app_context():
        if backend.name == "sqlite":
            db.session.execute(text("DROP TRIGGER audit_events_no_update"))
        else:
            db.session.execute(text("DROP TRIGGER audit_events_append_only ON audit_events"))
        db.session.execute(
            text("UPDATE audit_events SET hash = :h WHERE id = (SELECT max(id) FROM audit_events)"),
            {"h": "f" * 64},
        )
        db.session.commit()
    changed = _verify(runner, "--resume")
    assert changed.exit_code == 1 and "checkpointed event" in changed.output


def test_a_missing_folder_is_made_and_an_unreadable_checkpoint_is_said(
    directory_app, people, tmp_path
):
    app, runner = directory_app, directory_app.test_cli_runner()
    # The default checkpoint lives in the instance folder, which a fresh deployment may lack.
    checkpoint = tmp_path / "not" / "made" / "yet" / "checkpoint"
    app.config["AUDIT_CHECKPOINT"] = str(checkpoint)
    assert _verify(runner).exit_code == 0 and checkpoint.is_file()
    checkpoint.write_text("{not json")
    resumed = _verify(runner, "--resume")
    assert resumed.exit_code == 1 and "cannot be read" in resumed.output
    assert "Traceback" not in resumed.output
