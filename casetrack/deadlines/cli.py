"""The nightly reminders command."""

from __future__ import annotations

from datetime import datetime

import click
from flask.cli import with_appcontext

from casetrack import clock
from casetrack.auth.services import prune_login_attempts
from casetrack.db import db
from casetrack.deadlines import reminders


@click.command("reminders")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to run for, YYYY-MM-DD (default: today).",
)
@with_appcontext
def reminders_command(today: datetime | None):
    """Mark missed deadlines and record today's reminders; running twice a day adds nothing.

    Also forgets the log-in counts whose lock-out window has passed (the nightly job)."""
    day = today.date() if today else clock.today()

    def report(rows) -> None:
        for row in rows:
            click.echo(
                f"  {row.subject}  {row.kind}  due {row.due_on.isoformat()}  "
                f"owed by {row.owner_office}"
            )

    run = reminders.run_reminders(db.session, day, commit=db.session.commit, report=report)
    pruned = prune_login_attempts(db.session)
    db.session.commit()
    click.echo(f"forgot {pruned} log-in counts whose lock-out window has passed")
    click.echo(f"marked {len(run.marked_missed)} missed; recorded {run.reminded} reminders")
