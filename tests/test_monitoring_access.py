"""Who sees the monitoring figures, and that no answer ever carries a request's content."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select, update

from casetrack.db import db
from casetrack.models import (
    Asset,
    Case,
    Document,
    DocumentKind,
    Party,
    PartyName,
    Request,
    StatusChange,
)
from tests.factories import (
    api_client,
    make_asset,
    make_monitored_requests,
    make_party,
    office,
    signed_in,
)

PLANTED = "ZQXSECRET"
TABLES = (
    "status",
    "pairs",
    "ageing",
    "acknowledge-pairs",
    "acknowledge-types",
    "execute-pairs",
    "execute-types",
    "refusals",
    "monthly",
    "requests",
)


@pytest.fixture
def monitored(directory_app, people):
    """The six requests of ``make_monitored_requests``, an Almaty party and an asset of its case."""
    with directory_app.app_context():
        made = make_monitored_requests(db.session, people)
        make_party(db.session, office=office(db.session, "KZ-ALM"))
        make_asset(db.session, case=made["to_tashkent"].case)
        db.session.commit()
        return {name: request.id for name, request in made.items()}


@pytest.fixture
def planted(directory_app, monitored):
    """Put a distinctive string in every content field of every request, party and asset."""
    with directory_app.app_context():
        s = db.session
        s.execute(
            update(Request).values(
                subject=f"{PLANTED}-subject",
                facts=f"{PLANTED}-facts",
                offences=f"{PLANTED}-offences",
                offence_text=f"{PLANTED}-offence-text",
                damage=f"{PLANTED}-damage",
                purpose=f"{PLANTED}-purpose",
                procedures=f"{PLANTED}-procedures",
                proceedings_authority=f"{PLANTED}-authority",
                counterpart_reference=f"{PLANTED}-counterpart",
                signatory_name=f"{PLANTED}-signatory",
                measures=[{"text": f"{PLANTED}-measure", "questions": []}],
            )
        )
        s.execute(update(StatusChange).values(comment=f"{PLANTED}-comment"))
        s.execute(update(Party).values(display_name=f"{PLANTED}-party", address=PLANTED))
        s.execute(update(PartyName).values(full_name=f"{PLANTED}-name", surname=PLANTED))
        s.execute(update(Asset).values(identifier=f"{PLANTED}-IBAN", description=PLANTED))
        s.execute(update(Case).values(title=f"{PLANTED}-case", summary=PLANTED))
        request_id = s.scalar(select(Request.id).where(Request.sent_at.is_not(None)))
        s.execute(
            insert(Document).values(
                request_id=request_id,
                kind=DocumentKind.REQUEST,
                file_name=f"{PLANTED}-letter.pdf",
                media_type="application/pdf",
                size=4,
                sha256="0" * 64,
                content=b"%PDF",
                created_at=datetime.now(UTC),
            )
        )
        s.commit()
    return PLANTED


def _drill_urls() -> list[str]:
    return [
        "/monitoring/requests",
        "/monitoring/requests?status=open",
        "/monitoring/requests?status=executed",
        "/monitoring/requests?from_country=KZ&to_country=UZ&status=open",
        "/monitoring/requests?age=lt30",
        "/monitoring/requests?milestone=acknowledged&assistance_type=records",
        "/monitoring/requests?country=KZ",
    ]


def _workbook_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


@pytest.mark.parametrize("who", ["coordinator", "az_ca"])
def test_no_answer_carries_content(directory_app, people, planted, count_queries, who):
    client = signed_in(directory_app, getattr(people, who))
    with count_queries() as statements:
        pages = [client.get("/monitoring")] + [client.get(url) for url in _drill_urls()]
        for response in pages:
            assert response.status_code == 200
            assert planted not in response.get_data(as_text=True)
        for name in TABLES:
            csv_response = client.get(f"/monitoring/export/{name}.csv")
            assert csv_response.status_code == 200
            assert planted not in csv_response.get_data(as_text=True)
            xlsx_response = client.get(f"/monitoring/export/{name}.xlsx")
            assert xlsx_response.status_code == 200
            assert planted not in _workbook_text(xlsx_response.data)
    # The content columns and tables are not even read.
    read = "\n".join(statements)
    for column in ("facts", "subject", "measures", "offence_text", "request_parties", "assets"):
        assert column not in read
    assert "FROM documents" not in read and "FROM parties" not in read

    body = api_client(directory_app, getattr(people, who)).get("/api/v1/stats/requests")
    assert body.status_code == 200
    assert planted not in body.get_data(as_text=True)


def test_coordinator_list_shows_metadata(directory_app, people, planted):
    page = (
        signed_in(directory_app, people.coordinator)
        .get("/monitoring/requests")
        .get_data(as_text=True)
    )
    assert "KZ-ALM/" in page and "UZ-TAS" in page
    # Drafts stay with their office.
    assert "draft" not in page.lower().split("request-list", 1)[1]


def test_prosecutor_sees_only_their_office(directory_app, people, monitored):
    figures = api_client(directory_app, people.tashkent).get("/api/v1/stats/requests").get_json()
    pairs = {(p["from"], p["to"]) for p in figures["country_pairs"]}
    assert pairs <= {("KZ", "UZ"), ("UZ", "KZ")}
    assert ("KZ", "TR") not in pairs
    listing = signed_in(directory_app, people.tashkent).get("/monitoring/requests?per_page=200")
    text = listing.get_data(as_text=True)
    assert "TR-MOJ" not in text and "US-OIA" not in text
    assert "UZ-TAS" in text
    network = api_client(directory_app, people.coordinator).get("/api/v1/stats/requests").get_json()
    assert sum(network["by_status"].values()) > sum(figures["by_status"].values())


def test_admin_gets_404_everywhere(directory_app, people):
    client = signed_in(directory_app, people.admin)
    for url in ("/monitoring", "/monitoring/requests", "/monitoring/export/status.csv"):
        assert client.get(url).status_code == 404
    response = api_client(directory_app, people.admin).get("/api/v1/stats/requests")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_anonymous_is_sent_to_log_in(directory_app):
    client = directory_app.test_client()
    for url in ("/monitoring", "/monitoring/requests", "/monitoring/export/status.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    assert client.get("/api/v1/stats/requests").status_code == 401


def test_menu_entry_for_the_monitoring_roles(directory_app, people):
    for person in (people.coordinator, people.kz_ca, people.almaty):
        page = signed_in(directory_app, person).get("/dashboard").get_data(as_text=True)
        assert 'href="/monitoring"' in page
    admin = signed_in(directory_app, people.admin).get("/dashboard").get_data(as_text=True)
    assert 'href="/monitoring"' not in admin


def test_bad_filters_answer_400_with_a_message(directory_app, people):
    client = signed_in(directory_app, people.coordinator)
    for url in (
        "/monitoring?from=2026-13-01",
        "/monitoring?from=2026-05-01&to=2026-01-01",
        "/monitoring/requests?age=forever",
        "/monitoring/requests?country=Kazakhstan",
        "/monitoring/export/status.csv?assistance_type=nonsense",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert 'data-testid="filter-errors"' in response.get_data(as_text=True)
    assert client.get("/monitoring/export/nothing.csv").status_code == 404
    assert client.get("/monitoring/export/status.pdf").status_code == 404
    api = api_client(directory_app, people.coordinator).get("/api/v1/stats/requests?from=yesterday")
    assert api.status_code == 422
    assert "from" in api.get_json()["error"]["fields"]


def test_exports_parse_and_carry_the_filters(directory_app, people, monitored):
    client = signed_in(directory_app, people.coordinator)
    response = client.get("/monitoring/export/status.csv?country=UZ")
    assert response.mimetype == "text/csv"
    assert "country-UZ" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["Status", "Requests"]
    counts = {label: int(n) for label, n in rows[1:]}
    everything = client.get("/monitoring/export/status.csv").data.decode("utf-8-sig")
    all_counts = {label: int(n) for label, n in list(csv.reader(io.StringIO(everything)))[1:]}
    assert sum(counts.values()) < sum(all_counts.values())
    assert counts["in execution"] == 1

    workbook = load_workbook(
        io.BytesIO(client.get("/monitoring/export/requests.xlsx?country=UZ&status=open").data)
    )
    sheet = workbook["Data"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Reference" and header[-1] == "Days late"
    data = list(sheet.iter_rows(min_row=2, values_only=True))
    assert data and all("UZ" in (row[3], row[4]) for row in data)
    assert all(isinstance(row[-1], int) for row in data if row[-1] is not None)
    assert isinstance(data[0][6], datetime)
    filters = dict(workbook["Filters"].iter_rows(min_row=2, values_only=True))
    assert filters["country"] == "UZ" and filters["status"] == "open"
    assert sheet.column_dimensions["A"].width >= len("KZ-ALM/2026/1")


def test_spreadsheet_formulas_are_neutralised(directory_app, people, monitored):
    with directory_app.app_context():
        db.session.execute(
            update(Request)
            .where(Request.sent_at.is_not(None))
            .values(reference='=HYPERLINK("http://evil.example","x")')
            .execution_options(synchronize_session=False)
            .where(
                Request.id
                == select(Request.id).where(Request.sent_at.is_not(None)).limit(1).scalar_subquery()
            )
        )
        db.session.commit()
    client = signed_in(directory_app, people.coordinator)
    text = client.get("/monitoring/export/requests.csv").data.decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert not any(cell.startswith("=") for cell in cells)
    sheet = load_workbook(io.BytesIO(client.get("/monitoring/export/requests.xlsx").data))["Data"]
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert not any(str(value).startswith("=") for value in values)
    assert sheet.cell(row=2, column=1).data_type != "f"
