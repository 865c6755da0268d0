"""The deadlines blueprint, the public calendar feed's blueprint and the menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.models import Role

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines")
#: The iCalendar feed: public, because its secret URL is the credential.
calendar_bp = Blueprint("calendar", __name__, url_prefix="/calendar")
navigation.add(
    "deadlines.index", _l("Deadlines"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=50
)
