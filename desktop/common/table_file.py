"""A panel's rows as a file or the clipboard: tab-separated text, CSV for Excel, XLSX.

Qt-free, so the panels (which may not import desktop.export) and tests share one writer.
Every cell comes from the dataset and is untrusted: a cell that a spreadsheet would read as a
formula (``=``, ``+``, ``-``, ``@`` first, or a tab/carriage return first) is written as text
with a leading apostrophe, and control characters that XML forbids (openpyxl refuses them)
are dropped. The file is made whole in memory and replaces the target in one rename, so a
failure leaves no half-written file and the old one untouched.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from geodata.file_replace import replace_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 allows tab, newline and carriage return among the C0 controls, nothing else.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL_CHARS = 32_767  # what one Excel cell holds
CSV_SUFFIX, XLSX_SUFFIX = ".csv", ".xlsx"
SUFFIXES = (CSV_SUFFIX, XLSX_SUFFIX)


@dataclass(frozen=True)
class Table:
    """Rows of cells under one header line; a cell is text or a number (None: empty)."""

    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    title: str = "Table"


def plain_cell(value: object) -> str:
    """A cell's text with XML-illegal controls dropped and cut to what a spreadsheet cell holds."""
    if value is None:
        return ""
    return ILLEGAL_XML.sub("", str(value))[:MAX_CELL_CHARS]


def safe_cell(value: object) -> object:
    """What a spreadsheet stores: numbers as numbers, text that would run as a formula behind
    an apostrophe (shown as text by Excel and LibreOffice alike)."""
    if _is_number(value):
        return value
    cell = plain_cell(value)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def tsv_text(table: Table) -> str:
    """Tab-separated, a header line first: what Excel pastes as cells. A tab or line break
    inside a cell would split it, so runs of white space become one space."""
    def line(cells) -> str:
        return "\t".join(_tsv_cell(cell) for cell in cells)

    return "\n".join([line(table.headers), *(line(row) for row in table.rows)]) + "\n"


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark: Excel on a Japanese Windows otherwise reads it as
    Shift-JIS and garbles every Japanese name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in table.headers])
    for row in table.rows:
        writer.writerow([_number_text(cell) if _is_number(cell) else safe_cell(cell)
                         for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: Table) -> bytes:
    """One sheet: a bold, frozen header line, then the rows; text cells are typed as text so
    nothing in them is evaluated."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(table.title)
    sheet.append([plain_cell(header) for header in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell if _is_number(cell) or cell is None else plain_cell(cell)
                      for cell in row])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                # openpyxl takes text starting with "=" for a formula: typed as a string, it
                # is shown as written and never evaluated.
                cell.data_type = TYPE_STRING
    sheet.freeze_panes = "A2"
    for column, header in enumerate(table.headers, start=1):
        widest = max([len(str(header))] + [len(str(row[column - 1])) for row in table.rows[:200]
                                           if column - 1 < len(row)])
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = min(60, widest + 2)
    document = io.BytesIO()
    book.save(document)
    return document.getvalue()


def table_bytes(table: Table, suffix: str) -> bytes:
    """The file for ``suffix`` (.csv or .xlsx)."""
    if suffix.lower() == XLSX_SUFFIX:
        return xlsx_bytes(table)
    if suffix.lower() == CSV_SUFFIX:
        return csv_bytes(table)
    raise ValueError(f"cannot save a table as {suffix or 'a file without a suffix'}: "
                     f"use {' or '.join(SUFFIXES)}")


def write_table(target: Path, table: Table) -> Path:
    """Save ``table`` as ``target``, its suffix picking CSV or XLSX (replaced whole: the
    symlink kept, the old file untouched on failure)."""
    return replace_bytes(Path(target), table_bytes(table, Path(target).suffix))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _tsv_cell(value) -> str:
    if _is_number(value):
        return _number_text(value)
    return str(safe_cell(" ".join(plain_cell(value).split())))


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", plain_cell(title)).strip() or "Table"
    return cleaned[:31]
