"""How a bank statement is read: the one schema the import form and the API both check with
(the columns differ: the page picks header names, the API gives column numbers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from casetrack.money.statements import DATE_FORMATS, NUMBER_FORMATS


class StatementInput(Schema):
    """The formats and the statement's currency."""

    number_format = fields.String(
        load_default="auto",
        validate=validate.OneOf(list(NUMBER_FORMATS)),
        metadata={"description": "auto; dot (1,234.56); comma (1 234,56 or 1.234,56)"},
    )
    date_format = fields.String(
        load_default="auto",
        validate=validate.OneOf(list(DATE_FORMATS)),
        metadata={"description": "auto (2025-03-14, 14.03.2025, 14/03/2025); dmy; mdy; ymd"},
    )
    currency = fields.String(
        load_default="",
        validate=validate.Regexp(
            r"^([A-Za-z]{3})?$", error=_l("Use the three-letter ISO 4217 currency code, e.g. USD.")
        ),
        metadata={"description": "the statement's currency where no column gives it"},
    )
