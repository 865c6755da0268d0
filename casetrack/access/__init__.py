"""Who sees what (SPEC §2): the one place that scopes every query and decides every check.

Views and the API never filter by office themselves; they ask here. Whatever a user may not
see is answered with 404, so that a hidden record cannot be told from a missing one.

One entry point, ``from casetrack import access``, over four modules by responsibility:
``capabilities`` (what a role may do at all, the menu's booleans), ``scopes`` (SQL conditions
per model), ``records`` (one record by id: 404 and the refusal audit), ``decisions`` (what a
user may do with one record: its side of a request, case and request actions).
"""

from __future__ import annotations

from casetrack.access.capabilities import (
    CAPABILITIES,
    Capability,
    can,
    can_monitor,
    can_monitor_own_country,
    can_register,
    can_see_content,
    capabilities,
    lists_metadata_only,
    managed_scope,
    require,
    require_content,
    require_content_reader,
    roles_with,
)
from casetrack.access.decisions import (
    ISSUING_SIDE,
    Side,
    can_edit,
    can_issue,
    can_supplement,
    case_actions,
    case_statuses,
    may_dispatch,
    may_open_case,
    may_see_case_reference,
    office_workers,
    request_side,
    sees_completeness,
    sees_internal_notes,
)
from casetrack.access.records import (
    get_or_404,
    may_see,
    note_refused_records,
    refuse_existing,
)
from casetrack.access.scopes import (
    asset_scope,
    attachment_scope,
    case_scope,
    deadline_scope,
    document_scope,
    is_office_in_scope,
    notification_scope,
    office_ids_in_scope,
    office_in_scope,
    party_scope,
    request_metadata_scope,
    request_metadata_scope_on,
    request_scope,
    request_scope_on,
    scoped,
    sent_request_country_scope,
)

__all__ = [
    "CAPABILITIES",
    "Capability",
    "ISSUING_SIDE",
    "Side",
    "asset_scope",
    "attachment_scope",
    "can",
    "can_edit",
    "can_issue",
    "can_monitor",
    "can_monitor_own_country",
    "can_register",
    "can_see_content",
    "can_supplement",
    "capabilities",
    "case_actions",
    "case_scope",
    "case_statuses",
    "deadline_scope",
    "document_scope",
    "get_or_404",
    "is_office_in_scope",
    "lists_metadata_only",
    "managed_scope",
    "may_dispatch",
    "may_open_case",
    "may_see",
    "may_see_case_reference",
    "note_refused_records",
    "notification_scope",
    "office_ids_in_scope",
    "office_in_scope",
    "office_workers",
    "party_scope",
    "refuse_existing",
    "request_metadata_scope",
    "request_metadata_scope_on",
    "request_scope",
    "request_scope_on",
    "request_side",
    "require",
    "require_content",
    "require_content_reader",
    "roles_with",
    "scoped",
    "sent_request_country_scope",
    "sees_completeness",
    "sees_internal_notes",
]
