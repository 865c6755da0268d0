"""Who sees what (SPEC §2): the one place that scopes every query and decides every check.

Views and the API never filter by office themselves; they ask here. Whatever a user may not
see is answered with 404, so that a hidden record cannot be told from a missing one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session, object_session

from casetrack.access.capabilities import Capability, can, can_see_content, managed_scope
from casetrack.models import (
    UNSENT_STATUSES,
    Asset,
    Case,
    Document,
    Office,
    Party,
    Request,
    Role,
    User,
)


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
    ids = _country_office_ids(user)
    if ids is not None:
        return column.in_(ids)
    offices = _offices_in_scope(user)
    return false() if offices is None else column.in_(offices.scalar_subquery())


def _country_office_ids(user: User) -> tuple[int, ...] | None:
    """A central authority's offices as a list of ids, read once per loaded user.

    ``office_id IN (1, 2, 3)`` lets the planner use an office's index with what it knows of
    each office; ``IN (SELECT … WHERE country_code = …)`` is estimated at one office and
    read as a hashed subplan, which turns the lists of a country into scans of every request.
    """
    if user.role != Role.CENTRAL_AUTHORITY:
        return None
    session = object_session(user)
    if session is None:
        return None
    country = user.office.country_code
    cached = user.__dict__.get("_scope_offices")
    if cached is None or cached[0] != country:
        with session.no_autoflush:
            ids = tuple(
                session.scalars(
                    select(Office.id).where(Office.country_code == country).order_by(Office.id)
                )
            )
        cached = (country, ids)
        user.__dict__["_scope_offices"] = cached
    return cached[1]


def is_office_in_scope(user: User, office: Office) -> bool:
    """Tell whether the user works on the records of ``office``."""
    if user.role == Role.PROSECUTOR:
        return office.id == user.office_id
    if user.role == Role.CENTRAL_AUTHORITY:
        return office.country_code == user.office.country_code
    return False


def office_ids_in_scope(session: Session, user: User) -> set[int]:
    """The ids of the offices whose records the user sees (none for roles without content).

    A match between two records is shown to the user as a proposal when both offices are in
    this set, and as a cross-border hit when only one is (links.visibility, links.hits).
    """
    if not can_see_content(user):
        return set()
    if user.role == Role.PROSECUTOR:
        return {user.office_id}
    ids = _country_office_ids(user)
    if ids is not None:
        return set(ids)
    return set(session.scalars(select(Office.id).where(office_in_scope(user, Office.id))))


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
    country's central authority) from the moment the request is sent; the executing office
    once the requested country's central authority dispatches the request to it.
    """
    return request_scope_on(
        user,
        Request.requesting_office_id,
        Request.requested_office_id,
        Request.executing_office_id,
        Request.status.not_in(UNSENT_STATUSES),
    )


def request_scope_on(
    user: User, requesting: Any, requested: Any, executing: Any, is_sent: Any
) -> ColumnElement[bool]:
    """``request_scope`` as a condition on any row that names a request's three offices
    and whether it was sent (the network figures' tallies, ``casetrack.models.figures``)."""
    if not can_see_content(user):
        return false()
    return or_(
        office_in_scope(user, requesting),
        and_(or_(office_in_scope(user, requested), office_in_scope(user, executing)), is_sent),
    )


def request_metadata_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Request`` for the requests whose metadata (never content) the user sees."""
    return request_metadata_scope_on(
        user,
        Request.requesting_office_id,
        Request.requested_office_id,
        Request.executing_office_id,
        Request.status.not_in(UNSENT_STATUSES),
    )


def request_metadata_scope_on(
    user: User, requesting: Any, requested: Any, executing: Any, is_sent: Any
) -> ColumnElement[bool]:
    """``request_metadata_scope`` on a row naming a request's offices and whether it was sent."""
    own = request_scope_on(user, requesting, requested, executing, is_sent)
    if can(user, Capability.MONITOR_NETWORK):
        # Coordinators and central authorities watch every sent request of the network; a
        # central authority also its own country's unsent ones, through request_scope.
        return or_(is_sent, own)
    return own if can(user, Capability.MONITOR) else false()


