"""After a user confirms that two of their records are one person, a foreign record matching
both is one hit to read, not two (issue 15's measured list)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from casetrack.db import db
from casetrack.links import hits as hit_services
from casetrack.models import CrossBorderHit, LinkState, PartyLink
from tests.factories import signed_in
from tests.test_links_pages import add_person, data, hidden_match, network, user

__all__ = ["hidden_match", "network"]


def _hits(app, person):
    with data(app) as session, app.test_request_context():
        return hit_services.hits_for(session, user(session, person))


def test_confirmed_records_show_one_hit_per_foreign_record(
    directory_app, people, network, hidden_match
):
    aliyev = network.aliyev
    with data(directory_app) as session:
        second = add_person(
            session, "KZ-ALM", ["Aliyev Timur Rashidovich"], birth_date=date(1979, 4, 12)
        )
    with data(directory_app) as session:
        hits = session.scalars(
            select(CrossBorderHit)
            .join(PartyLink, PartyLink.id == CrossBorderHit.party_link_id)
            .where(or_(PartyLink.party_a_id == hidden_match, PartyLink.party_b_id == hidden_match))
        ).all()
        # Both Almaty records match Tashkent's: two hits are stored.
        assert len(hits) == 2
    before = [h for h in _hits(directory_app, people.almaty) if h["kind"] == "party"]
    assert len(before) == 2
    with data(directory_app) as session:
        own = session.scalar(
            select(PartyLink).where(
                or_(
                    (PartyLink.party_a_id == aliyev) & (PartyLink.party_b_id == second),
                    (PartyLink.party_a_id == second) & (PartyLink.party_b_id == aliyev),
                )
            )
        )
        assert own is not None
        own.state = LinkState.CONFIRMED
        own.decided_by_id = people.almaty.id
    after = [h for h in _hits(directory_app, people.almaty) if h["kind"] == "party"]
    assert len(after) == 1
    assert len(after[0]["also_records"]) == 1
    page = signed_in(directory_app, people.almaty).get("/links/").get_data(as_text=True)
    assert page.count('data-testid="also-record"') == 1
    with directory_app.app_context():
        db.session.remove()
