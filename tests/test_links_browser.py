"""The network graph in real headless Chromium: drawn without errors, filtered, clicked."""

from __future__ import annotations

import pytest

from casetrack.demo import DEMO_PASSWORD
from tests.test_browser import live_server, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

_NODE_POSITION = """(nodeId) => {
  const element = document.getElementById('graph');
  const node = element.cytoscape.getElementById(nodeId);
  const box = element.getBoundingClientRect();
  return {x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y,
          visible: node.visible()};
}"""


def test_graph_filters_by_kind_and_opens_a_record(live_server, page):  # noqa: F811
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", "daniyar@kz-gpo.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(f"{live_server}/dashboard")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server}/links/graph")
    page.wait_for_function("document.getElementById('graph').cytoscape !== undefined")
    assert page.evaluate(_NODE_POSITION, "country:KZ")["visible"]
    page.uncheck("#kind-country")
    assert not page.evaluate(_NODE_POSITION, "country:KZ")["visible"]
    case = page.evaluate(
        "() => document.getElementById('graph').cytoscape.nodes('[kind = \"case\"]')[0].id()"
    )
    url = page.evaluate(
        "(id) => document.getElementById('graph').cytoscape.getElementById(id).data('url')", case
    )
    page.click("#graph-fit")
    target = page.evaluate(_NODE_POSITION, case)
    with page.expect_navigation():
        page.mouse.click(target["x"], target["y"])
    assert page.url == f"{live_server}{url}"
    assert errors == []
