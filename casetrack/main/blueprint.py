"""The dashboard's blueprint and its menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("main", __name__)
navigation.add("main.dashboard", _l("Dashboard"), Capability.DASHBOARD, order=0)
