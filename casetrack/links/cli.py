"""``flask --app app casetrack links-refresh``: match every record again."""

import click
from flask.cli import with_appcontext

from casetrack.db import db
from casetrack.links import bulk


@click.command("links-refresh")
@with_appcontext
def links_refresh_command():
    """Recompute every party's match proposals and every shared asset identifier.

    Runs in chunks (casetrack.links.bulk): each chunk of links is its own transaction, so
    log-ins and edits never wait for the whole refresh.
    """
    parties, assets = bulk.refresh_all(db.session, echo=click.echo)
    click.echo(f"party links: {parties}; shared asset identifiers: {assets}")
