"""Drafting requests: opening a draft and saving its content, checked field by field.

Services take a session and flush; the request commits. Pages and the API share them.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack import access, clock
from casetrack.concurrency import check_version
from casetrack.dates import long_date
from casetrack.mla import texts, transitions
from casetrack.mla.numbering import next_reference
from casetrack.mla.queries import case_assets, case_parties
from casetrack.mla.sections import ASSISTANCE_CODES, BOOL_FIELDS, TEXT_FIELDS
from casetrack.models import (
    Asset,
    Case,
    Channel,
    Office,
    Party,
    PartyRole,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    Treaty,
    User,
)
from casetrack.treaties import binding
from casetrack.validation import InvalidInput


def new_request(session: Session, numbering_office: Office, **fields) -> Request:
    year = clock.today().year
    reference, seq = next_reference(session, numbering_office, year)
    request = Request(reference=reference, year=year, seq=seq, **fields)
    session.add(request)
    return request


def create_request(
    session: Session,
    user: User,
    case: Case,
    requested_office_id: Any,
    channel: str | None = None,
    data: dict | None = None,
) -> Request:
    """Open a draft request from a case, numbered in the case office's register."""
    if not access.can_see_content(user) or not access.is_office_in_scope(user, case.office):
        raise InvalidInput({"case_id": [_("Choose one of your cases.")]})
    requested = _requested_office(session, case.office, requested_office_id)
    request = new_request(
        session,
        case.office,
        case=case,
        requesting_office=case.office,
        requested_office=requested,
        channel=_channel(channel),
        subject=case.title,
        facts=case.summary,
        # "…proceeds.; Art. 234" read badly: each part loses its closing punctuation first.
        offences="; ".join(
            p.strip().rstrip(".;") for p in (case.offences, case.offence_articles) if p.strip()
        ),
        proceedings_authority=case.office.name_en,
        signatory_name=user.name,
        created_by=user,
        updated_by_id=user.id,
        measures=[],
        annexes=[],
        assistance_types=[],
        languages=[],
    )
    session.flush()
    if data:
        apply_content(session, request, data)
        session.flush()
    return request


def _channel(value: str | None) -> Channel:
    try:
        return Channel(value) if value else Channel.CENTRAL_AUTHORITY
    except ValueError:
        raise InvalidInput({"channel": [_("Choose a channel from the list.")]}) from None


def _requested_office(session: Session, requesting: Office, office_id: Any) -> Office:
    office = None
    try:
        office = session.get(Office, int(office_id))
    except (TypeError, ValueError):
        office = None
    if office is None:
        raise InvalidInput({"requested_office_id": [_("Choose the requested office.")]})
    if office.id == requesting.id:
        raise InvalidInput(
            {"requested_office_id": [_("An office cannot send a request to itself.")]}
        )
    return office


def update_request(
    session: Session, user: User, request: Request, data: dict, version: Any
) -> Request:
    """Save some of a draft's content; fields not given keep their value."""
    check_version(request, version)
    if not access.can_edit(user, request):
        raise transitions.TransitionRefused(_("Only a draft can be changed, by its drafting side."))
    apply_content(session, request, data)
    request.updated_by_id = user.id
    session.flush()
    return request


def apply_content(session: Session, request: Request, data: dict) -> None:
    errors: dict[str, list[str]] = {}
    # Languages first: the texts that follow may be given per language (casetrack.mla.texts).
    if "languages" in data:
        codes = [c.strip().lower() for c in data["languages"] or [] if c.strip()]
        if any(len(c) != 2 or not c.isalpha() for c in codes):
            errors["languages"] = [_("Give two-letter language codes, e.g. ru, en.")]
        texts.set_languages(request, list(dict.fromkeys(codes)))
    for name in TEXT_FIELDS:
        if name in data and name in texts.FIELDS:
            texts.apply(request, name, data[name], errors)
        elif name in data:
            setattr(request, name, (data[name] or "").strip())
    for name in BOOL_FIELDS:
        if name in data:
            setattr(request, name, bool(data[name]))
    if "requested_office_id" in data:
        try:
            request.requested_office = _requested_office(
                session, request.requesting_office, data["requested_office_id"]
            )
        except InvalidInput as error:
            errors.update(error.fields)
    if "channel" in data:
        try:
            request.channel = _channel(data["channel"])
        except InvalidInput as error:
            errors.update(error.fields)
    if "execution_requested_on" in data:
        request.execution_requested_on = data["execution_requested_on"] or None
    if "assistance_types" in data:
        types = list(dict.fromkeys(data["assistance_types"] or []))
        unknown = [t for t in types if t not in ASSISTANCE_CODES]
        if unknown:
            errors["assistance_types"] = [
                _("Unknown assistance type: %(types)s.", types=", ".join(unknown))
            ]
        request.assistance_types = types
    if "measures" in data and isinstance(data["measures"], dict):
        per_language = data["measures"]
        first = (texts.languages(request) or [""])[0]
        if first in per_language:
            request.measures = _clean_measures(per_language[first], errors)
        others = {k: v for k, v in per_language.items() if k != first}
        texts.apply(request, "measures", others, errors)
    elif "measures" in data:
        request.measures = _clean_measures(data["measures"], errors)
    if "annexes" in data:
        request.annexes = _clean_annexes(data["annexes"], errors)
    if "legal_bases" in data:
        _set_legal_bases(session, request, data["legal_bases"] or [], errors)
    if "persons" in data:
        _set_persons(session, request, data["persons"] or [], errors)
    if "assets" in data:
        _set_assets(session, request, data["assets"] or [], errors)
    if request.is_reciprocity and request.legal_bases:
        errors.setdefault("is_reciprocity", []).append(
            _("Reciprocity is the basis only where no treaty is cited.")
        )
    if request.is_urgent is False and "is_urgent" in data:
        texts.apply(request, "urgency_reason", data.get("urgency_reason") or "", errors)
    if errors:
        raise InvalidInput(errors)


def _clean_measures(measures: Any, errors: dict) -> list[dict]:
    clean = []
    for measure in measures or []:
        if not isinstance(measure, dict) or not str(measure.get("text", "")).strip():
            errors["measures"] = [_("Each measure needs a text.")]
            continue
        questions = measure.get("questions") or []
        clean.append(
            {
                "text": str(measure["text"]).strip(),
                "questions": [str(q).strip() for q in questions if str(q).strip()],
            }
        )
    return clean


def _clean_annexes(annexes: Any, errors: dict) -> list[dict]:
    clean = []
    for annex in annexes or []:
        if not isinstance(annex, dict) or not str(annex.get("title", "")).strip():
            errors["annexes"] = [_("Each annex needs a title.")]
            continue
        pages = annex.get("pages")
        if pages is not None and (not isinstance(pages, int) or pages < 1):
            errors["annexes"] = [_("The number of pages must be a positive whole number.")]
            pages = None
        clean.append(
            {
                "title": str(annex["title"]).strip(),
                "pages": pages,
                "is_order": bool(annex.get("is_order")),
            }
        )
    return clean


def _set_legal_bases(session: Session, request: Request, bases: list, errors: dict) -> None:
    """Keep, change, add and drop legal bases in place (one row per treaty)."""
    wanted: dict[int, str] = {}
    for basis in bases:
        treaty = None
        key = basis.get("treaty_id") or basis.get("treaty")
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            treaty = session.get(Treaty, int(key))
        elif isinstance(key, str):
            treaty = session.scalar(select(Treaty).where(Treaty.code == key.upper()))
        if treaty is None:
            errors["legal_bases"] = [_("Unknown treaty: %(treaty)s.", treaty=key)]
            continue
        wanted[treaty.id] = (basis.get("articles") or "").strip()[:255]
    for link in list(request.legal_bases):
        if link.treaty_id in wanted:
            link.articles = wanted.pop(link.treaty_id)
        else:
            request.legal_bases.remove(link)
    for treaty_id, articles in wanted.items():
        request.legal_bases.append(
            RequestLegalBasis(treaty=session.get(Treaty, treaty_id), articles=articles)
        )
    _check_binding(session, request, errors)


def _check_binding(session: Session, request: Request, errors: dict) -> None:
    """Refuse a basis that does not bind both states on the request's date."""
    if not request.legal_bases or request.requested_office is None:
        return
    answer = binding.for_request(session, request)
    lang = str(get_locale() or "en")
    refused = [
        _(
            "%(treaty)s does not bind both states on %(date)s: %(reason)s.",
            treaty=link.treaty.title(lang),
            date=long_date(answer.on, "ru" if lang == "ru" else "en"),
            reason=refusal.reason("ru" if lang == "ru" else "en"),
        )
        for link in request.legal_bases
        if (refusal := answer.refusal(link.treaty.id)) is not None
    ]
    if refused:
        errors.setdefault("legal_bases", []).extend(refused)


def _set_persons(session: Session, request: Request, persons: list, errors: dict) -> None:
    """Name the case's parties in the request, each with its role."""
    allowed = {cp.party_id for cp in case_parties(session, request)}
    wanted: dict[int, PartyRole] = {}
    for person in persons:
        try:
            party_id = int(person.get("party_id"))
            role = PartyRole(person.get("role") or "other")
        except (TypeError, ValueError):
            errors["persons"] = [_("Each person needs a party and a known role.")]
            continue
        if party_id not in allowed:
            errors["persons"] = [_("Only parties of the request's case can be named.")]
            continue
        wanted[party_id] = role
    for link in list(request.persons):
        if link.party_id in wanted:
            link.role = wanted.pop(link.party_id)
        else:
            request.persons.remove(link)
    for party_id, role in wanted.items():
        request.persons.append(RequestParty(party=session.get(Party, party_id), role=role))


def _set_assets(session: Session, request: Request, asset_ids: list, errors: dict) -> None:
    """Name assets of the request's case in the request."""
    allowed = {a.id for a in case_assets(session, request)}
    wanted = set()
    for asset_id in asset_ids:
        try:
            asset_id = int(asset_id)
        except (TypeError, ValueError):
            asset_id = None
        if asset_id not in allowed:
            errors["assets"] = [_("Only assets of the request's case can be named.")]
            continue
        wanted.add(asset_id)
    for link in list(request.assets):
        if link.asset_id in wanted:
            wanted.discard(link.asset_id)
        else:
            request.assets.remove(link)
    for asset_id in sorted(wanted):
        request.assets.append(RequestAsset(asset=session.get(Asset, asset_id)))
