"""The monitoring blueprint and its menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")
navigation.add(
    "monitoring.dashboard",
    _l("Monitoring"),
    Capability.MONITOR,
    order=70,
)
