"""A free text of a request in the API: a string (the request's first language) or a map
``{"en": …, "ru": …}`` of the request's languages (casetrack.mla.texts)."""

from __future__ import annotations

from marshmallow import ValidationError, fields


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

    def __init__(self, measure_schema, **kwargs):
        self.inner = fields.List(fields.Nested(measure_schema))
        kwargs.setdefault(
            "metadata",
            {
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
