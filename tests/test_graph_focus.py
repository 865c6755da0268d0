"""The network graph of an office that sees more cases than it draws: its latest cases only.

Almaty holds 27 cases, opened one a day, each with a suspect of its own and a request to
Tashkent naming a witness; the two oldest cases are left out of the default drawing (the
25 latest), with everything tied only to them.
"""

from __future__ import annotations

from datetime import timedelta

from casetrack import clock
from casetrack.models import PartyRole, RequestParty, RequestStatus
from tests.conftest import snapshot_fixtures
from tests.factories import (
    api_client,
    make_case,
    make_case_party,
    make_party,
    make_request,
    office,
    signed_in,
)

CASES = 27


def _world(session, people) -> dict:
    alm, tas = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    today = clock.today()
    for n in range(CASES):
        case = make_case(
            session, office=alm, reference=f"ALM-F{n:02d}", opened_on=today - timedelta(days=n)
        )
        make_case_party(session, case, make_party(session, alm, [f"Suspect of case {n:02d}"]))
        request = make_request(session, case=case, requested_office=tas, status=RequestStatus.SENT)
        witness = make_party(session, alm, [f"Witness of case {n:02d}"])
        session.add(
            RequestParty(request_id=request.id, party_id=witness.id, role=PartyRole.WITNESS)
        )
    session.flush()
    return {}


world, directory_app, people = snapshot_fixtures(_world)


def _labels(body: dict) -> set[str]:
    return {node["label"] for node in body["nodes"]}


def test_the_graph_draws_the_latest_cases_and_what_is_tied_to_them(directory_app, people):
    api = api_client(directory_app, people.almaty)
    drawn = api.get("/api/v1/graph").get_json()
    labels = _labels(drawn)
    assert drawn["focused"] == 25
    assert {f"ALM-F{n:02d}" for n in range(25)} <= labels
    assert "ALM-F25" not in labels and "ALM-F26" not in labels
    # A party of a case left out is left out with it, whether tied by the case or a request.
    assert "Suspect of case 24" in labels and "Witness of case 24" in labels
    assert "Suspect of case 26" not in labels and "Witness of case 26" not in labels
    more = api.get("/api/v1/graph?cases=100").get_json()
    everything = api.get("/api/v1/graph?cases=all").get_json()
    assert more["focused"] is None and everything["focused"] is None
    assert {"ALM-F26", "Suspect of case 26", "Witness of case 26"} <= _labels(everything)
    assert _labels(more) == _labels(everything)


def test_the_page_says_what_it_drew_and_offers_more(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    text = client.get("/links/graph").get_data(as_text=True)
    assert 'data-testid="graph-drawn"' in text
    assert "Drawn: the 25 most recently opened of the cases you see" in text
    assert '<option value="all"' in text and "ALM-F26" not in text
    everything = client.get("/links/graph?cases=all").get_data(as_text=True)
    assert 'data-testid="graph-drawn"' not in everything and "ALM-F26" in everything


def test_an_office_with_fewer_cases_sees_its_whole_network(directory_app, people):
    body = api_client(directory_app, people.tashkent).get("/api/v1/graph").get_json()
    assert body["focused"] is None


def test_a_bad_choice_is_told_and_the_defaults_drawn(directory_app, people):
    page = signed_in(directory_app, people.almaty).get("/links/graph?cases=7")
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "The choices could not be read; the defaults are shown." in text
    assert "Drawn: the 25 most recently opened" in text
    api = api_client(directory_app, people.almaty).get("/api/v1/graph?cases=%00")
    assert api.status_code == 422
    assert api.get_json()["error"]["fields"]
