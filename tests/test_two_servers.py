"""Two app servers on one PostgreSQL: what one issues, the other honours.

Starts two gunicorn processes (two workers each) on one database, and shows that a session,
a CSRF token, a lock-out count and an issued document made on one are valid on the other.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import make_url

from casetrack.db import db
from tests.factories import (
    PASSWORD,
    make_complete_request,
    make_people,
)

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(app, port: int, instance: Path, log) -> subprocess.Popen:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=False)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "two-servers-secret",
        "CASETRACK_AUDIT_KEY": app.config["AUDIT_KEY"],
        "CASETRACK_INSTANCE_PATH": str(instance),
        "CASETRACK_LOGIN_MAX_FAILURES": "3",
        "CASETRACK_ARGON2_TIME_COST": "1",
        "CASETRACK_ARGON2_MEMORY_KIB": "1024",
        "CASETRACK_ARGON2_PARALLELISM": "1",
        "CASETRACK_JOBS": "eager",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip


def _wait(base: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise AssertionError(log.read_text())
        try:
            if requests.get(base + "/login", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{base} did not start")


def _with_timeout(send):
    def request(*args, **kwargs):
        kwargs.setdefault("timeout", 60)
        return send(*args, **kwargs)

    return request


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _login(browser: requests.Session, base: str, email: str, password: str):
    token = _csrf(browser.get(base + "/login").text)
    return browser.post(
        base + "/login",
        data={"csrf_token": token, "email": email, "password": password},
        allow_redirects=False,
    )


@pytest.fixture
def two_servers(tmp_path):
    # PostgreSQL only (SQLite is the single-server default), and never skipped in CI.
    from conftest import DIRECTORY, POSTGRES_URL, Backend, _make_app, need

    need(bool(POSTGRES_URL), "CASETRACK_TEST_POSTGRES_URL is not set")
    backend = Backend("postgresql", tmp_path)
    url = backend.copy(DIRECTORY)
    app = _make_app(backend, url)
    with app.app_context():
        people = make_people(db.session, almaty={"name": "Aigerim Seitkali"})
        # A request already approved for sending: a draft's letter is only a preview (issue 12).
        request = make_complete_request(db.session)
        db.session.commit()
        request_id = request.id
        db.session.remove()
        db.engine.dispose()
    ports = _free_port(), _free_port()
    logs = [tmp_path / f"gunicorn-{port}.log" for port in ports]
    handles = [log.open("w") for log in logs]
    servers = [_start(app, port, tmp_path, h) for port, h in zip(ports, handles, strict=True)]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, server, log in zip(bases, servers, logs, strict=True):
            _wait(base, server, log)
        yield bases, request_id, people
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        for handle in handles:
            handle.close()
        backend.drop(url)
        backend.close()


def test_session_csrf_lockout_and_documents_hold_across_servers(two_servers):
    (one, other), request_id, people = two_servers
    browser = requests.Session()
    browser.request = _with_timeout(browser.request)
    # A session opened on one server is valid on the other.
    assert _login(browser, one, people.almaty.email, PASSWORD).status_code == 302
    page = browser.get(other + "/dashboard", allow_redirects=False)
    assert page.status_code == 200 and "Aigerim Seitkali" in page.text
    # A CSRF token issued by one server is accepted by the other (and a made-up one is not).
    token = _csrf(browser.get(one + f"/requests/{request_id}").text)
    issued = browser.post(
        other + f"/requests/{request_id}/documents/request/issue",
        data={"csrf_token": token, "lang": "en"},
        allow_redirects=False,
    )
    assert issued.status_code == 302, issued.text[:500]
    forged = browser.post(
        other + f"/requests/{request_id}/documents/request/issue",
        data={"csrf_token": "forged", "lang": "en"},
        allow_redirects=False,
    )
    assert forged.status_code == 400
    # The document issued through one server is served byte for byte by the other.
    listing = browser.get(one + f"/requests/{request_id}/documents").text
    document_id = re.search(r'href="/documents/(\d+)"', listing).group(1)
    first = browser.get(one + f"/documents/{document_id}")
    second = browser.get(other + f"/documents/{document_id}")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF")
    # Failed log-ins counted on one server lock the account on the other.
    attacker = requests.Session()
    for base in (one, other, one):
        assert _login(attacker, base, people.tashkent.email, "wrong password").status_code == 401
    # The right password is refused now, on either server: the account is locked.
    assert _login(requests.Session(), other, people.tashkent.email, PASSWORD).status_code == 401
    assert _login(requests.Session(), one, people.tashkent.email, PASSWORD).status_code == 401
