"""The monitoring dashboard as a coordinator reads it: figures, charts, links behind them."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import snapshot_fixtures
from tests.factories import make_monitored_requests, signed_in


def _monitored(session, people):
    """The six requests of ``make_monitored_requests``; returns their ids by name."""
    made = make_monitored_requests(session, people)
    session.flush()
    return {name: request.id for name, request in made.items()}


world, directory_app, people = snapshot_fixtures(_monitored)


@pytest.fixture
def monitored(world):
    return world.built


def _link(page: str, testid: str) -> tuple[str, int]:
    match = re.search(rf'<a href="([^"]+)"\s+data-testid="{testid}">(\d+)</a>', page)
    assert match, f"no figure {testid}"
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


def test_every_figure_links_to_the_requests_behind_it(directory_app, people, monitored):
    client = signed_in(directory_app, people.coordinator)
    page = client.get("/monitoring").get_data(as_text=True)
    for testid in ("pair-KZ-UZ", "pair-KZ-TR", "status-received", "status-executed", "age-lt30"):
        href, count = _link(page, testid)
        listing = client.get(href).get_data(as_text=True)
        assert f"{count} record" in listing, (testid, href)
        assert listing.count("<tr>") - 1 == count
    href, _ = _link(page, "pair-KZ-UZ")
    assert "status=open" in href and "from_country=KZ" in href and "to_country=UZ" in href


def test_charts_take_their_data_from_a_json_block(directory_app, people, monitored):
    page = signed_in(directory_app, people.coordinator).get("/monitoring").get_data(as_text=True)
    block = re.search(
        r'<script type="application/json" id="monitoring-data">(.*?)</script>', page, re.S
    )
    data = json.loads(block.group(1))
    assert len(data["monthly"]["labels"]) == 12
    assert len(data["ageing"]["values"]) == 4
    assert "/static/node_modules/chart.js/dist/chart.umd.min.js" in page
    assert "/static/monitoring.js" in page
    # No inline script: every <script> either has a src or only carries JSON.
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_static_files_are_served(directory_app):
    client = directory_app.test_client()
    for path in ("/static/monitoring.js", "/static/node_modules/chart.js/dist/chart.umd.min.js"):
        response = client.get(path)
        assert response.status_code == 200
        response.close()


def test_filters_are_kept_in_links_and_exports(directory_app, people, monitored):
    page = (
        signed_in(directory_app, people.coordinator)
        .get("/monitoring?country=KZ&from=2020-01-01")
        .get_data(as_text=True)
    )
    href, _ = _link(page, "status-received")
    assert "country=KZ" in href and "from=2020-01-01" in href
    assert re.search(r'/monitoring/export/status\.csv\?[^"]*country=KZ', page)


def test_central_authority_has_the_country_switch(directory_app, people, monitored):
    page = signed_in(directory_app, people.kz_ca).get("/monitoring").get_data(as_text=True)
    assert 'name="scope"' in page
    coordinator = (
        signed_in(directory_app, people.coordinator).get("/monitoring").get_data(as_text=True)
    )
    assert 'name="scope"' not in coordinator


def test_russian_interface(directory_app, people, monitored):
    client = signed_in(directory_app, people.coordinator)
    client.post("/language", data={"language": "ru"})
    page = client.get("/monitoring")
    assert page.status_code == 200
    assert "получение свидетельских показаний" in page.get_data(as_text=True)
