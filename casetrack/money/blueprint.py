"""The money trail's URL map: statement imports of a case and the flow of money."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("money", __name__, url_prefix="/money")
navigation.add("money.flows", _l("Money trail"), Capability.READ_CONTENT, order=85)
