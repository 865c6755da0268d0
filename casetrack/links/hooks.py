"""Keep proposals and hits current: whatever changes a party or an asset is matched again.

After each flush the ids of the changed parties and assets are noted; just before the
transaction commits they are matched against the index, so that a hit reaches the other
office as soon as the record is saved, whichever page, command or API call saved it. Set
``LINKS_AUTO_REFRESH = False`` to bulk-load without matching (then run ``links-refresh``).
"""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from casetrack.models import Asset, IdentityDocument, Party, PartyName, PartyNameToken

_PARTIES = "casetrack.links.parties"
_ASSETS = "casetrack.links.assets"


def _enabled() -> bool:
    return has_app_context() and current_app.config.get("LINKS_AUTO_REFRESH", True)


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, flush_context) -> None:
    if not _enabled():
        return
    parties = session.info.setdefault(_PARTIES, set())
    assets = session.info.setdefault(_ASSETS, set())
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, Party):
            parties.add(obj.id)
        elif isinstance(obj, PartyName | IdentityDocument | PartyNameToken):
            parties.add(obj.party_id)
        elif isinstance(obj, Asset):
            assets.add(obj.id)


@event.listens_for(Session, "before_commit")
def _refresh_changed(session: Session) -> None:
    if not _enabled():
        return
    from casetrack.links import refresh

    session.flush()
    parties = session.info.pop(_PARTIES, set())
    assets = session.info.pop(_ASSETS, set())
    for party_id in sorted(i for i in parties if i is not None):
        party = session.get(Party, party_id)
        if party is not None:
            refresh.refresh_party(session, party)
    for asset_id in sorted(i for i in assets if i is not None):
        asset = session.get(Asset, asset_id)
        if asset is not None:
            refresh.refresh_asset(session, asset)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_PARTIES, None)
    session.info.pop(_ASSETS, None)
