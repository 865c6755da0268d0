"""Assets: recording property, its owners and the steps of its legal status.

Services take a session and flush; the request commits. Pages and the API share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from casetrack import access, clock
from casetrack.assets.identifiers import iban_error, identifier_key, vin_problems
from casetrack.concurrency import check_version
from casetrack.models import (
    Asset,
    AssetKind,
    AssetOwner,
    AssetStatus,
    AssetStatusChange,
    Case,
    Party,
    User,
)
from casetrack.validation import InvalidInput

S = AssetStatus
#: The steps the law allows: freezing, seizure, confiscation and return, or release before.
TRANSITIONS: dict[AssetStatus, tuple[AssetStatus, ...]] = {
    S.IDENTIFIED: (S.FROZEN, S.SEIZED, S.RELEASED),
    S.FROZEN: (S.SEIZED, S.RELEASED),
    S.SEIZED: (S.CONFISCATED, S.RELEASED),
    S.CONFISCATED: (S.RETURNED,),
    S.RETURNED: (),
    S.RELEASED: (),
}
TEXT_FIELDS = ("identifier", "description", "country_code", "location", "currency")
_IBAN_START = re.compile(r"^[A-Z]{2}[0-9]{2}")


def allowed_statuses(asset: Asset) -> tuple[AssetStatus, ...]:
    """The statuses an asset may move to from where it stands."""
    return TRANSITIONS[asset.status]


def _contains(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def asset_list_query(
    user: User,
    kind: str | None = None,
    status: str | None = None,
    country: str | None = None,
    q: str | None = None,
) -> Select:
    """Select the visible assets matching the filters, newest first."""
    stmt = access.scoped(Asset, user).options(
        selectinload(Asset.owners).selectinload(AssetOwner.party), selectinload(Asset.case)
    )
    if kind:
        stmt = stmt.where(Asset.kind == AssetKind(kind))
    if status:
        stmt = stmt.where(Asset.status == AssetStatus(status))
    if country:
        stmt = stmt.where(Asset.country_code == country.strip().upper())
    if q and q.strip():
        conditions = [func.lower(Asset.description).like(_contains(q.strip().lower()), escape="\\")]
        if identifier_key(q):
            conditions.append(Asset.identifier_key.like(_contains(identifier_key(q)), escape="\\"))
        stmt = stmt.where(or_(*conditions))
    return stmt.order_by(Asset.id.desc())


@dataclass
class Checked:
    """Validated asset input and the warnings worth showing."""

    values: dict[str, Any]
    owners: list[tuple[int, Decimal | None]] | None
    warnings: list[str]


def _decimal(value: Any) -> Decimal | None:
    # Two places, as the columns store them, so that a fresh object reads as a reloaded one.
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
        return number.quantize(Decimal("0.01")) if number.is_finite() else number
    except (InvalidOperation, ValueError):
        raise ValueError from None


def check_identifier(kind: AssetKind, identifier: str) -> tuple[str | None, str | None]:
    """Return (error, warning) for an identifier of the given kind."""
    if not identifier.strip():
        return None, None
    if kind == AssetKind.BANK_ACCOUNT and _IBAN_START.match(identifier_key(identifier)):
        # A bank account may also be a domestic number (KZ banks outside IBAN, US accounts);
        # only what looks like an IBAN is held to ISO 13616.
        return iban_error(identifier), None
    if kind == AssetKind.VEHICLE:
        return vin_problems(identifier)
    return None, None


def _check(session: Session, user: User, asset: Asset, data: dict[str, Any]) -> Checked:
    errors: dict[str, list[str]] = {}
    warnings: list[str] = []
    values: dict[str, Any] = {}
    kind = AssetKind(data.get("kind") or asset.kind)
    values["kind"] = kind
    for key in TEXT_FIELDS:
        if key in data:
            values[key] = (data[key] or "").strip()
    identifier = values.get("identifier", asset.identifier or "")
    is_changed = (
        asset.id is None
        or kind != asset.kind
        or identifier_key(identifier) != identifier_key(asset.identifier or "")
    )
    # An identifier recorded before these checks, left as it was, does not block other edits.
    error, warning = check_identifier(kind, identifier) if is_changed else (None, None)
    if error:
        errors["identifier"] = [error]
    if warning:
        warnings.append(warning)
    country = values.get("country_code", "")
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        errors["country_code"] = [_("Use the two-letter country code, e.g. KZ.")]
    values["country_code"] = country.upper() if "country_code" in values else asset.country_code
    currency = values.get("currency", asset.currency or "")
    if currency and not re.fullmatch(r"[A-Za-z]{3}", currency):
        errors["currency"] = [_("Use the three-letter ISO 4217 currency code, e.g. USD.")]
    values["currency"] = currency.upper()
    if "estimated_value" in data:
        try:
            value = _decimal(data["estimated_value"])
        except ValueError:
            errors["estimated_value"] = [_("The value must be a number.")]
        else:
            if value is not None and (not value.is_finite() or value < 0):
                errors["estimated_value"] = [_("The value cannot be negative.")]
            elif value is not None and value >= Decimal(10) ** 16:
                errors["estimated_value"] = [_("The value is too large.")]
            values["estimated_value"] = value
    value_now = values.get("estimated_value", asset.estimated_value)
    if value_now is not None and not values["currency"]:
        errors.setdefault("currency", []).append(_("Give the currency of the value."))
    if "case_id" in data:
        case_id = data["case_id"] or None
        if case_id is not None:
            case = session.get(Case, case_id)
            if case is None or case.office_id != asset.office_id:
                errors["case_id"] = [_("Choose a case of the asset's office.")]
        values["case_id"] = case_id
    owners = None
    if "owners" in data:
        owners = []
        seen: set[int] = set()
        party_ids = [o.get("party_id") for o in data["owners"] if o.get("party_id")]
        office_parties = set(
            session.scalars(
                select(Party.id).where(Party.id.in_(party_ids), Party.office_id == asset.office_id)
            )
        )
        owner_errors, total = [], Decimal(0)
        for row in data["owners"]:
            party_id = row.get("party_id")
            if not party_id:
                continue
            if party_id not in office_parties:
                owner_errors.append(_("An owner must be a party of the asset's office."))
                continue
            if party_id in seen:
                owner_errors.append(_("Each owner can be listed once."))
                continue
            seen.add(party_id)
            try:
                share = _decimal(row.get("share"))
            except ValueError:
                owner_errors.append(_("A share must be a number."))
                continue
            if share is not None and (not share.is_finite() or not 0 <= share <= 100):
                owner_errors.append(_("A share is between 0 and 100 per cent."))
                continue
            total += share or 0
            owners.append((party_id, share))
        if total > 100:
            owner_errors.append(_("The owners' shares add up to more than 100 per cent."))
        if owner_errors:
            errors["owners"] = owner_errors
    if errors:
        raise InvalidInput(errors)
    return Checked(values, owners, warnings)


def _apply(asset: Asset, checked: Checked) -> None:
    for key, value in checked.values.items():
        setattr(asset, key, value)
    asset.identifier_key = identifier_key(asset.identifier or "")
    if checked.owners is not None:
        current = [(o.party_id, o.share) for o in asset.owners]
        if current != checked.owners:
            asset.owners.clear()
            asset.owners.extend(AssetOwner(party_id=p, share=s) for p, s in checked.owners)


def create_asset(
    session: Session,
    user: User,
    data: dict[str, Any],
    office_id: int | None = None,
) -> tuple[Asset, list[str]]:
    """Record an asset in its current status (identified by default); return it and warnings."""
    try:
        status = AssetStatus(data.get("status") or AssetStatus.IDENTIFIED)
    except ValueError:
        raise InvalidInput({"status": [_("Unknown status.")]}) from None
    effective_on = data.get("status_effective_on") or clock.today()
    if effective_on > clock.today():
        raise InvalidInput(
            {"status_effective_on": [_("The effective date cannot be in the future.")]}
        )
    asset = Asset(
        office_id=office_id or user.office_id,
        kind=AssetKind(data.get("kind") or AssetKind.OTHER),
        status=status,
        identifier="",
        country_code="",
        currency="",
        updated_by_id=user.id,
    )
    checked = _check(session, user, asset, data)
    _apply(asset, checked)
    asset.status_changes.append(
        AssetStatusChange(
            from_status=None,
            to_status=status,
            effective_on=effective_on,
            changed_by_id=user.id,
            comment=(data.get("status_comment") or "").strip(),
        )
    )
    session.add(asset)
    session.flush()
    return asset, checked.warnings


def update_asset(
    session: Session, user: User, asset: Asset, data: dict[str, Any], version
) -> tuple[Asset, list[str]]:
    """Change an asset's details or owners, refusing a stale edit; return any warnings."""
    check_version(asset, version)
    checked = _check(session, user, asset, data)
    _apply(asset, checked)
    asset.updated_by_id = user.id
    session.flush()
    return asset, checked.warnings


