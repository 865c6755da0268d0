"""The deadlines blueprint, the public calendar feed's blueprint and the menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines")
#: The iCalendar feed: public, because its secret URL is the credential.
calendar_bp = Blueprint("calendar", __name__, url_prefix="/calendar")
navigation.add("deadlines.index", _l("Deadlines"), Capability.READ_CONTENT, order=50)
