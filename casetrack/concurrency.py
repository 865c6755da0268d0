"""Optimistic concurrency: an edit names the version it was based on; a stale one is refused.

``version_id_col`` alone does not protect a form (FIELD_NOTES): the second save would load
the fresh row and overwrite the first. So every edit carries the version it started from,
``check_version`` compares it explicitly, and the mapper's version column still guards the
short race between the check and the UPDATE.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import gettext as _


class StaleEdit(Exception):
    """Someone else saved the record after the editor loaded it."""

    def __init__(self, obj: Any):
        self.obj = obj
        by = getattr(getattr(obj, "updated_by", None), "name", None) or _("another user")
        at: datetime | None = getattr(obj, "updated_at", None)
        when = format_datetime(at, "short") if at else "?"
        super().__init__(
            _(
                "This record was changed by %(by)s at %(at)s after you opened it. "
                "Your changes were not saved; reload to see the current version.",
                by=by,
                at=when,
            )
        )
        self.changed_by = by
        self.changed_at = at


class MissingVersion(ValueError):
    """An edit came without the version it was based on."""


def check_version(obj: Any, submitted: Any) -> None:
    """Refuse the edit unless ``submitted`` is the object's current version."""
    if submitted is None or str(submitted).strip() == "":
        raise MissingVersion(_("The version of the record you edited is required."))
    try:
        version = int(submitted)
    except (TypeError, ValueError):
        raise MissingVersion(_("The version must be a whole number.")) from None
    if version != obj.version:
        raise StaleEdit(obj)
