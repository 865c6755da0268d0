"""The demo's own requests: what ``flask casetrack demo`` loads is law-abiding.

Tests whose subject is the demo itself stay on the demo database (the ``demo_app`` fixture);
every other request test builds what it relies on with ``tests.factories``.
"""

from __future__ import annotations

from sqlalchemy import select

from casetrack.db import db
from casetrack.mla import completeness
from casetrack.models import Request
from casetrack.treaties import binding


def test_every_demo_basis_binds_its_pair_on_the_requests_date(demo_app):
    with demo_app.app_context():
        requests = list(db.session.scalars(select(Request)))
        assert requests
        for req in requests:
            answer = binding.for_request(db.session, req)
            for basis in req.legal_bases:
                assert answer.refusal(basis.treaty_id) is None, (req.reference, basis.treaty.code)
            assert "legal_basis_binding" not in {m.item for m in completeness.check(req)}
        draft_to_az = next(r for r in requests if r.requested_office.country_code == "AZ")
        assert "MINSK1993" not in {b.treaty.code for b in draft_to_az.legal_bases}
