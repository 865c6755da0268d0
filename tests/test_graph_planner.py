"""The disruption planner, roles and exports on the demo network, as its users meet them."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import networkx as nx
import pytest

from casetrack import clock
from casetrack.models import AssetKind, PartyKind, PartyRole
from tests.conftest import snapshot_fixtures
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_case_party,
    make_owner,
    make_party,
    make_person,
    office,
    signed_in,
)

BROKER = "Исмоилов Фаррух Баходирович"
#: What only Tashkent's records say: never shown to Almaty.
TASHKENT_ONLY = ("TAS-45/2026", "Farrux", "Bahodirovich", "Юсупов", "Yusupov")
FRAUD, GROUP = "ALM-2026-0147", "ALM-2026-0233"


def _at(days_ago: int) -> datetime:
    day = clock.today() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)


def _broker_story(session, people) -> None:
    """A broker between an Almaty fraud group and a Tashkent cash group, with dated ties.

    Almaty's fraud case (opened 210 days ago) names Aliyev, Khodjaev and a company; its
    smuggling case (90 days ago) a courier and Aliyev. Its Tashkent-group case (60 days ago)
    names the broker, two collectors and an exchange; the broker joined the fraud case 45 days
    ago. Khodjaev owns the only valued USD account. Tashkent's own case names Yusupov and,
    since 30 days ago, its own record of the broker: Almaty learns of it only as a hit.
    """
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    lead = {"lead_prosecutor_id": people.almaty.id}

    def case(at, reference, days_ago, **fields):
        opened = clock.today() - timedelta(days=days_ago)
        return make_case(session, office=at, reference=reference, opened_on=opened, **fields)

    def put(into, party, days_ago, role=PartyRole.SUSPECT):
        make_case_party(session, into, party, role=role, created_at=_at(days_ago))

    def person(at, spellings, **fields):
        return make_person(session, office=at, spellings=spellings, **fields)

    fraud = case(almaty, FRAUD, 210, **lead)
    smuggling = case(almaty, "ALM-2026-0212", 90, **lead)
    group = case(almaty, GROUP, 60, **lead)
    theirs = case(tashkent, "TAS-45/2026", 150, lead_prosecutor_id=people.tashkent.id)
    aliyev = person(almaty, [("Алиев", "Тимур", "Рашидович")], nationality="KZ")
    khodjaev = person(almaty, [("Ходжаев", "Бахтиёр", "Алишерович")], nationality="UZ")
    company = make_party(
        session,
        office=almaty,
        names=["ТОО «Степь Трейд»"],
        kind=PartyKind.COMPANY,
        registration_number="190940012345",
        jurisdiction="KZ",
    )
    courier = person(almaty, [("Жапаров", "Нурлан", "")], nationality="KG")
    broker = person(
        almaty,
        [("Исмоилов", "Фаррух", "Баходирович"), ("Ismoilov", "Farrukh", "Bakhodirovich")],
        birth_date=date(1983, 8, 21),
        nationality="UZ",
        address="Almaty, Tole Bi St 180",
    )
    nazarov = person(almaty, [("Назаров", "Сардор", "Ильхомович")], nationality="UZ")
    tursunov = person(almaty, [("Турсунов", "Жасур", "Акмалович")], nationality="UZ")
    exchange = make_party(
        session,
        office=almaty,
        names=["ООО «Шёлковый путь обмен»"],
        kind=PartyKind.COMPANY,
        jurisdiction="UZ",
    )
    put(fraud, aliyev, 210, PartyRole.ACCUSED)
    put(fraud, khodjaev, 210)
    put(fraud, company, 210, PartyRole.OTHER)
    put(smuggling, courier, 90)
    put(smuggling, aliyev, 90, PartyRole.WITNESS)
    for member in (broker, nazarov, tursunov):
        put(group, member, 60)
    put(group, exchange, 60, PartyRole.OTHER)
    put(fraud, broker, 45)
    account = make_asset(
        session,
        case=fraud,
        kind=AssetKind.BANK_ACCOUNT,
        identifier="UZ21 0000 0000 2020 8000 0000 0001",
        country_code="UZ",
        estimated_value=Decimal("412000"),
        currency="USD",
    )
    make_owner(session, account, khodjaev, share=Decimal("100"))
    flat = make_asset(
        session,
        case=fraud,
        kind=AssetKind.REAL_ESTATE,
        identifier="20-321-045-117",
        country_code="KZ",
        estimated_value=Decimal("98000000"),
        currency="KZT",
    )
    make_owner(session, flat, aliyev, share=Decimal("50"))
    make_owner(session, flat, company, share=Decimal("50"))
    yusupov = person(tashkent, [("Юсупов", "Шерзод", "Рустамович"), ("Yusupov", "Sherzod", "")])
    put(theirs, yusupov, 150, PartyRole.ACCUSED)
    their_broker = person(
        tashkent,
        [("Исмоилов", "Фаррух", "Баходирович"), ("Ismoilov", "Farrux", "Bahodirovich")],
        birth_date=date(1983, 8, 21),
        nationality="UZ",
    )
    put(theirs, their_broker, 30)


#: The story is the world of every test here and of tests/test_graph_period.py and
#: tests/test_graph_browser.py, which import these fixtures.
world, directory_app, people = snapshot_fixtures(_broker_story)


def test_removing_the_broker_splits_almaty_and_tashkent_and_a_request_is_needed(
    directory_app, people
):
    body = api_client(directory_app, people.almaty).get(
        "/api/v1/graph/disruption?strategy=betweenness&steps=10"
    )
    assert body.status_code == 200
    plan = body.get_json()
    assert plan["strategy"] == "betweenness" and plan["sampled"] is None
    assert plan["start"]["groups"] == 1 and plan["start"]["largest_share"] == 1.0
    first = plan["steps"][0]
    assert first["removed"]["label"] == BROKER and first["removed"]["kind"] == "person"
    assert first["groups"] == 2 and first["largest_share"] < 0.6
    assert first["efficiency"] < plan["start"]["efficiency"]
    assert len(plan["steps"]) == min(10, plan["actors"])
    assert set(plan["steps"][0]) == {"removed", "largest_share", "groups", "efficiency"}
    assert plan["baseline"]["strategy"] == "random"
    assert len(plan["baseline"]["steps"]) == len(plan["steps"])
    broker = plan["targets"][0]
    assert "connects 2 groups" in broker["why"] and "links cases in KZ and UZ" in broker["why"]
    assert broker["requests"] == []
    assert broker["needed"] == [
        {
            "country": "UZ",
            "offices": [
                {"code": "UZ-TAS", "name": "Tashkent City Prosecutor's Office", "via": "hit"}
            ],
            "assets": False,
            "has_request": False,
        }
    ]
    text = json.dumps(plan, ensure_ascii=False)
    for secret in TASHKENT_ONLY:
        assert secret not in text


def test_every_strategy_runs_and_the_random_baseline_repeats_with_its_seed(directory_app, people):
    api = api_client(directory_app, people.almaty)
    for strategy in ("betweenness", "degree", "cut_points", "assets", "random"):
        response = api.get(f"/api/v1/graph/disruption?strategy={strategy}&steps=3")
        assert response.status_code == 200, strategy
        assert response.get_json()["steps"], strategy
    holders = api.get("/api/v1/graph/disruption?strategy=assets&steps=2").get_json()
    # Khodjaev holds all of the recorded USD (the frozen Tashkent account).
    assert holders["steps"][0]["removed"]["label"] == "Ходжаев Бахтиёр Алишерович"
    one = api.get("/api/v1/graph/disruption?strategy=random&steps=5&seed=3").get_json()
    two = api.get("/api/v1/graph/disruption?strategy=random&steps=5&seed=3").get_json()
    assert [s["removed"]["id"] for s in one["steps"]] == [s["removed"]["id"] for s in two["steps"]]


@pytest.mark.parametrize(
    "query",
    [
        "strategy=charisma",
        "steps=0",
        "steps=51",
        "steps=ten",
        "seed=-1",
        "from=2026-02-30",
        "from=2026-05-01&to=2026-04-01",
    ],
)
def test_out_of_range_arguments_answer_422(directory_app, people, query):
    response = api_client(directory_app, people.almaty).get(f"/api/v1/graph/disruption?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid"


def test_the_network_as_of_a_date_shows_how_it_grew(directory_app, people):
    from datetime import timedelta

    api = api_client(directory_app, people.almaty)
    # Fifty days ago the broker was not yet in the fraud case: the two groups stood apart.
    before = (clock.today() - timedelta(days=50)).isoformat()
    earlier = api.get(f"/api/v1/graph/disruption?steps=1&to={before}").get_json()
    assert earlier["start"]["groups"] == 2
    now = api.get("/api/v1/graph/disruption?steps=1").get_json()
    assert now["start"]["groups"] == 1 and now["ties"] > earlier["ties"]
    ancient = api.get("/api/v1/graph/disruption?steps=1&to=2000-01-01").get_json()
    assert ancient["actors"] == 0 and ancient["steps"] == []


def test_roles_name_the_broker_the_communities_and_jurisdictions(directory_app, people):
    roles = api_client(directory_app, people.almaty).get("/api/v1/graph/roles").get_json()
    by_label = {a["label"]: a for a in roles["actors"]}
    broker = by_label[BROKER]
    assert broker["is_broker"] and broker["is_cut_point"] and broker["reaches"]
    assert broker["jurisdictions"] == ["KZ", "UZ"]
    assert roles["actors"][0]["label"] == BROKER
    assert len(roles["communities"]) >= 2 and roles["main_core"] >= 2
    text = json.dumps(roles, ensure_ascii=False)
    for secret in TASHKENT_ONLY:
        assert secret not in text


def test_each_office_analyses_only_its_own_network(directory_app, people):
    tashkent = (
        api_client(directory_app, people.tashkent)
        .get("/api/v1/graph/disruption?steps=5")
        .get_json()
    )
    labels = {t["label"] for t in tashkent["targets"]}
    assert "Алиев Тимур Рашидович" not in labels and "Назаров Сардор Ильхомович" not in labels
    text = json.dumps(tashkent, ensure_ascii=False)
    for almaty_only in (FRAUD, GROUP, "Алиев", "Tole Bi"):
        assert almaty_only not in text
    # Tashkent's broker record is told Almaty holds a record, by office only.
    theirs = [t for t in tashkent["targets"] if "Исмоилов" in t["label"]]
    assert theirs and theirs[0]["needed"][0]["offices"][0]["code"] == "KZ-ALM"
    georgia = api_client(directory_app, people.tbilisi).get("/api/v1/graph/roles").get_json()
    assert "Исмоилов" not in json.dumps(georgia, ensure_ascii=False)
    for path in ("/api/v1/graph/disruption", "/api/v1/graph/roles", "/api/v1/graph/flows"):
        assert api_client(directory_app, people.coordinator).get(path).status_code == 404
        assert api_client(directory_app, people.admin).get(path).status_code == 404


def test_the_central_authority_sees_its_countrys_offices(directory_app, people):
    plan = (
        api_client(directory_app, people.kz_ca).get("/api/v1/graph/disruption?steps=1").get_json()
    )
    assert plan["steps"][0]["removed"]["label"] == BROKER


def test_planner_page_shows_the_curves_the_targets_and_what_is_missing(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/links/graph/planner")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="planner-data"' in text and "chart-largest_share" in text
    assert BROKER in text and "No request names them yet." in text
    assert "Tashkent City Prosecutor&#39;s Office holds a record (hit)" in text
    assert "no request sent yet" in text
    for secret in TASHKENT_ONLY:
        assert secret not in text
    bad = client.get("/links/graph/planner?steps=500")
    assert bad.status_code == 422 and "Some values are not valid" in bad.get_data(as_text=True)
    assert (
        signed_in(directory_app, people.coordinator).get("/links/graph/planner").status_code == 404
    )
    assert signed_in(directory_app, people.almaty).get("/links/graph/roles").status_code == 200


def test_exports_carry_exactly_the_visible_graph(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    visible = api_client(directory_app, people.almaty).get("/api/v1/graph").get_json()
    ids = {n["id"] for n in visible["nodes"]}
    gexf = client.get("/links/graph/export.gexf")
    assert gexf.status_code == 200 and gexf.mimetype == "application/gexf+xml"
    graph = nx.read_gexf(io.BytesIO(gexf.data))
    assert set(graph.nodes) == ids
    assert graph.number_of_edges() == len(visible["edges"])
    graphml = nx.read_graphml(io.BytesIO(client.get("/links/graph/export.graphml").data))
    assert set(graphml.nodes) == ids
    broker = next(n for n, d in graphml.nodes(data=True) if d["label"] == BROKER)
    assert graphml.nodes[broker]["is_cut_point"] is True
    nodes = client.get("/links/graph/export.nodes.csv").get_data(as_text=True).splitlines()
    assert nodes[0].startswith("id,kind,label") and len(nodes) == len(ids) + 1
    edges = client.get("/api/v1/graph/export.edges.csv", headers={}).status_code
    assert edges == 401  # the API needs a bearer token
    api_edges = api_client(directory_app, people.almaty).get("/api/v1/graph/export.edges.csv")
    assert api_edges.status_code == 200
    assert len(api_edges.get_data(as_text=True).splitlines()) == len(visible["edges"]) + 1
    for body in (gexf.get_data(as_text=True), "\n".join(nodes)):
        for secret in TASHKENT_ONLY:
            assert secret not in body
    assert client.get("/links/graph/export.pdf").status_code == 404
    assert (
        signed_in(directory_app, people.tbilisi).get("/links/graph/export.gexf").status_code == 200
    )
    assert BROKER not in signed_in(directory_app, people.tbilisi).get(
        "/links/graph/export.gexf"
    ).get_data(as_text=True)
    assert (
        signed_in(directory_app, people.coordinator).get("/links/graph/export.gexf").status_code
        == 404
    )


def test_a_large_network_draws_the_chosen_strategy_and_the_baseline_only(
    directory_app, people, monkeypatch
):
    from casetrack.links import disruption

    monkeypatch.setattr(disruption, "COMPARE_LIMIT", 3)
    text = (
        signed_in(directory_app, people.almaty)
        .get("/links/graph/planner?strategy=degree")
        .get_data(as_text=True)
    )
    assert "only the chosen strategy and the random baseline are drawn" in text
    data = json.loads(text.split('id="planner-data">')[1].split("</script>")[0])
    assert set(data["curves"]) == {"degree", "random"}
