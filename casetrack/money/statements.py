"""Reading bank statements (CSV or XLSX) row by row, saying what could not be read (pure).

A statement is a table whose columns the user maps to the fields of a transfer (date,
amount, currency, payer account and name, payee account and name, reference). Columns are
guessed from the header in English and Russian; the user confirms or changes the mapping
and the number and date formats, sees row by row what could not be read, and only then
imports. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

FIELDS = (
    "date",
    "amount",
    "currency",
    "payer_account",
    "payer_name",
    "payee_account",
    "payee_name",
    "reference",
)
REQUIRED = ("date", "amount")
#: How a header is recognised, lower-cased, for each field.
SYNONYMS = {
    "date": ("date", "booking date", "value date", "дата", "дата операции", "дата проводки"),
    "amount": ("amount", "sum", "сумма", "сумма операции"),
    "currency": ("currency", "ccy", "валюта"),
    "payer_account": (
        "payer account",
        "payer iban",
        "from account",
        "debit account",
        "счёт плательщика",
        "счет плательщика",
        "iban плательщика",
    ),
    "payer_name": ("payer", "payer name", "from", "ordering party", "плательщик"),
    "payee_account": (
        "payee account",
        "payee iban",
        "beneficiary account",
        "to account",
        "credit account",
        "счёт получателя",
        "счет получателя",
        "iban получателя",
    ),
    "payee_name": ("payee", "payee name", "beneficiary", "to", "получатель"),
    "reference": (
        "reference",
        "details",
        "description",
        "purpose",
        "назначение платежа",
        "назначение",
        "описание",
    ),
}
NUMBER_FORMATS = {
    "auto": "automatic",
    "dot": "1,234.56",
    "comma": "1 234,56 or 1.234,56",
}
DATE_FORMATS = {
    "auto": "automatic (2025-03-14, 14.03.2025, 14/03/2025)",
    "dmy": "14.03.2025 or 14/03/2025 (day first)",
    "mdy": "03/14/2025 (month first)",
    "ymd": "2025-03-14",
}
MAX_ROWS = 20_000
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$")


class StatementError(ValueError):
    """A file that cannot be read as a table at all."""


def account_key(account: str) -> str:
    """Return an account number upper-cased without spaces or separators."""
    return re.sub(r"[^0-9A-Za-z]", "", account or "").upper()


def account_country(key: str) -> str:
    """Return the country an IBAN names (its first two letters), or '' for other numbers."""
    return key[:2] if _IBAN.match(key or "") else ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_table(data: bytes, file_name: str) -> list[list]:
    """Read the first sheet of an XLSX file or a CSV file as rows of cell values."""
    if not data:
        raise StatementError("The file is empty.")
    if zipfile.is_zipfile(io.BytesIO(data)) or file_name.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise StatementError(
            f"The file could not be read as an XLSX workbook ({error})."
        ) from error
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else v for v in row])
            if len(rows) > MAX_ROWS + 1:
                raise StatementError(f"The statement has more than {MAX_ROWS} rows.")
        return _trim(rows)
    finally:
        book.close()


def _read_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes every byte but a few
        raise StatementError("The file is neither UTF-8 nor Windows-1251 text.")
    if "\x00" in text:
        raise StatementError("The file is not a text table (CSV) nor an XLSX workbook.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS + 1:
        raise StatementError(f"The statement has more than {MAX_ROWS} rows.")
    return _trim(rows)


def _trim(rows: list[list]) -> list[list]:
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if len(rows) < 2:
        raise StatementError("The file has no rows under its header.")
    return rows


def guess_mapping(header: list) -> dict[str, int | None]:
    """Guess which column holds each field from the header's words."""
    names = [str(h).strip().lower().replace("ё", "е") for h in header]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for exact in (True, False):
        for name in FIELDS:
            if mapping[name] is not None:
                continue
            options = [s.replace("ё", "е") for s in SYNONYMS[name]]
            for index, column in enumerate(names):
                if index in taken:
                    continue
                if (column in options) if exact else any(column.startswith(o) for o in options):
                    mapping[name] = index
                    taken.add(index)
                    break
    return mapping


def parse_amount(value, number_format: str = "auto") -> Decimal:
    """Read an amount such as 1234.56, "1,234.56", "1 234,56" or "1.234,56"."""
    if isinstance(value, bool):
        raise ValueError("is not a number")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = _SPACES.sub("", str(value).strip())
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()+-")
    if not text or not re.fullmatch(r"[0-9.,]+", text):
        raise ValueError("is not a number")
    if number_format == "dot":
        text = text.replace(",", "")
    elif number_format == "comma":
        text = text.replace(".", "").replace(",", ".")
    else:
        has_dot, has_comma = "." in text, "," in text
        if has_dot and has_comma:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif has_comma:
            if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
                raise ValueError(
                    "could be read two ways (thousands or decimals): choose the number format"
                )
            if text.count(",") > 1:
                raise ValueError("has several decimal commas")
            text = text.replace(",", ".")
        elif text.count(".") > 1:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                raise ValueError("is not a number")
            text = text.replace(".", "")
    if text.count(".") > 1:
        raise ValueError("is not a number in the chosen format")
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError("is not a number") from error
    if abs(amount) >= Decimal("1e16"):
        raise ValueError("is too large")
    return (-amount if negative else amount).quantize(Decimal("0.01"))


