"""Finding a party under any spelling, in pages and the API, within the user's scope."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import Party, PartyNameToken
from tests.conftest import snapshot_fixtures
from tests.factories import api_client, make_person, office, signed_in

ALIYEV = "Алиев Тимур Рашидович"


def _parties(session, people) -> None:
    """Aliyev (Cyrillic and Latin) and Zhaparov at Almaty, Yusupov at Tashkent."""
    almaty, tashkent = office(session, "KZ-ALM"), office(session, "UZ-TAS")
    make_person(
        session,
        office=almaty,
        spellings=[("Алиев", "Тимур", "Рашидович"), ("Aliyev", "Timur", "Rashidovich")],
    )
    make_person(session, office=almaty, spellings=[("Жапаров", "Нурлан", "")])
    make_person(
        session,
        office=tashkent,
        spellings=[("Юсупов", "Шерзод", "Рустамович"), ("Yusupov", "Sherzod", "Rustamovich")],
    )


world, directory_app, people = snapshot_fixtures(_parties)


@pytest.mark.parametrize("query", ["Алиев", "Aliyev", "Aliev", "Əliyev", "aliev timur", "ali"])
def test_every_spelling_finds_aliyev_in_the_page(directory_app, people, query):
    page = (
        signed_in(directory_app, people.almaty)
        .get("/parties/", query_string={"q": query})
        .get_data(as_text=True)
    )
    assert ALIYEV in page


@pytest.mark.parametrize("query", ["Алиев", "Aliyev", "Aliev", "Əliyev", "aliev timur"])
def test_every_spelling_finds_aliyev_in_the_api(directory_app, people, query):
    body = (
        api_client(directory_app, people.almaty)
        .get("/api/v1/parties", query_string={"q": query})
        .get_json()
    )
    assert [p["display_name"] for p in body["items"]] == [ALIYEV]
    assert {n["full_name"] for n in body["items"][0]["names"]} >= {
        ALIYEV,
        "Aliyev Timur Rashidovich",
    }


def test_every_word_must_match_the_same_party(directory_app, people):
    client = api_client(directory_app, people.almaty)
    assert client.get("/api/v1/parties?q=aliev nurlan").get_json()["items"] == []
    found = client.get("/api/v1/parties?q=Жапаров Нурлан").get_json()["items"]
    assert [p["display_name"] for p in found] == ["Жапаров Нурлан"]


def test_latin_only_party_is_found_by_its_cyrillic_spelling(directory_app, people):
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM")
        make_person(db.session, office=almaty, spellings=[("Yusupova", "Dilfuza", "")])
        db.session.commit()
    body = (
        api_client(directory_app, people.almaty)
        .get("/api/v1/parties", query_string={"q": "Юсупова"})
        .get_json()
    )
    assert [p["display_name"] for p in body["items"]] == ["Yusupova Dilfuza"]
    page = signed_in(directory_app, people.almaty).get(
        "/parties/", query_string={"q": "Юсупова Дильфуза"}
    )
    assert "Yusupova Dilfuza" in page.get_data(as_text=True)


@pytest.mark.parametrize("query", ["Петренко", "Smith", "Алиева Зарина"])
def test_an_unrelated_name_is_not_found(directory_app, people, query):
    assert (
        api_client(directory_app, people.almaty)
        .get("/api/v1/parties", query_string={"q": query})
        .get_json()["items"]
        == []
    )
    page = (
        signed_in(directory_app, people.almaty)
        .get("/parties/", query_string={"q": query})
        .get_data(as_text=True)
    )
    assert ALIYEV not in page


def test_search_is_scoped(directory_app, people):
    # Yusupov is a Tashkent party: Almaty and Kazakhstan's central authority never find him.
    for person in (people.almaty, people.kz_ca):
        api = api_client(directory_app, person)
        assert api.get("/api/v1/parties?q=Yusupov").get_json()["items"] == []
        page = signed_in(directory_app, person).get("/parties/?q=Yusupov").get_data(as_text=True)
        assert "Юсупов" not in page
    for person in (people.tashkent, people.uz_ca):
        items = api_client(directory_app, person).get("/api/v1/parties?q=Юсупов").get_json()
        assert [p["display_name"] for p in items["items"]] == ["Юсупов Шерзод Рустамович"]
    tashkent = api_client(directory_app, people.tashkent)
    assert tashkent.get("/api/v1/parties?q=Aliyev").get_json()["items"] == []


def test_like_wildcards_in_the_query_are_plain_text(directory_app, people):
    # "%liev" would find Aliyev if % were a wildcard; a word matches from its first letter.
    api = api_client(directory_app, people.almaty)
    assert api.get("/api/v1/parties?q=%25liev").get_json()["items"] == []
    assert api.get("/api/v1/parties?q=_liev").get_json()["items"] == []


def test_search_runs_in_the_database_with_the_token_index(directory_app, people, count_queries):
    client = api_client(directory_app, people.almaty)
    with count_queries() as statements:
        client.get("/api/v1/parties?q=Aliyev Timur")
    searched = [s for s in statements if "party_name_tokens" in s]
    assert searched and all("LIKE" in s.upper() for s in searched)


def test_each_token_carries_its_partys_office(directory_app, people):
    """The search reads the tokens of the user's offices only: each token, written with its
    name, holds its party's office, whether the party came by the page or by a factory."""
    response = signed_in(directory_app, people.tashkent).post(
        "/parties/new",
        data={
            "kind": "person",
            "names-0-surname": "Каримов",
            "names-0-given_name": "Рустам",
            "names-0-is_primary": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with directory_app.app_context():
        pairs = db.session.execute(
            select(PartyNameToken.office_id, Party.office_id, Party.display_name).join(
                Party, Party.id == PartyNameToken.party_id
            )
        ).all()
    assert pairs and all(token == party for token, party, _name in pairs)
    assert any("Каримов" in name for _token, _party, name in pairs)
