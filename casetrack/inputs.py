"""One input schema per resource: the page's form reads its rules from the API's schema.

A resource's input schema (marshmallow, beside its feature: ``casetrack/parties/inputs.py``)
is the one statement of what each field takes — required or not, how long, which choices,
which range. The API loads request bodies with it (``@blp.arguments``); the page's WTForms
class keeps only rendering, CSRF and type coercion and takes its validators from the same
fields (``rules``), its select choices (``choices``) and its row limit (``max_rows``):

    class CaseForm(FlaskForm):
        reference = StringField(_l("Reference"), validators=rules(CaseInput, "reference"))

WTForms then checks and words each rule as it always did (its own messages, translated by its
catalogue; a message written on the schema's validator is used by both), so a page shows the
same error at the same field, and a limit, a required flag or a choice list exists once.
``patch(schema)`` is the API's partial variant: the same fields, none required, no defaults,
plus the ``version`` the edit was based on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from marshmallow import Schema, fields, missing, validate
from wtforms import validators as wtv

#: Marks a WTForms validator made by ``rules`` (tests check a form declares no other).
FROM_SCHEMA = "_from_input_schema"


def schema_field(schema: type[Schema], name: str) -> fields.Field:
    """Field ``name`` as ``schema`` declares it."""
    declared = schema._declared_fields
    if name not in declared:
        raise KeyError(f"{schema.__name__} has no field {name!r}")
    return declared[name]


def _mark(validator):
    setattr(validator, FROM_SCHEMA, True)
    return validator


def _message(rule) -> str | None:
    # marshmallow's own default message is not the form's: WTForms words it then.
    error = getattr(rule, "error", None)
    defaults = {
        getattr(type(rule), attr, None)
        for attr in ("default_message", "message_min", "message_max", "message_all")
    }
    return None if error is None or error in defaults else error


def rules(schema: type[Schema], name: str, *, row: bool = False) -> list:
    """The WTForms validators that check field ``name`` as ``schema`` states it.

    ``row``: the field is in a repeatable row of the page (a blank row is no row, so a
    required field of the row is checked by the service when the row is used, not here).
    """
    field = schema_field(schema, name)
    made: list = []
    # A field the API fills with a default when it is left out is one the page shows filled
    # in (today's date, say): left blank there, it is refused.
    shown_filled = field.load_default is not missing and field.load_default not in (None, "")
    required = (field.required or shown_filled) and not row
    if required:
        # Strings must hold more than blanks (DataRequired); other values must be given.
        made.append(wtv.DataRequired() if isinstance(field, fields.String) else wtv.InputRequired())
    else:
        made.append(wtv.Optional())
    # A text per language (mla/inputs.py), or the page's text form of a list.
    most = getattr(field, "max_length", None) or field.metadata.get("text_max_length")
    if most is not None:
        made.append(wtv.Length(max=most))
    for rule in field.validators:
        message = _message(rule)
        if isinstance(rule, validate.Length):
            low = rule.min if rule.min and not (required and rule.min <= 1) else -1
            if rule.equal is not None:
                low = high = rule.equal
            else:
                high = rule.max if rule.max is not None else -1
            made.append(wtv.Length(min=low, max=high, message=message))
        elif isinstance(rule, validate.Range):
            made.append(wtv.NumberRange(min=rule.min, max=rule.max, message=message))
        elif isinstance(rule, validate.Regexp):
            made.append(wtv.Regexp(rule.regex, message=message))
        elif isinstance(rule, validate.Email):
            made.append(wtv.Email(message=message))
        elif isinstance(rule, validate.OneOf):
            # A select field checks its own choices (see ``choices``); a text field here.
            made.append(wtv.AnyOf(list(rule.choices), message=message))
        else:
            raise TypeError(f"{schema.__name__}.{name}: no form rule for {rule!r}")
    return [_mark(v) for v in made]


def select_rules(schema: type[Schema], name: str, *, row: bool = False) -> list:
    """``rules`` for a select field: its choices (``choices``) stand for the schema's OneOf
    and for its being required (a blank is no choice), and it checks them even when blank
    (so no ``Optional`` lets a blank pass)."""
    presence = (wtv.AnyOf, wtv.Optional, wtv.InputRequired, wtv.DataRequired)
    return [v for v in rules(schema, name, row=row) if not isinstance(v, presence)]


def choice_values(schema: type[Schema], name: str) -> list[str]:
    """The values field ``name`` of ``schema`` may take (its OneOf)."""
    for rule in schema_field(schema, name).validators:
        if isinstance(rule, validate.OneOf):
            return list(rule.choices)
    raise KeyError(f"{schema.__name__}.{name} has no list of choices")


def choices(schema: type[Schema], name: str, label: Callable[[str], str]) -> list[tuple]:
    """A select field's (value, label) pairs: the schema's choices, each worded by ``label``."""
    return [(value, label(value)) for value in choice_values(schema, name)]


def max_rows(schema: type[Schema], name: str) -> int:
    """How many rows list field ``name`` of ``schema`` takes (a FieldList's max_entries)."""
    for rule in schema_field(schema, name).validators:
        if isinstance(rule, validate.Length) and rule.max is not None:
            return rule.max
    raise KeyError(f"{schema.__name__}.{name} has no row limit")


def patch(
    schema: type[Schema],
    name: str,
    *,
    without: Iterable[str] = (),
    extra: Iterable[tuple[str, fields.Field]] = (),
) -> type[Schema]:
    """The API's PATCH body for ``schema``: every field optional and without a default, plus
    the required ``version`` the edit was based on; ``without`` names fields a change may not
    touch, ``extra`` adds fields a change alone has."""
    attrs: dict = {"Meta": type("Meta", (), {"exclude": tuple(without)})}
    for key, field in schema._declared_fields.items():
        loose = copy.copy(field)
        loose.required = False
        loose.load_default = missing
        attrs[key] = loose
    attrs["version"] = fields.Integer(required=True)
    attrs.update(dict(extra))
    return type(name, (schema,), attrs)
