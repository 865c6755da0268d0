"""Two-step sign-in with an authenticator app (TOTP)."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import LoginAttempt, User

EMAIL = "daniyar@kz-gpo.example"
PASSWORD = "casetrack-demo-2026"


def _enrol(client) -> str:
    page = client.get("/account/security").get_data(as_text=True)
    assert "<svg" in page
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post(
        "/account/security",
        data={"enrol-secret": secret, "enrol-code": pyotp.TOTP(secret).now()},
    )
    assert response.status_code == 302
    return secret


def test_enrolment_needs_a_right_code(app, login_as):
    client = login_as(EMAIL)
    page = client.get("/account/security").get_data(as_text=True)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post(
        "/account/security", data={"enrol-secret": secret, "enrol-code": "000000"}
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == EMAIL)) is None


def test_login_asks_for_the_code_and_refuses_a_replay(app, login_as):
    secret = _enrol(login_as(EMAIL))
    client = app.test_client()
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.headers["Location"] == "/login/code"
    # The password alone does not sign anyone in.
    assert client.get("/dashboard").status_code == 302
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    # The code used at enrolment cannot be replayed; the next time step's code works.
    totp = pyotp.TOTP(secret)
    with app.app_context():
        last_step = db.session.scalar(select(User.totp_last_step).where(User.email == EMAIL))
    next_code = totp.generate_otp(last_step + 1)
    replay = totp.generate_otp(last_step)
    assert client.post("/login/code", data={"code": replay}).status_code == 401
    response = client.post("/login/code", data={"code": next_code})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    # Signed in once with that code: using it again in another browser fails.
    other = app.test_client()
    other.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert other.post("/login/code", data={"code": next_code}).status_code == 401


def test_code_page_without_password_step_sends_to_login(client):
    response = client.get("/login/code")
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_wrong_codes_lock_the_account(app, login_as):
    _enrol(login_as(EMAIL))
    client = app.test_client()
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login/code", data={"code": "000000"})
    with app.app_context():
        attempts = db.session.get(LoginAttempt, EMAIL)
        assert attempts.locked_until is not None


def test_disable_needs_a_code(app, login_as):
    client = login_as(EMAIL)
    secret = _enrol(client)
    assert client.post("/account/security", data={"disable-code": "000000"}).status_code == 400
    with app.app_context():
        step = db.session.scalar(select(User.totp_last_step).where(User.email == EMAIL))
    code = pyotp.TOTP(secret).generate_otp(step + 1)
    assert client.post("/account/security", data={"disable-code": code}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == EMAIL)) is None
