"""The API's directory, error envelope, pagination arguments and OpenAPI document."""

from __future__ import annotations

PROSECUTOR = "aigerim@kz-alm.example"


def test_openapi_document_is_generated(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/offices" in spec["paths"]
    assert "/api/v1/treaties" in spec["paths"]
    assert "bearer" in spec["components"]["securitySchemes"]


def test_offices_list_the_directory(api_as):
    api = api_as(PROSECUTOR)
    response = api.get("/api/v1/offices")
    assert response.status_code == 200
    by_code = {o["code"]: o for o in response.json}
    assert by_code["KZ-ALM"]["parent"] == "KZ-GPO"
    assert by_code["KZ-ALM"]["kind"] == "prosecutor_office"
    assert by_code["US-OIA"]["is_member"] is False
    only_uz = api.get("/api/v1/offices?country=uz").json
    assert only_uz and {o["country"] for o in only_uz} == {"UZ"}


def test_treaties_between_two_states(api_as):
    api = api_as(PROSECUTOR)
    codes = {t["code"] for t in api.get("/api/v1/treaties?between=KZ,UZ").json}
    assert {"UNTOC", "UNCAC", "VIENNA1988", "MINSK1993"} <= codes
    assert "COE1959" not in codes
    with_turkey = {t["code"] for t in api.get("/api/v1/treaties?between=KZ,TR").json}
    assert "MINSK1993" not in with_turkey and "UNTOC" in with_turkey
    untoc = next(t for t in api.get("/api/v1/treaties?between=KZ,UZ").json if t["code"] == "UNTOC")
    items = {r["item"] for r in untoc["requirements"]}
    assert {"requesting_authority", "facts", "assistance_sought", "purpose"} <= items


def test_bad_query_answers_the_error_envelope(api_as):
    api = api_as(PROSECUTOR)
    response = api.get("/api/v1/treaties?between=KAZ,1")
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "invalid"
    assert "between" in error["fields"]


def test_unknown_api_path_is_a_json_404(api_as):
    response = api_as(PROSECUTOR).get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_unknown_page_is_an_html_404(login_as):
    response = login_as(PROSECUTOR).get("/no-such-page")
    assert response.status_code == 404
    assert b"<html" in response.data
