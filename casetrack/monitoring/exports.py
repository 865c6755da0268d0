"""A figure's table as a CSV file or an Excel workbook."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def iter_csv(table: Table, chunk: int = 500):
    """Yield the table as UTF-8 CSV in pieces (a byte-order mark first, so that Excel reads
    Cyrillic): a response streams it in constant memory, whatever the number of rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(header) for header in table.headers])
    yield ("\ufeff" + out.getvalue()).encode("utf-8")
    out.seek(0)
    out.truncate()
    for index, row in enumerate(table.rows, start=1):
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
        if index % chunk == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def to_csv(table: Table) -> bytes:
    """The table as UTF-8 CSV in one piece."""
    return b"".join(iter_csv(table))


def to_xlsx(table: Table, filters: list[tuple[str, str]]) -> bytes:
    """The table as a workbook: a header row, numbers as numbers, and a sheet of the filters.

    Written with openpyxl's write-only mode, row by row, so that memory stays flat however
    many requests a figure covers; column widths come from the headers (rows are not held).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    for index, header in enumerate(table.headers, start=1):
        width = min(max(len(str(header)) + 4, 12), 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, safe_cell(header), font=bold) for header in table.headers])
    for row in table.rows:
        sheet.append([_cell(sheet, safe_cell(value)) for value in row])
    about = book.create_sheet("Filters")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 40
    about.append([_cell(about, safe_cell(table.title), font=bold)])
    for name, value in filters:
        about.append([safe_cell(name), safe_cell(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, value, font=None):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell
