"""Reading a bureau's list: a CSV (UTF-8 with or without BOM, or CP932/Shift_JIS) or an Excel
.xlsx sheet, into a header and rows of text, each row keeping its spreadsheet row number.

Only the csv module and openpyxl parse the file; nothing in it is evaluated (openpyxl reads
formulas' cached values, never runs them). Sizes are bounded so a hostile file cannot exhaust
memory: too many rows or an overlong cell is a clear error, not a hang.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CSV_BYTES = 64 * 1024 * 1024
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
BOM = b"\xef\xbb\xbf"


class ListReadError(Exception):
    """The list cannot be read; the message says why in one line."""


@dataclass
class Table:
    """A list as read: its header, its rows (text or None) and their spreadsheet row numbers."""

    path: Path
    headers: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]
    encoding: str = ""
    """``utf-8``, ``utf-8-sig`` or ``cp932`` for a CSV; empty for a workbook."""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)


def is_list_file(path: Path | str) -> bool:
    return str(path).lower().endswith(CSV_SUFFIXES + XLSX_SUFFIXES)


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an .xlsx file; empty for a CSV."""
    if not str(path).lower().endswith(XLSX_SUFFIXES):
        return []
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_list(path: Path | str, sheet: str | None = None) -> Table:
    """The list at ``path`` (the sheet named ``sheet``, or the first, of a workbook)."""
    path = Path(path)
    if not path.is_file():
        raise ListReadError(f"file not found: {path}")
    if str(path).lower().endswith(XLSX_SUFFIXES):
        return _read_workbook(path, sheet)
    if sheet:
        raise ListReadError(f"{path.name} is a CSV file: it has no sheet {sheet!r}")
    return _read_csv(path)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM), else CP932.

    UTF-8 is tried first because a CP932 file of Japanese text almost never decodes as UTF-8,
    while many UTF-8 files decode as (wrong) CP932.
    """
    encoding = "utf-8-sig" if data.startswith(BOM) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as error:
        raise ListReadError(
            f"the file is neither UTF-8 nor Shift_JIS (CP932) text (byte {error.start})"
        ) from error


def _read_csv(path: Path) -> Table:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ListReadError(f"the file is larger than {MAX_CSV_BYTES >> 20} MB: {path.name}")
    text, encoding = decode_csv(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
            if len(records) > MAX_ROWS + 1:
                raise ListReadError(f"the list has more than {MAX_ROWS:,} rows")
    except csv.Error as error:
        raise ListReadError(f"not a readable CSV file (line {reader.line_num}: {error})") \
            from error
    table = _table(path, records)
    table.encoding = encoding
    return table


def _open_workbook(path: Path):
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ListReadError(f"not a readable Excel workbook (.xlsx): {path.name} "
                            f"({error})") from error


def _read_workbook(path: Path, sheet: str | None) -> Table:
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise ListReadError(f"{path.name} has no sheet {sheet!r} (sheets: "
                                f"{', '.join(names)})")
        records = []
        for number, values in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
            records.append((number, [_cell_text(value) for value in values]))
            if len(records) > MAX_ROWS + 1:
                raise ListReadError(f"the sheet has more than {MAX_ROWS:,} rows")
    finally:
        workbook.close()
    table = _table(path, records)
    table.sheet, table.sheets = sheet, names
    return table


def _cell_text(value: object) -> str | None:
    """A cell as text: whole numbers without '.0', dates in ISO form, empty as None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _table(path: Path, records: list[tuple[int, list]]) -> Table:
    """Header = the first row with a value; later empty rows are skipped."""
    records = [(number, [_clean(cell) for cell in values]) for number, values in records]
    records = [(number, values) for number, values in records if any(values)]
    if not records:
        raise ListReadError(f"the list is empty: {path.name}")
    (_, header), body = records[0], records[1:]
    width = max(len(values) for _, values in records)
    if width > MAX_COLUMNS:
        raise ListReadError(f"the list has more than {MAX_COLUMNS} columns")
    headers = [cell or f"column {index + 1}" for index, cell in
               enumerate(header + [None] * (width - len(header)))]
    rows = [values + [None] * (width - len(values)) for _, values in body]
    return Table(path, headers, rows, [number for number, _ in body])


def _clean(cell: object) -> str | None:
    if cell is None:
        return None
    text = unicodedata.normalize("NFC", str(cell)).strip()
    return text or None
