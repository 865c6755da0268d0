"""Who is told what: notifications created inside the step's transaction, never sent there.

A notification names a reference and a page, never case content. Only users who may see the
request (access.request_side) are told, and never the user who took the step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import and_, event, func, or_, select, update
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.access import Side
from casetrack.db import utcnow
from casetrack.models import (
    UNSENT_STATUSES,
    CrossBorderHit,
    Deadline,
    EmailState,
    Notification,
    Office,
    Request,
    StatusChange,
    User,
)

#: Every kind of notification, in the order the settings page lists them.
KINDS = (
    "submitted",
    "returned",
    "approved",
    "sent",
    "received",
    "assigned",
    "info_requested",
    "info_provided",
    "counterpart_step",
    "deadline_due_soon",
    "deadline_missed",
    "cross_border_hit",
)
EMAIL_CHOICES = ("immediate", "digest", "none")
_NEW = "casetrack.notifications.new"

_REQUESTED_STEPS = {
    "acknowledge",
    "start",
    "partially_execute",
    "execute",
    "refuse",
    "postpone",
    "resume",
}


def _email_state(user: User) -> EmailState:
    if not (has_app_context() and current_app.config.get("SMTP_URL")) or not user.email:
        return EmailState.NONE
    choice = user.email_notifications or "immediate"
    if choice == "digest":
        return EmailState.DIGEST
    return EmailState.PENDING if choice == "immediate" else EmailState.NONE


def _add(
    session: Session,
    users: Iterable[User],
    kind: str,
    *,
    reference: str,
    path: str,
    request: Request | None = None,
    deadline: Deadline | None = None,
    params: dict | None = None,
) -> list[Notification]:
    created = []
    seen: set[int] = set()
    for user in users:
        if user.id in seen or not user.is_active:
            continue
        seen.add(user.id)
        note = Notification(
            user=user,
            kind=kind,
            request_id=request.id if request is not None else None,
            deadline_id=deadline.id if deadline is not None else None,
            reference=reference,
            path=path,
            params=params or {},
            email_state=_email_state(user),
        )
        session.add(note)
        created.append(note)
    session.info.setdefault(_NEW, []).extend(created)
    return created


def _office_users(session: Session, office_ids: list[int], ca_country: str | None = None):
    """Active content readers of the given offices, plus the central authority of a country."""
    conditions = [User.office_id.in_(office_ids or [0])]
    if ca_country:
        conditions.append(
            and_(
                User.role.in_(access.roles_with(access.Capability.APPROVE_AND_DISPATCH)),
                User.office_id.in_(
                    select(Office.id).where(Office.country_code == ca_country).scalar_subquery()
                ),
            )
        )
    return list(
        session.scalars(
            select(User)
            .where(
                User.is_active.is_(True),
                User.role.in_(access.roles_with(access.Capability.READ_CONTENT)),
                or_(*conditions),
            )
            .order_by(User.id)
        )
    )


def may_see(user: User, request: Request) -> bool:
    """Tell whether ``user`` may see ``request`` at all (the rule of access.request_scope)."""
    side = access.request_side(user, request)
    if side is None:
        return False
    return side == Side.REQUESTING or request.status not in UNSENT_STATUSES


def _requesting_side(session: Session, request: Request) -> list[User]:
    users = _office_users(session, [request.requesting_office_id])
    if request.created_by is not None:
        users.append(request.created_by)
    return users


def _requested_side(session: Session, request: Request, with_ca: bool = False) -> list[User]:
    offices = [request.requested_office_id]
    if request.executing_office_id:
        offices.append(request.executing_office_id)
    country = request.requested_office.country_code if with_ca else None
    return _office_users(session, offices, country)


def on_step(session: Session, actor: User, request: Request, change: StatusChange) -> None:
    """Tell the people concerned by one lifecycle step of ``request``."""
    action = change.action
    path = f"/requests/{request.id}"
    audiences: list[tuple[str, list[User], dict]] = []
    if action == "submit":
        audiences.append(
            (
                "submitted",
                _office_users(session, [], request.requesting_office.country_code),
                {},
            )
        )
    elif action == "reject":
        audiences.append(("returned", [request.created_by] if request.created_by else [], {}))
    elif action == "approve":
        audiences.append(("approved", _requesting_side(session, request), {}))
    elif action == "send":
        audiences.append(
            ("sent", _requesting_side(session, request), {"office": request.requested_office.code})
        )
        audiences.append(
            (
                "received",
                _requested_side(session, request, with_ca=True),
                {"office": request.requesting_office.code},
            )
        )
    elif action == "register":
        audiences.append(
            (
                "received",
                _requested_side(session, request, with_ca=True),
                {"office": request.requesting_office.code},
            )
        )
    elif action == "dispatch":
        office = request.executing_office
        audiences.append(("assigned", _office_users(session, [office.id]), {"office": office.code}))
        audiences.append(
            (
                "counterpart_step",
                _requesting_side(session, request),
                {"action": action, "office": office.code},
            )
        )
    elif action == "ask_info":
        audiences.append(("info_requested", _requesting_side(session, request), {}))
    elif action == "provide_info":
        audiences.append(("info_provided", _requested_side(session, request), {}))
    elif action in _REQUESTED_STEPS and not change.is_recorded_for_counterpart:
        office = request.executing_office or request.requested_office
        audiences.append(
            (
                "counterpart_step",
                _requesting_side(session, request),
                {"action": action, "office": office.code},
            )
        )
    elif action == "withdraw" and request.sent_at is not None:
        audiences.append(
            (
                "counterpart_step",
                _requested_side(session, request),
                {"action": action, "office": request.requesting_office.code},
            )
        )
    for kind, users, params in audiences:
        _add(
            session,
            (u for u in users if u.id != actor.id and may_see(u, request)),
            kind,
            reference=request.reference,
            path=path,
            request=request,
            params=params,
        )


def deadline_notices(
    session: Session, missed: list[Deadline], soon: list[Deadline]
) -> list[Notification]:
    """Tell the owing offices of deadlines just missed or due soon; each only once."""
    ids = [d.id for d in missed + soon]
    told = set(
        session.execute(
            select(Notification.deadline_id, Notification.kind).where(
                Notification.deadline_id.in_(ids or [0])
            )
        ).tuples()
    )
    created = []
    for kind, deadlines in (("deadline_missed", missed), ("deadline_due_soon", soon)):
        for deadline in deadlines:
            if (deadline.id, kind) not in told:
                created += on_deadline(session, deadline, kind)
    return created


def on_deadline(session: Session, deadline: Deadline, kind: str) -> list[Notification]:
    """Tell the owing office's people that a deadline is due soon or was missed."""
    users = _office_users(session, [deadline.owner_office_id])
    if deadline.owner_user is not None:
        users.append(deadline.owner_user)
    if deadline.request is not None:
        subject = deadline.request
        reference = subject.reference
        path = f"/requests/{subject.id}"
        users = [u for u in users if may_see(u, subject)]
    elif deadline.case is not None:
        reference, path = deadline.case.reference, f"/cases/{deadline.case_id}"
        users = [u for u in users if access.is_office_in_scope(u, deadline.case.office)]
    else:
        asset = deadline.asset
        reference, path = f"#{asset.id}", f"/assets/{asset.id}"
        users = [u for u in users if access.is_office_in_scope(u, asset.office)]
    return _add(
        session,
        users,
        kind,
        reference=reference,
        path=path,
        deadline=deadline,
        params={"due_on": deadline.due_on.isoformat()},
    )


