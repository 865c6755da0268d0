"""The network figures' tallies: kept exact as requests change (``keeping``: its flush
hooks register when this package is imported, which ``create_app`` does) and recounted
from the requests (``recount``). ``from casetrack import figures`` is the one entry point.
"""

from casetrack.figures.keeping import (
    ANY,
    HOURLY_BELOW,
    TABLES,
    WATCHED,
    add_rows,
    apply,
    contributions,
    duration_bucket,
)
from casetrack.figures.lateness import add_requests as add_late_requests
from casetrack.figures.recount import (
    count_selects,
    differences,
    duration_selects,
    insert_from,
    late_selects,
    month_selects,
    pair_selects,
    rebuild,
)

__all__ = [
    "ANY",
    "HOURLY_BELOW",
    "TABLES",
    "WATCHED",
    "add_late_requests",
    "add_rows",
    "apply",
    "contributions",
    "count_selects",
    "differences",
    "duration_bucket",
    "duration_selects",
    "insert_from",
    "late_selects",
    "month_selects",
    "pair_selects",
    "rebuild",
]
