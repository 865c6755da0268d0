"""Which matches a user is shown and decides: a pair of records the user sees both of is a
proposal to confirm or reject (casetrack.access decides what a user sees).
"""

from __future__ import annotations

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from casetrack import access, clock
from casetrack.concurrency import check_version
from casetrack.links import reasons
from casetrack.models import (
    Asset,
    AssetLink,
    LinkState,
    Party,
    PartyLink,
    User,
)


class LinkError(Exception):
    """A decision that the link's state does not allow."""


def visible_link(session: Session, user: User, link_id: object) -> PartyLink | None:
    """Load a link of which the user sees both records, or None."""
    try:
        link_id = int(link_id)
    except (TypeError, ValueError):
        return None
    link = session.get(PartyLink, link_id)
    offices = access.office_ids_in_scope(session, user)
    if link is None or not {link.office_a_id, link.office_b_id} <= offices:
        return None
    return link


DECISIONS = ("confirm", "reject", "reset")


def decide(
    session: Session, user: User, link: PartyLink, decision: str, version: object = None
) -> PartyLink:
    """Confirm or reject a proposed match, or put a decided one back to proposed."""
    if decision not in DECISIONS:
        raise LinkError(f"decision must be one of {', '.join(DECISIONS)}")
    if version is not None and str(version).strip() != "":
        check_version(link, version)
    if decision == "reset":
        if link.state == LinkState.PROPOSED:
            raise LinkError("this match is not decided")
        link.state, link.decided_by_id, link.decided_at = LinkState.PROPOSED, None, None
    else:
        if link.state != LinkState.PROPOSED:
            raise LinkError("this match is already decided; reset it first")
        link.state = LinkState.CONFIRMED if decision == "confirm" else LinkState.REJECTED
        link.decided_by_id, link.decided_at = user.id, clock.now()
    session.flush()
    return link


def record_url(endpoint: str, object_id: int) -> str | None:
    """Return the page of a record where its feature provides one, else None."""
    if endpoint not in current_app.view_functions:
        return None
    rules = current_app.url_map._rules_by_endpoint.get(endpoint, [])
    for rule in rules:
        arguments = [a for a in rule.arguments if a not in (rule.defaults or {})]
        if len(arguments) == 1:
            return url_for(endpoint, **{arguments[0]: object_id})
    return None


def request_url(case_id: int | None) -> str | None:
    """Return the page that opens a request from a case, where the MLA feature has it."""
    if case_id is None or "mla.new" not in current_app.view_functions:
        return None
    return url_for("mla.new", case_id=case_id)


def party_entry(link: PartyLink, other: Party) -> dict:
    return {
        "link_id": link.id,
        "party_id": other.id,
        "name": other.display_name,
        "office": other.office.code,
        "url": record_url("parties.detail", other.id),
        "score": link.score,
        "state": link.state.value,
        "version": link.version,
        "reasons": reasons.describe(link.reasons),
        "decided_by": link.decided_by.name if link.decided_by else None,
        "decided_at": link.decided_at,
    }


def link_entry(link: PartyLink) -> dict:
    """Return a link of two visible records as a plain dict for pages and the API."""
    return {
        "id": link.id,
        "state": link.state.value,
        "score": link.score,
        "version": link.version,
        "reasons": reasons.describe(link.reasons),
        "parties": [
            {
                "id": p.id,
                "name": p.display_name,
                "office": p.office.code,
                "url": record_url("parties.detail", p.id),
            }
            for p in (link.party_a, link.party_b)
        ],
        "decided_by": link.decided_by.name if link.decided_by else None,
        "decided_at": link.decided_at,
    }


def asset_links_for(session: Session, user: User) -> list[dict]:
    """Return the shared identifiers among the assets the user sees."""
    visible = select(Asset.id).where(access.asset_scope(user)).scalar_subquery()
    links = session.scalars(
        select(AssetLink)
        .where(AssetLink.asset_a_id.in_(visible), AssetLink.asset_b_id.in_(visible))
        # Each link names two assets and each asset one case: joined into the one statement,
        # so that the page runs the same statements whether or not it lists asset links.
        .options(
            joinedload(AssetLink.asset_a).joinedload(Asset.case),
            joinedload(AssetLink.asset_b).joinedload(Asset.case),
        )
        .order_by(AssetLink.id)
        # A page lists the first hundred; the rest are reached through the assets.
        .limit(100)
    )
    return [
        {
            "id": link.id,
            "identifier": link.asset_a.identifier,
            "assets": [
                {
                    "id": asset.id,
                    "identifier": asset.identifier,
                    "case": asset.case.reference if asset.case else "",
                    "url": record_url("assets.detail", asset.id),
                }
                for asset in (link.asset_a, link.asset_b)
            ],
        }
        for link in links
    ]
