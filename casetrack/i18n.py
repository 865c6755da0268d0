"""English and Russian interface: the locale is the user's choice, remembered."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from casetrack.extensions import babel


def select_locale() -> str:
    """Pick the interface language: the signed-in user's, the session's, then the browser's."""
    languages = current_app.config["LANGUAGES"]
    if getattr(current_user, "is_authenticated", False) and current_user.language in languages:
        return current_user.language
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or languages[0]


def current_language() -> str:
    """The language of the page being answered ("en" outside a request)."""
    return str(get_locale() or "en")


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with casetrack's translations."""
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )

    @app.context_processor
    def language_context():
        return {"current_lang": current_language()}
