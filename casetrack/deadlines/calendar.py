"""A user's deadlines as an iCalendar feed behind a secret URL.

Calendar programs cannot sign in, so the URL's random token is the credential. Only its
SHA-256 is stored; issuing a new one replaces the old, revoking removes it. The feed carries
references, kinds, dates, rules and offices — never facts, titles or names, because calendar
services copy it to places casetrack does not control.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

import icalendar
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.db import utcnow
from casetrack.deadlines import queries
from casetrack.models import Deadline, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User) -> str:
    """Give the user a new feed token, ending the previous one; return it (shown once)."""
    token = secrets.token_urlsafe(32)
    user.calendar_token_hash = _hash(token)
    session.flush()
    return token


def revoke_token(session: Session, user: User) -> None:
    """End the user's feed: its URL answers 404 from now on."""
    user.calendar_token_hash = None
    session.flush()


def user_for_token(session: Session, token: str) -> User | None:
    """The active user whose feed ``token`` opens, if any."""
    if not token or len(token) > 128:
        return None
    user = session.scalar(select(User).where(User.calendar_token_hash == _hash(token)))
    if user is None or not user.is_active or not access.can_see_content(user):
        return None
    return user


def feed(session: Session, user: User, today: date) -> bytes:
    """The user's owed deadlines as all-day events, in the user's language."""
    stmt = queries.list_statement(user, queries.Filters(state="open"), today)
    deadlines = session.scalars(stmt).unique().all()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//casetrack//deadlines//EN")
    calendar.add("version", "2.0")
    lang = user.language or "en"
    with force_locale(lang):
        calendar.add("x-wr-calname", _("casetrack deadlines"))
        for deadline in deadlines:
            row = queries.present(deadline, user, today)
            calendar.add_component(_event(row, deadline, lang))
    return calendar.to_ical()


def _event(row: queries.DeadlineRow, deadline: Deadline, lang: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"deadline-{deadline.id}@casetrack")
    event.add("dtstamp", deadline.created_at or utcnow())
    event.add("dtstart", deadline.due_on)
    event.add("dtend", deadline.due_on + timedelta(days=1))
    event.add("summary", f"{row.subject} · {row.kind_label}")
    owner = deadline.owner_office
    event.add(
        "description",
        "\n".join(
            [
                _("Rule: %(rule)s", rule=row.rule),
                _("Owed by: %(office)s", office=f"{owner.code} — {owner.name(lang)}"),
                _("We owe") if row.we_owe else _("Owed to us"),
            ]
        ),
    )
    event.add("transp", "TRANSPARENT")
    return event
