"""The documents blueprint and the batch printing menu entry."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.access import Capability

bp = Blueprint("documents", __name__)
navigation.add("documents.batch", _l("Batch printing"), Capability.READ_CONTENT, order=60)