_DATE_PATTERNS = {
    "ymd": [
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
    ],
    "dmy": [
        r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})",
        r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})",
    ],
    "mdy": [r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"],
}


def parse_date(value, date_format: str = "auto") -> date:
    """Read a booking date in the chosen format (time of day, if any, is ignored)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().split(" ")[0].split("T")[0]
    formats = ["ymd", "dmy"] if date_format == "auto" else [date_format]
    for name in formats:
        for pattern in _DATE_PATTERNS.get(name, []):
            found = re.fullmatch(pattern, text)
            if found:
                try:
                    return date(int(found["y"]), int(found["m"]), int(found["d"]))
                except ValueError as error:
                    raise ValueError("is not a date that exists") from error
    raise ValueError("is not a date in the chosen format")


@dataclass
class Row:
    """One data row of a statement: what it says, read into a transfer, or what went wrong."""

    number: int
    cells: list[str]
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    row_hash: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Reading:
    """The whole statement as read with one mapping: rows, problems, and what is missing."""

    header: list[str]
    mapping: dict[str, int | None]
    rows: list[Row]
    problems: list[str] = field(default_factory=list)
    #: Hashes of the good rows already imported into the case (set by the caller).
    known: set[str] = field(default_factory=set)

    @property
    def good(self) -> list[Row]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]


def _cell(row: list, index: int | None):
    if index is None or index >= len(row):
        return ""
    return row[index]


def read(
    rows: list[list],
    mapping: dict[str, int | None],
    *,
    number_format: str = "auto",
    date_format: str = "auto",
    default_currency: str = "",
) -> Reading:
    """Read every data row with ``mapping``; each row says what it could not read."""
    header = [str(h) for h in rows[0]]
    reading = Reading(header, mapping, [])
    for name in REQUIRED:
        if mapping.get(name) is None:
            reading.problems.append(f"No column is chosen for the {name.replace('_', ' ')}.")
    if not any(mapping.get(n) is not None for n in ("payer_account", "payer_name")) or not any(
        mapping.get(n) is not None for n in ("payee_account", "payee_name")
    ):
        reading.problems.append("Choose a column for the payer and one for the payee.")
    currency_default = (default_currency or "").strip().upper()
    if mapping.get("currency") is None and not _CURRENCY.match(currency_default):
        reading.problems.append(
            "Choose the currency column, or give the statement's currency (three letters)."
        )
    for index, (name, column) in enumerate(mapping.items()):
        if column is not None and column >= len(header):
            reading.problems.append(f"Column {column + 1} ({name}) is not in the file.")
        for other in list(mapping.items())[index + 1 :]:
            if column is not None and other[1] == column:
                reading.problems.append(
                    f"One column is chosen for both the {name.replace('_', ' ')} and the "
                    f"{other[0].replace('_', ' ')}."
                )
    occurrences: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=1):
        row = Row(number, [str(c) for c in raw])
        values: dict = {}
        try:
            values["booked_on"] = parse_date(_cell(raw, mapping.get("date")), date_format)
        except ValueError as error:
            row.errors.append(f"date “{_cell(raw, mapping.get('date'))}” {error}")
        try:
            values["amount"] = parse_amount(_cell(raw, mapping.get("amount")), number_format)
        except ValueError as error:
            row.errors.append(f"amount “{_cell(raw, mapping.get('amount'))}” {error}")
        currency = str(_cell(raw, mapping.get("currency"))).strip().upper() or currency_default
        if not _CURRENCY.match(currency):
            row.errors.append(f"currency “{currency}” is not a three-letter code")
        values["currency"] = currency
        for side in ("payer", "payee"):
            values[f"{side}_account"] = str(_cell(raw, mapping.get(f"{side}_account"))).strip()[:64]
            values[f"{side}_name"] = str(_cell(raw, mapping.get(f"{side}_name"))).strip()[:300]
        values["reference"] = str(_cell(raw, mapping.get("reference"))).strip()
        if not (values["payer_account"] or values["payer_name"]):
            row.errors.append("the payer is empty")
        if not (values["payee_account"] or values["payee_name"]):
            row.errors.append("the payee is empty")
        amount = values.get("amount")
        if amount is not None and amount == 0:
            row.errors.append("the amount is zero")
        if amount is not None and amount < 0:
            values["amount"] = -amount
            for part in ("account", "name"):
                values[f"payer_{part}"], values[f"payee_{part}"] = (
                    values[f"payee_{part}"],
                    values[f"payer_{part}"],
                )
            row.notes.append("negative amount: read as paid the other way")
        for side in ("payer", "payee"):
            values[f"{side}_account_key"] = account_key(values[f"{side}_account"])
        row.values = values
        if row.ok:
            fingerprint = "|".join(
                str(values[k])
                for k in (
                    "booked_on",
                    "amount",
                    "currency",
                    "payer_account_key",
                    "payee_account_key",
                    "payer_name",
                    "payee_name",
                    "reference",
                )
            ).casefold()
            occurrences[fingerprint] = occurrences.get(fingerprint, 0) + 1
            row.row_hash = hashlib.sha256(
                f"{fingerprint}|{occurrences[fingerprint]}".encode()
            ).hexdigest()
        reading.rows.append(row)
    return reading
