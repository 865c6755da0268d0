"""Hostile input answered with a refusal, never a 500: ranges, NUL, surrogates, nesting, size,
redirect targets, bidi text, hidden ids, 405 with Allow, HSTS and the audit chain's head."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from casetrack.db import db
from casetrack.guards import INT_MAX, safe_next
from tests.factories import (
    PASSWORD,
    api_client,
    make_asset,
    make_case,
    make_complete_request,
    make_hit,
    make_party,
    office,
    signed_in,
)


def _case_of(app, office_code: str, **overrides) -> int:
    """A new case of the directory office ``office_code``."""
    with app.app_context():
        case = make_case(db.session, office=office(db.session, office_code), **overrides)
        db.session.commit()
        return case.id


@pytest.mark.parametrize("case_id", [INT_MAX + 1, 3_000_000_000, 2**63, 10**30])
def test_ids_past_the_database_range_are_404(directory_app, people, case_id):
    assert signed_in(directory_app, people.almaty).get(f"/cases/{case_id}").status_code == 404
    response = api_client(directory_app, people.almaty).get(f"/api/v1/cases/{case_id}")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("value", [INT_MAX + 1, 2**63, 10**30])
def test_integers_past_the_range_in_queries_and_bodies_are_422(directory_app, people, value):
    api = api_client(directory_app, people.almaty)
    response = api.get(f"/api/v1/cases?page={value}")
    assert response.status_code == 422
    assert "page" in response.get_json()["error"]["fields"]
    response = api.get(f"/api/v1/cases?lead={value}")
    assert response.status_code == 422 and "lead" in response.get_json()["error"]["fields"]
    response = api.post(
        "/api/v1/cases", json={"reference": "R-1", "title": "t", "lead_prosecutor_id": value}
    )
    assert response.status_code == 422
    assert "lead_prosecutor_id" in response.get_json()["error"]["fields"]
    assert signed_in(directory_app, people.almaty).get(f"/cases/?page={value}").status_code == 422


@pytest.mark.parametrize("bad", ["a\x00b", "x\ud800y", "\udfff"])
def test_nul_and_lone_surrogates_in_json_are_422(directory_app, people, bad):
    body = json.dumps({"reference": "R-NUL", "title": bad})  # json.dumps escapes both
    response = api_client(directory_app, people.almaty).client.post(
        "/api/v1/cases",
        data=body,
        headers={
            **api_client(directory_app, people.almaty).headers,
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and "title" in error["fields"]


def test_nul_in_query_and_form_is_refused(directory_app, people):
    assert api_client(directory_app, people.almaty).get("/api/v1/cases?q=a%00b").status_code == 422
    client = signed_in(directory_app, people.almaty)
    response = client.get("/cases/?q=a%00b")
    assert response.status_code == 422
    assert "Nothing was saved" in response.get_data(as_text=True)
    response = client.post("/cases/new", data={"reference": "R\x00", "title": "x"})
    assert response.status_code == 422


def test_deep_json_is_413(directory_app, people):
    api = api_client(directory_app, people.almaty)
    body = "[" * 100_000 + "]" * 100_000
    response = api.client.post(
        "/api/v1/cases", data=body, headers={**api.headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    nested = {"reference": "R", "title": "t", "x": {}}
    inner = nested["x"]
    for _ in range(40):
        inner["y"] = {}
        inner = inner["y"]
    assert api.post("/api/v1/cases", json=nested).status_code == 413


def test_huge_json_is_413(directory_app, people):
    api = api_client(directory_app, people.almaty)
    response = api.post("/api/v1/cases", json={"reference": "R", "title": "x" * (3 << 20)})
    assert response.status_code == 413


def test_25_mib_form_post_is_413_not_500(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    response = client.post(
        "/cases/new",
        data={"reference": "R", "title": "x" * (25 << 20)},
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/cases/?q=1", True),
        ("/cases/\r\nSet-Cookie: x=1", False),
        ("/cases/\nLocation: https://evil.example", False),
        ("/cases/\x00", False),
        ("/cases/\u202eexe.txt", False),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("https://evil.example/", False),
        ("cases", False),
        ("/" + "a" * 3000, False),
    ],
)
def test_safe_next(target, safe):
    assert safe_next(target, "/dashboard") == (target if safe else "/dashboard")


def test_crlf_next_after_a_correct_password_goes_to_the_dashboard(directory_app, people):
    response = directory_app.test_client().post(
        "/login",
        data={"email": people.almaty.email, "password": PASSWORD, "next": "/cases/\r\nX-Evil: 1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert "X-Evil" not in str(response.headers)


def test_crlf_next_on_the_language_switch(directory_app, people):
    client = signed_in(directory_app, people.almaty)
    response = client.post("/language", data={"language": "en", "next": "/cases/\r\nX-Evil: 1"})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"


def test_crlf_next_on_hit_seen_and_document_issue(directory_app, people):
    with directory_app.app_context():
        mine = make_party(db.session, office=office(db.session, "KZ-ALM"), names=["Aliyev Timur"])
        theirs = make_party(db.session, office=office(db.session, "UZ-TAS"), names=["Aliev Timur"])
        hit = make_hit(db.session, mine, theirs).id
        request_id = make_complete_request(db.session).id
        db.session.commit()
    client = signed_in(directory_app, people.almaty)
    response = client.post(f"/links/hits/{hit}/seen", data={"next": "/x\r\nX-Evil: 1"})
    assert response.status_code == 303  # Almaty is a side of the hit
    assert "X-Evil" not in str(response.headers)
    response = client.post(
        f"/requests/{request_id}/documents/request/issue", data={"next": "/x\r\nX-Evil: 1"}
    )
    assert response.status_code in (302, 303)
    assert response.headers["Location"] == f"/requests/{request_id}/documents"


def test_matcher_takes_any_letter_or_mark(directory_app, people):
    api = api_client(directory_app, people.almaty)
    for surname in ["ʼ", "\u0301", "ʼʼʼ", "ǅ", "\u05d0\u05b0", "ㅤ"]:
        response = api.post(
            "/api/v1/parties", json={"kind": "person", "names": [{"surname": surname}]}
        )
        assert response.status_code in (201, 422), (surname, response.get_json())


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    surname=st.text(max_size=12),
    given_name=st.text(max_size=12),
    patronymic=st.text(max_size=12),
    full_name=st.text(max_size=24),
    company=st.booleans(),
)
def test_matcher_never_fails_on_any_text(surname, given_name, patronymic, full_name, company):
    from casetrack.links import matching, name_forms

    a = matching.Record(
        1, 1, company, [name_forms.spelling(full_name, surname, given_name, patronymic, company)]
    )
    b = matching.Record(
        2, 2, company, [name_forms.spelling(full_name or surname, is_company=company)]
    )
    matching.blocking_tokens(a)
    matching.blocking_tokens(b)
    assert 0 <= matching.compare(a, b).score <= 1


def test_405_names_the_allowed_methods(directory_app, people):
    api = api_client(directory_app, people.almaty)
    for method in ("TRACE", "PUT", "DELETE"):
        response = api.client.open("/api/v1/cases", method=method, headers=api.headers)
        assert response.status_code == 405
        assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}
        assert response.get_json()["error"]["code"] == "method_not_allowed"
    response = directory_app.test_client().open("/login", method="TRACE")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


def test_bidi_text_is_isolated_in_pages(directory_app, people):
    case_id = _case_of(directory_app, "KZ-ALM", title="abc\u202edcba.exe")
    isolated = "\u2068abc\u202edcba.exe\u2069"
    client = signed_in(directory_app, people.almaty)
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert isolated in page
    assert "abc\u202edcba.exe" not in page.replace(isolated, "")
    listing = client.get("/cases/").get_data(as_text=True)
    assert isolated in listing


def test_bidi_text_is_isolated_in_pdfs(directory_app, people):
    from flask import render_template_string

    from casetrack.documents import services as documents
    from casetrack.guards import isolate_bidi
    from casetrack.models import DocumentKind, User

    assert isolate_bidi("abc\u202edcba.exe") == "\u2068abc\u202edcba.exe\u2069"
    assert isolate_bidi("Алиев Рашид") == "Алиев Рашид"
    assert isolate_bidi("שלום") == "\u2068שלום\u2069"
    with directory_app.test_request_context():
        assert render_template_string("{{ t }}", t="a\u202eb") == "\u2068a\u202eb\u2069"
        from sqlalchemy import update

        from casetrack.models import Asset, RequestAsset

        request = make_complete_request(db.session)
        asset = make_asset(db.session, case=request.case)
        db.session.add(RequestAsset(request_id=request.id, asset_id=asset.id))
        db.session.execute(update(Asset).values(description="abc\u202edcba.exe"))
        db.session.refresh(request)
        user = db.session.get(User, people.almaty.id)
        html = documents._html(db.session, request, DocumentKind.REQUEST, "en", user, True, None)
    assert "\u2068abc\u202edcba.exe\u2069" in html


def test_hidden_case_id_is_404_on_the_new_request_form(directory_app, people):
    hidden = _case_of(directory_app, "UZ-TAS")
    mine = _case_of(directory_app, "KZ-ALM")
    client = signed_in(directory_app, people.almaty)
    assert client.get(f"/requests/new?case_id={hidden}").status_code == 404
    assert client.get("/requests/new?case_id=x").status_code == 404
    assert client.get(f"/requests/new?case_id={mine}").status_code == 200


def test_hsts_only_with_secure_cookies(backend):
    from casetrack import create_app
    from tests.conftest import DIRECTORY, base_config

    url = backend.copy(DIRECTORY)
    try:
        plain = create_app(base_config(url)).test_client().get("/login")
        assert "Strict-Transport-Security" not in plain.headers
        secure_app = create_app({**base_config(url), "SESSION_COOKIE_SECURE": True})
        secure = secure_app.test_client().get("/login")
        assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        with secure_app.app_context():
            db.engine.dispose()
    finally:
        backend.drop(url)


def test_audit_verify_head_detects_a_cut_off_tail(directory_app, people):
    app, runner = directory_app, directory_app.test_cli_runner()

    def failed_login():
        app.test_client().post("/login", data={"email": people.almaty.email, "password": "wrong"})

    failed_login()  # the chain has a head to keep
    result = runner.invoke(args=["casetrack", "audit-verify", "--head"])
    assert result.exit_code == 0, result.output
    head = result.output.strip()
    head_id, _, head_hash = head.partition(":")
    assert head_id.isdigit() and len(head_hash) == 64
    ok = runner.invoke(args=["casetrack", "audit-verify", "--expect-head", head])
    assert ok.exit_code == 0 and "intact" in ok.output
    failed_login()  # the chain grows: the old head is still in it
    assert runner.invoke(args=["casetrack", "audit-verify", "--expect-head", head]).exit_code == 0
    # Cut the tail off (behind the database's own guard against deletes).
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            db.session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        db.session.execute(text(f"DELETE FROM audit_events WHERE id >= {int(head_id)}"))
        db.session.commit()
    plain = runner.invoke(args=["casetrack", "audit-verify"])
    assert plain.exit_code == 0  # the shortened chain is still consistent in itself …
    cut = runner.invoke(args=["casetrack", "audit-verify", "--expect-head", head])
    assert cut.exit_code == 1  # … but the head kept elsewhere shows the cut
    assert "cut off" in cut.output


@pytest.mark.parametrize("path", ["/cases/", "/parties/", "/assets/", "/api/v1/cases"])
def test_a_search_of_100k_characters_is_422_not_500(directory_app, people, path):
    # The hostile walk's 100,000-character q: SQLite refuses a LIKE pattern that long
    # ("LIKE or GLOB pattern too complex"), so the value is refused at the door.
    long = "x" * 100_000
    if path.startswith("/api/"):
        api = api_client(directory_app, people.almaty)
        response = api.get(path, query_string={"q": long})
        assert response.status_code == 422
        assert "q" in response.get_json()["error"]["fields"]
    else:
        response = signed_in(directory_app, people.almaty).get(path, query_string={"q": long})
        assert response.status_code == 422
        assert "(q)" in response.get_data(as_text=True)
    ok = signed_in(directory_app, people.almaty).get("/cases/", query_string={"q": "x" * 4096})
    assert ok.status_code == 200
