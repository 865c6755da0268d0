"""The API's directory, error envelope, pagination arguments and OpenAPI document."""

from __future__ import annotations

from tests.factories import api_client, signed_in


def test_openapi_document_is_generated(directory_app):
    response = directory_app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/offices" in spec["paths"]
    assert "/api/v1/treaties" in spec["paths"]
    assert "bearer" in spec["components"]["securitySchemes"]


def test_offices_list_the_directory(directory_app, people):
    api = api_client(directory_app, people.almaty)
    response = api.get("/api/v1/offices")
    assert response.status_code == 200
    by_code = {o["code"]: o for o in response.json}
    assert by_code["KZ-ALM"]["parent"] == "KZ-GPO"
    assert by_code["KZ-ALM"]["kind"] == "prosecutor_office"
    assert by_code["US-OIA"]["is_member"] is False
    only_uz = api.get("/api/v1/offices?country=uz").json
    assert only_uz and {o["country"] for o in only_uz} == {"UZ"}


def test_treaties_between_two_states(directory_app, people):
    api = api_client(directory_app, people.almaty)
    answer = api.get("/api/v1/treaties?between=KZ,UZ&on=2026-03-01").json
    codes = {t["code"] for t in answer["items"]}
    assert {"UNTOC", "UNCAC", "MINSK1993", "KZUZ1997"} <= codes
    refused = {t["code"]: t for t in answer["not_applicable"]}
    assert refused["COE1959"]["reason_code"] == "not_party"
    assert (
        "Kazakhstan" in refused["COE1959"]["reason"] or "Казахстан" in refused["COE1959"]["reason"]
    )
    assert all(t["why"] for t in answer["items"])
    with_turkey = api.get("/api/v1/treaties?between=KZ,TR").json
    assert "MINSK1993" not in {t["code"] for t in with_turkey["items"]}
    assert "UNTOC" in {t["code"] for t in with_turkey["items"]}
    untoc = next(t for t in answer["items"] if t["code"] == "UNTOC")
    items = {r["item"]: r for r in untoc["treaty"]["requirements"]}
    assert {"requesting_authority", "facts", "assistance_sought", "purpose"} <= set(items)
    assert items["persons_identity"]["strength"] == "where_possible"


def test_bad_query_answers_the_error_envelope(directory_app, people):
    api = api_client(directory_app, people.almaty)
    response = api.get("/api/v1/treaties?between=KAZ,1")
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "invalid"
    assert "between" in error["fields"]


def test_unknown_api_path_is_a_json_404(directory_app, people):
    response = api_client(directory_app, people.almaty).get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_unknown_page_is_an_html_404(directory_app, people):
    response = signed_in(directory_app, people.almaty).get("/no-such-page")
    assert response.status_code == 404
    assert b"<html" in response.data
