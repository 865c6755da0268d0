"""The statement import form: the file, then the column mapping the user confirms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField

from casetrack.inputs import choices, rules, select_rules
from casetrack.money.inputs import StatementInput
from casetrack.money.statements import FIELDS

FIELD_LABELS = {
    "date": _l("Date"),
    "amount": _l("Amount"),
    "currency": _l("Currency"),
    "payer_account": _l("Payer's account or IBAN"),
    "payer_name": _l("Payer's name"),
    "payee_account": _l("Payee's account or IBAN"),
    "payee_name": _l("Payee's name"),
    "reference": _l("Reference or purpose"),
}
NUMBER_FORMAT_LABELS = {
    "auto": _l("automatic"),
    "dot": _l("1,234.56 (decimal point)"),
    "comma": _l("1 234,56 or 1.234,56 (decimal comma)"),
}
DATE_FORMAT_LABELS = {
    "auto": _l("automatic (2025-03-14, 14.03.2025, 14/03/2025)"),
    "dmy": _l("day first: 14.03.2025, 14/03/2025"),
    "mdy": _l("month first: 03/14/2025"),
    "ymd": _l("year first: 2025-03-14"),
}


class StatementForm(FlaskForm):
    """Upload a statement, then confirm how its columns are read."""

    file = FileField(_l("Statement file (CSV or XLSX)"))
    request_id = SelectField(_l("Returned by request"), choices=[], validate_choice=False)
    data = HiddenField()
    file_name = HiddenField()
    number_format = SelectField(
        _l("Number format"),
        choices=choices(StatementInput, "number_format", NUMBER_FORMAT_LABELS.__getitem__),
        default="auto",
        validators=select_rules(StatementInput, "number_format"),
    )
    date_format = SelectField(
        _l("Date format"),
        choices=choices(StatementInput, "date_format", DATE_FORMAT_LABELS.__getitem__),
        default="auto",
        validators=select_rules(StatementInput, "date_format"),
    )
    currency = StringField(
        _l("Currency of the statement, where no column gives it"),
        validators=rules(StatementInput, "currency"),
    )
    leave_out = BooleanField(_l("Leave out the rows that could not be read"))


for _name in FIELDS:
    setattr(
        StatementForm,
        f"col_{_name}",
        SelectField(FIELD_LABELS[_name], choices=[], validate_choice=False, default=""),
    )
