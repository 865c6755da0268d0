"""The log-in blueprint and the header forms every page carries."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


@bp.app_context_processor
def header_forms():
    """Give every page the language switch and the log-out form (both carry CSRF tokens)."""
    from casetrack.auth.forms import LanguageForm, LogoutForm

    return {"language_form": LanguageForm(), "logout_form": LogoutForm()}
