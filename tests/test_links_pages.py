"""Cross-border links as users meet them: proposals, decisions, hits, assets, the graph."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.links import hits as hit_services
from casetrack.links import refresh, visibility
from casetrack.models import (
    Asset,
    AssetKind,
    AuditEvent,
    Case,
    CaseParty,
    CrossBorderHit,
    IdentityDocument,
    LinkState,
    Party,
    PartyKind,
    PartyLink,
    PartyRole,
    User,
)
from casetrack.parties.names import set_names
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_case_party,
    make_identity_document,
    make_party,
    make_person,
    office,
    signed_in,
)

#: Strings planted in Tashkent's records that nobody in Almaty may ever read.
SECRETS = ("Alijev", "TAS-NARWHAL-4711", "Operation Quokka", "Zebrafish Lane", "ZX9988776")
ALIYEV = "Алиев Тимур Рашидович"
#: Every test here starts from Almaty's and Tashkent's records (``network``).
pytestmark = pytest.mark.usefixtures("network")


@dataclass(frozen=True)
class Network:
    aliyev: int  # Almaty's accused in ALM-0147 (Cyrillic and Latin spellings, born 1979-04-12)
    fraud: int  # Almaty's case ALM-0147, led by people.almaty


@pytest.fixture
def network(directory_app, people) -> Network:
    """Almaty's fraud case (Aliyev, Khodjaev, a company, an account, a flat), Tashkent's case.

    The records whose doubles the tests plant; matching runs as each commit saves them.
    """
    with data(directory_app) as session:
        almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
        fraud = make_case(
            session, office=almaty, reference="ALM-0147", lead_prosecutor_id=people.almaty.id
        )
        aliyev = make_person(
            session,
            office=almaty,
            spellings=[("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
            birth_date=date(1979, 4, 12),
        )
        make_identity_document(session, aliyev, "790412300123", kind="iin")
        khodjaev = make_person(
            session,
            office=almaty,
            spellings=[("Ходжаев", "Бахтиёр", "Алишерович"), ("Xo'jayev", "Baxtiyor", "")],
            birth_date=date(1985, 11, 2),
        )
        company = make_party(
            session,
            office=almaty,
            names=["ТОО «Степь Трейд»", "Steppe Trade LLP"],
            kind=PartyKind.COMPANY,
            registration_number="190940012345",
            jurisdiction="KZ",
        )
        for party, role in ((aliyev, PartyRole.ACCUSED), (khodjaev, PartyRole.SUSPECT)):
            make_case_party(session, fraud, party, role=role)
        make_case_party(session, fraud, company, role=PartyRole.OTHER)
        make_asset(
            session,
            case=fraud,
            kind=AssetKind.BANK_ACCOUNT,
            identifier="UZ21 0000 0000 2020 8000 0000 0001",
            identifier_key="UZ210000000020208000000000001",
        )
        make_asset(
            session,
            case=fraud,
            kind=AssetKind.REAL_ESTATE,
            identifier="20-321-045-117",
            identifier_key="20321045117",
        )
        theirs = make_case(
            session, office=tashkent, reference="TAS-45/2026", lead_prosecutor_id=people.tashkent.id
        )
        yusupov = make_person(session, office=tashkent, spellings=[("Юсупов", "Шерзод", "")])
        make_case_party(session, theirs, yusupov, role=PartyRole.ACCUSED)
        session.flush()
        return Network(aliyev.id, fraud.id)


@contextlib.contextmanager
def data(app):
    """A session of its own, committed at the end (pages run in their own contexts)."""
    with app.app_context():
        yield db.session
        db.session.commit()


def user(session, person) -> User:
    return session.get(User, person.id)


def add_person(session, office_code, spellings, birth_date=None, case_reference=None, **fields):
    party = Party(
        office=office(session, office_code), kind=PartyKind.PERSON, display_name="", **fields
    )
    party.birth_date = birth_date
    session.add(party)
    set_names(party, [{"full_name": s} for s in spellings])
    if case_reference:
        case = session.scalar(select(Case).where(Case.reference == case_reference))
        case.case_parties.append(CaseParty(party=party, role=PartyRole.SUSPECT))
    session.commit()
    return party.id


def pending(app, person):
    """Return the hits the user's dashboard would show."""
    with data(app) as session, app.test_request_context():
        return hit_services.pending_hits(session, user(session, person))


