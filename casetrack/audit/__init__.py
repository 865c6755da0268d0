"""The one audit mechanism: every flushed change to a model becomes a hash-chained event.

One entry point, ``from casetrack import audit``, over four modules by responsibility:
``recording`` (a flushed change or a named action queued as an event), ``chain`` (sealing each
event to the one before it, the head, the bulk append), ``security`` (events written in a
transaction of their own), ``integrity`` (verifying the chain, the checkpoint).
"""

from __future__ import annotations

from casetrack.audit.chain import (
    GENESIS,
    append_events,
    event_at,
    event_hash,
    head,
)
from casetrack.audit.integrity import (
    checkpoint_holds,
    read_checkpoint,
    verify,
    write_checkpoint,
)
from casetrack.audit.recording import (
    NOISE,
    REDACTED,
    UNAUDITED,
    plain,
    record,
    set_actor,
)
from casetrack.audit.security import (
    flush_security_events,
    security_event,
    write_recorded,
)

__all__ = [
    "GENESIS",
    "NOISE",
    "REDACTED",
    "UNAUDITED",
    "append_events",
    "checkpoint_holds",
    "event_at",
    "event_hash",
    "flush_security_events",
    "head",
    "plain",
    "read_checkpoint",
    "record",
    "security_event",
    "set_actor",
    "verify",
    "write_checkpoint",
    "write_recorded",
]
