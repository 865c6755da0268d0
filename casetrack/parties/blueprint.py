"""The parties blueprint and its menu entry; only roles that read case content come in."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import access, navigation
from casetrack.access import Capability

bp = Blueprint("parties", __name__, url_prefix="/parties")
navigation.add("parties.index", _l("Parties"), Capability.READ_CONTENT, order=20)
bp.before_request(access.require_content_reader)
