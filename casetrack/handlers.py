"""What every page view does the same way: putting a service's messages on a form."""

from __future__ import annotations

from flask import flash


def show_errors(form, fields: dict[str, list[str]]) -> list[str]:
    """Put a service's messages on the form's fields; return those that fit no field."""
    rest = []
    for name, messages in fields.items():
        target = getattr(form, name, None)
        if target is None or not hasattr(target, "errors"):
            rest.extend(messages)
            continue
        target.errors = [*list(target.errors or []), *messages]
    return rest


def flash_errors(form, fields: dict[str, list[str]]) -> None:
    """Put a service's messages on the form's fields and flash those that fit no field."""
    for message in show_errors(form, fields):
        flash(message, "danger")
