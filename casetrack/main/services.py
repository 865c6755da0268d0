"""The figures on a user's dashboard, each counted in the database within the user's scope."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.access import Capability
from casetrack.models import (
    FINAL_STATUSES,
    UNSENT_STATUSES,
    Case,
    CaseStatus,
    Office,
    Request,
    RequestStatus,
    User,
)
from casetrack.models.figures import ANY as ANY_TYPE
from casetrack.models.figures import RequestPairTally


@dataclass
class DashboardCounts:
    open_cases: int = 0
    outgoing_drafts: int = 0
    outgoing_open: int = 0
    incoming_open: int = 0
    network_open: int = 0
    users: int = 0
    offices: int = 0


#: Sent and not yet executed, refused or withdrawn.
OPEN_STATUSES = tuple(s for s in RequestStatus if s not in UNSENT_STATUSES + FINAL_STATUSES)


def _count(*conditions):
    return select(func.count()).select_from(Request).where(*conditions).scalar_subquery()


def dashboard_counts(session: Session, user: User) -> DashboardCounts:
    """Count the user's open cases and requests, or the network's for a coordinator."""
    counts = DashboardCounts()
    if access.can_see_content(user):
        counts.open_cases = (
            session.scalar(
                select(func.count(Case.id)).where(
                    access.case_scope(user), Case.status == CaseStatus.OPEN
                )
            )
            or 0
        )
        # Each tile counted by its own subquery on an office-and-status index (each
        # condition implies the user's request scope), not by reading every request in it.
        outgoing = access.office_in_scope(user, Request.requesting_office_id)
        incoming = access.office_in_scope(user, Request.requested_office_id)
        row = session.execute(
            select(
                _count(outgoing, Request.status.in_(UNSENT_STATUSES)),
                _count(outgoing, Request.status.in_(OPEN_STATUSES)),
                _count(incoming, Request.status.in_(OPEN_STATUSES)),
            )
        ).one()
        counts.outgoing_drafts, counts.outgoing_open, counts.incoming_open = row
    if access.can(user, Capability.NETWORK_COUNTS):
        # From the network figures' country-pair tallies (kept exact as requests change:
        # casetrack.figures), as many rows at 100,000 requests as at 1,000, rather than a
        # count over every request of the network. Every open request is a sent one.
        tally = RequestPairTally
        scope = access.sent_request_country_scope(user, False, tally.from_country, tally.to_country)
        if scope is not None:
            counts.network_open = (
                session.scalar(
                    select(func.sum(tally.count)).where(
                        tally.assistance_type == ANY_TYPE,
                        tally.status.in_([s.value for s in OPEN_STATUSES]),
                        scope,
                    )
                )
                or 0
            )
    if access.can(user, Capability.ADMINISTER):
        counts.users = session.scalar(select(func.count(User.id))) or 0
        counts.offices = session.scalar(select(func.count(Office.id))) or 0
    return counts