def on_hit(session: Session, hit: CrossBorderHit) -> list[Notification]:
    """Tell each side of a new cross-border hit, without naming the other side's record."""
    created = []
    for office_id, recipient_id in (
        (hit.office_a_id, hit.recipient_a_id),
        (hit.office_b_id, hit.recipient_b_id),
    ):
        if recipient_id is not None:
            users = [session.get(User, recipient_id)]
        else:
            users = [
                u
                for u in _office_users(session, [office_id])
                if access.can(u, access.Capability.CASE_WORK)
            ]
        created += _add(
            session,
            [u for u in users if u is not None and u.office_id == office_id],
            "cross_border_hit",
            reference=f"#{hit.id}",
            path="/links/",
            params={"kind": hit.kind.value},
        )
    return created


# --- reading ---------------------------------------------------------------------------


def unread_count(session: Session, user: User) -> int:
    """The number on the bell."""
    return (
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def for_user(user: User):
    """The user's notifications, newest first."""
    return (
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())
    )


def set_email_notifications(user: User, choice: str) -> None:
    """Set how the user's notifications arrive by e-mail (immediate, digest or none)."""
    user.email_notifications = choice


def mark_read(session: Session, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (the given ones, or all) as read; return how many."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids or [0]))
    return session.execute(stmt.values(read_at=utcnow())).rowcount or 0


def failed_emails(session: Session):
    """E-mails that could not be delivered, for the admin's page (newest first)."""
    return (
        select(Notification)
        .where(Notification.email_state == EmailState.FAILED)
        .order_by(Notification.id.desc())
    )


def due_notice_kind(deadline: Deadline, today: date, soon_days: int) -> str | None:
    """Which deadline notification ``deadline`` calls for today, if any."""
    days = (deadline.due_on - today).days
    if days < 0:
        return "deadline_missed"
    if days <= soon_days:
        return "deadline_due_soon"
    return None


# --- after the commit ------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _note_new_hits(session: Session, flush_context) -> None:
    hits = [obj for obj in session.new if isinstance(obj, CrossBorderHit)]
    for hit in hits:
        on_hit(session, hit)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    created = session.info.pop(_NEW, [])
    ids = [n.id for n in created if n.email_state == EmailState.PENDING and n.id is not None]
    if ids and has_app_context():
        from casetrack.notifications import mail

        mail.enqueue_delivery(ids)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_NEW, None)
