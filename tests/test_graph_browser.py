"""The disruption planner in real headless Chromium: the curves drawn, the broker first."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.test_browser import STATIC_FILE_LEFT_OPEN, live_server, page  # noqa: F401  (fixtures)
from tests.test_graph_planner import BROKER, directory_app, people, world  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, *STATIC_FILE_LEFT_OPEN]


def test_planner_draws_the_curves_and_names_the_broker(live_server, page, people):  # noqa: F811
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", people.almaty.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"{live_server}/dashboard")
    if page.locator("button[value=en]").count():
        page.click("button[value=en]")
        page.wait_for_load_state()
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{live_server}/links/graph/planner")
    page.wait_for_selector("body[data-planner-ready='1']", state="attached")
    lines = page.evaluate(
        "() => document.plannerCharts.largest_share.data.datasets.map(d => d.data.length)"
    )
    assert len(lines) == 5 and min(lines) >= 2
    first = page.locator("[data-testid=targets] tbody tr").first
    assert BROKER in first.inner_text()
    # The broker's removal halves the largest group on the betweenness curve (drawn first).
    after = page.evaluate("() => document.plannerCharts.largest_share.data.datasets[0].data[1]")
    assert after < 0.6
    page.fill("#steps", "3")
    page.select_option("#strategy", "degree")
    with page.expect_navigation():
        page.click("button:has-text('Simulate'), button:has-text('Смоделировать')")
    assert "strategy=degree" in page.url and "steps=3" in page.url
    page.wait_for_selector("body[data-planner-ready='1']", state="attached")
    assert page.locator("[data-testid=targets] tbody tr").count() == 3
    assert errors == []
