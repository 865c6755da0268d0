"""Signing in and out, lock-out, safe redirects, CSRF, sessions and API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casetrack.db import db, utcnow
from casetrack.models import ApiToken, AuditEvent, LoginAttempt, User, UserSession
from tests.conftest import DIRECTORY, AuthActions, base_config
from tests.factories import PASSWORD, make_user, office, signed_in

PROSECUTOR = "aigerim@kz-alm.example"


@pytest.fixture
def app(directory_app):
    """The directory and one Almaty prosecutor, Aigerim Seitkali, who prefers Russian."""
    with directory_app.app_context():
        _make_prosecutor()
        db.session.commit()
    return directory_app


def _make_prosecutor() -> User:
    return make_user(
        db.session,
        office=office(db.session, "KZ-ALM"),
        email=PROSECUTOR,
        name="Aigerim Seitkali",
        language="ru",
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth(client):
    return Login(client)


class Login(AuthActions):
    """Sign in with the factories' password unless told otherwise."""

    def login(self, email: str, password: str = PASSWORD, follow: bool = False):
        return super().login(email, password, follow)


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b"Sign in" in response.data


def test_dashboard_requires_login(client):
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login?next=%2Fdashboard" in response.headers["Location"]


def test_login_shows_office_dashboard(auth, client):
    response = auth.login(PROSECUTOR, follow=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # The prosecutor prefers Russian, so the office name is shown in Russian.
    assert "Алматы" in page
    assert "Aigerim Seitkali" in page


@pytest.mark.parametrize(
    ("email", "password"),
    [(PROSECUTOR, "wrong-password"), ("nobody@nowhere.example", "whatever-it-is")],
)
def test_wrong_credentials_are_refused_with_one_message(auth, email, password):
    response = auth.login(email, password)
    assert response.status_code == 401
    assert b"Wrong e-mail or password." in response.data


def test_lockout_after_repeated_failures(app, auth):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login(PROSECUTOR, "wrong-password").status_code == 401
    # Even the right password is refused while the account is locked.
    response = auth.login(PROSECUTOR)
    assert response.status_code == 401
    assert b"locked" in response.data
    with app.app_context():
        attempts = db.session.get(LoginAttempt, PROSECUTOR)
        assert attempts.locked_until is not None and attempts.locked_until > utcnow()
        attempts.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert auth.login(PROSECUTOR).status_code == 302


def test_failed_login_is_audited(app, auth):
    auth.login(PROSECUTOR, "wrong-password")
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    # The failure itself, with the address as typed; the counter is bookkeeping, not a change.
    assert event.action == "login_failed"
    assert event.after["email"] == PROSECUTOR


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/dashboard?x=1", "/dashboard?x=1"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example/", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("javascript:alert(1)", "/dashboard"),
    ],
)
def test_next_redirect_stays_on_site(client, target, expected):
    response = client.post(
        "/login",
        data={"email": PROSECUTOR, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_logout_ends_the_server_session(app, auth, client):
    auth.login(PROSECUTOR)
    cookie = client.get_cookie("session")
    assert client.get("/dashboard").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/dashboard").status_code == 302
    # A copy of the old cookie is worthless: the session it names is gone from the server.
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/dashboard").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(UserSession.id))) == 0


def test_idle_session_expires(app, auth, client):
    auth.login(PROSECUTOR)
    with app.app_context():
        record = db.session.scalar(select(UserSession))
        record.last_seen_at = utcnow() - timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
        db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_disabled_user_is_signed_out(app, auth, client):
    auth.login(PROSECUTOR)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == PROSECUTOR))
        user.is_active = False
        db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_over_long_email_is_a_form_error(auth):
    response = auth.login("a" * 300 + "@example.org", "x")
    assert response.status_code == 400
    assert b"is-invalid" in response.data


def test_language_switch_is_remembered_for_the_user(app, people):
    client = signed_in(app, people.kz_ca)
    assert "Dashboard" in client.get("/dashboard").get_data(as_text=True)
    response = client.post("/language", data={"language": "ru", "next": "/dashboard"})
    assert response.status_code == 302
    assert "Панель" in client.get("/dashboard").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, people.kz_ca.id).language == "ru"


def test_security_headers(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


class TestWithCsrf:
    """The same forms with CSRF protection on, as in production."""

    @pytest.fixture
    def csrf_client(self, backend):
        from casetrack import create_app

        url = backend.copy(DIRECTORY)
        app = create_app({**base_config(url), "WTF_CSRF_ENABLED": True})
        with app.app_context():
            _make_prosecutor()
            db.session.commit()
        yield app.test_client()
        with app.app_context():
            db.engine.dispose()
        backend.drop(url)

    def test_login_without_token_is_refused(self, csrf_client):
        response = csrf_client.post("/login", data={"email": PROSECUTOR, "password": PASSWORD})
        assert response.status_code == 400
        assert b"The form had expired" in response.data
        assert b'data-testid="whoami"' not in response.data

    def test_logout_without_token_is_refused(self, csrf_client):
        import re

        page = csrf_client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = csrf_client.post(
            "/login",
            data={"email": PROSECUTOR, "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302
        assert csrf_client.post("/logout").status_code == 400
        assert csrf_client.get("/dashboard").status_code == 200


def test_api_token_is_stored_hashed(app):
    result = app.test_cli_runner().invoke(args=["casetrack", "token", PROSECUTOR])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert token.startswith("ct_")
    with app.app_context():
        stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored
    response = app.test_client().get(
        "/api/v1/offices", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


def test_api_refuses_missing_or_wrong_token(client):
    for headers in ({}, {"Authorization": "Bearer ct_not-a-token"}, {"Authorization": "Basic x"}):
        response = client.get("/api/v1/offices", headers=headers)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"


def test_api_ignores_the_session_cookie(auth, client):
    auth.login(PROSECUTOR)
    assert client.get("/api/v1/offices").status_code == 401


def test_every_page_refuses_anonymous_users(app):
    import re

    public = {
        "auth.login",
        "auth.logout",
        "auth.set_language",
        "main.index",
        "static",
        "bootstrap.static",
        "calendar.feed",
    }
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in public or rule.endpoint.startswith("api-docs"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?[a-z_]+>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            assert response.status_code in (302, 401), f"{method} {path} answered anonymously"
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]
