"""Parties: persons and companies under every name they are known by."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.cases import require_content_reader
from casetrack.models import Role

bp = Blueprint("parties", __name__, url_prefix="/parties")
navigation.add("parties.index", _l("Parties"), {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY}, order=20)
bp.before_request(require_content_reader)

from casetrack.parties import views  # noqa: E402,F401
