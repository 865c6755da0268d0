"""Sign-in under attack: a guess budget that parallel workers cannot overrun, unknown and
known addresses that answer alike, and every refusal on the record."""

from __future__ import annotations

import re
import threading

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from casetrack.auth import services
from casetrack.db import db
from casetrack.models import AuditEvent, LoginAttempt, User
from tests.conftest import DIRECTORY, AuthActions
from tests.factories import PASSWORD, api_client, make_case, make_user, office, signed_in

PROSECUTOR = "aigerim@kz-alm.example"
UNKNOWN = "nobody-here@kz-alm.example"


def _make_prosecutor() -> User:
    return make_user(db.session, office=office(db.session, "KZ-ALM"), email=PROSECUTOR)


@pytest.fixture
def app(directory_app):
    """The directory and one Almaty prosecutor, ``PROSECUTOR``, whose password is PASSWORD."""
    with directory_app.app_context():
        _make_prosecutor()
        db.session.commit()
    return directory_app


@pytest.fixture
def auth(app):
    return Login(app.test_client())


class Login(AuthActions):
    """Sign in with the factories' password unless told otherwise."""

    def login(self, email: str, password: str = PASSWORD, follow: bool = False):
        return super().login(email, password, follow)


def _tashkent_case(app) -> int:
    with app.app_context():
        case = make_case(db.session, office=office(db.session, "UZ-TAS"))
        db.session.commit()
        return case.id


def _events(app, action: str | None = None) -> list[AuditEvent]:
    with app.app_context():
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            stmt = stmt.where(AuditEvent.action == action)
        return list(db.session.scalars(stmt))


def _answer(response) -> str:
    """The page without what differs on every request (CSRF tokens, nonces)."""
    return re.sub(r'value="[^"]{20,}"', 'value=""', response.get_data(as_text=True))


