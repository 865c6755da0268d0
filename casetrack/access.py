"""Who sees what (SPEC §2): the one place that scopes every query and decides every check.

Views and the API never filter by office themselves; they ask here. Whatever a user may not
see is answered with 404, so that a hidden record cannot be told from a missing one.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session

from casetrack.guards import INT_MAX, INT_MIN
from casetrack.models import (
    UNSENT_STATUSES,
    Asset,
    Case,
    Document,
    Office,
    Party,
    Request,
    RequestStatus,
    Role,
)

if TYPE_CHECKING:
    from casetrack.models import User


class Side(enum.StrEnum):
    """Which end of a request a user stands at."""

    REQUESTING = "requesting"
    REQUESTED = "requested"


def _offices_in_scope(user: User) -> Select | None:
    """The ids of the offices whose records the user works on, or None for none."""
    if user.role == Role.PROSECUTOR:
        return select(Office.id).where(Office.id == user.office_id)
    if user.role == Role.CENTRAL_AUTHORITY:
        return select(Office.id).where(Office.country_code == user.office.country_code)
    return None


def office_in_scope(user: User, column: Any) -> ColumnElement[bool]:
    """A condition true where ``column`` (an office id) is one of the user's offices."""
    if user.role == Role.PROSECUTOR:
        return column == user.office_id
    offices = _offices_in_scope(user)
    return false() if offices is None else column.in_(offices.scalar_subquery())


def is_office_in_scope(user: User, office: Office) -> bool:
    """Tell whether the user works on the records of ``office``."""
    if user.role == Role.PROSECUTOR:
        return office.id == user.office_id
    if user.role == Role.CENTRAL_AUTHORITY:
        return office.country_code == user.office.country_code
    return False


def case_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Case`` for the cases the user may see."""
    return office_in_scope(user, Case.office_id)


def party_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Party`` for the parties the user may see."""
    return office_in_scope(user, Party.office_id)


def asset_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Asset`` for the assets the user may see."""
    return office_in_scope(user, Asset.office_id)


def request_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Request`` for the requests whose content the user may see.

    The requesting side sees its requests from the first draft; the requested side (and its
    country's central authority) from the moment the request is sent.
    """
    if user.role not in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY):
        return false()
    return or_(
        office_in_scope(user, Request.requesting_office_id),
        and_(
            office_in_scope(user, Request.requested_office_id),
            Request.status.not_in(UNSENT_STATUSES),
        ),
    )


def request_metadata_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Request`` for the requests whose metadata (never content) the user sees."""
    if user.role == Role.COORDINATOR:
        return Request.status.not_in(UNSENT_STATUSES)
    if user.role == Role.CENTRAL_AUTHORITY:
        # A central authority watches the whole network as a coordinator does, and its own
        # country's requests in full through request_scope.
        return or_(Request.status.not_in(UNSENT_STATUSES), request_scope(user))
    return request_scope(user) if user.role == Role.PROSECUTOR else false()


def document_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Document`` for the documents the user may download."""
    return or_(
        Document.request_id.in_(select(Request.id).where(request_scope(user)).scalar_subquery()),
        Document.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
    )


def can_see_content(user: User) -> bool:
    """Tell whether the user's role reads case content at all."""
    return user.role in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY)


def require_content_reader():
    """The content guard of every content blueprint: send anonymous visitors to log in and
    answer 404 to roles that never read case content."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not can_see_content(current_user):
        abort(404)
    return None


def request_side(user: User, request: Request) -> Side | None:
    """Tell at which end of ``request`` the user stands, if any."""
    if is_office_in_scope(user, request.requesting_office):
        return Side.REQUESTING
    if is_office_in_scope(user, request.requested_office):
        return Side.REQUESTED
    return None


_SCOPES = {
    Case: case_scope,
    Party: party_scope,
    Asset: asset_scope,
    Request: request_scope,
    Document: document_scope,
}


def scoped(model: type, user: User) -> Select:
    """``select(model)`` limited to what ``user`` may see."""
    return select(model).where(_SCOPES[model](user))


def get_or_404(session: Session, model: type, user: User, object_id: Any) -> Any:
    """Load one visible object by id, or answer 404 whether it is hidden or missing."""
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        abort(404)
    if not INT_MIN <= object_id <= INT_MAX:
        abort(404)
    obj = session.scalar(scoped(model, user).where(model.id == object_id))
    if obj is None:
        refuse_existing(session, model, user, object_id)
        abort(404)
    return obj


def refuse_existing(session: Session, model: type, user: User, object_id: int) -> None:
    """Put a refused look at a record that exists on the record: who, what, from where.

    The answer stays 404 either way; only the audit trail tells hidden from missing.
    """
    office_id = _OFFICE_COLUMNS.get(model)
    columns = [model.id] + ([office_id(model)] if office_id else [])
    row = session.execute(select(*columns).where(model.id == object_id)).first()
    if row is None:
        return
    from casetrack import audit

    audit.security_event(
        "access_refused",
        object_type=model.__tablename__,
        object_id=object_id,
        office_id=row[1] if len(row) > 1 else None,
        actor_id=getattr(user, "id", None),
    )


_OFFICE_COLUMNS = {
    Case: lambda m: m.office_id,
    Party: lambda m: m.office_id,
    Asset: lambda m: m.office_id,
    Request: lambda m: m.requesting_office_id,
}


def deadline_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Deadline``: visible where its request, case or asset is visible."""
    from casetrack.models import Deadline

    if not can_see_content(user):
        return false()
    return or_(
        Deadline.request_id.in_(select(Request.id).where(request_scope(user)).scalar_subquery()),
        Deadline.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
        Deadline.asset_id.in_(select(Asset.id).where(asset_scope(user)).scalar_subquery()),
    )


def can_monitor(user: User) -> bool:
    """Tell whether the user sees network figures on requests (SPEC §2); admins do not."""
    return user.role in (Role.COORDINATOR, Role.CENTRAL_AUTHORITY, Role.PROSECUTOR)


def can_monitor_own_country(user: User) -> bool:
    """Tell whether the user may narrow the network figures to their own country's requests."""
    return user.role == Role.CENTRAL_AUTHORITY


def can_edit(user: User, request: Request) -> bool:
    """Tell whether the user may change the request's content: its drafter's side, in draft."""
    return (
        request.status == RequestStatus.DRAFT
        and user.role in (Role.PROSECUTOR, Role.CENTRAL_AUTHORITY)
        and request_side(user, request) == Side.REQUESTING
    )


def can_supplement(user: User, request: Request) -> bool:
    """Tell whether the user may draft a supplementary request to ``request``."""
    return (
        request.case_id is not None
        and request.status != RequestStatus.DRAFT
        and request_side(user, request) == Side.REQUESTING
    )


def can_register(user: User) -> bool:
    """Tell whether the user registers incoming paper requests (central authorities)."""
    return user.role == Role.CENTRAL_AUTHORITY
