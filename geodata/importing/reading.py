"""Reading a bureau's list: a CSV (UTF-8 with or without BOM, or CP932/Shift_JIS) or an Excel
.xlsx sheet, into a header and rows of text, each row keeping its spreadsheet row number.

Only the csv module and openpyxl parse the file; nothing in it is evaluated (openpyxl reads
formulas' cached values, never runs them). Sizes are bounded while the file is read, not
after, so a small hostile file cannot exhaust memory or time: a workbook is surveyed as a
stream first (workbook_survey) and openpyxl is asked for exactly the cells that hold values; a
CSV record is refused as soon as it grows too wide. Every refusal is one line.

The header is the row that names the most known fields (columns.find_header_rows), so title
rows above it are skipped and a header of two rows under merged cells is read as one; the
caller may give the row instead. Columns empty from the header down are left out.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geodata.importing.columns import HEADER_SEARCH_ROWS, find_header_rows, merged_header

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_LAST_ROW = 2 * MAX_ROWS
"""The lowest sheet row a list may reach (title rows and gaps allowed for)."""
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_CSV_FIELDS = 16_384
"""Cells in one CSV record (Excel's own column limit) before the record is refused; a line of
60 MB of commas would otherwise become 60 million strings."""
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
BOM = b"\xef\xbb\xbf"
UTF8_EVIDENCE = 2
"""A file that is not valid UTF-8 is still taken for UTF-8 (with an error to fix) when it has
at least this many valid non-ASCII UTF-8 characters per invalid sequence; CP932 Japanese read
as UTF-8 gives the opposite, several invalid sequences per valid character."""

# What openpyxl raises on a damaged part it reads (cut-short XML is a SyntaxError, a missing
# part a KeyError, a shared string out of range an IndexError, a bad attribute a ValueError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError,
            TypeError, AttributeError, SyntaxError)


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
    header_row: int = 0
    """The spreadsheet row number the header was taken from."""
    header_found: bool = True
    """False when no row names a known field and the first row was taken for want of one."""
    value_rows: list[int] = field(default_factory=list)
    """The row numbers holding a value, top first: the rows a header may be chosen among."""


def read_list(path: Path | str, sheet: str | None = None,
              header_row: int | None = None) -> Table:
    """The list at ``path`` (the sheet named ``sheet``, or the first, of a workbook), its
    header taken from spreadsheet row ``header_row`` or, without one, found."""
    path = Path(path)
    if not path.is_file():
        raise ListReadError(f"file not found: {path}")
    try:
        return _read(path, sheet, header_row)
    except ListReadError as error:
        if path.name in str(error):
            raise
        raise ListReadError(f"{path.name}: {error}") from error


def _read(path: Path, sheet: str | None, header_row: int | None) -> Table:
    if str(path).lower().endswith(XLSX_SUFFIXES):
        records, sheet, sheets = _read_workbook(path, sheet)
        table = _table(path, records, header_row)
        table.sheet, table.sheets = sheet, sheets
        return table
    if sheet:
        raise ListReadError(f"{path.name} is a CSV file: it has no sheet {sheet!r}")
    records, encoding = _read_csv(path)
    table = _table(path, records, header_row)
    table.encoding = encoding
    return table


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM), else CP932.

    The encoding is decided on evidence. Valid UTF-8 is UTF-8 (a CP932 file of Japanese text
    almost never is). A file that is UTF-8 but for a stray byte or two is not CP932: read
    as CP932 it would decode into mojibake (株式会社 → 譬ｪ蠑丈ｼ夂､ｾ) and import silently, so
    it is refused with the offset of its first bad byte. CP932 is taken only when the bytes
    look like it (far more invalid UTF-8 sequences than valid ones) and decode as it.
    """
    if data.startswith(BOM):
        try:
            return data[len(BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ListReadError(_not_quite_utf8(data, error.start + len(BOM),
                                                "starts with a UTF-8 byte-order mark")) \
                from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    valid, invalid = _utf8_evidence(data)
    if valid >= UTF8_EVIDENCE * invalid:
        raise ListReadError(_not_quite_utf8(data, utf8_error.start, "is UTF-8 text"))
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as error:
        raise ListReadError(
            f"the file is neither UTF-8 nor Shift_JIS (CP932) text (not UTF-8 at byte "
            f"{utf8_error.start}, not Shift_JIS at byte {error.start}); save it as CSV UTF-8"
        ) from error
    if valid * UTF8_EVIDENCE > invalid:
        raise ListReadError(
            f"cannot tell whether the file is UTF-8 or Shift_JIS (CP932): it is not UTF-8 "
            f"from byte {utf8_error.start}, yet much of it is; save it as CSV UTF-8")
    return text, "cp932"


def _utf8_evidence(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII UTF-8 characters, invalid UTF-8 sequences) in ``data``."""
    decoded = data.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(decoded) - len(decoded.encode("ascii", errors="ignore"))
    return non_ascii - invalid, invalid


def _not_quite_utf8(data: bytes, first: int, evidence: str) -> str:
    _, invalid = _utf8_evidence(data)
    line = data.count(b"\n", 0, first) + 1
    return (f"the file {evidence} but {invalid:,} byte sequence(s) are not UTF-8, the first "
            f"at byte {first:,} (line {line}); it is not read as Shift_JIS: fix the byte(s) "
            "or save the file again as CSV UTF-8")


def _read_csv(path: Path) -> tuple[list[tuple[int, list[str | None]]], str]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ListReadError(f"the file is larger than {MAX_CSV_BYTES >> 20} MB: {path.name}")
    text, encoding = decode_csv(path.read_bytes())
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ListReadError(f"line {line} holds a NUL character: the file is not plain text "
                            "(save it as CSV UTF-8 or Shift_JIS)")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = _BoundedLines(text, dialect.delimiter)
    reader = csv.reader(lines, dialect)
    records = []
    try:
        for record in reader:
            lines.record_read()
            cells = [_clean(cell) for cell in record]
            if any(cells):
                records.append((reader.line_num, cells))
                _check_row_count(records)
    except csv.Error as error:
        raise ListReadError(f"not a readable CSV file (line {reader.line_num}: {error})") \
            from error
    return records, encoding


class _BoundedLines:
    """The text's lines for csv.reader, refusing a record of more than MAX_CSV_FIELDS cells
    before the reader builds it (separators are counted as the lines go by; one inside quotes
    counts too, so the bound is on the safe side)."""

    def __init__(self, text: str, delimiter: str):
        self._lines: Iterator[str] = iter(io.StringIO(text, newline=""))
        self._delimiter = delimiter
        self._separators = 0
        self._line = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._line += 1
        self._separators += line.count(self._delimiter)
        if self._separators >= MAX_CSV_FIELDS:
            raise ListReadError(f"line {self._line} has more than {MAX_CSV_FIELDS:,} cells")
        return line

    def record_read(self) -> None:
        self._separators = 0


def _check_row_count(records: list) -> None:
    if len(records) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise ListReadError(f"the list has more than {MAX_ROWS:,} rows")


def _survey(path: Path):
    from geodata.importing.workbook_survey import WorkbookRefused, survey_workbook

    try:
        return survey_workbook(path)
    except WorkbookRefused as error:
        raise ListReadError(f"not a readable Excel workbook (.xlsx): {path.name}: {error}") \
            from error
    except OSError as error:
        raise ListReadError(f"cannot read {path.name}: {error.strerror or error}") from error


def _open_workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (*_DAMAGED, OSError) as error:
        raise ListReadError(f"not a readable Excel workbook (.xlsx): {path.name} "
                            f"({_reason(error)})") from error


def _reason(error: Exception) -> str:
    """One line of at most 200 characters (openpyxl's own messages run to several)."""
    lines = str(error).splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"[:200]


def _read_workbook(path: Path, sheet: str | None):
    """The rows with a value of the sheet, as (row number, cells); the sheet and the sheets.
    The survey says how far values reach; openpyxl is asked for that range and no more."""
    survey = _survey(path)
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise ListReadError(f"{path.name} has no sheet")
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise ListReadError(f"{path.name} has no sheet {sheet!r} (sheets: "
                                f"{', '.join(names)})")
        extent = survey.sheet(sheet)
        if extent.widest_value_column > MAX_COLUMNS:
            raise ListReadError(f"sheet {sheet} has values in column {extent.widest_value_column:,}"
                                f"; a list has at most {MAX_COLUMNS} columns")
        if extent.value_rows > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ListReadError(f"sheet {sheet} has more than {MAX_ROWS:,} rows")
        if extent.last_value_row > MAX_LAST_ROW:
            raise ListReadError(f"sheet {sheet} has values down to row {extent.last_value_row:,}; "
                                f"a list ends by row {MAX_LAST_ROW:,}")
        records = []
        if extent.value_rows:
            rows = workbook[sheet].iter_rows(min_row=1, max_row=extent.last_value_row,
                                             max_col=extent.widest_value_column,
                                             values_only=True)
            for number, values in enumerate(rows, start=1):
                if values.count(None) == len(values):
                    continue
                cells = [_clean(_cell_text(value)) for value in values]
                if any(cells):
                    records.append((number, cells))
                    _check_row_count(records)
    except _DAMAGED as error:
        raise ListReadError(f"not a readable Excel workbook (.xlsx): {path.name} is damaged "
                            f"({_reason(error)})") from error
    finally:
        workbook.close()
    return records, sheet, names


def _cell_text(value: object) -> str | None:
    """A cell as text: whole numbers without '.0', dates in ISO form, empty as None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _table(path: Path, records: list[tuple[int, list[str | None]]],
           header_row: int | None) -> Table:
    """The header row (given, or found among the first rows, else the first) and the rows
    below it; rows above it are titles and notes, left out; so are columns empty throughout."""
    if not records:
        raise ListReadError(f"the list is empty: {path.name}")
    numbers = [number for number, _ in records]
    found = True
    if header_row is not None:
        if header_row not in numbers:
            raise ListReadError(f"row {header_row} of {path.name} is empty or beyond its last "
                                f"row ({numbers[-1]}): it cannot be the header")
        first = last = numbers.index(header_row)
    else:
        block = find_header_rows([cells for _, cells in records[:HEADER_SEARCH_ROWS]], numbers)
        found = block is not None
        first, last = block or (0, 0)
    header = merged_header([cells for _, cells in records[first:last + 1]])
    number, body = numbers[last], records[last + 1:]
    if len(body) > MAX_ROWS:
        raise ListReadError(f"the list has more than {MAX_ROWS:,} rows")
    kept = _columns_with_values([header, *(values for _, values in body)])
    if len(kept) > MAX_COLUMNS:
        raise ListReadError(f"the list has more than {MAX_COLUMNS} columns")
    headers = [_at(header, column) or f"column {column + 1}" for column in kept]
    rows = [_kept(values, kept) for _, values in body]
    return Table(path, headers, rows, [row for row, _ in body], header_row=number,
                 header_found=found, value_rows=numbers)


def _columns_with_values(rows: list[list[str | None]]) -> list[int]:
    """The columns holding a value in some row (the header names most of them at once)."""
    empty = set(range(max(len(values) for values in rows)))
    for values in rows:
        empty -= {column for column in empty if column < len(values) and values[column]}
        if not empty:
            break
    width = max(len(values) for values in rows)
    return [column for column in range(width) if column not in empty]


def _kept(values: list[str | None], kept: list[int]) -> list[str | None]:
    """A row's cells in the kept columns (most often all of them, in one slice)."""
    width = len(kept)
    if kept[-1] == width - 1:
        return values[:width] + [None] * (width - len(values))
    return [_at(values, column) for column in kept]


def _at(values: list[str | None], column: int) -> str | None:
    return values[column] if column < len(values) else None


def _clean(cell: object) -> str | None:
    if cell is None:
        return None
    text = unicodedata.normalize("NFC", str(cell)).strip()
    return text or None
