"""Bounded reads of the links for pages: a fixed number of statements whatever the register's size.

The dashboard shows the newest unseen hits addressed to the user and how many there are
(counted up to a cap), the links page pages through hits instead of loading all of them, and
a party's matches are loaded by the view (never by a template global that runs queries).
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from casetrack import access, pagination
from casetrack.links import hits as services
from casetrack.models import CrossBorderHit, LinkState, Party, PartyLink, User

#: Hits listed on the dashboard; the count above them stops at COUNT_CAP ("100+").
DASHBOARD_HITS = 10
COUNT_CAP = 100


def _side_conditions(user: User, side: str, pending: bool) -> list:
    """The hits whose ``side`` ("a" or "b") is the user's and the other side another's.

    ``pending``: only those not yet seen on that side and addressed to the user or to the
    office as a whole.
    """
    own = getattr(CrossBorderHit, f"office_{side}_id")
    other = getattr(CrossBorderHit, f"office_{'b' if side == 'a' else 'a'}_id")
    conditions = [access.office_in_scope(user, own), ~access.office_in_scope(user, other)]
    if pending:
        recipient = getattr(CrossBorderHit, f"recipient_{side}_id")
        conditions += [
            getattr(CrossBorderHit, f"seen_{side}_at").is_(None),
            or_(recipient.is_(None), recipient == user.id),
        ]
    return conditions


def _pending_condition(user: User):
    return or_(*(and_(*_side_conditions(user, side, pending=True)) for side in ("a", "b")))


def _not_rejected():
    rejected = select(PartyLink.id).where(
        PartyLink.id == CrossBorderHit.party_link_id, PartyLink.state == LinkState.REJECTED
    )
    return ~rejected.exists()


def _sides(user: User, pending: bool, rows: int) -> list:
    """Each side's newest ``rows`` hits (id and time), read along that side's index.

    A hit is the user's on side a or on side b, never both; each side is read newest first
    on its (office, seen, created) index and stops after ``rows``, so that the newest hits
    cost the same among a hundred and among a hundred thousand (one condition OR-ing both
    sides sent the databases through every hit of the office, sorted).
    """
    return [
        select(CrossBorderHit.id, CrossBorderHit.created_at)
        .where(*_side_conditions(user, side, pending), _not_rejected())
        .order_by(CrossBorderHit.created_at.desc(), CrossBorderHit.id.desc())
        .limit(rows)
        .subquery()
        .select()
        for side in ("a", "b")
    ]


def capped_count(session: Session, user: User, pending: bool, cap: int) -> int:
    """How many hits the user has (``pending``: unseen), counted up to ``cap`` + 1."""
    both = union_all(*_sides(user, pending, cap + 1)).subquery()
    return session.scalar(select(func.count()).select_from(both)) or 0


def newest(session: Session, user: User, pending: bool, limit: int, offset: int = 0) -> list:
    """The user's hits newest first, rows ``offset`` to ``offset + limit``, each loaded with
    every record it names (two statements, whatever the number of hits)."""
    both = union_all(*_sides(user, pending, offset + limit)).subquery()
    ids = list(
        session.scalars(
            select(both.c.id)
            .order_by(both.c.created_at.desc(), both.c.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )
    return list(session.scalars(services._hits_query(user).where(CrossBorderHit.id.in_(ids))))


def dashboard_hits(session: Session, user: User, limit: int = DASHBOARD_HITS) -> tuple[list, int]:
    """Return the newest unseen hits addressed to the user (or the office) and their count.

    The count stops at ``COUNT_CAP`` + 1; a page shows it as "100+".
    """
    if not access.can_see_content(user):
        return [], 0
    count = capped_count(session, user, True, COUNT_CAP)
    if not count:
        return [], 0
    hits = newest(session, user, True, limit)
    return services._entries(session, user, hits), count


def hits_page(session: Session, user: User, page: int, per_page: int):
    """Return one page of the hits between the user's offices and others, newest first.

    Counted up to ``pagination.COUNT_AHEAD`` past the page, as the other lists are.
    """
    if not access.can_see_content(user):
        return None, []
    cap = page * per_page + pagination.COUNT_AHEAD
    total = capped_count(session, user, False, cap)
    hits = newest(session, user, False, per_page, (page - 1) * per_page)
    result = pagination.Page(hits, page, per_page, min(total, cap), total_is_capped=total > cap)
    return result, services._entries(session, user, hits)


def party_matches(session: Session, user: User, party: Party | None) -> dict:
    """Return a party's identities, proposals and hits for the user, for the party pages."""
    empty = {"same_as": [], "proposals": [], "rejected": [], "hits": [], "party_id": None}
    if party is None or not access.can_see_content(user):
        return empty
    result = services.party_matches(session, user, party)
    result["party_id"] = party.id
    return result
