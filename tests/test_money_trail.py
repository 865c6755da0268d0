"""The money trail: statements read row by row, imported once, linked, and the flows."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from casetrack.db import db
from casetrack.models import (
    AssetKind,
    AuditEvent,
    PartyRole,
    Statement,
    Transaction,
)
from casetrack.money import statements
from tests.factories import (
    api_client,
    make_asset,
    make_case,
    make_case_party,
    make_owner,
    make_person,
    office,
    signed_in,
)

COLUMNS = [
    "Date",
    "Amount",
    "Currency",
    "Payer account",
    "Payer",
    "Payee account",
    "Payee",
    "Details",
]


def _csv(rows, header=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def labelled(directory_app, people):
    """An Almaty case with two suspects who each own an account, both paying one account."""
    with directory_app.app_context():
        session = db.session
        case = make_case(
            session,
            office=office(session, "KZ-ALM"),
            reference="MONEY-1",
            title="Shared account",
            lead_prosecutor_id=people.almaty.id,
            opened_on=date(2026, 1, 5),
        )
        suspects = {
            "a": (("Серикбаев", "Арман", ""), ("Serikbayev", "Arman", "")),
            "b": (("Жумабекова", "Дана", ""), ("Zhumabekova", "Dana", "")),
        }
        accounts = {"a": "KZ11 1111 1111 1111 1111 11", "b": "KZ22 2222 2222 2222 2222 22"}
        ids = {"case": case.id}
        for key, spellings in suspects.items():
            party = make_person(session, office=case.office, spellings=list(spellings))
            make_case_party(session, case, party, role=PartyRole.SUSPECT)
            account = make_asset(
                session,
                case=case,
                kind=AssetKind.BANK_ACCOUNT,
                identifier=accounts[key],
                identifier_key=statements.account_key(accounts[key]),
                country_code="KZ",
            )
            make_owner(session, account, party)
            ids[key] = party.id
        session.commit()
    return ids


SHARED = "AE070331234567890123456"
ONWARD = "TR330006100519786457841326"
ROWS = [
    [
        "2026-02-01",
        "10000.00",
        "USD",
        "KZ11111111111111111111",
        "SERIKBAYEV ARMAN",
        SHARED,
        "GULF HOLDING FZE",
        "loan",
    ],
    [
        "03.02.2026",
        "1 234,56",
        "USD",
        "KZ22 2222 2222 2222 2222 22",
        "Zhumabekova Dana",
        SHARED,
        "GULF HOLDING FZE",
        "loan",
    ],
    ["2026-02-04", "10500.00", "USD", SHARED, "GULF HOLDING FZE", ONWARD, "ANATOLIA", "goods"],
]


def _import(client, case_id, data, name="statement.csv", **extra):
    """Preview ``data`` and import it into the case as the signed-in ``client``."""
    preview = client.post(
        f"/money/cases/{case_id}/statements",
        data={"file": (io.BytesIO(data), name), "action": "preview"},
        content_type="multipart/form-data",
    )
    form = {
        "action": "import",
        "data": base64.b64encode(data).decode(),
        "file_name": name,
        "number_format": "auto",
        "date_format": "auto",
        **{f"col_{f}": str(i) for i, f in enumerate(statements.FIELDS)},
        **extra,
    }
    return client, preview, client.post(f"/money/cases/{case_id}/statements", data=form)


def test_shared_account_gives_the_flows_and_the_flag(directory_app, people, labelled):
    client, preview, done = _import(
        signed_in(directory_app, people.almaty), labelled["case"], _csv(ROWS)
    )
    assert preview.status_code == 200
    assert "3 rows read, 0 could not be read" in preview.get_data(as_text=True)
    assert done.status_code == 303 and f"case={labelled['case']}" in done.headers["Location"]
    with directory_app.app_context():
        rows = list(db.session.scalars(select(Transaction).order_by(Transaction.row_number)))
        assert [r.amount for r in rows] == [
            Decimal("10000.00"),
            Decimal("1234.56"),
            Decimal("10500.00"),
        ]
        assert [r.booked_on for r in rows] == [date(2026, 2, 1), date(2026, 2, 3), date(2026, 2, 4)]
        # Accounts found the suspects' assets; names found the parties.
        assert rows[0].payer_party_id == labelled["a"] and rows[0].payer_asset_id is not None
        assert rows[1].payer_party_id == labelled["b"] and rows[1].payer_asset_id is not None
        assert rows[2].payer_party_id is None and rows[2].payee_party_id is None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "statement.import"))
        assert event is not None and event.after["added"] == 3
    flows = (
        api_client(directory_app, people.almaty)
        .get(f"/api/v1/graph/flows?case={labelled['case']}")
        .get_json()
    )
    money = {
        (e["source"], e["target"]): (e["amount"], e["count"])
        for e in flows["edges"]
        if e["kind"] == "money"
    }
    assert money == {
        ("account:KZ11111111111111111111", f"account:{SHARED}"): ("10000.00", 1),
        ("account:KZ22222222222222222222", f"account:{SHARED}"): ("1234.56", 1),
        (f"account:{SHARED}", f"account:{ONWARD}"): ("10500.00", 1),
    }
    flags = {(f["kind"], f["account"]) for f in flows["flags"]}
    assert flags == {
        ("several_suspects", f"account:{SHARED}"),
        ("pass_through", f"account:{SHARED}"),
    }
    countries = {c["country"]: c for c in flows["totals"]["countries"]}
    assert countries["AE"]["in"] == {"USD": "11234.56"}
    assert countries["TR"]["in"] == {"USD": "10500.00"}
    assert countries["KZ"]["out"] == {"USD": "11234.56"}
    parties = {p["label"]: p for p in flows["totals"]["parties"]}
    assert parties["Серикбаев Арман"]["out"] == {"USD": "10000.00"}
    page = client.get(f"/money/?case={labelled['case']}").get_data(as_text=True)
    assert "receives money from several suspects" in page and "passes money straight on" in page
    # The money ties the two suspects to the shared account's payer in the planner's network.
    assert (
        api_client(directory_app, people.tashkent)
        .get(f"/api/v1/graph/flows?case={labelled['case']}")
        .get_json()["transactions"]
        == 0
    )


def test_the_same_file_twice_adds_nothing_and_known_rows_are_not_added_again(
    directory_app, people, labelled
):
    data = _csv(ROWS)
    _import(signed_in(directory_app, people.almaty), labelled["case"], data)
    client, preview, again = _import(
        signed_in(directory_app, people.almaty), labelled["case"], data
    )
    assert "already imported" in preview.get_data(as_text=True)
    assert again.status_code == 303
    # A new file repeating two rows and adding one: only the new row is added.
    wider = _csv([*ROWS[:2], ["2026-02-09", "50", "EUR", SHARED, "GULF", ONWARD, "X", "fee"]])
    _, _, third = _import(
        signed_in(directory_app, people.almaty), labelled["case"], wider, name="wider.csv"
    )
    assert third.status_code == 303
    with directory_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Transaction)) == 4
        assert db.session.scalar(select(func.count()).select_from(Statement)) == 2


def test_bad_rows_are_reported_row_by_row_and_nothing_is_saved(directory_app, people, labelled):
    bad = _csv(
        [
            ROWS[0],
            ["31.02.2026", "100", "USD", "A1", "X", "B1", "Y", "r"],
            ["2026-02-05", "12,5x", "USD", "A1", "X", "B1", "Y", "r"],
            ["2026-02-06", "1,234", "USD", "A1", "X", "B1", "Y", "r"],
            ["2026-02-07", "100", "DOLLARS", "A1", "X", "B1", "Y", "r"],
            ["2026-02-08", "100", "USD", "", "", "B1", "Y", "r"],
        ]
    )
    client, preview, refused = _import(
        signed_in(directory_app, people.almaty), labelled["case"], bad
    )
    text = preview.get_data(as_text=True)
    assert "1 rows read, 5 could not be read" in text
    assert "date “31.02.2026” is not a date that exists" in text
    assert "amount “12,5x” is not a number" in text
    assert "could be read two ways" in text
    assert "currency “DOLLARS” is not a three-letter code" in text
    assert "the payer is empty" in text
    assert refused.status_code == 422
    assert "5 rows could not be read" in refused.get_data(as_text=True)
    with directory_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Transaction)) == 0
        assert db.session.scalar(select(func.count()).select_from(Statement)) == 0
    # Choosing the number format reads the ambiguous amount; leaving the rest out imports.
    _, _, partly = _import(
        signed_in(directory_app, people.almaty),
        labelled["case"],
        bad,
        number_format="dot",
        leave_out="y",
    )
    assert partly.status_code == 303
    with directory_app.app_context():
        amounts = set(db.session.scalars(select(Transaction.amount)))
        assert amounts == {Decimal("10000.00"), Decimal("1234.00")}


def test_unknown_columns_and_unreadable_files_are_refused(directory_app, people, labelled):
    client = signed_in(directory_app, people.almaty)
    odd = _csv([["x", "y"]], header=["Foo", "Bar"])
    page = client.post(
        f"/money/cases/{labelled['case']}/statements",
        data={"file": (io.BytesIO(odd), "odd.csv"), "action": "preview"},
        content_type="multipart/form-data",
    )
    text = page.get_data(as_text=True)
    assert "No column is chosen for the date." in text
    assert "Choose a column for the payer and one for the payee." in text
    broken = client.post(
        f"/money/cases/{labelled['case']}/statements",
        data={"file": (io.BytesIO(b"PK\x03\x04garbage"), "s.xlsx"), "action": "preview"},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 422 and "could not be read as an XLSX" in broken.get_data(
        as_text=True
    )
    empty = client.post(
        f"/money/cases/{labelled['case']}/statements",
        data={"action": "preview"},
        content_type="multipart/form-data",
    )
    assert empty.status_code == 422
    assert (
        signed_in(directory_app, people.tbilisi)
        .get(f"/money/cases/{labelled['case']}/statements")
        .status_code
        == 404
    )


def test_xlsx_statement_with_typed_cells_and_russian_headers(directory_app, people, labelled):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Дата",
            "Сумма",
            "Валюта",
            "Счёт плательщика",
            "Плательщик",
            "Счёт получателя",
            "Получатель",
            "Назначение платежа",
        ]
    )
    sheet.append(
        [
            date(2026, 3, 1),
            2500.5,
            "KZT",
            "KZ11111111111111111111",
            "Серикбаев Арман",
            SHARED,
            "GULF",
            "займ",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    rows = statements.read_table(data, "s.xlsx")
    assert statements.guess_mapping(rows[0]) == {f: i for i, f in enumerate(statements.FIELDS)}
    _, preview, done = _import(
        signed_in(directory_app, people.almaty), labelled["case"], data, name="s.xlsx"
    )
    assert "1 rows read, 0 could not be read" in preview.get_data(as_text=True)
    assert done.status_code == 303
    with directory_app.app_context():
        tx = db.session.scalar(select(Transaction))
        assert (tx.booked_on, tx.amount, tx.currency) == (
            date(2026, 3, 1),
            Decimal("2500.50"),
            "KZT",
        )
        assert tx.payer_party_id == labelled["a"]


# --- the statement import API --------------------------------------------------------------


def _api_post(api, path, data: bytes, name="statement.csv", **form):
    body = {"file": (io.BytesIO(data), name), **{k: str(v) for k, v in form.items()}}
    return api.client.post(path, data=body, headers=api.headers, content_type="multipart/form-data")


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(Statement)),
            db.session.scalar(select(func.count()).select_from(Transaction)),
        )


def test_api_preview_proposes_the_mapping_and_saves_nothing(directory_app, people, labelled):
    api = api_client(directory_app, people.almaty)
    case = labelled["case"]
    preview = _api_post(api, f"/api/v1/cases/{case}/statements/preview", _csv(ROWS))
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert body["mapping"] == {f: i + 1 for i, f in enumerate(statements.FIELDS)}
    assert body["header"][0] == {"column": 1, "name": "Date"}
    assert (body["rows_read"], body["rows_unreadable"], body["rows_known"]) == (3, 0, 0)
    assert body["can_import"] is True and body["already_imported"] is None
    second = body["rows"][1]
    assert second["ok"] and second["values"]["amount"] == "1234.56"
    assert second["values"]["booked_on"] == "2026-02-03"
    assert _counts(directory_app) == (0, 0)


def test_api_preview_reports_bad_rows_row_by_row(directory_app, people, labelled):
    bad = _csv(
        [
            ROWS[0],
            ["31.02.2026", "100", "USD", "A1", "X", "B1", "Y", "r"],
            ["2026-02-06", "1,234", "USD", "A1", "X", "B1", "Y", "r"],
            ["2026-02-07", "100", "DOLLARS", "A1", "X", "B1", "Y", "r"],
        ]
    )
    api = api_client(directory_app, people.almaty)
    body = _api_post(api, f"/api/v1/cases/{labelled['case']}/statements/preview", bad).get_json()
    assert (body["rows_read"], body["rows_unreadable"]) == (1, 3)
    errors = {r["number"]: r["errors"] for r in body["rows"] if not r["ok"]}
    assert errors[2] == ["date “31.02.2026” is not a date that exists"]
    assert "could be read two ways" in errors[3][0]
    assert errors[4] == ["currency “DOLLARS” is not a three-letter code"]
    # Importing without leaving them out is refused with every row's problem; nothing saved.
    refused = _api_post(api, f"/api/v1/cases/{labelled['case']}/statements", bad)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "invalid" and "3 rows could not be read" in error["message"]
    assert error["fields"]["row 2"] == ["date “31.02.2026” is not a date that exists"]
    assert _counts(directory_app) == (0, 0)
    # The number format chosen reads the ambiguous amount; the rest are left out.
    done = _api_post(
        api,
        f"/api/v1/cases/{labelled['case']}/statements",
        bad,
        number_format="dot",
        leave_out_bad_rows="true",
    )
    assert done.status_code == 201, done.get_json()
    assert (done.get_json()["added"], done.get_json()["left_out"]) == (2, 2)


def test_api_import_with_the_confirmed_mapping_is_idempotent_and_audited(
    directory_app, people, labelled
):
    api = api_client(directory_app, people.almaty)
    case = labelled["case"]
    # Columns in another order, with a header the guess does not know: the mapping given.
    header = ["When", "How much", "Ccy", "From acc", "From", "To acc", "To", "Why"]
    data = _csv(ROWS, header=header)
    guessed = _api_post(api, f"/api/v1/cases/{case}/statements/preview", data).get_json()
    assert guessed["mapping"]["date"] is None and guessed["can_import"] is False
    assert "No column is chosen for the date." in guessed["problems"]
    mapping = {f"{f}_column": i + 1 for i, f in enumerate(statements.FIELDS)}
    mapping["currency_column"] = 3
    confirmed = _api_post(api, f"/api/v1/cases/{case}/statements/preview", data, **mapping)
    assert confirmed.get_json()["can_import"] is True
    done = _api_post(api, f"/api/v1/cases/{case}/statements", data, **mapping)
    assert done.status_code == 201, done.get_json()
    outcome = done.get_json()
    assert outcome["added"] == 3 and outcome["already_imported"] is False
    assert outcome["linked_accounts"] == 2 and outcome["statement"]["row_count"] == 3
    assert _counts(directory_app) == (1, 3)
    with directory_app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "statement.import"))
        assert event.after["added"] == 3 and event.after["sha256"] == outcome["statement"]["sha256"]
    # The same file again adds nothing and says so.
    again = _api_post(api, f"/api/v1/cases/{case}/statements", data, **mapping)
    assert again.status_code == 200
    assert again.get_json()["already_imported"] is True and again.get_json()["added"] == 0
    assert again.get_json()["statement"]["id"] == outcome["statement"]["id"]
    assert _counts(directory_app) == (1, 3)
    preview = _api_post(api, f"/api/v1/cases/{case}/statements/preview", data, **mapping)
    assert preview.get_json()["already_imported"]["id"] == outcome["statement"]["id"]
    assert preview.get_json()["rows_known"] == 3
    listed = api.get(f"/api/v1/cases/{case}/statements").get_json()
    assert [s["id"] for s in listed] == [outcome["statement"]["id"]]
    # The flows the page shows come from it.
    flows = api.get(f"/api/v1/graph/flows?case={case}").get_json()
    assert {f["kind"] for f in flows["flags"]} == {"several_suspects", "pass_through"}


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"date_column": 9}, "date_column"),
        ({"date_column": 0}, "date_column"),
        ({"number_format": "roman"}, "number_format"),
        ({"currency": "DOLLARS"}, "currency"),
        ({"request_id": 999999}, "request_id"),
    ],
)
def test_api_bad_mapping_or_options_answer_422_and_save_nothing(
    directory_app, people, labelled, form, field
):
    api = api_client(directory_app, people.almaty)
    mapping = {f"{f}_column": i + 1 for i, f in enumerate(statements.FIELDS)}
    response = _api_post(
        api, f"/api/v1/cases/{labelled['case']}/statements", _csv(ROWS), **{**mapping, **form}
    )
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert _counts(directory_app) == (0, 0)


def test_api_unreadable_files_and_access(directory_app, people, labelled):
    api = api_client(directory_app, people.almaty)
    case = labelled["case"]
    broken = _api_post(
        api, f"/api/v1/cases/{case}/statements/preview", b"PK\x03\x04garbage", name="s.xlsx"
    )
    assert broken.status_code == 422
    assert "could not be read as an XLSX" in broken.get_json()["error"]["message"]
    empty = _api_post(api, f"/api/v1/cases/{case}/statements/preview", b"")
    assert empty.status_code == 422
    missing = api.client.post(
        f"/api/v1/cases/{case}/statements/preview",
        data={},
        headers=api.headers,
        content_type="multipart/form-data",
    )
    assert missing.status_code == 422 and "file" in missing.get_json()["error"]["fields"]
    # Another office's user, a coordinator, and no token: the case is not there.
    for who in ("tbilisi", "tashkent", "coordinator"):
        other = api_client(directory_app, getattr(people, who))
        for path in ("/statements/preview", "/statements"):
            response = _api_post(other, f"/api/v1/cases/{case}{path}", _csv(ROWS))
            assert response.status_code == 404, (who, path)
            assert response.get_json()["error"]["code"] == "not_found"
        assert other.get(f"/api/v1/cases/{case}/statements").status_code == 404
    anonymous = directory_app.test_client().post(
        f"/api/v1/cases/{case}/statements/preview",
        data={"file": (io.BytesIO(_csv(ROWS)), "s.csv")},
        content_type="multipart/form-data",
    )
    assert anonymous.status_code == 401
    assert _counts(directory_app) == (0, 0)


def test_api_and_page_import_share_their_rows(directory_app, people, labelled):
    # A row imported through the page is known to the API's preview, and the other way.
    _import(signed_in(directory_app, people.almaty), labelled["case"], _csv(ROWS[:2]))
    api = api_client(directory_app, people.almaty)
    preview = _api_post(
        api, f"/api/v1/cases/{labelled['case']}/statements/preview", _csv(ROWS), name="b.csv"
    ).get_json()
    assert preview["rows_known"] == 2 and preview["already_imported"] is None
    done = _api_post(api, f"/api/v1/cases/{labelled['case']}/statements", _csv(ROWS), name="b.csv")
    assert (done.get_json()["added"], done.get_json()["already_known"]) == (1, 2)
    assert _counts(directory_app) == (2, 3)
