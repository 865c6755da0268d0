"""Formal documents of MLA requests: the request, acknowledgement, reminder and execution
letter as PDF in English, Russian or both side by side; issued versions; batch printing."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.models import Role

bp = Blueprint("documents", __name__)
navigation.add(
    "documents.batch", _l("Batch printing"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=60
)

from casetrack.documents import views  # noqa: E402,F401
