"""Names of deadline kinds and states in the interface language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casetrack.models import DeadlineKind, DeadlineState

KIND_LABELS = {
    DeadlineKind.ACKNOWLEDGEMENT: _l("Acknowledgement of receipt"),
    DeadlineKind.RESPONSE_DUE: _l("Response due"),
    DeadlineKind.FOLLOW_UP: _l("Follow-up"),
    DeadlineKind.CUSTODY_LIMIT: _l("Custody limit"),
    DeadlineKind.MEASURE_EXPIRY: _l("Measure expires"),
    DeadlineKind.HEARING: _l("Hearing"),
    DeadlineKind.OTHER: _l("Other"),
}

STATE_LABELS = {
    DeadlineState.OPEN: _l("open"),
    DeadlineState.MET: _l("met"),
    DeadlineState.MISSED: _l("missed"),
    DeadlineState.CANCELLED: _l("cancelled"),
}
