"""The network graph in real headless Chromium: drawn by sigma.js without errors, filtered,
recoloured by community, and a click opens a record."""

from __future__ import annotations

import pytest

from casetrack.demo import DEMO_PASSWORD
from tests.test_browser import live_server, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

_POSITION = "(id) => document.getElementById('graph').nodePosition(id)"


def _sign_in(browser_page, server, email):
    browser_page.goto(f"{server}/login")
    browser_page.fill("input[name=email]", email)
    browser_page.fill("input[name=password]", DEMO_PASSWORD)
    browser_page.click("button[type=submit]:has-text('Sign in')")
    browser_page.wait_for_url(f"{server}/dashboard")


def test_graph_filters_by_kind_and_opens_a_record(live_server, page):  # noqa: F811
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(page, live_server, "daniyar@kz-gpo.example")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server}/links/graph")
    # A selector, not a polled script: the page's CSP forbids eval.
    page.wait_for_selector("#graph[data-ready='1']", state="attached")
    assert page.evaluate(_POSITION, "country:KZ")["visible"]
    page.uncheck("#kind-country")
    assert not page.evaluate(_POSITION, "country:KZ")["visible"]
    page.select_option("#graph-colour", "community")
    colours = page.evaluate(
        "() => { const g = document.getElementById('graph').graph; const seen = new Set();"
        " g.forEachNode((id, a) => { if (a.kind === 'person') seen.add(a.color); });"
        " return seen.size; }"
    )
    assert colours >= 2
    case = page.evaluate(
        "() => document.getElementById('graph').graph.filterNodes((id, a) => a.kind === 'case')[0]"
    )
    url = page.evaluate(
        "(id) => document.getElementById('graph').graph.getNodeAttribute(id, 'url')", case
    )
    target = page.evaluate(_POSITION, case)
    with page.expect_navigation():
        page.mouse.click(target["x"], target["y"])
    assert page.url == f"{live_server}{url}"
    assert errors == []