def hit_id(app) -> int:
    with data(app) as session:
        return session.scalar(select(CrossBorderHit.id).order_by(CrossBorderHit.id))


@pytest.fixture
def hidden_match(directory_app, people, network):
    """A Tashkent record of the Almaty suspect Aliyev, full of Tashkent's secrets."""
    with data(directory_app) as session:
        make_case(
            session,
            office=office(session, "UZ-TAS"),
            reference="TAS-NARWHAL-4711",
            title="Operation Quokka",
            lead_prosecutor_id=people.tashkent.id,
            opened_on=date(2026, 1, 10),
        )
        session.commit()
        party_id = add_person(
            session,
            "UZ-TAS",
            ["ALIEV TIMUR", "Alijev Timur"],
            birth_date=date(1979, 4, 12),
            case_reference="TAS-NARWHAL-4711",
            address="Zebrafish Lane 5",
        )
        session.get(Party, party_id).documents.append(
            IdentityDocument(kind="passport", number="ZX9988776", number_key="ZX9988776")
        )
    return party_id


def test_a_match_in_another_office_is_a_hit(directory_app, people, hidden_match):
    with data(directory_app) as session:
        link = session.scalar(select(PartyLink).where(PartyLink.party_b_id == hidden_match))
        assert link is not None
        assert link.party_a.display_name == "Алиев Тимур Рашидович"
        assert link.score >= 0.9
        hit = session.scalar(select(CrossBorderHit).where(CrossBorderHit.party_link_id == link.id))
        assert {hit.office_a.code, hit.office_b.code} == {"KZ-ALM", "UZ-TAS"}
        # Both responsible prosecutors are told: the leads of the two cases.
        assert hit.recipient_a_id == user(session, people.almaty).id
        assert hit.recipient_b_id == user(session, people.tashkent).id
    assert len(pending(directory_app, people.almaty)) == 1
    assert len(pending(directory_app, people.tashkent)) == 1
    assert pending(directory_app, people.tbilisi) == []


def test_the_hit_reveals_nothing_of_the_other_office(directory_app, people, network, hidden_match):
    party_id = network.aliyev
    client, api = signed_in(directory_app, people.almaty), api_client(directory_app, people.almaty)
    pages = [client.get("/links/"), client.get(f"/links/parties/{party_id}")]
    answers = [api.get(f"/api/v1/parties/{party_id}/matches"), api.get("/api/v1/links/hits")]
    for response in pages + answers:
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in text
    with data(directory_app) as session:
        tashkent = office(session, "UZ-TAS")
        name, email = str(escape(tashkent.name_en)), tashkent.email
    for response in pages:
        assert name in response.get_data(as_text=True)
        assert email in response.get_data(as_text=True)
    hits = answers[0].get_json()["hits"]
    assert len(hits) == 1
    assert hits[0]["office"]["email"] == email
    assert hits[0]["summary"] == "name, date of birth and identity document number agree" or (
        hits[0]["summary"] == "name and date of birth agree"
    )
    assert hits[0]["shared"] is None
    assert "reasons" not in hits[0]
    if "mla.new" in directory_app.view_functions:
        # The way forward is a request from Almaty's own case.
        assert f"/requests/new?case_id={network.fraud}" in pages[0].get_data(as_text=True)


def test_sharing_on_purpose_shows_the_name_and_case_reference_only(
    directory_app, people, network, hidden_match
):
    tashkent = signed_in(directory_app, people.tashkent)
    page = tashkent.get("/links/").get_data(as_text=True)
    hit = hit_id(directory_app)
    assert f'id="hit-{hit}"' in page
    assert "ALM-0147" not in page and "Алиев" not in page
    assert tashkent.post(f"/links/hits/{hit}/share").status_code == 303
    almaty = signed_in(directory_app, people.almaty).get("/links/").get_data(as_text=True)
    assert "ALIEV TIMUR" in almaty and "TAS-NARWHAL-4711" in almaty
    for secret in ("Zebrafish Lane", "ZX9988776", "Operation Quokka", "Alijev"):
        assert secret not in almaty
    # Almaty has not shared: Tashkent still sees nothing of Almaty's record.
    assert "ALM-0147" not in tashkent.get("/links/").get_data(as_text=True)
    with data(directory_app) as session:
        events = session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.object_type == "cross_border_hits")
        )
    assert events >= 2  # created, then shared


