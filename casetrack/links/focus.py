"""Which part of a user's network a drawing keeps: the latest cases and what is tied to them.

An office's whole network grows with its years of records (20,348 nodes and 10.7 MB of page
for Almaty at 100,000 requests); the network of its latest cases is as large at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select, true, union
from sqlalchemy.orm import Session

from casetrack import access
from casetrack.models import Asset, AssetOwner, Case, CaseParty, Request, RequestParty, User


@dataclass
class Focus:
    """The cases a drawing keeps (None: all) and the parties tied to them."""

    case_ids: list[int] | None = None
    party_ids: set[int] | None = None

    @classmethod
    def of(cls, session: Session, user: User, cases: int | None, until: date | None) -> Focus:
        if cases is None:
            return cls()
        case_ids = list(
            session.scalars(
                select(Case.id)
                .where(
                    access.case_scope(user), true() if until is None else Case.opened_on <= until
                )
                .order_by(Case.opened_on.desc(), Case.id.desc())
                .limit(cases + 1)
            )
        )
        if len(case_ids) <= cases:
            return cls()  # the whole network is no larger
        del case_ids[cases:]
        # The parties of those cases, those their requests name and the owners of their
        # assets: each read on its index from the cases' ids.
        tied = union(
            select(CaseParty.party_id).where(CaseParty.case_id.in_(case_ids)),
            select(RequestParty.party_id)
            .join(Request, Request.id == RequestParty.request_id)
            .where(Request.case_id.in_(case_ids)),
            select(AssetOwner.party_id)
            .join(Asset, Asset.id == AssetOwner.asset_id)
            .where(Asset.case_id.in_(case_ids)),
        )
        return cls(case_ids, set(session.scalars(tied)))

    def cases(self, column) -> ColumnElement[bool]:
        """Condition: ``column`` (a case id) is of a kept case."""
        return true() if self.case_ids is None else column.in_(self.case_ids)

    def parties(self, column) -> ColumnElement[bool]:
        """Condition: ``column`` (a party id) is of a kept party."""
        return true() if self.party_ids is None else column.in_(self.party_ids)
