"""Forms of the asset pages.

What each field of an asset takes is stated once, by ``assets/inputs.py`` (the API's schema
too); the forms render, carry the CSRF token and coerce types.
"""

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

from casetrack import labels
from casetrack.assets.inputs import AssetInput, AssetOwnerInput
from casetrack.inputs import choices, max_rows, rules, select_rules
from casetrack.models import AssetKind, AssetStatus

OWNER_ROWS = 2


def _asset(name: str) -> list:
    return rules(AssetInput, name)


class OwnerRow(Form):
    party_id = SelectField(
        _l("Owner"),
        coerce=int,
        validate_choice=False,
        validators=select_rules(AssetOwnerInput, "party_id", row=True),
    )
    share = DecimalField(
        _l("Share, per cent"), places=2, validators=rules(AssetOwnerInput, "share", row=True)
    )


class AssetForm(FlaskForm):
    kind = SelectField(
        _l("Kind"),
        choices=choices(AssetInput, "kind", lambda kind: labels.lazy(AssetKind(kind))),
        default="other",
        validators=select_rules(AssetInput, "kind"),
    )
    identifier = StringField(
        _l("Identifier (IBAN, account, cadastral number, VIN, wallet…)"),
        validators=_asset("identifier"),
    )
    description = TextAreaField(_l("Description"), validators=_asset("description"))
    country_code = StringField(
        _l("Country where located (code)"), validators=_asset("country_code")
    )
    location = StringField(_l("Location"), validators=_asset("location"))
    estimated_value = DecimalField(
        _l("Estimated value"), places=2, validators=_asset("estimated_value")
    )
    currency = StringField(_l("Currency (ISO 4217)"), validators=_asset("currency"))
    #: The view fills the choices with the cases of the office.
    case_id = SelectField(
        _l("Case"), coerce=int, default=0, validators=select_rules(AssetInput, "case_id")
    )
    owners = FieldList(
        FormField(OwnerRow), min_entries=OWNER_ROWS, max_entries=max_rows(AssetInput, "owners")
    )
    status = SelectField(
        _l("Status"),
        choices=choices(AssetInput, "status", lambda status: labels.lazy(AssetStatus(status))),
        default="identified",
        validators=select_rules(AssetInput, "status"),
    )
    status_effective_on = DateField(
        _l("Status effective on"), validators=_asset("status_effective_on")
    )
    status_comment = StringField(_l("Order or act"), validators=_asset("status_comment"))
    version = HiddenField()


class StatusForm(FlaskForm):
    """A change of status alone: the API's ``status``, ``status_effective_on`` and
    ``status_comment`` of an asset (the view offers only the statuses the asset may take)."""

    status = SelectField(
        _l("New status"),
        choices=choices(AssetInput, "status", lambda status: labels.lazy(AssetStatus(status))),
        validators=select_rules(AssetInput, "status"),
    )
    effective_on = DateField(_l("Effective on"), validators=_asset("status_effective_on"))
    comment = StringField(_l("Order, act or reason"), validators=_asset("status_comment"))
    version = HiddenField()
