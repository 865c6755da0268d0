"""``flask --app app casetrack …`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from casetrack import audit, clock, demo, reference
from casetrack.auth import services as auth_services
from casetrack.db import db
from casetrack.models import Role, User

group = AppGroup("casetrack", help="casetrack administration.")


@group.command("demo")
def demo_command():
    """Load the reference data and the demo network (running it twice changes nothing)."""
    added = reference.load(db.session)
    logins = demo.load_demo_users(db.session)
    network = demo.load_demo_network(db.session, clock.today())
    if network:
        # The network-analysis story (a broker between Almaty and Tashkent, a returned bank
        # statement) goes into a newly created demo network only, so that running twice
        # changes nothing.
        from casetrack.links import demo as network_story

        network_story.load(db.session, clock.today())
    db.session.commit()
    click.echo(f"reference data: {added} records added")
    click.echo("demo network: " + ("created" if network else "already present"))
    click.echo(f"demo logins (password: {demo.DEMO_PASSWORD}):")
    for email, what in logins:
        click.echo(f"  {email:32} {what}")


@group.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--office", "office_code", required=True, help="Office code, e.g. KZ-ALM.")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--language", default="en", type=click.Choice(["en", "ru"]))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email, name, office_code, role, language, password_stdin):
    """Create a user; the password is asked for, or read from standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = auth_services.create_user(
            db.session,
            email=email,
            name=name,
            office_code=office_code,
            role=role,
            password=password,
            language=language,
        )
    except auth_services.UserError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"created {user.email} ({user.role.value} at {user.office.code})")


@group.command("token")
@click.argument("email")
def token_command(email):
    """Issue an API token for a user and print it once."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        raise click.ClickException(f"no active user with e-mail {email}")
    audit.set_actor(db.session, user.id)
    token = auth_services.issue_api_token(db.session, user)
    db.session.commit()
    click.echo(token)


@group.command("audit-verify")
@click.option(
    "--resume",
    is_flag=True,
    help="Start after the last verified checkpoint instead of walking the whole chain.",
)
@click.option(
    "--head",
    "print_head",
    is_flag=True,
    help="Print only the chain's head (id:hash) after checking it, to keep elsewhere.",
)
@click.option(
    "--expect-head",
    metavar="ID:HASH",
    help="A head printed earlier by --head: exit 1 unless that event is still in the chain.",
)
def audit_verify_command(resume, print_head, expect_head):
    """Check the audit trail's hash chain; exit 1 at the first broken event.

    Each intact walk seals the head it reached into a checkpoint file kept outside the
    database (CASETRACK_AUDIT_CHECKPOINT, default instance/audit_checkpoint); --resume checks
    that the checkpointed event is unchanged and walks only the events after it. A chain cannot
    show that its last events were cut off: keep the head that --head prints somewhere the
    database's writers cannot reach, and check later with --expect-head.
    """
    key = current_app.config["AUDIT_KEY"]
    path = current_app.config.get("AUDIT_CHECKPOINT") or str(
        Path(current_app.instance_path) / "audit_checkpoint"
    )
    start = None
    if resume:
        try:
            start = audit.read_checkpoint(path, key)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        if start is None:
            click.echo("no checkpoint yet: walking the whole chain")
        elif not audit.checkpoint_holds(db.session, start):
            click.echo(
                f"audit chain broken: the checkpointed event {start[0]} is missing or changed",
                err=True,
            )
            sys.exit(1)
    checked, broken = audit.verify(db.session, key, start=start)
    if broken is not None:
        click.echo(
            f"audit chain broken at event {broken.id} ({broken.action} {broken.object_type} "
            f"{broken.object_id} at {broken.at.isoformat()}) after {checked} good events",
            err=True,
        )
        sys.exit(1)
    try:
        audit.write_checkpoint(db.session, path, key)
    except OSError as error:
        # The chain is intact; only the checkpoint for a later --resume could not be kept.
        click.echo(f"audit chain intact, but the checkpoint was not written: {error}", err=True)
    head_id, head_hash = audit.head(db.session)
    if expect_head:
        expected_id, _, expected_hash = expect_head.strip().partition(":")
        if not expected_id.isdigit() or len(expected_hash) != 64:
            raise click.BadParameter("give the head as printed by --head: ID:HASH")
        kept = audit.event_at(db.session, int(expected_id))
        if kept is None or kept.hash != expected_hash.lower():
            click.echo(
                f"audit chain cut off or rewritten: event {expected_id} with the expected "
                f"hash is not in the chain (its head now is {head_id}:{head_hash})",
                err=True,
            )
            sys.exit(1)
    if print_head:
        click.echo(f"{head_id}:{head_hash}")
        return
    since = f" after the checkpoint at event {start[0]}" if start else ""
    click.echo(f"audit chain intact: {checked} events{since}, head {head_id}:{head_hash}")


def init_app(app: Flask) -> None:
    """Register the commands."""
    from casetrack.deadlines.cli import reminders_command
    from casetrack.jobs import worker_command
    from casetrack.notifications.cli import send_notifications_command

    group.add_command(reminders_command)
    group.add_command(worker_command)
    group.add_command(send_notifications_command)
    group.add_command(__import__("casetrack.links.cli", fromlist=["cli"]).links_refresh_command)
    app.cli.add_command(group)


@group.command("synth")
@click.option("--cases", type=int, required=True, help="How many cases to add (> 0).")
@click.option("--seed", default="1", help="Seed of the generator (a whole number).")
@click.option("--resume", is_flag=True, help="Finish an interrupted run with the same values.")
@click.option("--no-links", is_flag=True, help="Skip matching the new parties and assets.")
def synth_command(cases, seed, resume, no_links):
    """Add N synthetic cases with parties, assets, requests and histories, for benchmarks."""
    import time

    from casetrack import synth

    try:
        seed_value = synth.parse_seed(seed)
        started, cpu = time.perf_counter(), time.process_time()
        totals = synth.run(db.session, cases, seed_value, resume=resume, echo=click.echo)
    except synth.SynthError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(
        "written: " + ", ".join(f"{count} {table}" for table, count in sorted(totals.items()))
    )
    # The processor time too: on a shared machine the wall-clock time says more about the load.
    click.echo(
        f"synthetic load took {time.perf_counter() - started:.1f} s "
        f"({time.process_time() - cpu:.1f} s of processor time)"
    )
    if not no_links:
        from casetrack.links import bulk

        started = time.perf_counter()
        parties, assets = bulk.refresh_all(db.session, echo=click.echo)
        click.echo(
            f"links: {parties} party proposals, {assets} asset links "
            f"in {time.perf_counter() - started:.1f} s"
        )


@group.command("figures-rebuild")
@click.option("--check", is_flag=True, help="Only compare the tallies with the requests.")
def figures_rebuild_command(check):
    """Recompute the network figures' tallies from the requests (or check them)."""
    from casetrack import figures

    if not check:
        figures.rebuild(db.session, echo=click.echo)
    found = figures.differences(db.session)
    db.session.rollback()
    if found:
        for table, rows in found.items():
            click.echo(f"{table}: {len(rows)} keys differ, e.g. {rows[:3]}")
        raise click.ClickException("the tallies do not match the requests")
    click.echo("tallies match the requests")
