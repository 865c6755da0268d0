"""Finding a party under any spelling, in pages and the API, within the user's scope."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import Office, Party, PartyKind
from casetrack.parties.names import set_names

#: Read messages in English whatever language the demo users prefer.
pytestmark = pytest.mark.usefixtures("english_ui")

ALMATY = "aigerim@kz-alm.example"
KZ_CA = "daniyar@kz-gpo.example"
TASHKENT = "dilnoza@uz-tas.example"
UZ_CA = "bekzod@uz-gpo.example"
ALIYEV = "Алиев Тимур Рашидович"


@pytest.mark.parametrize("query", ["Алиев", "Aliyev", "Aliev", "Əliyev", "aliev timur", "ali"])
def test_every_spelling_finds_aliyev_in_the_page(login_as, query):
    page = login_as(ALMATY).get("/parties/", query_string={"q": query}).get_data(as_text=True)
    assert ALIYEV in page


@pytest.mark.parametrize("query", ["Алиев", "Aliyev", "Aliev", "Əliyev", "aliev timur"])
def test_every_spelling_finds_aliyev_in_the_api(api_as, query):
    body = api_as(ALMATY).get("/api/v1/parties", query_string={"q": query}).get_json()
    assert [p["display_name"] for p in body["items"]] == [ALIYEV]
    assert {n["full_name"] for n in body["items"][0]["names"]} >= {
        ALIYEV,
        "Aliyev Timur Rashidovich",
    }


def test_every_word_must_match_the_same_party(api_as):
    client = api_as(ALMATY)
    assert client.get("/api/v1/parties?q=aliev nurlan").get_json()["items"] == []
    found = client.get("/api/v1/parties?q=Жапаров Нурлан").get_json()["items"]
    assert [p["display_name"] for p in found] == ["Жапаров Нурлан"]


def test_latin_only_party_is_found_by_its_cyrillic_spelling(app, api_as, login_as):
    with app.app_context():
        office = db.session.scalar(select(Office).where(Office.code == "KZ-ALM"))
        party = Party(office=office, kind=PartyKind.PERSON, display_name="")
        set_names(party, [{"surname": "Yusupova", "given_name": "Dilfuza"}])
        db.session.add(party)
        db.session.commit()
    body = api_as(ALMATY).get("/api/v1/parties", query_string={"q": "Юсупова"}).get_json()
    assert [p["display_name"] for p in body["items"]] == ["Yusupova Dilfuza"]
    page = login_as(ALMATY).get("/parties/", query_string={"q": "Юсупова Дильфуза"})
    assert "Yusupova Dilfuza" in page.get_data(as_text=True)


@pytest.mark.parametrize("query", ["Петренко", "Smith", "Алиева Зарина"])
def test_an_unrelated_name_is_not_found(api_as, login_as, query):
    assert (
        api_as(ALMATY).get("/api/v1/parties", query_string={"q": query}).get_json()["items"] == []
    )
    page = login_as(ALMATY).get("/parties/", query_string={"q": query}).get_data(as_text=True)
    assert ALIYEV not in page


def test_search_is_scoped(api_as, login_as):
    # Yusupov is a Tashkent party: Almaty and Kazakhstan's central authority never find him.
    for email in (ALMATY, KZ_CA):
        assert api_as(email).get("/api/v1/parties?q=Yusupov").get_json()["items"] == []
        page = login_as(email).get("/parties/?q=Yusupov").get_data(as_text=True)
        assert "Юсупов" not in page
    for email in (TASHKENT, UZ_CA):
        items = api_as(email).get("/api/v1/parties?q=Юсупов").get_json()["items"]
        assert [p["display_name"] for p in items] == ["Юсупов Шерзод Рустамович"]
    assert api_as(TASHKENT).get("/api/v1/parties?q=Aliyev").get_json()["items"] == []


def test_like_wildcards_in_the_query_are_plain_text(api_as):
    # "%liev" would find Aliyev if % were a wildcard; a word matches from its first letter.
    assert api_as(ALMATY).get("/api/v1/parties?q=%25liev").get_json()["items"] == []
    assert api_as(ALMATY).get("/api/v1/parties?q=_liev").get_json()["items"] == []


def test_search_runs_in_the_database_with_the_token_index(app, api_as, count_queries):
    client = api_as(ALMATY)
    with count_queries() as statements:
        client.get("/api/v1/parties?q=Aliyev Timur")
    searched = [s for s in statements if "party_name_tokens" in s]
    assert searched and all("LIKE" in s.upper() for s in searched)
