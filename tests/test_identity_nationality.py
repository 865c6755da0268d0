"""Identity and nationality: a nationality is a country code chosen from the list, parties are
found by document or registration number, and a patronymic compares across scripts."""

from __future__ import annotations

from datetime import date

import pytest

from casetrack.db import db
from casetrack.links.matching import THRESHOLD, Record, compare
from casetrack.links.name_forms import spelling
from casetrack.models import Party, PartyKind
from casetrack.parties.services import country_code
from tests.factories import (
    api_client,
    make_identity_document,
    make_party,
    make_person,
    office,
    signed_in,
)


@pytest.fixture
def numbered(directory_app, people):
    """Almaty's Aliyev with an IIN and a company with a registration number."""
    with directory_app.app_context():
        almaty = office(db.session, "KZ-ALM")
        aliyev = make_person(db.session, office=almaty, spellings=[("Алиев", "Тимур", "Рашидович")])
        make_identity_document(db.session, aliyev, "790412300123", kind="iin")
        make_party(
            db.session,
            office=almaty,
            names=["ТОО «Степь Трейд»"],
            kind=PartyKind.COMPANY,
            registration_number="190940012345",
        )
        db.session.commit()


def _person(surname, given, patronymic, nationality="", dob=date(1988, 3, 4)):
    return Record(
        1,
        1,
        False,
        [spelling(" ".join((surname, given, patronymic)), surname, given, patronymic)],
        dob,
        nationality,
        [],
    )


def test_a_patronymic_in_two_scripts_is_the_same():
    kazakh = _person("Ахметов", "Серик", "Қайратұлы", "KZ")
    russian = _person("Ахметов", "Серик", "Кайратович", "KZ")
    latin = _person("Akhmetov", "Serik", "Qayratuly", "KZ")
    for other in (russian, latin):
        result = compare(kazakh, other)
        assert {"code": "patronymic_same"} in result.reasons, result.reasons
        assert {"code": "patronymic_differs"} not in result.reasons
        assert result.score >= THRESHOLD
    different = compare(kazakh, _person("Ахметов", "Серик", "Бауыржанович", "KZ"))
    assert {"code": "patronymic_differs"} in different.reasons


def test_nationality_compares_as_a_code():
    result = compare(_person("Ахметов", "Серик", "", "kz"), _person("Akhmetov", "Serik", "", "KZ"))
    assert {"code": "nationality_same"} in result.reasons


def test_free_text_nationalities_map_to_codes():
    assert country_code("KAZAKHSTAN") == "KZ"
    assert country_code("Казахстан") == "KZ"
    assert country_code("uz") == "UZ"
    assert country_code("Atlantis") is None


def _party_form(**extra):
    return {
        "kind": "person",
        "names-0-surname": "Ахметов",
        "names-0-given_name": "Серик",
        "names-0-patronymic": "Қайратұлы",
        "names-0-is_primary": "y",
        "role": "other",
        **extra,
    }


def test_the_form_offers_the_country_list_and_stores_the_code(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    page = client.get("/parties/new").get_data(as_text=True)
    assert '<select class="form-select' in page and 'name="nationality"' in page
    assert '<option value="KZ">Kazakhstan</option>' in page
    bad = client.post("/parties/new", data=_party_form(nationality="Atlantis"))
    assert bad.status_code == 422
    assert "Choose the nationality from the country list." in bad.get_data(as_text=True)
    good = client.post("/parties/new", data=_party_form(nationality="KZ"))
    assert good.status_code == 302, good.get_data(as_text=True)
    party_id = int(good.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    with directory_app.app_context():
        assert db.session.get(Party, party_id).nationality == "KZ"
    shown = client.get(f"/parties/{party_id}").get_data(as_text=True)
    assert "Kazakhstan" in shown


def test_the_api_takes_a_country_name_and_stores_the_code(directory_app, people):
    client = api_client(directory_app, people.almaty)
    response = client.post(
        "/api/v1/parties",
        json={
            "kind": "person",
            "names": [{"surname": "Ахметов", "given_name": "Серик", "is_primary": True}],
            "nationality": "KAZAKHSTAN",
        },
    )
    assert response.status_code == 201, response.json
    assert response.json["nationality"] == "KZ"
    bad = client.post(
        "/api/v1/parties",
        json={"kind": "person", "names": [{"full_name": "X Y"}], "nationality": "Atlantis"},
    )
    assert bad.status_code == 422 and "nationality" in bad.json["error"]["fields"]


def test_parties_are_found_by_document_or_registration_number(directory_app, people, numbered):
    client = signed_in(directory_app, people.almaty)
    for query, name in (
        ("790412300123", "Алиев Тимур Рашидович"),  # IIN
        ("7904 1230 0123", "Алиев Тимур Рашидович"),
        ("190940012345", "ТОО «Степь Трейд»"),  # company registration number
    ):
        page = client.get("/parties/", query_string={"q": query}).get_data(as_text=True)
        assert name in page, query
    nothing = client.get("/parties/", query_string={"q": "000000000000"}).get_data(as_text=True)
    assert "Алиев Тимур Рашидович" not in nothing
    # Another office's number finds nothing: the search stays within what the user sees.
    other = signed_in(directory_app, people.tashkent).get(
        "/parties/", query_string={"q": "790412300123"}
    )
    assert "Алиев Тимур Рашидович" not in other.get_data(as_text=True)


def test_the_migration_maps_free_text_to_codes(directory_app):
    """The data step of the migration, run again on rows written as free text."""
    import importlib.util

    from casetrack import ROOT

    path = ROOT / "migrations" / "versions" / "0006_central_authority_desk.py"
    spec = importlib.util.spec_from_file_location("desk_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with directory_app.app_context():
        parties = [make_person(db.session) for _ in range(3)]
        for party, text in zip(parties, ("KAZAKHSTAN", "Узбекистан", "Atlantis"), strict=True):
            party.nationality = text
        db.session.commit()
        ids = [p.id for p in parties]
        with db.engine.begin() as connection:
            from alembic.migration import MigrationContext
            from alembic.operations import Operations

            module.op = Operations(MigrationContext.configure(connection))
            module._nationality_to_codes()
        db.session.expire_all()
        values = [db.session.get(Party, i).nationality for i in ids]
    assert values == ["KZ", "UZ", "Atlantis"]
