"""Cross-border links: the same person, company or asset across cases and jurisdictions."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from casetrack import navigation
from casetrack.links import hooks  # noqa: F401  (keeps proposals current on every commit)
from casetrack.models import Role

bp = Blueprint("links", __name__, url_prefix="/links")
navigation.add(
    "links.index",
    _l("Links"),
    {Role.PROSECUTOR, Role.CENTRAL_AUTHORITY, Role.COORDINATOR},
    order=80,
)

from casetrack.links import network_views, views  # noqa: E402,F401
