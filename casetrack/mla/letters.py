"""What a step's letter carries (issue 12), checked and recorded with the step.

* acknowledge: the requested side's registration number and date (``registration_number``,
  ``registered_on``); they become the request's ``counterpart_reference`` and
  ``counterpart_registered_on`` and print on the acknowledgement.
* execute / partially_execute: per measure what was done (``outcomes``: ``[{"measure": 1,
  "result": "done" | "partly" | "not", "note": …, "attachment_ids": […]}]``) and the files
  enclosed (``enclosures``: attachment ids of the requested side's material).
* refuse: the provision relied on (``provision``) and the files giving the reasons.

Enclosed files are tied to the step, from when the requesting side sees them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casetrack.mla.inputs import RESULT_VALUES
from casetrack.models import Attachment, AttachmentSide, Request, StatusChange
from casetrack.validation import limit

ENCLOSING = ("execute", "partially_execute", "refuse")


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _ids(value: Any) -> list[int]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v for v in value.replace(";", ",").split(",") if v.strip()]
    return [int(v) for v in value]


def check(
    session: Session, request: Request, action: str, details: dict | None, effective_on: date
) -> tuple[dict, list[Attachment], dict[str, list[str]]]:
    """Clean the step's details; return them, the files to enclose, and any field errors."""
    details = dict(details or {})
    clean: dict = {}
    errors: dict[str, list[str]] = {}
    enclosed_ids: list[int] = []
    if action == "acknowledge":
        # Its length, as every field's, is StepInput's (checked by the form and the API).
        number = str(details.get("registration_number") or "").strip()
        try:
            registered_on = _date(details.get("registered_on"))
        except ValueError:
            registered_on = None
            errors["registered_on"] = [_("Give the date of registration as YYYY-MM-DD.")]
        if registered_on and registered_on > effective_on:
            errors["registered_on"] = [_("The request cannot be registered after this step.")]
        if number:
            clean["registration_number"] = number
            clean["registered_on"] = (registered_on or effective_on).isoformat()
    if action in ("execute", "partially_execute"):
        outcomes = []
        count = len(request.measures or [])
        for raw in details.get("outcomes") or []:
            try:
                measure = int(raw.get("measure"))
                ids = _ids(raw.get("attachment_ids"))
            except (TypeError, ValueError, AttributeError):
                errors["outcomes"] = [_("Each outcome names a measure by its number.")]
                continue
            result = str(raw.get("result") or "")
            if not 1 <= measure <= count:
                errors["outcomes"] = [
                    _("There is no measure %(number)s in this request.", number=measure)
                ]
                continue
            if result not in RESULT_VALUES:
                errors["outcomes"] = [_("The result of a measure is done, partly or not.")]
                continue
            note = str(raw.get("note") or "").strip()
            if len(note) > limit("step", "note"):
                # The page's notes are fields of their own (note-<measure>), not the form's.
                errors["outcomes"] = [
                    _(
                        "The note on measure %(number)s is longer than %(most)s characters.",
                        number=measure,
                        most=limit("step", "note"),
                    )
                ]
                continue
            outcomes.append(
                {
                    "measure": measure,
                    "result": result,
                    "note": note,
                    "attachment_ids": ids,
                }
            )
            enclosed_ids += ids
        if outcomes:
            clean["outcomes"] = sorted(outcomes, key=lambda o: o["measure"])
    if action == "refuse":
        provision = str(details.get("provision") or "").strip()
        if provision:
            clean["provision"] = provision
    if action in ENCLOSING:
        try:
            enclosed_ids += _ids(details.get("enclosures"))
        except (TypeError, ValueError):
            errors["enclosures"] = [_("Choose files of your side of this request.")]
    files: list[Attachment] = []
    if enclosed_ids:
        files = list(
            session.scalars(
                select(Attachment).where(
                    Attachment.id.in_(set(enclosed_ids)),
                    Attachment.request_id == request.id,
                    Attachment.side == AttachmentSide.REQUESTED,
                )
            )
        )
        if len(files) != len(set(enclosed_ids)):
            errors["enclosures"] = [_("Choose files of your side of this request.")]
    if files:
        clean["enclosures"] = sorted(a.id for a in files)
    return clean, files, errors


def record(request: Request, change: StatusChange, clean: dict, files: list[Attachment]) -> None:
    """Keep the details on the step and the request; tie the enclosed files to the step."""
    change.details = clean
    if "registration_number" in clean:
        request.counterpart_reference = clean["registration_number"]
        request.counterpart_registered_on = date.fromisoformat(clean["registered_on"])
    for attachment in files:
        attachment.status_change_id = change.id
