"""The links blueprint and its menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("links", __name__, url_prefix="/links")
navigation.add(
    "links.index",
    _l("Links"),
    Capability.SEE_LINKS,
    order=80,
)
