"""Who sees what (SPEC §2): the one place that scopes every query and decides every check.

Views and the API never filter by office themselves; they ask here. Whatever a user may not
see is answered with 404, so that a hidden record cannot be told from a missing one.
"""

from __future__ import annotations

import enum
from typing import Any

from flask import abort, current_app, g
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session, object_session

from casetrack.guards import INT_MAX, INT_MIN
from casetrack.models import (
    CASE_TRANSITIONS,
    UNSENT_STATUSES,
    Asset,
    Case,
    CaseStatus,
    CrossBorderHit,
    Document,
    DocumentKind,
    Job,
    Office,
    Party,
    PartyLink,
    Request,
    RequestStatus,
    Role,
    User,
)


class Capability(enum.StrEnum):
    """What a role may do at all, before any record's scope is asked (SPEC §2)."""

    #: Open the dashboard.
    DASHBOARD = "dashboard"
    #: Read and work on case content: cases, parties, assets, requests, deadlines, documents.
    READ_CONTENT = "read_content"
    #: Register by hand a request received on paper from a non-member office.
    REGISTER_INCOMING = "register_incoming"
    #: See network figures on requests (metadata, never content).
    MONITOR = "monitor"
    #: See the whole network's sent requests in the figures, not only the own office's.
    MONITOR_NETWORK = "monitor_network"
    #: Narrow the network figures to the user's own country's requests.
    MONITOR_OWN_COUNTRY = "monitor_own_country"
    #: Use the cross-border links pages.
    SEE_LINKS = "see_links"
    #: See the whole network's open requests and hits as counts (the coordinator's view).
    NETWORK_COUNTS = "network_counts"
    #: Manage users and offices.
    ADMINISTER = "administer"
    #: Approve the office's outgoing requests and dispatch incoming ones to executing offices
    #: (the central authority's desk; its queues and notices).
    APPROVE_AND_DISPATCH = "approve_and_dispatch"
    #: Work the office's cases day to day: told of a new cross-border hit nobody is named for.
    CASE_WORK = "case_work"


#: Each role's capabilities: the one table a new role is added to.
CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.PROSECUTOR: frozenset(
        {
            Capability.DASHBOARD,
            Capability.READ_CONTENT,
            Capability.MONITOR,
            Capability.SEE_LINKS,
            Capability.CASE_WORK,
        }
    ),
    Role.CENTRAL_AUTHORITY: frozenset(
        {
            Capability.DASHBOARD,
            Capability.READ_CONTENT,
            Capability.REGISTER_INCOMING,
            Capability.APPROVE_AND_DISPATCH,
            Capability.MONITOR,
            Capability.MONITOR_NETWORK,
            Capability.MONITOR_OWN_COUNTRY,
            Capability.SEE_LINKS,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            Capability.DASHBOARD,
            Capability.MONITOR,
            Capability.MONITOR_NETWORK,
            Capability.SEE_LINKS,
            Capability.NETWORK_COUNTS,
        }
    ),
    Role.ADMIN: frozenset({Capability.DASHBOARD, Capability.ADMINISTER}),
}


def can(user: User, capability: Capability) -> bool:
    """Tell whether the user's role has ``capability``."""
    return capability in CAPABILITIES.get(user.role, frozenset())


def roles_with(capability: Capability) -> frozenset[Role]:
    """The roles that have ``capability`` (for SQL conditions on users and for menus)."""
    return frozenset(role for role, held in CAPABILITIES.items() if capability in held)


def capabilities(user: User) -> dict[str, bool]:
    """Every capability as ``can_<name>`` booleans, for templates."""
    return {f"can_{capability.value}": can(user, capability) for capability in Capability}


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
    if not can_see_content(user):
        return false()
    return or_(
        office_in_scope(user, Request.requesting_office_id),
        and_(
            or_(
                office_in_scope(user, Request.requested_office_id),
                office_in_scope(user, Request.executing_office_id),
            ),
            Request.status.not_in(UNSENT_STATUSES),
        ),
    )


