"""A person's first visit, in real headless Chromium: sign in, see the office, switch to
Russian, sign out."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from casetrack.demo import DEMO_PASSWORD
from tests.conftest import need

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CASETRACK_CHROMIUM") or shutil.which("chromium") or ""


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page():
    need(
        bool(CHROMIUM) and os.path.exists(CHROMIUM), "Chromium is not installed; browser tests skip"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(locale="en-GB")
        yield context.new_page()
        context.close()
        browser.close()


def test_sign_in_switch_language_sign_out(live_server, page):
    page.goto(f"{live_server}/dashboard")
    assert "/login" in page.url
    page.fill("input[name=email]", "daniyar@kz-gpo.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"{live_server}/dashboard")
    heading = page.locator("h1").inner_text()
    assert heading == "General Prosecutor's Office of the Republic of Kazakhstan"
    assert "Daniyar Omarov" in page.get_by_test_id("whoami").inner_text()

    page.click("button[value=ru]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Генеральная прокуратура Республики Казахстан"
    assert page.get_by_role("link", name="Панель").is_visible()
    page.reload()
    assert "Выйти" in page.content()

    page.click("button:has-text('Выйти')")
    page.wait_for_url(f"{live_server}/login")
    page.goto(f"{live_server}/dashboard")
    assert "/login" in page.url


def test_wrong_password_shows_message(live_server, page):
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", "daniyar@kz-gpo.example")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]:has-text('Sign in')")
    assert page.get_by_role("alert").inner_text().strip() == "Wrong e-mail or password."
