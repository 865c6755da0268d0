"""Exports in constant memory: the CSV is streamed, the workbook written row by row."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from casetrack.db import db
from tests.factories import make_monitored_requests, signed_in


@pytest.fixture
def client(directory_app, people):
    """The coordinator, signed in, over the requests of ``make_monitored_requests``."""
    with directory_app.app_context():
        make_monitored_requests(db.session, people)
        db.session.commit()
    return signed_in(directory_app, people.coordinator)


def test_the_requests_csv_is_streamed_with_every_row(client):
    response = client.get("/monitoring/export/requests.csv")
    assert response.status_code == 200
    assert response.is_streamed
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").strip().splitlines()
    assert len(lines) > 2  # the header and the five sent requests
    assert all(line.count(",") >= 10 for line in lines[1:])


def test_the_requests_workbook_is_written_in_write_only_mode(client):
    response = client.get("/monitoring/export/requests.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    data = book["Data"]
    rows = list(data.iter_rows(values_only=True))
    assert len(rows) > 2 and len(rows[0]) == 11
    assert data.freeze_panes == "A2"
    assert book["Filters"]["A1"].font.bold
