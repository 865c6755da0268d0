"""The administration blueprint and its menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.models import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")
navigation.add("admin.users", _l("Users"), {Role.ADMIN}, order=90)
