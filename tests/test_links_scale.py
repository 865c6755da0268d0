"""The links page and the API's hits, read office by office (issue 16): what each office is
shown, what another office's users never are, the offices kept on every pair, and the same
statements on a small and on a bigger register."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text

from casetrack import ROOT
from casetrack.db import db
from casetrack.links import queries
from casetrack.models import (
    CrossBorderHit,
    HitKind,
    LinkState,
    PartyLink,
    User,
)
from tests.factories import api_client, make_party, make_user, office, signed_in

#: Each pair of records is one person recorded by two offices (or twice by one office).
NAMES = [
    "Nurlanov Berik Askarovich",
    "Sadykova Aigul Maratovna",
    "Karimov Jasur Bakhtiyorovich",
    "Tursunov Ilkhom Rustamovich",
]
PAIRS = {
    "almaty_twice": ("KZ-ALM", "KZ-ALM"),
    "almaty_astana": ("KZ-ALM", "KZ-AST"),
    "almaty_tashkent": ("KZ-ALM", "UZ-TAS"),
    "tashkent_twice": ("UZ-TAS", "UZ-TAS"),
}
#: What each user is shown of the pairs: proposals (both records seen) and hits (one seen).
SHOWN = {
    "almaty": ({"almaty_twice"}, {"almaty_astana", "almaty_tashkent"}),
    "kz_ca": ({"almaty_twice", "almaty_astana"}, {"almaty_tashkent"}),
    "tashkent": ({"tashkent_twice"}, {"almaty_tashkent"}),
    "tbilisi": (set(), set()),
}


def _twins(session, codes: tuple[str, str], number: int) -> tuple[int, int]:
    """Two records of one person (same name and birth date) at the offices ``codes``."""
    born = date(1970, 1, 1) + timedelta(days=400 * number)
    a, b = (
        make_party(session, office(session, code), [NAMES[number]], birth_date=born)
        for code in codes
    )
    return a.id, b.id


def _link(session, pair: tuple[int, int]) -> PartyLink | None:
    a, b = sorted(pair)
    return session.scalar(
        select(PartyLink).where(PartyLink.party_a_id == a, PartyLink.party_b_id == b)
    )


@pytest.fixture
def pairs(directory_app, people) -> dict[str, int]:
    """The pairs of ``PAIRS``, matched on saving (the links hooks): their link ids."""
    with directory_app.app_context():
        records = {
            name: _twins(db.session, codes, i) for i, (name, codes) in enumerate(PAIRS.items())
        }
        db.session.commit()
        links = {name: _link(db.session, pair) for name, pair in records.items()}
        assert all(links.values()), "every pair is matched"
        return {name: link.id for name, link in links.items()}


def _listed(page: str) -> tuple[set[int], set[int]]:
    """The link ids of the page's proposals (and decided pairs) and the hits' link ids."""
    proposals = {int(i) for i in re.findall(r'action="/links/(\d+)/decision"', page)}
    hits = {int(i) for i in re.findall(r'id="hit-(\d+)"', page)}
    return proposals, hits


def _hit_links(app, hit_ids: set[int]) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(
                select(CrossBorderHit.party_link_id).where(CrossBorderHit.id.in_(hit_ids))
            )
        )


@pytest.mark.parametrize("viewer", sorted(SHOWN))
def test_each_office_is_shown_its_own_proposals_and_hits(directory_app, people, pairs, viewer):
    person = getattr(people, viewer)
    proposals, hits = SHOWN[viewer]
    page = signed_in(directory_app, person).get("/links/")
    assert page.status_code == 200
    listed, hit_ids = _listed(page.get_data(as_text=True))
    assert listed == {pairs[name] for name in proposals}
    assert _hit_links(directory_app, hit_ids) == {pairs[name] for name in hits}
    body = api_client(directory_app, person).get("/api/v1/links/hits").get_json()
    assert _hit_links(directory_app, {hit["id"] for hit in body["hits"]}) == {
        pairs[name] for name in hits
    }
    assert body["meta"]["total"] == len(hits)


def test_another_offices_user_cannot_decide_or_open_a_pair(directory_app, people, pairs):
    almaty_pair = pairs["almaty_twice"]
    tashkent = signed_in(directory_app, people.tashkent)
    refused = tashkent.post(f"/links/{almaty_pair}/decision", data={"decision": "confirm"})
    assert refused.status_code == 404
    api = api_client(directory_app, people.tashkent)
    assert (
        api.post(f"/api/v1/links/{almaty_pair}/decision", json={"decision": "reject"}).status_code
        == 404
    )
    with directory_app.app_context():
        link = db.session.get(PartyLink, almaty_pair)
        assert link.state == LinkState.PROPOSED
        party_id = link.party_a_id
    assert tashkent.get(f"/links/parties/{party_id}").status_code == 404
    assert api.get(f"/api/v1/parties/{party_id}/matches").status_code == 404
    # A hit is shared from its own side only: Tbilisi has no side in Almaty's hits.
    with directory_app.app_context():
        hit_id = db.session.scalar(
            select(CrossBorderHit.id).where(
                CrossBorderHit.party_link_id == pairs["almaty_tashkent"]
            )
        )
    tbilisi = signed_in(directory_app, people.tbilisi)
    assert tbilisi.post(f"/links/hits/{hit_id}/share", data={}).status_code == 404


def test_decided_pairs_are_listed_and_a_rejected_pair_is_no_longer_a_hit(
    directory_app, people, pairs
):
    kz_ca = api_client(directory_app, people.kz_ca)
    for name, decision in (("almaty_twice", "confirm"), ("almaty_astana", "reject")):
        with directory_app.app_context():
            version = db.session.get(PartyLink, pairs[name]).version
        response = kz_ca.post(
            f"/api/v1/links/{pairs[name]}/decision", json={"decision": decision, "version": version}
        )
        assert response.status_code == 200, response.get_json()
    page = signed_in(directory_app, people.kz_ca).get("/links/").get_data(as_text=True)
    decided = page[page.index('data-testid="decided"') :]
    assert decided.index("same identity") < decided.index("not the same")
    assert _listed(page)[0] == {pairs["almaty_twice"], pairs["almaty_astana"]}
    # Almaty no longer hears of Astana's record, which its country decided is someone else.
    almaty = signed_in(directory_app, people.almaty).get("/links/").get_data(as_text=True)
    assert _hit_links(directory_app, _listed(almaty)[1]) == {pairs["almaty_tashkent"]}


def _dashboard_count(app, person) -> int:
    page = signed_in(app, person).get("/dashboard").get_data(as_text=True)
    found = re.search(r'data-testid="dashboard-hits-count">(\d+)\+?<', page)
    return int(found.group(1)) if found else 0


def test_the_dashboard_counts_the_unseen_hits_addressed_to_the_user_or_the_office(
    directory_app, people
):
    """Almaty's prosecutor is told of hits addressed to her or to the office as a whole, not
    of those addressed to a colleague, nor of those seen; Kazakhstan's central authority, to
    whom none is addressed, of the office-wide ones of every office of the country."""
    with directory_app.app_context():
        directory_app.config["LINKS_AUTO_REFRESH"] = False
        almaty, astana = office(db.session, "KZ-ALM"), office(db.session, "KZ-AST")
        tashkent = office(db.session, "UZ-TAS")
        colleague = make_user(db.session, office=almaty)
        now = datetime.now(UTC)
        addressed = [people.almaty.id, people.almaty.id, None, colleague.id, colleague.id]
        for i, (ours, recipient) in enumerate(
            [(almaty, r) for r in addressed] + [(astana, None), (astana, colleague.id)]
        ):
            a, b = (
                make_party(db.session, at, [f"Dashboard Hit {i} {at.code}"])
                for at in (ours, tashkent)
            )
            link = PartyLink(party_a_id=a.id, party_b_id=b.id, score=0.9, reasons=[])
            db.session.add(link)
            db.session.flush()
            db.session.add(
                CrossBorderHit(
                    kind=HitKind.PARTY,
                    party_link_id=link.id,
                    office_a_id=ours.id,
                    office_b_id=tashkent.id,
                    recipient_a_id=recipient,
                    seen_a_at=now if i == 1 else None,
                    created_at=now - timedelta(minutes=i),
                )
            )
        db.session.commit()
    assert _dashboard_count(directory_app, people.almaty) == 2  # hers unseen, the office's
    assert _dashboard_count(directory_app, people.kz_ca) == 2  # Almaty's and Astana's
    assert _dashboard_count(directory_app, people.tashkent) == 7  # addressed to no one there


def _offices_agree(app) -> None:
    with app.app_context():
        rows = db.session.execute(
            text(
                "SELECT l.office_a_id, pa.office_id, l.office_b_id, pb.office_id FROM party_links l"
                " JOIN parties pa ON pa.id = l.party_a_id JOIN parties pb ON pb.id = l.party_b_id"
            )
        ).all()
        assert rows
        assert all(a == party_a and b == party_b for a, party_a, b, party_b in rows)


def test_every_writer_keeps_the_pairs_offices(directory_app, people, pairs):
    _offices_agree(directory_app)  # written by the hooks (links.refresh.refresh_party)
    with directory_app.app_context():
        db.session.execute(text("DELETE FROM party_links"))
        db.session.commit()
    result = directory_app.test_cli_runner().invoke(args=["casetrack", "links-refresh"])
    assert result.exit_code == 0, result.output
    _offices_agree(directory_app)  # written in bulk (links.bulk)
    with directory_app.app_context():
        assert db.session.scalar(text("SELECT count(*) FROM party_links")) == len(PAIRS)
        # A link added without its offices (as a test or a script may) gets its parties'.
        almaty = office(db.session, "KZ-ALM")
        a, b = (make_party(db.session, almaty, [f"Solo Record {i}"]) for i in (1, 2))
        link = PartyLink(party_a_id=min(a.id, b.id), party_b_id=max(a.id, b.id), score=0.8)
        db.session.add(link)
        db.session.flush()
        assert (link.office_a_id, link.office_b_id) == (almaty.id, almaty.id)
        db.session.rollback()


def test_the_migration_fills_the_offices_of_existing_pairs(directory_app, pairs):
    script = ScriptDirectory(str(ROOT / "migrations"))
    before = script.get_revision("i16_party_link_offices").down_revision
    hits = "SELECT count(*) FROM cross_border_hits"
    with directory_app.app_context():
        told = db.session.scalar(text(hits))
        assert told == 2
        db.session.remove()
        downgrade(revision=before)
        columns = {c["name"] for c in inspect(db.engine).get_columns("party_links")}
        assert "office_a_id" not in columns
        upgrade()
        db.engine.dispose()
    _offices_agree(directory_app)
    with directory_app.app_context():
        # The hits survive the table's rebuild (SQLite's batch mode copies party_links).
        assert db.session.scalar(text(hits)) == told


def _fill(session, count: int, start: int) -> None:
    """``count`` pairs of each kind of ``PAIRS`` and of each decision, with their hits, as
    rows (matching them one by one would take the test's time, not the page's)."""
    now = datetime.now(UTC)
    for i in range(count):
        for j, codes in enumerate(PAIRS.values()):
            for state in LinkState:
                a, b = (
                    make_party(session, office(session, code), [f"Filler {start + i} {j} {code}"])
                    for code in codes
                )
                link = PartyLink(
                    party_a_id=a.id,
                    party_b_id=b.id,
                    state=state,
                    score=0.8 + (i % 10) / 100,
                    reasons=[],
                    decided_by_id=None
                    if state == LinkState.PROPOSED
                    else session.scalar(select(User.id).limit(1)),
                )
                session.add(link)
                session.flush()
                if a.office_id != b.office_id:
                    session.add(
                        CrossBorderHit(
                            kind=HitKind.PARTY,
                            party_link_id=link.id,
                            office_a_id=a.office_id,
                            office_b_id=b.office_id,
                            created_at=now - timedelta(minutes=start + i),
                        )
                    )
    session.flush()


def _is_touch(statement: str) -> bool:
    """A session's or token's "last seen" write: made once a minute, whatever the page."""
    return statement.lstrip().upper().startswith(("UPDATE USER_SESSIONS", "UPDATE API_TOKENS"))


PAGES = [
    ("almaty", "/links/"),
    ("kz_ca", "/links/"),
    ("almaty", "/links/?page=2&per_page=5"),
    ("almaty", "/api/v1/links/hits"),
    ("kz_ca", "/api/v1/links/hits?per_page=5"),
    ("tashkent", "/api/v1/links/hits?page=2&per_page=5"),
]


def test_the_links_pages_run_the_same_statements_on_a_bigger_register(
    directory_app, people, count_queries
):
    with directory_app.app_context():
        directory_app.config["LINKS_AUTO_REFRESH"] = False  # rows, not matching, are measured
        _fill(db.session, 2, 0)
        db.session.commit()
    web = {name: signed_in(directory_app, getattr(people, name)) for name in ("almaty", "kz_ca")}
    api = {
        name: api_client(directory_app, getattr(people, name))
        for name in ("almaty", "kz_ca", "tashkent")
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, path in PAGES:
            client = api[name] if path.startswith("/api/") else web[name]
            with count_queries() as statements:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            found[f"{name} {path}"] = len([s for s in statements if not _is_touch(s)])
        return found

    counts()  # the sessions' and tokens' first use is recorded once
    small = counts()
    with directory_app.app_context():
        _fill(db.session, 20, 100)  # more than a page of every list
        db.session.commit()
        almaty = office(db.session, "KZ-ALM").id
        proposed = db.session.scalar(
            select(func.count(PartyLink.id)).where(
                PartyLink.state == LinkState.PROPOSED,
                PartyLink.office_a_id == almaty,
                PartyLink.office_b_id == almaty,
            )
        )
        assert proposed > 2 * queries.DASHBOARD_HITS
    assert counts() == small