def sent_request_country_scope(
    user: User, is_my_country: bool, from_country: Any, to_country: Any
) -> ColumnElement[bool] | None:
    """The sent requests the user may count, as a condition on their two countries.

    For the histogram of durations, which counts sent requests by country pair only: the
    network's (every sent request) or a central authority's own country's (its offices
    are its country's, and an executing office is always of the requested country, see
    ``mla.dispatching``). None where the rule is not one of countries (a prosecutor's
    figures are their office's).
    """
    if is_my_country and can(user, Capability.MONITOR_OWN_COUNTRY):
        if user.role != Role.CENTRAL_AUTHORITY:
            return None
        country = user.office.country_code
        return or_(from_country == country, to_country == country)
    if can(user, Capability.MONITOR_NETWORK):
        return true()
    return None


def document_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Document`` for the documents the user may download."""
    return or_(
        Document.request_id.in_(select(Request.id).where(request_scope(user)).scalar_subquery()),
        Document.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
    )


_SCOPES = {
    Case: case_scope,
    Party: party_scope,
    Asset: asset_scope,
    Request: request_scope,
    Document: document_scope,
    User: managed_scope,
    Office: managed_scope,
}


def scoped(model: type, user: User) -> Select:
    """``select(model)`` limited to what ``user`` may see."""
    return select(model).where(_SCOPES[model](user))


def deadline_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Deadline``: visible where its request, case or asset is visible."""
    from casetrack.models import Deadline, DeadlineKind

    if not can_see_content(user):
        return false()
    # A request's deadline of kind "other" is the requested side's internal due date of a
    # dispatch: the requesting side does not see it.
    requested_side = select(Request.id).where(
        or_(
            office_in_scope(user, Request.requested_office_id),
            office_in_scope(user, Request.executing_office_id),
        )
    )
    internal_visible = or_(
        Deadline.kind != DeadlineKind.OTHER,
        Deadline.request_id.in_(requested_side.scalar_subquery()),
    )
    return or_(
        and_(
            Deadline.request_id.in_(
                select(Request.id).where(request_scope(user)).scalar_subquery()
            ),
            internal_visible,
        ),
        Deadline.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
        Deadline.asset_id.in_(select(Asset.id).where(asset_scope(user)).scalar_subquery()),
    )


def attachment_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Attachment`` for the files the user may list and download.

    A case's files go with the case (never to the requested side). A request's files go with
    the request: the requesting side's annexes travel with it once sent; the requested
    side's material stays its own until it encloses it with a step (an execution letter, a
    refusal), from when the requesting side sees it too.
    """
    from casetrack.models import AttachmentSide

    if not can_see_content(user):
        return false()
    visible_requests = select(Request.id).where(request_scope(user))
    requested_by_us = select(Request.id).where(office_in_scope(user, Request.requested_office_id))
    return or_(
        Attachment.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
        and_(
            Attachment.request_id.in_(visible_requests.scalar_subquery()),
            or_(
                Attachment.side == AttachmentSide.REQUESTING,
                Attachment.status_change_id.is_not(None),
                Attachment.request_id.in_(requested_by_us.scalar_subquery()),
            ),
        ),
    )


from casetrack.models import Attachment  # noqa: E402 — kept beside its scope, for merging

_SCOPES[Attachment] = attachment_scope

from casetrack.models import Deadline  # noqa: E402 — kept beside its scope, for merging

_SCOPES[Deadline] = deadline_scope

from casetrack.models import Notification  # noqa: E402 — kept beside its scope, for merging


def notification_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Notification``: each user sees only their own."""
    return Notification.user_id == user.id


_SCOPES[Notification] = notification_scope
