"""The central authority's desk in real headless Chromium: the bell, dispatching a request to
the executing office, the executing office's bell, and the confirmation before refusing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casetrack import clock
from casetrack.db import db
from casetrack.models import RequestStatus
from tests.factories import PASSWORD, api_client, make_case, make_request, office
from tests.test_browser import (  # noqa: F401  (fixtures)
    STATIC_FILE_LEFT_OPEN,
    browser_people,
    live_server,
    page,
)

pytestmark = [pytest.mark.browser, *STATIC_FILE_LEFT_OPEN]


def _sign_in(page, server, email):  # noqa: F811
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"{server}/dashboard")


def _sign_out(page):  # noqa: F811
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()


def test_dispatch_and_the_bell(directory_app, browser_people, live_server, page):  # noqa: F811
    people = browser_people
    with directory_app.app_context():
        # A complete request on reciprocity from Almaty, approved, to Uzbekistan's central
        # authority, which assigns it to an executing office.
        request = make_request(
            db.session,
            case=make_case(db.session, office=office(db.session, "KZ-ALM")),
            requested_office=office(db.session, "UZ-GPO"),
            status=RequestStatus.APPROVED,
            is_reciprocity=True,
            subject="Bank records",
            assistance_types=["records"],
            measures=[{"text": "Statements of account", "questions": []}],
            signatory_name="A. Nurlanova",
        )
        db.session.commit()
        request_id = request.id
    assert (
        api_client(directory_app, people.kz_ca)
        .post(f"/api/v1/requests/{request_id}/transitions", json={"action": "send"})
        .status_code
        == 201
    )

    _sign_in(page, live_server, people.uz_ca.email)
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    # Sent but not yet acknowledged: not in the queue to dispatch yet.
    assert page.get_by_test_id("queue-dispatch").inner_text() == "0"
    page.get_by_test_id("bell").click()
    page.wait_for_url(f"{live_server}/notifications/")
    assert "was received from KZ-ALM" in page.get_by_test_id("notifications").inner_text()
    page.click("[data-testid=notification] button:has-text('Open')")
    page.wait_for_url(f"{live_server}/requests/{request_id}")
    assert page.get_by_test_id("bell-count").count() == 0

    # Acknowledge receipt, then assign it to Tashkent.
    page.locator("form[data-action=acknowledge] button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/dashboard")
    assert page.get_by_test_id("queue-dispatch").inner_text() == "1"
    page.goto(f"{live_server}/requests/{request_id}")
    form = page.locator("form[data-action=dispatch]")
    form.locator("select[name=office]").select_option("UZ-TAS")
    form.locator("input[name=due_on]").fill((clock.today() + timedelta(days=14)).isoformat())
    form.locator("textarea[name=comment]").fill("Please treat as urgent, room 12")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assigned = page.get_by_test_id("assigned-to").inner_text()
    assert "UZ-TAS" in assigned and "internal due date" in assigned
    assert "room 12" in page.get_by_test_id("dispatch-note").inner_text()
    _sign_out(page)

    _sign_in(page, live_server, people.tashkent.email)
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


def test_the_menu_takes_two_lines_at_most_and_nothing_overflows(
    browser_people,  # noqa: F811
    live_server,  # noqa: F811
    page,  # noqa: F811
):
    """A central authority has the longest menu; in Russian it is longer still."""
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server, browser_people.kz_ca.email)
    for language in ("en", "ru"):
        page.click(f"button[value={language}]")
        page.wait_for_load_state()
        box = page.locator("nav.navbar").bounding_box()
        assert box["height"] < 110, (language, box)
        for test_id in ("bell", "whoami"):
            item = page.get_by_test_id(test_id).bounding_box()
            assert item["x"] + item["width"] <= 1280, (language, test_id, item)
