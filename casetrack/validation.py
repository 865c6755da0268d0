"""The one error a service raises for input that breaks a domain rule."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that breaks a domain rule; ``fields`` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__("; ".join(m for messages in fields.values() for m in messages))


class NotAllowed(Exception):
    """A step the record's state or the user's role does not allow now.

    Pages flash its message and change nothing; the API answers 409.
    """
