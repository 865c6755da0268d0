"""The requests blueprint and its menu entry; only roles that read case content come in."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import access, navigation
from casetrack.access import Capability

bp = Blueprint("mla", __name__, url_prefix="/requests")
navigation.add("mla.outgoing", _l("Requests"), Capability.READ_CONTENT, order=40)
bp.before_request(access.require_content_reader)
