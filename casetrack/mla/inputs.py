"""What a request's content and its steps may hold: the one schema the drafting and step forms
and the API all check with (a free text is a string, or a map ``{"en": …, "ru": …}`` of the
request's languages: casetrack.mla.texts)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from casetrack.mla import lifecycle
from casetrack.models import Channel, PartyRole
from casetrack.validation import limit


class LanguageText(fields.Field):
    """A string, or an object of language code → string."""

    def __init__(self, max_length: int | None = None, **kwargs):
        self.max_length = max_length
        kwargs.setdefault(
            "metadata",
            {
                "description": 'a string (the first language), or {"en": …, "ru": …} for the '
                "request's languages; another language answers 422",
                "oneOf": [
                    {"type": "string"},
                    {"type": "object", "additionalProperties": {"type": "string"}},
                ],
            },
        )
        super().__init__(**kwargs)

    def _check(self, text):
        if not isinstance(text, str):
            raise ValidationError("Each text must be a string.")
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(f"Longer than maximum length {self.max_length}.")
        return text

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dict):
            if not all(isinstance(k, str) and len(k) == 2 for k in value):
                raise ValidationError("Keys are two-letter language codes.")
            return {k.lower(): self._check(v) for k, v in value.items()}
        return self._check(value)


class LanguageMeasures(fields.Field):
    """A list of measures, or an object of language code → list of measures."""

    def __init__(self, measure_schema, text_max_length: int | None = None, **kwargs):
        self.inner = fields.List(fields.Nested(measure_schema))
        kwargs.setdefault(
            "metadata",
            {
                "text_max_length": text_max_length,
                "description": 'a list of measures, or {"en": [...], "ru": [...]} with as many '
                "measures in each language",
            },
        )
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dict):
            if not all(isinstance(k, str) and len(k) == 2 for k in value):
                raise ValidationError("Keys are two-letter language codes.")
            return {
                k.lower(): self.inner.deserialize(v, attr, data, **kwargs) for k, v in value.items()
            }
        return self.inner.deserialize(value, attr, data, **kwargs)


class MeasureInput(Schema):
    """One measure sought, with the questions for a witness."""

    text = fields.String(required=True)
    questions = fields.List(fields.String(), load_default=list)


class AnnexInput(Schema):
    """One annex: its title, its number of pages, whether it is a copy of the order."""

    title = fields.String(required=True)
    pages = fields.Integer(allow_none=True, load_default=None)
    is_order = fields.Boolean(load_default=False)


class RequestLegalBasisIn(Schema):
    treaty = fields.String(required=True, metadata={"description": "treaty code, e.g. UNTOC"})
    articles = fields.String(load_default="", validate=validate.Length(max=255))


class RequestPersonIn(Schema):
    party_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in PartyRole]))


class RequestContentInput(Schema):
    """A request's content as it is drafted (the API's POST and PATCH bodies)."""

    channel = fields.String(validate=validate.OneOf([c.value for c in Channel]))
    is_reciprocity = fields.Boolean()
    legal_bases = fields.List(fields.Nested(RequestLegalBasisIn))
    subject = LanguageText(max_length=limit("request", "subject"))
    proceedings_stage = LanguageText(max_length=limit("request", "proceedings_stage"))
    proceedings_authority = LanguageText(max_length=limit("request", "proceedings_authority"))
    facts = LanguageText(max_length=limit("request", "facts"))
    offences = LanguageText(max_length=limit("request", "offences"))
    offence_text = LanguageText(max_length=limit("request", "offence_text"))
    damage = LanguageText(max_length=limit("request", "damage"))
    representatives = LanguageText(max_length=limit("request", "representatives"))
    service_address = LanguageText(max_length=limit("request", "service_address"))
    service_documents = LanguageText(max_length=limit("request", "service_documents"))
    order_extent = LanguageText(max_length=limit("request", "order_extent"))
    third_party_notice = LanguageText(max_length=limit("request", "third_party_notice"))
    order_finality = LanguageText(max_length=limit("request", "order_finality"))
    persons = fields.List(fields.Nested(RequestPersonIn))
    assets = fields.List(fields.Integer(), metadata={"description": "ids of the case's assets"})
    assistance_types = fields.List(fields.String())
    #: ``text_max_length``: how long the page's text form of a list may be (the drafting form
    #: writes measures, languages and annexes as text; the API sends them as lists).
    measures = LanguageMeasures(MeasureInput, text_max_length=limit("request", "measures_text"))
    procedures = LanguageText(max_length=limit("request", "procedures"))
    purpose = LanguageText(max_length=limit("request", "purpose"))
    is_urgent = fields.Boolean()
    urgency_reason = LanguageText(max_length=limit("request", "urgency_reason"))
    is_confidential = fields.Boolean()
    has_speciality_undertaking = fields.Boolean()
    execution_requested_on = fields.Date(allow_none=True)
    languages = fields.List(
        fields.String(), metadata={"text_max_length": limit("request", "languages_text")}
    )
    annexes = fields.List(
        fields.Nested(AnnexInput), metadata={"text_max_length": limit("request", "annexes_text")}
    )
    signatory_name = LanguageText(max_length=limit("request", "signatory_name"))
    signatory_title = LanguageText(max_length=limit("request", "signatory_title"))


#: What a measure's outcome may be (the letter of execution words each).
RESULT_VALUES = ("done", "partly", "not")


def _step(name: str):
    return validate.Length(max=limit("step", name))


class OutcomeInput(Schema):
    """What was done for one measure of the request (execute / partially_execute)."""

    measure = fields.Integer(required=True, metadata={"description": "the measure's number"})
    result = fields.String(required=True, validate=validate.OneOf(RESULT_VALUES))
    note = fields.String(load_default="", validate=_step("note"))
    attachment_ids = fields.List(fields.Integer(), load_default=list)


class StepInput(Schema):
    """One lifecycle step of a request: the API's body, whose rules the step form takes.

    Whether the step is allowed, and what depends on the request (the measure exists, a file
    is of the requested side, a date is not after the step), is casetrack.mla.transitions's
    and casetrack.mla.letters's to say.
    """

    action = fields.String(required=True, validate=validate.OneOf(list(lifecycle.ACTIONS)))
    comment = fields.String(load_default="", validate=_step("comment"))
    grounds = fields.String(
        allow_none=True, load_default=None, metadata={"description": "refusal grounds"}
    )
    until = fields.Date(allow_none=True, load_default=None)
    effective_on = fields.Date(allow_none=True, load_default=None)
    version = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "optional; stale → 409"}
    )
    registration_number = fields.String(
        load_default=None,
        allow_none=True,
        validate=_step("registration_number"),
        metadata={"description": "acknowledge: the requested side's registration number"},
    )
    registered_on = fields.Date(
        load_default=None, allow_none=True, metadata={"description": "acknowledge: its date"}
    )
    outcomes = fields.List(
        fields.Nested(OutcomeInput),
        load_default=None,
        allow_none=True,
        metadata={"description": "execute / partially_execute: what was done per measure"},
    )
    enclosures = fields.List(
        fields.Integer(),
        load_default=None,
        allow_none=True,
        metadata={"description": "ids of the requested side's files this step encloses"},
    )
    provision = fields.String(
        load_default=None,
        allow_none=True,
        validate=_step("provision"),
        metadata={"description": "refuse: the provision relied on"},
    )
    office = fields.String(
        allow_none=True,
        load_default=None,
        validate=_step("office"),
        metadata={"description": "dispatch only: code of the executing office, e.g. UZ-TAS"},
    )
    due_on = fields.Date(
        allow_none=True,
        load_default=None,
        metadata={"description": "dispatch only: the internal due date for the executing office"},
    )
