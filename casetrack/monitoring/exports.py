"""A figure's table as a CSV file or an Excel workbook."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from casetrack.monitoring.services import Table

#: A spreadsheet takes a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise text a spreadsheet would run as a formula; leave numbers and dates alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so that Excel reads Cyrillic)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow(
            [
                ""
                if value is None
                else value.isoformat()
                if isinstance(value, date)
                else safe_cell(value)
                for value in row
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table, filters: list[tuple[str, str]]) -> bytes:
    """The table as a workbook: a header row, numbers as numbers, and a sheet of the filters."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append([safe_cell(header) for header in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([safe_cell(value) for value in row])
    widths = [len(str(header)) for header in table.headers]
    for row in table.rows:
        for index, value in enumerate(row):
            shown = value.isoformat() if isinstance(value, date) else str(value or "")
            widths[index] = max(widths[index], len(shown))
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"

    about = book.create_sheet("Filters")
    about.append([safe_cell(table.title)])
    about["A1"].font = Font(bold=True)
    for name, value in filters:
        about.append([safe_cell(name), safe_cell(value)])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
