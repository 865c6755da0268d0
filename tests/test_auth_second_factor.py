"""Two-step sign-in with an authenticator app (TOTP)."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import LoginAttempt, User
from tests.factories import PASSWORD, signed_in


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


def test_enrolment_needs_a_right_code(directory_app, people):
    email = people.kz_ca.email
    client = signed_in(directory_app, people.kz_ca)
    page = client.get("/account/security").get_data(as_text=True)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post(
        "/account/security", data={"enrol-secret": secret, "enrol-code": "000000"}
    )
    assert response.status_code == 400
    with directory_app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == email)) is None


def test_login_asks_for_the_code_and_refuses_a_replay(directory_app, people):
    email = people.kz_ca.email
    secret = _enrol(signed_in(directory_app, people.kz_ca))
    client = directory_app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.headers["Location"] == "/login/code"
    # The password alone does not sign anyone in.
    assert client.get("/dashboard").status_code == 302
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    # The code used at enrolment cannot be replayed; the next time step's code works.
    totp = pyotp.TOTP(secret)
    with directory_app.app_context():
        last_step = db.session.scalar(select(User.totp_last_step).where(User.email == email))
    next_code = totp.generate_otp(last_step + 1)
    replay = totp.generate_otp(last_step)
    assert client.post("/login/code", data={"code": replay}).status_code == 401
    response = client.post("/login/code", data={"code": next_code})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    # Signed in once with that code: using it again in another browser fails.
    other = directory_app.test_client()
    other.post("/login", data={"email": email, "password": PASSWORD})
    assert other.post("/login/code", data={"code": next_code}).status_code == 401


def test_code_page_without_password_step_sends_to_login(directory_app):
    response = directory_app.test_client().get("/login/code")
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_wrong_codes_lock_the_account(directory_app, people):
    email = people.kz_ca.email
    _enrol(signed_in(directory_app, people.kz_ca))
    client = directory_app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    for _ in range(directory_app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login/code", data={"code": "000000"})
    with directory_app.app_context():
        attempts = db.session.get(LoginAttempt, email)
        assert attempts.locked_until is not None


def test_disable_needs_a_code(directory_app, people):
    email = people.kz_ca.email
    client = signed_in(directory_app, people.kz_ca)
    secret = _enrol(client)
    assert client.post("/account/security", data={"disable-code": "000000"}).status_code == 400
    with directory_app.app_context():
        step = db.session.scalar(select(User.totp_last_step).where(User.email == email))
    code = pyotp.TOTP(secret).generate_otp(step + 1)
    assert client.post("/account/security", data={"disable-code": code}).status_code == 302
    with directory_app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == email)) is None