def test_marking_a_hit_seen_takes_it_off_the_dashboard(directory_app, people, hidden_match):
    assert (
        signed_in(directory_app, people.almaty)
        .post(f"/links/hits/{hit_id(directory_app)}/seen")
        .status_code
        == 303
    )
    assert pending(directory_app, people.almaty) == []
    assert len(pending(directory_app, people.tashkent)) == 1


def test_others_cannot_act_on_a_hit_they_are_not_part_of(directory_app, people, hidden_match):
    hit = hit_id(directory_app)
    georgia = signed_in(directory_app, people.tbilisi)
    assert georgia.post(f"/links/hits/{hit}/share").status_code == 404
    assert georgia.post(f"/links/hits/{hit}/seen").status_code == 404
    # Uzbekistan's central authority stands on the Tashkent side.
    assert signed_in(directory_app, people.uz_ca).post(f"/links/hits/{hit}/seen").status_code == 303


def _local_pair(app):
    """A second Almaty record of Aliyev: a proposal Almaty decides itself."""
    with data(app) as session:
        other = add_person(session, "KZ-ALM", ["Aliev Timur"], birth_date=date(1979, 4, 12))
        link = session.scalar(select(PartyLink).where(PartyLink.party_b_id == other))
        assert link is not None and link.state == LinkState.PROPOSED
        return other, link.id, link.version


def link_state(app, link_id):
    with data(app) as session:
        return session.get(PartyLink, link_id).state


def test_confirm_then_undo(directory_app, people):
    other, link_id, version = _local_pair(directory_app)
    client, api = signed_in(directory_app, people.almaty), api_client(directory_app, people.almaty)
    page = client.get("/links/").get_data(as_text=True)
    assert "same date of birth" in page and "Aliev Timur" in page
    response = client.post(
        f"/links/{link_id}/decision", data={"decision": "confirm", "version": version}
    )
    assert response.status_code == 303
    assert link_state(directory_app, link_id) == LinkState.CONFIRMED
    matches = api.get(f"/api/v1/parties/{other}/matches").get_json()
    assert [m["name"] for m in matches["same_as"]] == ["Алиев Тимур Рашидович"]
    labels = [n["label"] for n in api.get("/api/v1/graph").get_json()["nodes"]]
    assert "Алиев Тимур Рашидович (×2)" in labels and "Aliev Timur" not in labels
    answer = api.post(f"/api/v1/links/{link_id}/decision", json={"decision": "reset"})
    assert answer.status_code == 200 and answer.get_json()["state"] == "proposed"
    assert link_state(directory_app, link_id) == LinkState.PROPOSED
    with data(directory_app) as session:
        changes = session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.object_type == "party_links", AuditEvent.object_id == link_id
            )
        )
    assert changes >= 3  # proposed, confirmed, reset


def test_a_rejected_pair_stays_rejected(directory_app, people):
    other, link_id, version = _local_pair(directory_app)
    client = signed_in(directory_app, people.almaty)
    client.post(f"/links/{link_id}/decision", data={"decision": "reject", "version": version})
    assert link_state(directory_app, link_id) == LinkState.REJECTED
    # Editing the record and recomputing everything propose nothing again.
    with data(directory_app) as session:
        set_names(
            session.get(Party, other), [{"full_name": "Aliev Timur"}, {"full_name": "Алиев Тимур"}]
        )
    assert (
        directory_app.test_cli_runner().invoke(args=["casetrack", "links-refresh"]).exit_code == 0
    )
    assert link_state(directory_app, link_id) == LinkState.REJECTED
    assert "No matches to decide." in client.get("/links/").get_data(as_text=True)


def test_a_stale_or_repeated_decision_changes_nothing(directory_app, people):
    _, link_id, _ = _local_pair(directory_app)
    api, georgia = (
        api_client(directory_app, people.almaty),
        api_client(directory_app, people.tbilisi),
    )
    url = f"/api/v1/links/{link_id}/decision"
    assert api.post(url, json={"decision": "confirm", "version": 99}).status_code == 409
    bad = api.post(url, json={"decision": "maybe"})
    assert bad.status_code == 422 and "decision" in bad.get_json()["error"]["fields"]
    assert link_state(directory_app, link_id) == LinkState.PROPOSED
    assert api.post(url, json={"decision": "reject"}).status_code == 200
    assert api.post(url, json={"decision": "confirm"}).status_code == 409
    assert georgia.post(url, json={"decision": "reset"}).status_code == 404
    assert link_state(directory_app, link_id) == LinkState.REJECTED