def request_metadata_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Request`` for the requests whose metadata (never content) the user sees."""
    if can(user, Capability.MONITOR_NETWORK):
        # Coordinators and central authorities watch every sent request of the network; a
        # central authority also its own country's unsent ones, through request_scope.
        return or_(Request.status.not_in(UNSENT_STATUSES), request_scope(user))
    return request_scope(user) if can(user, Capability.MONITOR) else false()


def document_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``Document`` for the documents the user may download."""
    return or_(
        Document.request_id.in_(select(Request.id).where(request_scope(user)).scalar_subquery()),
        Document.case_id.in_(select(Case.id).where(case_scope(user)).scalar_subquery()),
    )


def can_see_content(user: User) -> bool:
    """Tell whether the user's role reads case content at all."""
    return can(user, Capability.READ_CONTENT)


def require_content(user: User) -> None:
    """The content guard: answer 404 to a role that never reads case content."""
    if not can_see_content(user):
        abort(404, description=_("There is nothing here, or it is not yours to see."))


def require(user: User, capability: Capability) -> None:
    """Answer 404 unless the user's role has ``capability``."""
    if not can(user, capability):
        abort(404, description=_("There is nothing here, or it is not yours to see."))


def office_workers(session: Session, office_id: int) -> list[User]:
    """The active users of an office who work on its cases (may lead one, own a deadline)."""
    from casetrack.models import User

    return list(
        session.scalars(
            select(User)
            .where(
                User.office_id == office_id,
                User.is_active.is_(True),
                User.role.in_(roles_with(Capability.READ_CONTENT)),
            )
            .order_by(User.name)
        )
    )


def require_content_reader():
    """The content guard of every content blueprint (pages and API): send anonymous
    visitors to log in and answer 404 to roles that never read case content."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require_content(current_user)
    return None


def may_open_case(user: User, request: Request) -> bool:
    """Tell whether the user may open the case a request was drafted from.

    The one statement on the requesting case: its *reference* is part of the request's text
    (the letter states it and completeness asks for it), so whoever reads the request reads
    the reference — the requested side included; the case *itself* stays with the requesting
    side (SPEC §2: "never the rest of the requesting case").
    """
    return request.case_id is not None and request_side(user, request) == Side.REQUESTING


def may_see_case_reference(user: User, request: Request) -> bool:
    """Tell whether the user reads the requesting case's reference on ``request`` (see
    ``may_open_case``): whoever may read the request."""
    return request.case_id is not None and request_side(user, request) is not None


def sees_completeness(user: User, request: Request) -> bool:
    """Tell whether the request's page shows the user its completeness checklist: to the
    drafting side while the draft is written and approved."""
    return request_side(user, request) == Side.REQUESTING and request.status in (
        RequestStatus.DRAFT,
        RequestStatus.PENDING_APPROVAL,
    )


def case_statuses(user: User, case: Case) -> tuple[CaseStatus, ...]:
    """The statuses the user may move ``case`` to now (the transition table, for its office)."""
    if not can_see_content(user) or not is_office_in_scope(user, case.office):
        return ()
    return CASE_TRANSITIONS[case.status]


def case_actions(user: User, case: Case) -> dict[str, bool]:
    """What the case page offers the user: edit, and each status change the table allows."""
    statuses = case_statuses(user, case)
    return {
        "can_edit": can_see_content(user) and is_office_in_scope(user, case.office),
        "can_reopen": CaseStatus.OPEN in statuses,
        "can_suspend": CaseStatus.SUSPENDED in statuses,
        "can_close": CaseStatus.CLOSED in statuses,
        "is_open": case.status == CaseStatus.OPEN,
    }


def request_side(user: User, request: Request) -> Side | None:
    """Tell at which end of ``request`` the user stands, if any."""
    if is_office_in_scope(user, request.requesting_office):
        return Side.REQUESTING
    if is_office_in_scope(user, request.requested_office):
        return Side.REQUESTED
    if request.executing_office is not None and is_office_in_scope(user, request.executing_office):
        return Side.REQUESTED
    return None


def sees_internal_notes(user: User, request: Request) -> bool:
    """Tell whether the user reads the requested side's internal dispatch note and due date."""
    return request_side(user, request) == Side.REQUESTED


