"""The sentence of each notification, written in the reader's language when it is shown."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from casetrack.models import Notification


def _step_label(action: str) -> str:
    from casetrack.mla.lifecycle import ACTIONS

    return str(ACTIONS[action].label) if action in ACTIONS else action


def _date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


def sentence(note: Notification) -> str:
    """What the notification says, with its reference, in the current locale."""
    p = note.params or {}
    ref = note.reference
    office = p.get("office", "")
    texts = {
        "submitted": lambda: _("Request %(reference)s awaits your approval.", reference=ref),
        "returned": lambda: _("Request %(reference)s was returned to the drafter.", reference=ref),
        "approved": lambda: _("Request %(reference)s was approved.", reference=ref),
        "sent": lambda: _(
            "Request %(reference)s was sent to %(office)s.", reference=ref, office=office
        ),
        "received": lambda: _(
            "Request %(reference)s was received from %(office)s.", reference=ref, office=office
        ),
        "assigned": lambda: _(
            "Request %(reference)s was assigned to your office (%(office)s).",
            reference=ref,
            office=office,
        ),
        "info_requested": lambda: _(
            "Information is requested from you on request %(reference)s.", reference=ref
        ),
        "info_provided": lambda: _(
            "The information asked for on request %(reference)s was provided.", reference=ref
        ),
        "counterpart_step": lambda: _(
            "%(office)s on request %(reference)s: %(step)s.",
            office=office,
            reference=ref,
            step=_step_label(p.get("action", "")),
        ),
        "deadline_due_soon": lambda: _(
            "A deadline on %(reference)s is due on %(date)s.",
            reference=ref,
            date=_date(p.get("due_on")),
        ),
        "deadline_missed": lambda: _(
            "A deadline on %(reference)s was missed (due on %(date)s).",
            reference=ref,
            date=_date(p.get("due_on")),
        ),
        "cross_border_hit": lambda: _(
            "A new cross-border hit concerns one of your records (%(reference)s).",
            reference=ref,
        ),
    }
    if note.kind == "counterpart_step" and p.get("action") == "dispatch":
        return _(
            "Request %(reference)s was assigned to %(office)s in the requested country.",
            reference=ref,
            office=office,
        )
    make = texts.get(note.kind)
    return make() if make else note.kind