def test_same_iban_under_two_records(directory_app, people):
    with data(directory_app) as session:
        session.add_all(
            [
                Asset(
                    office=office(session, "UZ-TAS"),
                    kind=AssetKind.BANK_ACCOUNT,
                    identifier="UZ21 0000 0000 2020 8000 0000 0001",
                    identifier_key="UZ210000000020208000000000001",
                    description="Zebrafish Lane account",
                ),
                Asset(
                    office=office(session, "KZ-ALM"),
                    kind=AssetKind.REAL_ESTATE,
                    identifier="20 321 045 117",
                    identifier_key="20321045117",
                ),
            ]
        )
    hits = api_client(directory_app, people.almaty).get("/api/v1/links/hits").get_json()["hits"]
    asset_hits = [h for h in hits if h["kind"] == "asset"]
    assert len(asset_hits) == 1
    assert asset_hits[0]["record"]["label"] == "UZ21 0000 0000 2020 8000 0000 0001"
    assert asset_hits[0]["office"]["code"] == "UZ-TAS"
    page = signed_in(directory_app, people.almaty).get("/links/").get_data(as_text=True)
    assert "Zebrafish" not in page
    # The same cadastral number twice in Almaty is a plain link among its own records.
    assert "20-321-045-117" in page and "20 321 045 117" in page
    tashkent = (
        api_client(directory_app, people.tashkent).get("/api/v1/links/hits").get_json()["hits"]
    )
    assert [h["office"]["code"] for h in tashkent] == ["KZ-ALM"]


