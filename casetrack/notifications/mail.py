"""E-mail of notifications through SMTP, after the commit, in each reader's language.

``CASETRACK_SMTP_URL`` names the server: ``smtp://[user:password@]host[:port]`` (add
``?starttls=1`` for STARTTLS) or ``smtps://…`` for TLS from the start. An e-mail names the
reference and links to the page; it never carries case content.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack import jobs
from casetrack.db import db, utcnow
from casetrack.models import EmailState, Notification, User
from casetrack.notifications.texts import sentence

#: Attempts before a failed e-mail is left for an admin to retry by hand.
MAX_ATTEMPTS = 5


class SmtpUrlError(ValueError):
    """CASETRACK_SMTP_URL cannot be understood."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    use_ssl: bool
    starttls: bool
    username: str
    password: str


def parse_smtp_url(url: str) -> SmtpSettings:
    """Read ``CASETRACK_SMTP_URL``; a malformed one raises SmtpUrlError with the reason."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("smtp", "smtps"):
        raise SmtpUrlError(
            "CASETRACK_SMTP_URL must start with smtp:// or smtps:// "
            "(e.g. smtp://mail.example:25), not "
            f"{parts.scheme or 'nothing'!r}"
        )
    if not parts.hostname:
        raise SmtpUrlError("CASETRACK_SMTP_URL names no host (e.g. smtp://mail.example:25)")
    try:
        port = parts.port
    except ValueError as error:
        raise SmtpUrlError(f"CASETRACK_SMTP_URL has a bad port: {error}") from None
    query = parse_qs(parts.query)
    return SmtpSettings(
        host=parts.hostname,
        port=port or (465 if parts.scheme == "smtps" else 25),
        use_ssl=parts.scheme == "smtps",
        starttls=query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def _link(path: str) -> str:
    base = (current_app.config.get("BASE_URL") or "http://localhost:5000").rstrip("/")
    return base + path


def compose(user: User, notes: list[Notification]) -> EmailMessage:
    """One e-mail to ``user``: a single notification, or the digest of several."""
    with force_locale(user.language or "en"):
        if len(notes) == 1:
            subject = sentence(notes[0])
            lines = [sentence(notes[0]), "", _link(notes[0].path)]
        else:
            subject = _("casetrack: %(count)d notifications", count=len(notes))
            lines = [_("What happened since your last digest:"), ""]
            for note in notes:
                lines += [f"- {sentence(note)}", f"  {_link(note.path)}"]
        lines += [
            "",
            "--",
            _(
                "This message names references only; open casetrack to read the request. "
                "Change how you are told: %(url)s",
                url=_link("/notifications/settings"),
            ),
        ]
    message = EmailMessage()
    message["Subject"] = subject if len(subject) < 200 else subject[:197] + "…"
    message["From"] = current_app.config.get("MAIL_FROM") or "casetrack@localhost"
    message["To"] = user.email
    message["Message-ID"] = make_msgid(domain="casetrack")
    message.set_content("\n".join(lines))
    return message


def _send(messages: list[EmailMessage]) -> None:
    settings = parse_smtp_url(current_app.config["SMTP_URL"])
    timeout = current_app.config.get("SMTP_TIMEOUT", 10)
    cls = smtplib.SMTP_SSL if settings.use_ssl else smtplib.SMTP
    with cls(settings.host, settings.port, timeout=timeout) as server:
        if settings.starttls:
            server.starttls()
        if settings.username:
            server.login(settings.username, settings.password)
        for message in messages:
            server.send_message(message)


def _deliver(session: Session, notes: list[Notification], digest: bool) -> tuple[int, int]:
    """Send ``notes`` (one e-mail each, or one digest per user); record each outcome."""
    by_user: dict[int, list[Notification]] = {}
    for note in notes:
        by_user.setdefault(note.user_id, []).append(note)
    batches = (
        [group for group in by_user.values()]
        if digest
        else [[note] for group in by_user.values() for note in group]
    )
    sent = failed = 0
    for batch in batches:
        user = batch[0].user
        try:
            _send([compose(user, batch)])
        except (OSError, smtplib.SMTPException, SmtpUrlError) as error:
            for note in batch:
                note.email_attempts += 1
                note.email_state = EmailState.FAILED
                note.email_error = f"{type(error).__name__}: {error}"[:2000]
            failed += len(batch)
            current_app.logger.warning("e-mail to user %s failed: %s", user.id, error)
        else:
            for note in batch:
                note.email_attempts += 1
                note.email_state = EmailState.SENT
                note.email_error = ""
                note.emailed_at = utcnow()
            sent += len(batch)
    return sent, failed


def _load(session: Session, stmt) -> list[Notification]:
    return list(session.scalars(stmt.options(selectinload(Notification.user))))


def deliver(session: Session, ids: list[int]) -> tuple[int, int]:
    """Send the e-mails of the given notifications that are still owed; record each outcome."""
    notes = _load(
        session,
        select(Notification)
        .where(
            Notification.id.in_(ids),
            Notification.email_state.in_((EmailState.PENDING, EmailState.FAILED)),
        )
        .order_by(Notification.id),
    )
    return _deliver(session, notes, digest=False)


@jobs.task
def deliver_job(ctx: jobs.JobContext, ids: list[int]) -> dict:
    """The job a commit queues: send its notifications' e-mails; a failure makes it retry."""
    sent, failed = deliver(ctx.session, ids)
    ctx.session.commit()
    if failed:
        # The failures are recorded on the notifications (an admin sees them); raising lets
        # the queue try again, and `send-notifications` picks up whatever still fails.
        raise RuntimeError(f"{failed} of {sent + failed} e-mails could not be delivered")
    return {"sent": sent}


def retry_failed(session: Session, ids: list[int] | None = None) -> tuple[int, int]:
    """Try again the e-mails that failed (all below the attempt limit, or the given ones)."""
    stmt = select(Notification).where(Notification.email_state == EmailState.FAILED)
    stmt = (
        stmt.where(Notification.id.in_(ids))
        if ids
        else stmt.where(Notification.email_attempts < MAX_ATTEMPTS)
    )
    return _deliver(session, _load(session, stmt.order_by(Notification.id)), digest=False)


def send_digests(session: Session) -> tuple[int, int]:
    """Send each digest reader one e-mail with everything since their last digest."""
    stmt = (
        select(Notification)
        .where(Notification.email_state == EmailState.DIGEST)
        .order_by(Notification.user_id, Notification.id)
    )
    return _deliver(session, _load(session, stmt), digest=True)


def enqueue_delivery(ids: list[int]) -> None:
    """Hand the e-mails of a just committed transaction to the job queue.

    Called after that commit: the job's record is written in a session of its own, and the
    queue sends it on once that session commits (casetrack.jobs).
    """
    with Session(db.engine, expire_on_commit=False) as session:
        jobs.enqueue(session, deliver_job, ids=ids, message="e-mail notifications")
        session.commit()
