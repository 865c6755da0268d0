"""What the statement pages list: a subject's imported statements, and the requests a trail leads
back to.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack import access
from casetrack.models import (
    Case,
    Request,
    Statement,
    User,
)


def statements_of(session: Session, user: User, case: Case) -> list[Statement]:
    """Return the statements imported into a visible case, newest first."""
    return list(
        session.scalars(
            select(Statement)
            .where(
                Statement.case_id == case.id,
                Statement.case_id.in_(
                    select(Case.id).where(access.case_scope(user)).scalar_subquery()
                ),
            )
            .options(selectinload(Statement.imported_by), selectinload(Statement.request))
            .order_by(Statement.imported_at.desc(), Statement.id.desc())
        )
    )


def returning_requests(session: Session, user: User, case: Case) -> list[Request]:
    """Return the case's visible requests that could have returned a statement."""
    return list(
        session.scalars(
            access.scoped(Request, user)
            .where(Request.case_id == case.id)
            .options(selectinload(Request.requested_office))
            .order_by(Request.id)
        )
    )
