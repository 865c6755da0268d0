"""What an upload's description may hold: the one schema the upload form and the API both
check with (the file itself is checked by attachments/services.py)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casetrack.models import AttachmentKind

KIND_VALUES = [k.value for k in AttachmentKind]


class AttachmentInput(Schema):
    """The fields sent beside the file (the API's multipart form fields)."""

    kind = fields.String(load_default="other", validate=validate.OneOf(KIND_VALUES))
    title = fields.String(load_default="", validate=validate.Length(max=300))
    #: A two-letter code (attachments/services.py checks its form).
    language = fields.String(load_default="", validate=validate.Length(max=8))
    replaces = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "id of the older version"}
    )
    step_id = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "a step of the request"}
    )
