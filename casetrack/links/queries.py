"""Bounded reads of the links for pages: a fixed number of statements whatever the register's size.

The dashboard shows the newest unseen hits addressed to the user and how many there are
(counted up to a cap), the links page pages through hits instead of loading all of them, and
a party's matches are loaded by the view (never by a template global that runs queries).
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from casetrack import access, pagination
from casetrack.links import hits as services
from casetrack.models import CrossBorderHit, LinkState, Party, PartyLink, User

#: Hits listed on the dashboard; the count above them stops at COUNT_CAP ("100+").
DASHBOARD_HITS = 10
COUNT_CAP = 100


def _pending_condition(user: User):
    in_a = access.office_in_scope(user, CrossBorderHit.office_a_id)
    in_b = access.office_in_scope(user, CrossBorderHit.office_b_id)
    for_me_a = or_(
        CrossBorderHit.recipient_a_id.is_(None), CrossBorderHit.recipient_a_id == user.id
    )
    for_me_b = or_(
        CrossBorderHit.recipient_b_id.is_(None), CrossBorderHit.recipient_b_id == user.id
    )
    return or_(
        and_(in_a, ~in_b, CrossBorderHit.seen_a_at.is_(None), for_me_a),
        and_(in_b, ~in_a, CrossBorderHit.seen_b_at.is_(None), for_me_b),
    )


def _not_rejected():
    rejected = select(PartyLink.id).where(
        PartyLink.id == CrossBorderHit.party_link_id, PartyLink.state == LinkState.REJECTED
    )
    return ~rejected.exists()


def capped_count(session: Session, statement, cap: int = COUNT_CAP) -> int:
    """Count the rows of ``statement`` up to ``cap`` + 1 (shown as "100+"), never all of them."""
    limited = statement.with_only_columns(CrossBorderHit.id).order_by(None).limit(cap + 1)
    return session.scalar(select(func.count()).select_from(limited.subquery())) or 0


def dashboard_hits(session: Session, user: User, limit: int = DASHBOARD_HITS) -> tuple[list, int]:
    """Return the newest unseen hits addressed to the user (or the office) and their count.

    The count stops at ``COUNT_CAP`` + 1; a page shows it as "100+".
    """
    if not access.can_see_content(user):
        return [], 0
    base = select(CrossBorderHit).where(_pending_condition(user), _not_rejected())
    count = capped_count(session, base)
    if not count:
        return [], 0
    hits = list(
        session.scalars(
            services._hits_query(user)
            .where(_pending_condition(user))
            .limit(limit)
        )
    )
    return services._entries(session, user, hits), count


def hits_page(session: Session, user: User, page: int, per_page: int):
    """Return one page of the hits between the user's offices and others, newest first."""
    if not access.can_see_content(user):
        return None, []
    result = pagination.paginate(session, services._hits_query(user), page, per_page)
    return result, services._entries(session, user, list(result.items))


def party_matches(session: Session, user: User, party: Party | None) -> dict:
    """Return a party's identities, proposals and hits for the user, for the party pages."""
    empty = {"same_as": [], "proposals": [], "rejected": [], "hits": [], "party_id": None}
    if party is None or not access.can_see_content(user):
        return empty
    result = services.party_matches(session, user, party)
    result["party_id"] = party.id
    return result
