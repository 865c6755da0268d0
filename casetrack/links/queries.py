"""Bounded reads of the links for pages: a fixed number of statements whatever the register's size.

The dashboard shows the newest unseen hits addressed to the user and how many there are
(counted up to a cap), the links page pages through hits and proposals instead of loading
all of them, and a party's matches are loaded by the view (never by a template global that
runs queries). Each list is read one office (or pair of offices) at a time along an index
in the list's order, and stops when the page is full.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session, joinedload

from casetrack import access, pagination
from casetrack.links import hits as services
from casetrack.models import CrossBorderHit, LinkState, Party, PartyLink, User

#: Hits listed on the dashboard; the count above them stops at COUNT_CAP ("100+").
DASHBOARD_HITS = 10
COUNT_CAP = 100
#: Decided pairs the links page lists in each state, below the proposals.
DECIDED_SHOWN = 100


def _side_conditions(offices: list[int], office: int, side: str, pending: bool, to: int | None):
    """The hits whose ``side`` ("a" or "b") is ``office``'s and the other side none of the
    user's ``offices``.

    ``pending``: only those not yet seen on that side and addressed to ``to`` (a user), or
    to the office as a whole where ``to`` is None.
    """
    own = getattr(CrossBorderHit, f"office_{side}_id")
    other = getattr(CrossBorderHit, f"office_{'b' if side == 'a' else 'a'}_id")
    conditions = [own == office, other.not_in(offices)]
    if pending:
        recipient = getattr(CrossBorderHit, f"recipient_{side}_id")
        conditions += [
            recipient.is_(None) if to is None else recipient == to,
            getattr(CrossBorderHit, f"seen_{side}_at").is_(None),
        ]
    return conditions


def _not_rejected():
    # Asked of the (state, offices, score) index, state first: a probe per hit, never a
    # scan of every pair.
    rejected = select(PartyLink.id).where(
        PartyLink.state == LinkState.REJECTED, PartyLink.id == CrossBorderHit.party_link_id
    )
    return ~rejected.exists()


def _first_rows(branches: list[Select], order: list, offset: int, limit: int) -> Select:
    """The ids of rows ``offset`` to ``offset + limit`` of all ``branches`` in ``order``.

    Each branch reads its own index in ``order`` and stops after ``offset + limit`` rows,
    so that a page costs the same among a hundred rows and among a hundred thousand; one
    condition OR-ing the branches (or an ``IN`` of several offices) sent the databases
    through every row of the offices, sorted.
    """
    both = union_all(*branches).subquery()
    columns = {column.name: column for column in both.c}
    return (
        select(both.c.id)
        .order_by(*(getattr(columns[name], direction)() for name, direction in order))
        .offset(offset)
        .limit(limit)
    )


def _sides(session: Session, user: User, pending: bool, rows: int) -> list[Select]:
    """Each of the user's offices' newest ``rows`` hits on each side (id and time).

    A hit is the user's on side a or on side b, never both; each (office, side) is read
    newest first on that side's (office, created) index. Unseen hits are read for each of
    their two recipients apart, the office as a whole and the user, each exactly along the
    side's (office, recipient, seen, created) index: one condition OR-ing the two walked
    every unseen hit of the office addressed to its other prosecutors.
    """
    offices = sorted(access.office_ids_in_scope(session, user))
    recipients = (None, user.id) if pending else (None,)
    return [
        select(CrossBorderHit.id, CrossBorderHit.created_at)
        .where(*_side_conditions(offices, office, side, pending, to), _not_rejected())
        .order_by(CrossBorderHit.created_at.desc(), CrossBorderHit.id.desc())
        .limit(rows)
        .subquery()
        .select()
        for side in ("a", "b")
        for office in offices
        for to in recipients
    ]


_NEWEST = [("created_at", "desc"), ("id", "desc")]


def capped_count(session: Session, user: User, pending: bool, cap: int) -> int:
    """How many hits the user has (``pending``: unseen), counted up to ``cap`` + 1."""
    both = union_all(*_sides(session, user, pending, cap + 1)).subquery()
    return session.scalar(select(func.count()).select_from(both)) or 0


def newest(session: Session, user: User, pending: bool, limit: int, offset: int = 0) -> list:
    """The user's hits newest first, rows ``offset`` to ``offset + limit``, each loaded with
    every record it names (two statements, whatever the number of hits)."""
    # The ids first, then their rows by primary key: inside the rows' many-joined statement
    # the planner would read the ids' subquery as a filter on every hit.
    ids = list(
        session.scalars(
            _first_rows(_sides(session, user, pending, offset + limit), _NEWEST, offset, limit)
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

    Counted up to ``pagination.CHECKED_COUNT_AHEAD`` past the page, as the lists whose rows
    are checked one by one are: each hit is asked whether its pair was rejected.
    """
    if not access.can_see_content(user):
        return None, []
    cap = page * per_page + pagination.CHECKED_COUNT_AHEAD
    total = capped_count(session, user, False, cap)
    hits = newest(session, user, False, per_page, (page - 1) * per_page)
    result = pagination.Page(hits, page, per_page, min(total, cap), total_is_capped=total > cap)
    return result, services._entries(session, user, hits)


