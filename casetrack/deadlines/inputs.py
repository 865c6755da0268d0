"""What a deadline set by hand may hold: the one schema the page's form and the API both check
with. Which case or asset it is set on, and who may own it, depend on the office: that is
casetrack.deadlines.manual's to say."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from casetrack.deadlines.manual import MANUAL_KINDS
from casetrack.validation import limit

MANUAL_KIND_VALUES = [kind.value for kind in MANUAL_KINDS]


class DeadlineInput(Schema):
    """A custody limit, a measure's expiry, a hearing or another date, on a case or an asset."""

    kind = fields.String(required=True, validate=validate.OneOf(MANUAL_KIND_VALUES))
    title = fields.String(
        required=True,
        validate=[
            validate.Length(max=limit("deadline", "title")),
            # More than blanks: the form and the API say it alike.
            validate.Regexp(r"[\s\S]*\S", error=_l("Give the deadline a title.")),
        ],
    )
    due_on = fields.Date(required=True)
    owner_user_id = fields.Integer(
        allow_none=True,
        load_default=None,
        metadata={
            "description": "a prosecutor or officer of the office that owes it; by default "
            "the caller, where the caller is one"
        },
    )
    case_id = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "the case (or asset_id)"}
    )
    asset_id = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "the asset (or case_id)"}
    )
