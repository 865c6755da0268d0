"""``flask --app app casetrack send-notifications``: retries and daily digests."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from casetrack.db import db
from casetrack.notifications import mail


@click.command("send-notifications")
@click.option("--no-digests", is_flag=True, help="Only retry failed e-mails.")
@with_appcontext
def send_notifications_command(no_digests: bool):
    """Retry the e-mails that failed and send the daily digests (run it from cron)."""
    sent, failed = mail.retry_failed(db.session)
    db.session.commit()
    click.echo(f"retried: {sent} sent, {failed} still failing")
    if not no_digests:
        sent, failed = mail.send_digests(db.session)
        db.session.commit()
        click.echo(f"digests: {sent} notifications sent, {failed} failed")