def _pairs(offices: list[int], states: list[LinkState], rows: int) -> list[Select]:
    """Each pair of ``offices``' best ``rows`` links in each of ``states`` (id and score).

    A link is a proposal to a user who sees both of its records, that is both offices; each
    (state, office a, office b) is read best first on the (state, offices, score) index. A
    country has a few offices, so a central authority's pairs are a few branches.
    """
    return [
        select(PartyLink.id, PartyLink.score)
        .where(PartyLink.state == state, PartyLink.office_a_id == a, PartyLink.office_b_id == b)
        .order_by(PartyLink.score.desc(), PartyLink.id.desc())
        .limit(rows)
        .subquery()
        .select()
        for state in states
        for a in offices
        for b in offices
    ]


_BEST = [("score", "desc"), ("id", "desc")]


def _links(session: Session, ids: Select) -> list[PartyLink]:
    """The links of ``ids`` best first, with both records, their offices and who decided:
    all many-to-one, joined into one statement whatever the links hold (two in all)."""
    # The ids first, then their rows by primary key, as ``newest`` does.
    found = list(session.scalars(ids))
    return list(
        session.scalars(
            select(PartyLink)
            .where(PartyLink.id.in_(found))
            .options(
                joinedload(PartyLink.party_a).joinedload(Party.office),
                joinedload(PartyLink.party_b).joinedload(Party.office),
                joinedload(PartyLink.decided_by),
            )
            .order_by(PartyLink.score.desc(), PartyLink.id.desc())
        )
    )


def proposals_page(session: Session, user: User, page: int, per_page: int) -> pagination.Page:
    """Return one page of the proposed pairs of records the user sees both of, best first.

    Counted up to ``pagination.COUNT_AHEAD`` past the page, as the other lists are.
    """
    offices = sorted(access.office_ids_in_scope(session, user))
    if not offices:
        return pagination.Page([], page, per_page, 0)
    cap = page * per_page + pagination.COUNT_AHEAD
    counted = union_all(*_pairs(offices, [LinkState.PROPOSED], cap + 1)).subquery()
    total = session.scalar(select(func.count()).select_from(counted)) or 0
    offset = (page - 1) * per_page
    best = _pairs(offices, [LinkState.PROPOSED], offset + per_page)
    items = _links(session, _first_rows(best, _BEST, offset, per_page))
    return pagination.Page(items, page, per_page, min(total, cap), total_is_capped=total > cap)


def decided(session: Session, user: User) -> list[PartyLink]:
    """Return the confirmed, then the rejected pairs the user sees both records of: the best
    ``DECIDED_SHOWN`` of each (the others are reached through the parties)."""
    offices = sorted(access.office_ids_in_scope(session, user))
    if not offices:
        return []
    states = [LinkState.CONFIRMED, LinkState.REJECTED]
    both = union_all(*_pairs(offices, states, DECIDED_SHOWN)).subquery()
    links = _links(session, select(both.c.id))
    # A stable sort keeps each state's links best first.
    return sorted(links, key=lambda link: states.index(link.state))


def party_matches(session: Session, user: User, party: Party | None) -> dict:
    """Return a party's identities, proposals and hits for the user, for the party pages."""
    empty = {"same_as": [], "proposals": [], "rejected": [], "hits": [], "party_id": None}
    if party is None or not access.can_see_content(user):
        return empty
    result = services.party_matches(session, user, party)
    result["party_id"] = party.id
    return result
