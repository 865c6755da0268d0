"""The network graph in real headless Chromium: drawn by sigma.js without errors, filtered,
recoloured by community, and a click opens a record."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.test_browser import STATIC_FILE_LEFT_OPEN, browser_people, live_server, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, *STATIC_FILE_LEFT_OPEN]

_POSITION = "(id) => document.getElementById('graph').nodePosition(id)"


def _sign_in(browser_page, server, email):
    browser_page.goto(f"{server}/login")
    browser_page.fill("input[name=email]", email)
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]:has-text('Sign in')")
    browser_page.wait_for_url(f"{server}/dashboard")


def test_graph_filters_by_kind_and_opens_a_record(
    directory_app,
    live_server,  # noqa: F811
    page,  # noqa: F811
    browser_people,  # noqa: F811
):
    # A network to draw: synth's people recur across offices and countries, in cases.
    synth = directory_app.test_cli_runner().invoke(
        args=["casetrack", "synth", "--cases", "40", "--seed", "5"]
    )
    assert synth.exit_code == 0, synth.output
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(page, live_server, browser_people.kz_ca.email)
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
