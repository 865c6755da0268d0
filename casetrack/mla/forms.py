"""Forms of the request pages, and the words for statuses, channels and grounds."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from casetrack import labels
from casetrack.admin.forms import office_rules
from casetrack.inputs import choices, rules, select_rules
from casetrack.mla.inputs import RequestContentInput, StepInput
from casetrack.models import Channel, RefusalGround
from casetrack.validation import limit

SECTION_TITLES = {
    "basis": _l("1. Parties to the request and legal basis"),
    "proceedings": _l("2. The proceedings"),
    "facts": _l("3. Facts and offences"),
    "persons": _l("4. Persons and assets concerned"),
    "assistance": _l("5. Assistance sought"),
    "procedures": _l("6. Procedures, purpose, urgency and languages"),
    "annexes": _l("7. Annexes and signatory"),
}


def _content(name: str) -> list:
    return rules(RequestContentInput, name)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NewRequestForm(FlaskForm):
    case_id = SelectField(_l("Case"), coerce=int, validators=[DataRequired()])
    requested_office_id = SelectField(
        _l("Requested office"), coerce=int, validators=[DataRequired()]
    )
    channel = SelectField(_l("Channel"), choices=labels.choices(Channel))


class SectionForm(FlaskForm):
    """Every field of the drafting form; each section shows and saves only its own."""

    version = HiddenField()
    requested_office_id = SelectField(_l("Requested office"), coerce=int, validate_choice=False)
    #: Each section posts only its own fields, so the choice is checked when the section
    #: holding it is saved (drafting.update_request), not by this form.
    channel = SelectField(
        _l("Channel"),
        choices=choices(RequestContentInput, "channel", lambda value: labels.lazy(Channel(value))),
        validate_choice=False,
        validators=select_rules(RequestContentInput, "channel"),
    )
    is_reciprocity = BooleanField(
        _l("No treaty applies: request on the basis of reciprocity"),
        validators=_content("is_reciprocity"),
    )
    subject = TextAreaField(_l("Subject of the request"), validators=_content("subject"))
    proceedings_stage = StringField(
        _l("Stage of the proceedings"),
        validators=_content("proceedings_stage"),
    )
    proceedings_authority = StringField(
        _l("Authority conducting the proceedings"),
        validators=_content("proceedings_authority"),
    )
    facts = TextAreaField(_l("Summary of the facts"), validators=_content("facts"))
    offences = TextAreaField(
        _l("Offences and their legal qualification"),
        validators=_content("offences"),
    )
    offence_text = TextAreaField(
        _l("Text of the cited articles of law"),
        validators=_content("offence_text"),
    )
    damage = TextAreaField(_l("Damage caused"), validators=_content("damage"))
    representatives = TextAreaField(
        _l("Representatives of the persons (names and addresses)"),
        description=_l("Leave empty where the persons named have no representatives."),
        validators=_content("representatives"),
    )
    service_address = TextAreaField(
        _l("Recipient's exact address (service of documents)"),
        validators=_content("service_address"),
    )
    service_documents = TextAreaField(
        _l("Documents to be served (name of each)"),
        validators=_content("service_documents"),
    )
    order_extent = TextAreaField(
        _l("Extent to which execution of the confiscation order is sought"),
        validators=_content("order_extent"),
    )
    third_party_notice = TextAreaField(
        _l("Measures taken to notify bona fide third parties and ensure due process"),
        validators=_content("third_party_notice"),
    )
    order_finality = TextAreaField(
        _l("Statement that the confiscation order is final"),
        validators=_content("order_finality"),
    )
    assistance_types = MultiCheckboxField(
        _l("Types of assistance"), validate_choice=False, validators=_content("assistance_types")
    )
    measures = TextAreaField(
        _l("Measures requested"),
        description=_l(
            "One measure per block, blocks separated by an empty line; "
            "questions for a witness on lines starting with “-”."
        ),
        validators=_content("measures"),
    )
    procedures = TextAreaField(_l("Procedures to follow"), validators=_content("procedures"))
    purpose = TextAreaField(_l("Purpose and relevance"), validators=_content("purpose"))
    is_urgent = BooleanField(_l("Urgent"), validators=_content("is_urgent"))
    urgency_reason = TextAreaField(_l("Reason for urgency"), validators=_content("urgency_reason"))
    is_confidential = BooleanField(_l("Confidential"), validators=_content("is_confidential"))
    has_speciality_undertaking = BooleanField(
        _l("The evidence will be used only for the stated purpose (speciality)"),
        validators=_content("has_speciality_undertaking"),
    )
    execution_requested_on = DateField(
        _l("Execution requested by"), validators=_content("execution_requested_on")
    )
    languages = StringField(
        _l("Languages"),
        description=_l("Two-letter codes separated by commas, e.g. ru, en"),
        validators=_content("languages"),
    )
    annexes = TextAreaField(
        _l("Annexes"),
        description=_l(
            "One per line: title | number of pages | order (write “order” for a copy "
            "of the court or prosecutor's order)."
        ),
        validators=_content("annexes"),
    )
    signatory_name = StringField(_l("Signatory"), validators=_content("signatory_name"))
    signatory_title = StringField(_l("Signatory's title"), validators=_content("signatory_title"))


def _step(name: str) -> list:
    return rules(StepInput, name)


class TransitionForm(FlaskForm):
    """One lifecycle step; each field takes its rules from ``StepInput`` (the API's body)."""

    version = HiddenField()
    action = HiddenField(validators=_step("action"))
    comment = TextAreaField(_l("Comment"), validators=_step("comment"))
    grounds = SelectField(
        _l("Grounds of refusal"),
        choices=[("", "—"), *labels.choices(RefusalGround)],
        validate_choice=False,
    )
    until = DateField(_l("Postponed until"), validators=_step("until"))
    effective_on = DateField(_l("Date of the step"), validators=_step("effective_on"))
    #: A dispatch: the executing office (its code) and the internal due date.
    office = StringField(_l("Executing office"), validators=_step("office"))
    due_on = DateField(_l("Internal due date"), validators=_step("due_on"))
    #: What the step's letter carries (casetrack.mla.letters): an acknowledgement's
    #: registration number, a refusal's provision.
    registration_number = StringField(
        _l("Registration number"), validators=_step("registration_number")
    )
    provision = StringField(_l("Provision relied on"), validators=_step("provision"))


class SupplementForm(FlaskForm):
    """Draft a supplementary request: a POST with the CSRF token only."""


def _new_office(name: str) -> list:
    # The requesting office to add, when the box is ticked: the admin's office rules.
    return office_rules(name, optional=True)


class RegisterForm(FlaskForm):
    requesting_office_id = SelectField(
        _l("Requesting office (not on casetrack)"), coerce=int, validate_choice=False
    )
    #: The letter comes from an office the directory does not know yet: add it here.
    new_counterpart = BooleanField(_l("The requesting office is not in the list: add it"))
    new_code = StringField(_l("Code"), validators=_new_office("code"))
    new_country_code = SelectField(_l("Country"), validate_choice=False)
    new_kind = SelectField(_l("Kind"), validate_choice=False)
    new_name_en = StringField(_l("Name in English"), validators=_new_office("name_en"))
    new_name_ru = StringField(_l("Name in Russian"), validators=_new_office("name_ru"))
    new_name_local = StringField(
        _l("Name in the local language"), validators=_new_office("name_local")
    )
    new_address = TextAreaField(_l("Address"), validators=_new_office("address"))
    new_email = StringField(_l("Contact e-mail"), validators=_new_office("email"))
    requested_office_id = SelectField(
        _l("Executing office in your country"), coerce=int, validate_choice=False
    )
    counterpart_reference = StringField(
        _l("Their reference"), validators=[Length(max=limit("request", "counterpart_reference"))]
    )
    letter_on = DateField(_l("Date of their letter"), validators=[Optional()])
    received_on = DateField(_l("Received on"), validators=[DataRequired()])
    channel = SelectField(_l("Channel"), choices=labels.choices(Channel))
    subject = TextAreaField(_l("Subject of the request"), validators=_content("subject"))
    facts = TextAreaField(_l("Summary of the facts"), validators=_content("facts"))
    offences = TextAreaField(
        _l("Offences and their legal qualification"),
        validators=_content("offences"),
    )
    assistance_types = MultiCheckboxField(_l("Types of assistance"), validate_choice=False)
    measures = TextAreaField(
        _l("Measures requested"),
        description=_l(
            "One measure per block, blocks separated by an empty line; "
            "questions for a witness on lines starting with “-”."
        ),
        validators=_content("measures"),
    )