def test_parallel_guesses_get_no_more_password_checks_than_the_limit(app, monkeypatch):
    """20 threads guess at once; exactly LOGIN_MAX_FAILURES of them reach a password check."""
    limit = app.config["LOGIN_MAX_FAILURES"]
    with app.app_context():
        real_hash = db.session.scalar(select(User.password_hash).where(User.email == PROSECUTOR))
    checks: list[str] = []
    lock = threading.Lock()
    original = PasswordHasher.verify

    def counting_verify(self, hash, password):  # noqa: A002
        if hash == real_hash:
            with lock:
                checks.append(password)
        return original(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    threads_count = 20
    barrier = threading.Barrier(threads_count)
    statuses: list[int] = []

    def guess(n: int) -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post("/login", data={"email": PROSECUTOR, "password": f"guess-{n}"})
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [401] * threads_count
    assert len(checks) == limit
    assert len(_events(app, "login_failed")) == limit
    assert len(_events(app, "login_locked")) == threads_count - limit
    assert len(_events(app, "login_lockout")) == 1
    with app.app_context():
        attempts = db.session.get(LoginAttempt, PROSECUTOR)
        assert attempts.failures == limit and attempts.locked_until is not None
    # The right password is not even looked at while the lock lasts.
    assert (
        app.test_client()
        .post("/login", data={"email": PROSECUTOR, "password": PASSWORD})
        .status_code
        == 401
    )
    assert len(checks) == limit


def test_unknown_address_locks_and_answers_like_a_known_one(app):
    limit = app.config["LOGIN_MAX_FAILURES"]
    answers = {}
    for email in (PROSECUTOR, UNKNOWN):
        client = app.test_client()
        pages = []
        for n in range(limit + 1):
            response = client.post("/login", data={"email": email, "password": f"wrong-{n}"})
            assert response.status_code == 401
            pages.append(_answer(response))
        answers[email] = pages
    assert answers[PROSECUTOR] == answers[UNKNOWN]
    assert "Wrong e-mail or password." in answers[UNKNOWN][0]
    assert "Too many failed attempts" in answers[UNKNOWN][limit]
    with app.app_context():
        assert db.session.get(LoginAttempt, UNKNOWN).locked_until is not None


def test_addresses_are_counted_as_typed_but_normalised(app):
    limit = app.config["LOGIN_MAX_FAILURES"]
    client = app.test_client()
    for n in range(limit):
        email = PROSECUTOR.upper() if n % 2 else PROSECUTOR.capitalize()
        client.post("/login", data={"email": email, "password": f"wrong-{n}"})
    response = client.post("/login", data={"email": PROSECUTOR, "password": PASSWORD})
    assert b"Too many failed attempts" in response.data
    typed = [e.after["email"] for e in _events(app, "login_failed")]
    assert PROSECUTOR.upper() in typed and PROSECUTOR.capitalize() in typed


def test_success_clears_the_count(app, auth):
    for n in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        auth.login(PROSECUTOR, f"wrong-{n}")
    assert auth.login(PROSECUTOR).status_code == 302
    with app.app_context():
        assert db.session.get(LoginAttempt, PROSECUTOR) is None


def test_dummy_hash_is_computed_once(app, monkeypatch):
    services._DUMMY_HASH.clear()
    made = []
    original = PasswordHasher.hash

    def counting_hash(self, password, **kw):
        made.append(1)
        return original(self, password, **kw)

    monkeypatch.setattr(PasswordHasher, "hash", counting_hash)
    for n in range(4):
        app.test_client().post("/login", data={"email": f"x{n}@nowhere.example", "password": "p"})
    assert len(made) == 1
    assert len(services._DUMMY_HASH) == 1


class TestSecurityEventsStay:
    """Each refusal is written in a transaction of its own: the request's rollback keeps it."""

    def test_failed_login_records_the_address_as_typed_never_the_password(self, app, auth):
        auth.login("Nobody@Nowhere.example", "s3cret-Pa55word")
        event = _events(app, "login_failed")[-1]
        assert event.after["email"] == "Nobody@Nowhere.example"
        assert event.after["ip"] == "127.0.0.1" and event.after["path"] == "/login"
        assert event.actor_id is None
        everything = " ".join(str(e.before) + str(e.after) for e in _events(app))
        assert "s3cret-Pa55word" not in everything

    def test_login_lockout_and_locked_attempt(self, app, auth):
        for n in range(app.config["LOGIN_MAX_FAILURES"] + 1):
            auth.login(PROSECUTOR, f"wrong-{n}")
        lockout = _events(app, "login_lockout")
        locked = _events(app, "login_locked")
        assert len(lockout) == 1 and lockout[0].object_type == "users"
        assert len(locked) == 1 and locked[0].after["email"] == PROSECUTOR

    def test_login_and_logout(self, app, auth):
        assert auth.login(PROSECUTOR).status_code == 302
        assert auth.logout().status_code == 302
        with app.app_context():
            user_id = db.session.scalar(select(User.id).where(User.email == PROSECUTOR))
        assert [e.actor_id for e in _events(app, "login")] == [user_id]
        assert [e.actor_id for e in _events(app, "logout")] == [user_id]

    def test_second_factor_failure(self, app, people):
        import pyotp

        email, client = people.kz_ca.email, signed_in(app, people.kz_ca)
        page = client.get("/account/security").get_data(as_text=True)
        secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
        client.post(
            "/account/security",
            data={"enrol-secret": secret, "enrol-code": pyotp.TOTP(secret).now()},
        )
        other = app.test_client()
        other.post("/login", data={"email": email, "password": PASSWORD})
        assert other.post("/login/code", data={"code": "000000"}).status_code == 401
        event = _events(app, "second_factor_failed")[-1]
        assert event.object_type == "users" and event.after["email"] == email

    def test_refused_access_to_an_existing_record(self, app):
        from casetrack.models import Case

        hidden = _tashkent_case(app)
        with app.app_context():
            missing = db.session.scalar(select(Case.id).order_by(Case.id.desc())) + 1000
            prosecutor = db.session.scalar(select(User).where(User.email == PROSECUTOR))
        client = signed_in(app, prosecutor)
        assert client.get(f"/cases/{hidden}").status_code == 404
        assert client.get(f"/cases/{missing}").status_code == 404
        refused = _events(app, "access_refused")
        assert [(e.object_type, e.object_id) for e in refused] == [("cases", hidden)]
        with app.app_context():
            me = db.session.scalar(select(User.id).where(User.email == PROSECUTOR))
        assert refused[0].actor_id == me
        assert refused[0].after["path"] == f"/cases/{hidden}"
        assert refused[0].after["ip"] == "127.0.0.1"

    def test_refused_access_through_the_api(self, app):
        hidden = _tashkent_case(app)
        with app.app_context():
            prosecutor = db.session.scalar(select(User).where(User.email == PROSECUTOR))
        api = api_client(app, prosecutor)
        assert api.patch(f"/api/v1/cases/{hidden}", json={"version": 1}).status_code == 404
        refused = _events(app, "access_refused")
        assert [(e.object_type, e.object_id, e.after["method"]) for e in refused] == [
            ("cases", hidden, "PATCH")
        ]

    def test_csrf_refusal(self, backend):
        from casetrack import create_app
        from tests.conftest import base_config

        url = backend.copy(DIRECTORY)
        app = create_app({**base_config(url), "WTF_CSRF_ENABLED": True})
        with app.app_context():
            _make_prosecutor()
            db.session.commit()
        try:
            response = app.test_client().post(
                "/login", data={"email": PROSECUTOR, "password": PASSWORD}
            )
            assert response.status_code == 400
            event = _events(app, "csrf_refused")[-1]
            assert "CSRF" in event.after["reason"] and event.after["path"] == "/login"
        finally:
            with app.app_context():
                db.engine.dispose()
            backend.drop(url)

    def test_event_survives_the_rollback_of_its_request(self, app):
        from casetrack import audit
        from casetrack.models import Case

        case_id = _tashkent_case(app)
        with app.test_request_context("/somewhere", method="POST"):
            case = db.session.get(Case, case_id)
            case.title = "changed, then rolled back"
            db.session.flush()  # the request's transaction now holds the audit lock
            audit.security_event("access_refused", case)
            db.session.rollback()
            audit.flush_security_events(force=True)
        events = _events(app)
        assert events[-1].action == "access_refused"
        assert all(e.after.get("title") != "changed, then rolled back" for e in events if e.after)
        with app.app_context():
            checked, broken = audit.verify(db.session, app.config["AUDIT_KEY"])
        assert broken is None and checked == len(events)


@pytest.mark.parametrize("limit", [1, 3])
def test_configured_limit_is_the_budget(backend, limit):
    from casetrack import create_app
    from tests.conftest import base_config

    url = backend.copy(DIRECTORY)
    app = create_app({**base_config(url), "LOGIN_MAX_FAILURES": limit})
    with app.app_context():
        _make_prosecutor()
        db.session.commit()
    try:
        client = app.test_client()
        answers = [
            b"Too many"
            in client.post("/login", data={"email": PROSECUTOR, "password": f"w{n}"}).data
            for n in range(limit + 2)
        ]
        assert answers == [False] * limit + [True, True]
    finally:
        with app.app_context():
            db.engine.dispose()
        backend.drop(url)


class TestPruning:
    """The nightly job forgets the counts whose lock-out window has passed, and only those."""

    def _rows(self, app, **rows):
        from datetime import timedelta

        from casetrack import clock

        now = clock.now()
        minutes = app.config["LOGIN_LOCK_MINUTES"]
        limit = app.config["LOGIN_MAX_FAILURES"]
        shapes = {
            "expired_lock": (limit, now - timedelta(minutes=1), now - timedelta(minutes=minutes)),
            "live_lock": (limit, now + timedelta(minutes=1), now),
            "recent_failures": (2, None, now - timedelta(minutes=minutes - 1)),
            "old_failures": (2, None, now - timedelta(minutes=minutes + 1)),
        }
        with app.app_context():
            for email, shape in rows.items():
                failures, locked_until, updated_at = shapes[shape]
                db.session.add(
                    LoginAttempt(
                        email=email,
                        failures=failures,
                        locked_until=locked_until,
                        updated_at=updated_at,
                    )
                )
            db.session.commit()

    def _left(self, app) -> set[str]:
        with app.app_context():
            return set(db.session.scalars(select(LoginAttempt.email)))

    def test_prune_forgets_passed_windows_and_keeps_live_locks(self, app):
        self._rows(
            app,
            **{
                "a@x.example": "expired_lock",
                "b@x.example": "live_lock",
                "c@x.example": "recent_failures",
                "d@x.example": "old_failures",
            },
        )
        with app.app_context():
            assert services.prune_login_attempts(db.session) == 2
            db.session.commit()
        assert self._left(app) == {"b@x.example", "c@x.example"}
        client = app.test_client()
        # The live lock still refuses without looking at the password; the recent failures
        # still count toward the limit.
        assert (
            b"Too many"
            in client.post("/login", data={"email": "b@x.example", "password": "p"}).data
        )
        with app.app_context():
            assert services.is_locked(db.session, "b@x.example")

    def test_the_nightly_reminders_command_prunes(self, app):
        self._rows(app, **{"a@x.example": "expired_lock", "b@x.example": "live_lock"})
        result = app.test_cli_runner().invoke(args=["casetrack", "reminders"])
        assert result.exit_code == 0, result.output
        assert "forgot 1 log-in counts" in result.output
        assert self._left(app) == {"b@x.example"}

    def test_a_row_pruned_between_insert_and_update_is_counted_again(self, app, monkeypatch):
        from sqlalchemy import literal

        original = services._insert_ignore
        calls = []

        def pruned_in_between(session, values):
            calls.append(values["email"])
            # The first insert finds the row, which a prune deletes before the update.
            return select(literal(1)) if len(calls) == 1 else original(session, values)

        monkeypatch.setattr(services, "_insert_ignore", pruned_in_between)
        with app.app_context():
            assert services.reserve_attempt(db.session, UNKNOWN) == (True, 1)
            db.session.commit()
        assert calls == [UNKNOWN, UNKNOWN]
        assert self._left(app) == {UNKNOWN}
