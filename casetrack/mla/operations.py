"""Requests made from others or from paper: supplementary requests and incoming registration.

Services take a session and flush; the request commits.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from casetrack import access, clock, directory
from casetrack.mla import lifecycle, transitions
from casetrack.mla.drafting import apply_content, new_request
from casetrack.mla.numbering import next_reference
from casetrack.models import (
    Office,
    Request,
    RequestLegalBasis,
    RequestStatus,
    User,
)
from casetrack.validation import InvalidInput


def create_supplementary(session: Session, user: User, parent: Request) -> Request:
    """Draft a supplementary request to ``parent`` with its basis, offices and case."""
    if not access.can_supplement(user, parent):
        raise transitions.TransitionRefused(
            _("Only the requesting side drafts a supplementary request to a sent request.")
        )
    child = new_request(
        session,
        parent.requesting_office,
        parent=parent,
        case_id=parent.case_id,
        requesting_office=parent.requesting_office,
        requested_office=parent.requested_office,
        channel=parent.channel,
        is_reciprocity=parent.is_reciprocity,
        counterpart_reference=parent.counterpart_reference,
        subject=parent.subject,
        proceedings_stage=parent.proceedings_stage,
        proceedings_authority=parent.proceedings_authority,
        facts=parent.facts,
        offences=parent.offences,
        offence_text=parent.offence_text,
        damage=parent.damage,
        languages=list(parent.languages or []),
        signatory_name=user.name,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
    )
    for basis in parent.legal_bases:
        child.legal_bases.append(RequestLegalBasis(treaty=basis.treaty, articles=basis.articles))
    session.flush()
    return child


def registrable_requesting_offices(session: Session) -> list[Office]:
    """Non-member offices, whose paper requests a central authority registers by hand."""
    return [o for o in directory.offices(session) if not o.is_member]


def registrable_requested_offices(session: Session, user: User) -> list[Office]:
    """The offices of the central authority's country, one of which executes the request."""
    return directory.offices(session, country=user.office.country_code)


def register_incoming(session: Session, user: User, data: dict) -> Request:
    """Register by hand a request received on paper from a non-member office.

    Its reference is taken in the registering central authority's register (a non-member has
    no register here); the counterpart's own number is kept as ``counterpart_reference``. The
    year and sequence columns count the non-member's registered requests, so that two
    central authorities registering from the same counterpart never collide.
    """
    if not access.can_register(user):
        raise transitions.TransitionRefused(_("Only a central authority registers requests."))
    errors: dict[str, list[str]] = {}
    requesting = _office_or_none(session, data.get("requesting_office_id"))
    if requesting is None or requesting.is_member:
        errors["requesting_office_id"] = [_("Choose a requesting office that is not a member.")]
    requested = _office_or_none(session, data.get("requested_office_id"))
    if requested is None or requested.country_code != user.office.country_code:
        errors["requested_office_id"] = [_("Choose an office of your country.")]
    received_on = data.get("received_on") or clock.today()
    letter_on = data.get("letter_on")
    if received_on > clock.today():
        errors["received_on"] = [_("The date of receipt cannot be in the future.")]
    if letter_on and letter_on > received_on:
        errors["letter_on"] = [_("The letter cannot be dated after its receipt.")]
    if not (data.get("subject") or "").strip():
        errors["subject"] = [_("Give the subject of the request.")]
    if errors:
        raise InvalidInput(errors)
    reference, _seq = next_reference(session, user.office, clock.today().year)
    _ref, seq = next_reference(session, requesting, clock.today().year)
    request = Request(
        reference=reference,
        year=clock.today().year,
        seq=seq,
        case_id=None,
        requesting_office=requesting,
        requested_office=requested,
        is_registered_by_hand=True,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
        languages=[],
        status=RequestStatus.RECEIVED,
        sent_at=lifecycle.milestone(letter_on or received_on, clock.today()),
    )
    session.add(request)
    apply_content(
        session,
        request,
        {
            key: data[key]
            for key in (
                "counterpart_reference",
                "subject",
                "facts",
                "offences",
                "assistance_types",
                "measures",
                "channel",
                "legal_bases",
            )
            if key in data
        },
    )
    session.flush()
    transitions.register(session, user, request, received_on)
    return request


def _office_or_none(session: Session, office_id: Any) -> Office | None:
    try:
        return session.get(Office, int(office_id))
    except (TypeError, ValueError):
        return None
