"""The administration blueprint and its menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("admin", __name__, url_prefix="/admin")
navigation.add("admin.users", _l("Users"), Capability.ADMINISTER, order=90)
navigation.add("admin.offices", _l("Offices"), Capability.ADMINISTER, order=91)
navigation.add("notifications.failed", _l("Undelivered e-mails"), Capability.ADMINISTER, order=92)
