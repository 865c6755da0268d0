"""The main menu: each feature adds its own entry, shown to the users with its capability."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from flask_login import current_user

from casetrack import access
from casetrack.access import Capability


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy gettext string
    capability: Capability
    order: int


_ITEMS: list[NavItem] = []


def add(endpoint: str, label, capability: Capability, order: int) -> None:
    """Put a feature's page in the main menu for the users who have ``capability``."""
    _ITEMS.append(NavItem(endpoint, label, Capability(capability), order))


def init_app(app: Flask) -> None:
    """Give templates the menu entries of the signed-in user's role."""

    @app.context_processor
    def menu():
        if not getattr(current_user, "is_authenticated", False):
            return {"nav_items": []}
        items = sorted(
            (
                item
                for item in _ITEMS
                if access.can(current_user, item.capability) and item.endpoint in app.view_functions
            ),
            key=lambda item: item.order,
        )
        return {"nav_items": [(url_for(i.endpoint), i.label, i.endpoint) for i in items]}
