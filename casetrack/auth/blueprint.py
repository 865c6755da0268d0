"""The log-in blueprint and the header forms every page carries."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


@bp.app_context_processor
def header_forms():
    """Give every page the language switch and the log-out form (both carry CSRF tokens)."""
    from casetrack.auth.forms import LanguageForm, LogoutForm

    # formdata=None: these forms never read the request, so that an error page (a 413 for a
    # body too large, say) does not read the body that caused it a second time.
    return {
        "language_form": LanguageForm(formdata=None),
        "logout_form": LogoutForm(formdata=None),
    }
