"""The documents blueprint and the batch printing menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.models import Role

bp = Blueprint("documents", __name__)
navigation.add(
    "documents.batch", _l("Batch printing"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=60
)
