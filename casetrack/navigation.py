"""The main menu: each feature adds its own entry, for the roles that use it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from flask_login import current_user

from casetrack.models import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy gettext string
    roles: frozenset[Role]
    order: int


_ITEMS: list[NavItem] = []


def add(endpoint: str, label, roles: set[Role], order: int) -> None:
    """Put a feature's page in the main menu for the given roles."""
    _ITEMS.append(NavItem(endpoint, label, frozenset(roles), order))


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
                if current_user.role in item.roles and item.endpoint in app.view_functions
            ),
            key=lambda item: item.order,
        )
        return {"nav_items": [(url_for(i.endpoint), i.label, i.endpoint) for i in items]}