def managed_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``User`` and ``Office`` as records to manage: administrators only."""
    return true() if can(user, Capability.ADMINISTER) else false()


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

    The one writer of ``access_refused`` (SPEC §2: the answer stays 404 either way; only the
    audit trail tells hidden from missing): nothing for a record that does not exist, and
    one event per record and request however many checks refused it. The event is written in
    a transaction of its own (``audit.security_event``), so the request's rollback keeps it.
    """
    seen = g.setdefault("casetrack_refused", set())
    if (model, object_id) in seen:
        return
    office_id = _OFFICE_COLUMNS.get(model)
    columns = [model.id] + ([office_id(model)] if office_id else [])
    row = session.execute(select(*columns).where(model.id == object_id)).first()
    if row is None:
        return
    seen.add((model, object_id))
    from casetrack import audit

    audit.security_event(
        "access_refused",
        object_type=model.__tablename__,
        object_id=object_id,
        office_id=row[1] if len(row) > 1 else None,
        actor_id=getattr(user, "id", None),
    )


def note_refused_records(session: Session) -> None:
    """After a 403 or 404 answer, audit each record the request names that exists but that
    the user may not see.

    This covers every refusal, whichever check gave it: a role that never reads content
    (``require_content_reader``, ``require``), a hidden record loaded by id anywhere, a hit, a
    match or a job that is not the user's. The records are those of the URL rule's arguments
    and the ids of the query string (``/requests/new?case_id=``); a record the user does see
    (a 404 for something else, such as an unknown document kind) is not a refusal of it.
    """
    from flask import request

    if not getattr(current_user, "is_authenticated", False):
        return  # anonymous visitors are sent to log in and learn nothing
    user = current_user._get_current_object()
    names = [(name, value) for name, value in (request.view_args or {}).items()]
    names += [(name, request.args.get(name)) for name in _QUERY_RECORDS if name in request.args]
    for name, value in names:
        model = _record_named(name, request.url_rule.rule if request.url_rule else "")
        object_id = _bounded_id(value)
        if model is None or object_id is None or may_see(session, user, model, object_id):
            continue
        refuse_existing(session, model, user, object_id)


def _bounded_id(value: Any) -> int | None:
    try:
        object_id = int(value)
    except (TypeError, ValueError):
        return None
    return object_id if INT_MIN <= object_id <= INT_MAX else None


def _record_named(name: str, rule: str) -> type | None:
    # ``id`` and ``link_id`` name a different record in each place: the path segment before
    # them says which (``/requests/<int:id>``, ``/admin/users/<int:id>``, ``/links/<int:link_id>``).
    if name in _URL_RECORDS:
        return _URL_RECORDS[name]
    segments = rule.split("/")
    for index, segment in enumerate(segments[1:], start=1):
        if segment == f"<int:{name}>":
            found = _URL_RECORDS_BY_SEGMENT.get((segments[index - 1], name))
            return found
    return None


def may_see(session: Session, user: User, model: type, object_id: int) -> bool:
    """Tell whether ``user`` may see the ``model`` record ``object_id`` (False if missing)."""
    return bool(_VISIBLE[model](session, user, object_id))


def _visible_in_scope(model: type):
    def visible(session: Session, user: User, object_id: int) -> bool:
        stmt = select(model.id).where(_SCOPES[model](user), model.id == object_id)
        return session.scalar(stmt) is not None

    return visible


def _visible_hit(session: Session, user: User, object_id: int) -> bool:
    from casetrack.links import hits

    return hits.visible_hit(session, user, object_id) is not None


def _visible_link(session: Session, user: User, object_id: int) -> bool:
    from casetrack.links import visibility

    return visibility.visible_link(session, user, object_id) is not None


