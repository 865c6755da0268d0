"""What each role may do (SPEC §2): the capability table, and the checks and guards read from it
alone.
"""

from __future__ import annotations

import enum

from flask import abort, current_app
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ColumnElement, false, true

from casetrack.models import (
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


def require_content_reader():
    """The content guard of every content blueprint (pages and API): send anonymous
    visitors to log in and answer 404 to roles that never read case content."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require_content(current_user)
    return None


def managed_scope(user: User) -> ColumnElement[bool]:
    """Condition on ``User`` and ``Office`` as records to manage: administrators only."""
    return true() if can(user, Capability.ADMINISTER) else false()


def can_monitor(user: User) -> bool:
    """Tell whether the user sees network figures on requests (SPEC §2); admins do not."""
    return can(user, Capability.MONITOR)


def can_monitor_own_country(user: User) -> bool:
    """Tell whether the user may narrow the network figures to their own country's requests."""
    return can(user, Capability.MONITOR_OWN_COUNTRY)


def lists_metadata_only(user: User) -> bool:
    """Tell whether the user's request list is the network's metadata (a monitor who never
    reads content, the coordinator) rather than the content list."""
    return can(user, Capability.MONITOR) and not can_see_content(user)


def can_register(user: User) -> bool:
    """Tell whether the user registers incoming paper requests (central authorities)."""
    return can(user, Capability.REGISTER_INCOMING)
