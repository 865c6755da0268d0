"""``flask --app app casetrack links-refresh``: match every record again."""

import click
from flask.cli import with_appcontext

from casetrack.db import db
from casetrack.links import refresh


@click.command("links-refresh")
@with_appcontext
def links_refresh_command():
    """Recompute every party's match proposals and every shared asset identifier."""
    parties, assets = refresh.refresh_all(db.session)
    db.session.commit()
    click.echo(f"party links: {parties}; shared asset identifiers: {assets}")
