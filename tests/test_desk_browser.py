"""The central authority's desk in real headless Chromium: the bell, dispatching a request to
the executing office, the executing office's bell, and the confirmation before refusing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from casetrack.db import db
from casetrack.demo import DEMO_PASSWORD
from casetrack.models import User
from tests.test_browser import live_server, page  # noqa: F401  (fixtures)
from tests.test_mla_lifecycle import KZ_CA, TASHKENT, UZ_CA, make_request

pytestmark = pytest.mark.browser


def _sign_in(page, server, email):  # noqa: F811
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"{server}/dashboard")


def _sign_out(page):  # noqa: F811
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()


def test_dispatch_and_the_bell(app, api_as, live_server, page):  # noqa: F811
    with app.app_context():
        db.session.execute(update(User).values(language="en"))
        db.session.commit()
    request_id = make_request(app, "approved", to="UZ-GPO")
    assert (
        api_as(KZ_CA)
        .post(f"/api/v1/requests/{request_id}/transitions", json={"action": "send"})
        .status_code
        == 201
    )

    _sign_in(page, live_server, UZ_CA)
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    assert page.get_by_test_id("queue-dispatch").inner_text() != "0"
    page.get_by_test_id("bell").click()
    page.wait_for_url(f"{live_server}/notifications/")
    assert "was received from KZ-ALM" in page.get_by_test_id("notifications").inner_text()
    page.click("[data-testid=notification] button:has-text('Open')")
    page.wait_for_url(f"{live_server}/requests/{request_id}")
    assert page.get_by_test_id("bell-count").count() == 0

    # Acknowledge receipt, then assign it to Tashkent.
    page.locator("form[data-action=acknowledge] button[type=submit]").click()
    page.wait_for_load_state()
    form = page.locator("form[data-action=dispatch]")
    form.locator("select[name=office]").select_option("UZ-TAS")
    form.locator("input[name=due_on]").fill((date.today() + timedelta(days=14)).isoformat())
    form.locator("textarea[name=comment]").fill("Please treat as urgent, room 12")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assigned = page.get_by_test_id("assigned-to").inner_text()
    assert "UZ-TAS" in assigned and "internal due date" in assigned
    assert "room 12" in page.get_by_test_id("dispatch-note").inner_text()
    _sign_out(page)

    _sign_in(page, live_server, TASHKENT)
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    page.get_by_test_id("bell").click()
    assert (
        "was assigned to your office (UZ-TAS)" in page.get_by_test_id("notifications").inner_text()
    )
    page.get_by_test_id("mark-all-read").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("bell-count").count() == 0
    page.goto(f"{live_server}/requests/incoming?queue=assigned")
    assert page.locator(f"a[href='/requests/{request_id}']").count() == 1

    # Refusing asks first; dismissing the question leaves the request as it was.
    page.goto(f"{live_server}/requests/{request_id}")
    refuse = page.locator("form[data-action=refuse]")
    refuse.locator("select[name=grounds]").select_option("other")
    seen = []
    page.once("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    refuse.locator("button[type=submit]").click()
    page.wait_for_timeout(300)
    assert seen and "cannot be undone" in seen[0]
    assert page.url.endswith(f"/requests/{request_id}")
    assert "Received" in page.get_by_test_id("status").inner_text() or page.get_by_test_id(
        "status"
    ).inner_text().lower().startswith("received")


def test_the_menu_takes_two_lines_at_most_and_nothing_overflows(app, live_server, page):  # noqa: F811
    """A central authority has the longest menu; in Russian it is longer still."""
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server, KZ_CA)
    for language in ("en", "ru"):
        page.click(f"button[value={language}]")
        page.wait_for_load_state()
        box = page.locator("nav.navbar").bounding_box()
        assert box["height"] < 110, (language, box)
        for test_id in ("bell", "whoami"):
            item = page.get_by_test_id(test_id).bounding_box()
            assert item["x"] + item["width"] <= 1280, (language, test_id, item)
