"""Forms of the asset pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from casetrack import labels
from casetrack.models import AssetKind, AssetStatus

OWNER_ROWS = 2


class OwnerRow(Form):
    party_id = SelectField(_l("Owner"), coerce=int, validate_choice=False)
    share = DecimalField(
        _l("Share, per cent"), places=2, validators=[Optional(), NumberRange(min=0, max=100)]
    )


class AssetForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=labels.choices(AssetKind), default="other")
    identifier = StringField(
        _l("Identifier (IBAN, account, cadastral number, VIN, wallet…)"),
        validators=[Length(max=128)],
    )
    description = TextAreaField(_l("Description"), validators=[Length(max=10000)])
    country_code = StringField(_l("Country where located (code)"), validators=[Length(max=8)])
    location = StringField(_l("Location"), validators=[Length(max=2000)])
    estimated_value = DecimalField(_l("Estimated value"), places=2, validators=[Optional()])
    currency = StringField(_l("Currency (ISO 4217)"), validators=[Length(max=8)])
    case_id = SelectField(_l("Case"), coerce=int, default=0)
    owners = FieldList(FormField(OwnerRow), min_entries=OWNER_ROWS, max_entries=30)
    status = SelectField(_l("Status"), choices=labels.choices(AssetStatus), default="identified")
    status_effective_on = DateField(_l("Status effective on"), validators=[Optional()])
    status_comment = StringField(_l("Order or act"), validators=[Length(max=2000)])
    version = HiddenField()


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=labels.choices(AssetStatus))
    effective_on = DateField(_l("Effective on"), validators=[DataRequired()])
    comment = StringField(_l("Order, act or reason"), validators=[Length(max=2000)])
    version = HiddenField()