def change_status(
    session: Session,
    user: User,
    asset: Asset,
    to_status: AssetStatus | str,
    effective_on: date | None,
    comment: str,
    version,
) -> AssetStatusChange:
    """Move an asset to its next legal status and record who did it, when, and why."""
    check_version(asset, version)
    try:
        to_status = AssetStatus(to_status)
    except ValueError:
        raise InvalidInput({"status": [_("Unknown status.")]}) from None
    if to_status not in TRANSITIONS[asset.status]:
        raise InvalidInput(
            {
                "status": [
                    _(
                        "An asset cannot go from %(from)s to %(to)s.",
                        **{"from": asset.status.value, "to": to_status.value},
                    )
                ]
            }
        )
    if effective_on is None:
        raise InvalidInput({"effective_on": [_("Give the date of the order or act.")]})
    if effective_on > clock.today():
        raise InvalidInput({"effective_on": [_("The effective date cannot be in the future.")]})
    change = AssetStatusChange(
        from_status=asset.status,
        to_status=to_status,
        effective_on=effective_on,
        changed_by_id=user.id,
        comment=(comment or "").strip(),
    )
    asset.status_changes.append(change)
    asset.status = to_status
    asset.updated_by_id = user.id
    session.flush()
    return change


def visible_cases(session: Session, user: User, office_id: int) -> list[Case]:
    """The cases of one office the user may see, for attaching an asset."""
    return list(
        session.scalars(
            access.scoped(Case, user).where(Case.office_id == office_id).order_by(Case.reference)
        )
    )
