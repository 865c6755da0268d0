"""What a case's input may hold: the one schema the case form and the API both check with."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casetrack import clock
from casetrack.validation import limit


def _text(name: str, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(max=limit("case", name)), **kwargs)


class CaseInput(Schema):
    """A case as it is opened (the API's POST body)."""

    reference = fields.String(
        required=True, validate=validate.Length(min=1, max=limit("case", "reference"))
    )
    title = fields.String(
        required=True, validate=validate.Length(min=1, max=limit("case", "title"))
    )
    offences = _text("offences", load_default="")
    offence_articles = _text("offence_articles", load_default="")
    summary = _text("summary", load_default="")
    lead_prosecutor_id = fields.Integer(
        allow_none=True, metadata={"description": "the caller unless given"}
    )
    #: The page shows today filled in (a blank there is refused); the API takes today too.
    opened_on = fields.Date(
        load_default=clock.today, metadata={"description": "today unless given"}
    )