def _visible_job(session: Session, user: User, object_id: int) -> bool:
    return session.scalar(select(Job.user_id).where(Job.id == object_id)) == user.id


def _administered(session: Session, user: User, object_id: int) -> bool:
    return can(user, Capability.ADMINISTER)


_OFFICE_COLUMNS = {
    Case: lambda m: m.office_id,
    Party: lambda m: m.office_id,
    Asset: lambda m: m.office_id,
    Request: lambda m: m.requesting_office_id,
}


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


def can_monitor(user: User) -> bool:
    """Tell whether the user sees network figures on requests (SPEC §2); admins do not."""
    return can(user, Capability.MONITOR)


def can_monitor_own_country(user: User) -> bool:
    """Tell whether the user may narrow the network figures to their own country's requests."""
    return can(user, Capability.MONITOR_OWN_COUNTRY)


def can_edit(user: User, request: Request) -> bool:
    """Tell whether the user may change the request's content: its drafter's side, in draft."""
    return (
        request.status == RequestStatus.DRAFT
        and can_see_content(user)
        and request_side(user, request) == Side.REQUESTING
    )


def can_supplement(user: User, request: Request) -> bool:
    """Tell whether the user may draft a supplementary request to ``request``."""
    # Only a request that has gone out can be supplemented: before that, the draft is edited.
    return (
        request.case_id is not None
        and request.status not in UNSENT_STATUSES
        and request_side(user, request) == Side.REQUESTING
    )


#: Which side of a request sends each document.
ISSUING_SIDE = {
    DocumentKind.REQUEST: Side.REQUESTING,
    DocumentKind.REMINDER: Side.REQUESTING,
    DocumentKind.ACKNOWLEDGEMENT: Side.REQUESTED,
    DocumentKind.EXECUTION: Side.REQUESTED,
}


def can_issue(user: User, request: Request, kind: DocumentKind) -> bool:
    """Tell whether the user stands on the side of the request that sends ``kind``."""
    return can_see_content(user) and request_side(user, request) == ISSUING_SIDE[kind]


def may_dispatch(user: User, request: Request) -> bool:
    """Tell whether the user may hand an incoming request to an executing office: only the
    requested country's own central authority, and only where its requested office works on
    casetrack."""
    return (
        request_side(user, request) == Side.REQUESTED
        and can(user, Capability.APPROVE_AND_DISPATCH)
        and user.office.country_code == request.requested_office.country_code
        and request.requested_office.is_member
    )


def lists_metadata_only(user: User) -> bool:
    """Tell whether the user's request list is the network's metadata (a monitor who never
    reads content, the coordinator) rather than the content list."""
    return can(user, Capability.MONITOR) and not can_see_content(user)


def can_register(user: User) -> bool:
    """Tell whether the user registers incoming paper requests (central authorities)."""
    return can(user, Capability.REGISTER_INCOMING)


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

#: The record each argument of a URL rule (or id of a query string) names, by its name.
_URL_RECORDS = {
    "case_id": Case,
    "party_id": Party,
    "owner_id": Party,
    "asset_id": Asset,
    "request_id": Request,
    "document_id": Document,
    "attachment_id": Attachment,
    "deadline_id": Deadline,
    "hit_id": CrossBorderHit,
    "job_id": Job,
}
_URL_RECORDS_BY_SEGMENT = {
    ("requests", "id"): Request,
    ("users", "id"): User,
    ("offices", "id"): Office,
    ("links", "link_id"): PartyLink,
}
#: The ids a query string may name (the subject of a new request, party or asset).
_QUERY_RECORDS = ("case_id", "party_id", "owner_id", "asset_id", "request_id")


#: How to tell whether a user may see a record of each kind a URL can name.
_VISIBLE = {
    **{model: _visible_in_scope(model) for model in _SCOPES},
    CrossBorderHit: _visible_hit,
    PartyLink: _visible_link,
    Job: _visible_job,
    User: _administered,
    Office: _administered,
}