def test_coordinator_sees_counts_between_countries_only(
    directory_app, people, network, hidden_match
):
    client, api = (
        signed_in(directory_app, people.coordinator),
        api_client(directory_app, people.coordinator),
    )
    page = client.get("/links/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "KZ – UZ" in text
    for secret in SECRETS + ("Aliyev", "Алиев", "ALM-0147"):
        assert secret not in text
    assert client.get("/links/graph").status_code == 404
    assert client.get(f"/links/parties/{hidden_match}").status_code == 404
    body = api.get("/api/v1/links/hits").get_json()
    assert body["hits"] == []
    assert body["by_country"] == [{"countries": ["KZ", "UZ"], "party": 1, "asset": 0}]
    assert api.get("/api/v1/graph").status_code == 404
    assert api.get(f"/api/v1/parties/{hidden_match}/matches").status_code == 404


def test_graph_shows_only_what_the_user_may_see(directory_app, people, network, hidden_match):
    api, georgia_api = (
        api_client(directory_app, people.almaty),
        api_client(directory_app, people.tbilisi),
    )
    almaty = api.get("/api/v1/graph").get_json()
    labels = {n["label"] for n in almaty["nodes"]}
    assert {"ALM-0147", "Алиев Тимур Рашидович"} <= labels
    assert "country:KZ" in {n["id"] for n in almaty["nodes"]}
    assert "TAS-NARWHAL-4711" not in labels and "ALIEV TIMUR" not in labels
    assert almaty["rankings"][0]["kind"] in ("person", "company")
    assert sum(g["size"] for g in almaty["groups"]) == len(almaty["nodes"])
    assert {e["source"] for e in almaty["edges"]} <= {n["id"] for n in almaty["nodes"]}
    # A click opens the record's page where its feature has one, never a guessed address.
    for node in almaty["nodes"]:
        prefix = {"case": "/cases/", "person": "/parties/", "company": "/parties/"}.get(
            node["kind"], {"asset": "/assets/", "request": "/requests/"}.get(node["kind"])
        )
        assert node["url"] is None or (prefix and node["url"].startswith(prefix))
    georgia = georgia_api.get("/api/v1/graph").get_json()
    assert not {"ALM-0147", "Алиев Тимур Рашидович"} & {n["label"] for n in georgia["nodes"]}
    page = signed_in(directory_app, people.tbilisi).get("/links/graph").get_data(as_text=True)
    assert "ALM-0147" not in page and "Алиев" not in page
    almaty_page = signed_in(directory_app, people.almaty).get("/links/graph").get_data(as_text=True)
    assert 'id="graph-data"' in almaty_page and "ALM-0147" in almaty_page


def test_access_to_pages(directory_app, people, network):
    party_id = network.aliyev
    georgia = api_client(directory_app, people.tbilisi)
    anonymous = directory_app.test_client()
    assert anonymous.get("/links/").status_code == 302
    assert anonymous.get("/links/graph").status_code == 302
    assert (
        signed_in(directory_app, people.tbilisi).get(f"/links/parties/{party_id}").status_code
        == 404
    )
    assert georgia.get(f"/api/v1/parties/{party_id}/matches").status_code == 404
    admin = signed_in(directory_app, people.admin)
    assert admin.get("/links/").status_code == 404
    assert admin.get("/links/graph").status_code == 404
    almaty = signed_in(directory_app, people.almaty)
    assert almaty.get(f"/links/parties/{party_id}").status_code == 200
    assert almaty.post("/links/999999/decision", data={"decision": "confirm"}).status_code == 404


def _add_rows(app, count, decider):
    """Add hits, proposals and a decision, so that every list of /links/ has rows."""
    with data(app) as session:
        for _ in range(count):
            add_person(
                session,
                "UZ-TAS",
                ["Aliyev Timur"],
                birth_date=date(1979, 4, 12),
                case_reference="TAS-NARWHAL-4711",
            )
            add_person(session, "KZ-ALM", ["Khodjaev Bakhtiyor"], birth_date=date(1985, 11, 2))
            add_person(session, "KZ-ALM", ["Xo'jayev Baxtiyor"], birth_date=date(1985, 11, 2))
        link = session.scalar(
            select(PartyLink)
            .where(PartyLink.state == LinkState.PROPOSED)
            .order_by(PartyLink.id.desc())
        )
        visibility.decide(session, user(session, decider), link, "reject")


def test_links_page_queries_do_not_grow_with_rows(
    directory_app, people, hidden_match, count_queries
):
    _add_rows(directory_app, 1, people.almaty)
    client = signed_in(directory_app, people.almaty)
    client.get("/links/")
    with count_queries() as few:
        assert client.get("/links/").status_code == 200
    _add_rows(directory_app, 4, people.almaty)
    with data(directory_app) as session, directory_app.test_request_context():
        assert len(hit_services.hits_for(session, user(session, people.almaty))) == 6
        assert session.scalar(select(func.count(PartyLink.id))) > 10
    with count_queries() as many:
        assert client.get("/links/").status_code == 200
    assert len(many) == len(few)


def test_dashboard_and_party_partials_render_for_the_signed_in_user(
    directory_app, people, network, hidden_match
):
    from flask import render_template
    from flask_login import login_user

    from casetrack.links import queries

    party_id = network.aliyev
    with data(directory_app) as session, directory_app.test_request_context("/dashboard"):
        me = user(session, people.almaty)
        login_user(me)
        found, count = queries.dashboard_hits(session, me)
        hits = render_template(
            "links/_dashboard_hits.html", hits=found, hits_count=count, hits_cap=queries.COUNT_CAP
        )
        party = session.get(Party, party_id)
        box = render_template(
            "links/_party_matches.html", matches=queries.party_matches(session, me, party)
        )
    assert 'data-testid="dashboard-hits"' in hits and "Алиев Тимур Рашидович" in hits
    assert 'data-testid="party-hit"' in box
    for secret in SECRETS:
        assert secret not in hits and secret not in box


def test_candidates_come_from_the_index_not_from_every_pair(directory_app, people):
    with data(directory_app) as session:
        for i in range(30):
            add_person(
                session, "KZ-ALM", [f"Seitkali Aigerim{'a' * i}"], birth_date=date(1991, 9, 9)
            )
        twin = add_person(session, "UZ-TAS", ["Əliyev Timur"], birth_date=date(1979, 4, 12))
        party = session.scalar(select(Party).where(Party.display_name == "Алиев Тимур Рашидович"))
        found = refresh.candidate_ids(session, refresh.record_of(party), party.kind)
        assert found == [twin]


def test_a_company_with_the_same_registration_number_is_a_hit(directory_app, people):
    with data(directory_app) as session:
        company = Party(
            office=office(session, "UZ-TAS"),
            kind=PartyKind.COMPANY,
            display_name="",
            registration_number="190940012345",
            jurisdiction="KZ",
        )
        session.add(company)
        set_names(company, [{"full_name": "Steppe Trade MChJ"}])
    hits = api_client(directory_app, people.almaty).get("/api/v1/links/hits").get_json()["hits"]
    assert [(h["record"]["label"], h["office"]["code"]) for h in hits] == [
        ("ТОО «Степь Трейд»", "UZ-TAS")
    ]
    assert "registration number or tax id" in hits[0]["summary"]
