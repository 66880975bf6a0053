"""A look through an .xlsx workbook's zip before openpyxl reads it, so a tiny hostile file
cannot cost gigabytes or minutes, and a damaged one is refused in one line.

openpyxl trusts a workbook: it pads every row to the sheet's declared ``<dimension>`` (one
cell in row 1,048,576 of an ``A1:XFD1048576`` sheet is 17 billion empty cells), loads every
shared string at once (30 million of them fit in 1.3 MB compressed) and builds a whole
``<row>`` before looking at it. This survey reads each part as a stream with expat (the
standard library's parser: it never fetches an external entity) and refuses, while reading,
a part that inflates too far, a DOCTYPE (a real workbook has none), too many shared strings,
a row of more cells than Excel allows, and XML cut short. What it learns of each sheet (the
rows and the widest column holding a value) lets the reader ask openpyxl for exactly that
range and nothing more.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

MAX_WORKBOOK_BYTES = 64 * 1024 * 1024
"""The .xlsx file itself: a list of 100,000 rows is about 10 MB."""
MAX_PARTS = 10_000
MAX_SHEET_PART_BYTES = 256 * 1024 * 1024
"""A worksheet or the shared strings once inflated (a 100,000-row list is about 50 MB)."""
MAX_OTHER_PART_BYTES = 16 * 1024 * 1024
"""Any other part once inflated (styles, workbook, relationships: openpyxl reads them whole)."""
MAX_SHARED_STRINGS = 1_000_000
EXCEL_COLUMNS = 16_384
EXCEL_ROWS = 1_048_576
CHUNK_BYTES = 1024 * 1024

_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})(\d*)$")


class WorkbookRefused(Exception):
    """The workbook is refused before it is read; the message says why in one line."""


@dataclass
class SheetSurvey:
    """What one worksheet part holds: its rows with a value and the widest column with one."""

    value_rows: int = 0
    last_value_row: int = 0
    widest_value_column: int = 0
    highest_shared_string: int = -1
    """The highest index of a shared string a cell refers to (-1: none)."""


@dataclass
class WorkbookSurvey:
    shared_strings: int = 0
    sheet_parts: dict[str, str] = field(default_factory=dict)
    """Sheet name → its worksheet part in the zip."""
    parts: dict[str, SheetSurvey] = field(default_factory=dict)
    """Worksheet part → its survey."""

    def sheet(self, name: str) -> SheetSurvey:
        """The survey of the sheet called ``name``; the widest of all sheets when the
        workbook's own index does not say which part it is (openpyxl may still find it)."""
        part = self.sheet_parts.get(name)
        if part in self.parts:
            return self.parts[part]
        return SheetSurvey(max((s.value_rows for s in self.parts.values()), default=0),
                           max((s.last_value_row for s in self.parts.values()), default=0),
                           max((s.widest_value_column for s in self.parts.values()),
                               default=0))


def survey_workbook(path: Path) -> WorkbookSurvey:
    """Every part of the workbook at ``path`` checked as it streams; WorkbookRefused if any
    is too large, damaged, declares a DOCTYPE, or the workbook is not a zip at all."""
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookRefused(f"the workbook is larger than {MAX_WORKBOOK_BYTES >> 20} MB")
    try:
        with zipfile.ZipFile(path) as archive:
            return _survey_archive(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError) as error:  # RuntimeError: an encrypted part
        raise WorkbookRefused(f"the workbook is damaged ({error})") from error


def _survey_archive(archive: zipfile.ZipFile) -> WorkbookSurvey:
    """First the small parts that say where things are (the relationships, the workbook's
    sheet index), then every other XML part by its role: worksheets and shared strings with
    their bounds, the rest for a DOCTYPE and whether it is whole."""
    members = {member.filename: member for member in archive.infolist()}
    if len(members) > MAX_PARTS:
        raise WorkbookRefused(f"the workbook has more than {MAX_PARTS:,} parts")
    relationships = {name: _stream(archive, members[name], _Relationships(),
                                   MAX_OTHER_PART_BYTES)
                     for name in members if name.endswith(".rels")}
    package_rels = relationships.get("_rels/.rels", _Relationships())
    workbook_part = _resolve("", package_rels.targets.get("officeDocument",
                                                          "xl/workbook.xml"))
    if workbook_part not in members:
        raise WorkbookRefused(f"the workbook is damaged: its part {workbook_part} is missing")
    sheet_ids = _stream(archive, members[workbook_part], _SheetIndex(),
                        MAX_OTHER_PART_BYTES).sheet_ids
    folder = posixpath.dirname(workbook_part)
    workbook_rels = relationships.get(posixpath.join(
        folder, "_rels", posixpath.basename(workbook_part) + ".rels"), _Relationships())
    survey = WorkbookSurvey()
    for sheet, relationship_id in sheet_ids.items():
        target = workbook_rels.targets.get(relationship_id)
        if target is not None:
            survey.sheet_parts[sheet] = _resolve(folder, target)
    missing = [sheet for sheet, part in survey.sheet_parts.items() if part not in members]
    if missing:
        raise WorkbookRefused(f"the workbook is damaged: the part of sheet {missing[0]!r} "
                              "is missing")
    sheet_parts = set(survey.sheet_parts.values())
    strings_parts = {_resolve(folder, target) for target in workbook_rels.strings}
    for name, member in members.items():
        if name in relationships or name == workbook_part:
            continue
        if name in sheet_parts or name.startswith("xl/worksheets/"):
            survey.parts[name] = _stream(archive, member, _SheetScan(),
                                         MAX_SHEET_PART_BYTES).survey
        elif name in strings_parts or name.endswith("sharedStrings.xml"):
            survey.shared_strings = _stream(archive, member, _SharedStringCount(),
                                            MAX_SHEET_PART_BYTES).count
        elif name.endswith(".xml"):
            _stream(archive, member, _Scan(), MAX_OTHER_PART_BYTES)
        else:
            _check_size(member, MAX_OTHER_PART_BYTES)
    for part, sheet in survey.parts.items():
        if sheet.highest_shared_string >= survey.shared_strings:
            raise WorkbookRefused(f"the workbook is damaged: a cell of {part} refers to shared "
                                  f"string {sheet.highest_shared_string:,} of "
                                  f"{survey.shared_strings:,}")
    return survey


def _check_size(member: zipfile.ZipInfo, limit: int) -> None:
    # zipfile stops inflating at the declared size (and then fails the CRC), so the declared
    # size bounds what reading the part can cost.
    if member.file_size > limit:
        raise WorkbookRefused(f"its part {member.filename} inflates to "
                              f"{member.file_size >> 20:,} MB (at most {limit >> 20} MB)")


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _stream(archive: zipfile.ZipFile, member: zipfile.ZipInfo, scan: _Scan, limit: int):
    """Feed the part to expat a megabyte at a time; the scan's handlers refuse as they go."""
    _check_size(member, limit)
    name = member.filename
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    try:
        with archive.open(member) as part:
            while chunk := part.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise WorkbookRefused(f"the workbook is damaged: {name} "
                              f"(line {error.lineno}: {expat.ErrorString(error.code)})") \
            from error
    except WorkbookRefused as error:
        raise WorkbookRefused(f"{name}: {error}") from None
    return scan


def _refuse_doctype(*_args) -> None:
    raise WorkbookRefused("it declares a DOCTYPE, which no workbook has (its entities are "
                          "never read)")


def _local(tag: str) -> str:
    return tag.rpartition(":")[2] if ":" in tag else tag


class _Scan:
    def start(self, tag: str, attributes: dict) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _Relationships(_Scan):
    """A .rels part: relationship id (and the officeDocument type) → target."""

    def __init__(self):
        self.targets: dict[str, str] = {}
        self.strings: list[str] = []

    def start(self, tag, attributes):
        if _local(tag) == "Relationship" and "Target" in attributes:
            if attributes.get("TargetMode") == "External":
                return
            self.targets[attributes.get("Id", "")] = attributes["Target"]
            kind = attributes.get("Type", "").rpartition("/")[2]
            if kind == "officeDocument":
                self.targets["officeDocument"] = attributes["Target"]
            elif kind == "sharedStrings":
                self.strings.append(attributes["Target"])


class _SheetIndex(_Scan):
    """The workbook part: the sheets it names and their relationship ids."""

    def __init__(self):
        self.sheet_ids: dict[str, str] = {}

    def start(self, tag, attributes):
        if _local(tag) == "sheet":
            relationship_id = next((value for key, value in attributes.items()
                                    if _local(key) == "id"), None)
            if relationship_id is not None and "name" in attributes:
                self.sheet_ids[attributes["name"]] = relationship_id


class _SharedStringCount(_Scan):
    def __init__(self):
        self.count = 0

    def start(self, tag, attributes):
        if _local(tag) == "si":
            self.count += 1
            if self.count > MAX_SHARED_STRINGS:
                raise WorkbookRefused(f"more than {MAX_SHARED_STRINGS:,} shared strings")


class _SheetScan(_Scan):
    """A worksheet: rows and cells counted within Excel's own limits, and where values are."""

    def __init__(self):
        self.survey = SheetSurvey()
        self.row = 0
        self.cells_in_row = 0
        self.column = 0
        self.row_has_value = False
        self.cell_has_value = False
        self.cell_is_shared = False
        self.shared_index: list[str] | None = None

    def start(self, tag, attributes):
        name = _local(tag)
        if name == "row":
            self.row = _number(attributes.get("r"), self.row + 1, EXCEL_ROWS, "row")
            self.cells_in_row = self.column = 0
            self.row_has_value = False
        elif name == "c":
            self.cells_in_row += 1
            if self.cells_in_row > EXCEL_COLUMNS:
                raise WorkbookRefused(f"row {self.row} has more than {EXCEL_COLUMNS:,} cells")
            self.column = _column(attributes.get("r"), self.column + 1)
            self.cell_has_value = False
            self.cell_is_shared = attributes.get("t") == "s"
        elif name in ("v", "is"):
            self.cell_has_value = True
            if name == "v" and self.cell_is_shared:
                self.shared_index = []

    def text(self, data):
        if self.shared_index is not None:
            self.shared_index.append(data)
            if len(self.shared_index) > 10:
                raise WorkbookRefused("a shared string index is not a number")

    def end(self, tag):
        name = _local(tag)
        if name == "v" and self.shared_index is not None:
            index = _number("".join(self.shared_index).strip() or None, 0, MAX_SHARED_STRINGS,
                            "shared string", first=0)
            self.survey.highest_shared_string = max(self.survey.highest_shared_string, index)
            self.shared_index = None
        elif name == "c" and self.cell_has_value:
            self.row_has_value = True
            survey = self.survey
            survey.widest_value_column = max(survey.widest_value_column, self.column)
        elif name == "row" and self.row_has_value:
            self.survey.value_rows += 1
            self.survey.last_value_row = max(self.survey.last_value_row, self.row)


def _number(text: str | None, default: int, limit: int, what: str, first: int = 1) -> int:
    if text is None:
        number = default
    elif text.isdigit() and len(text) < 10:
        number = int(text)
    else:
        raise WorkbookRefused(f"a {what} number is not a number: {text[:20]!r}")
    if not first <= number <= limit:
        raise WorkbookRefused(f"{what} {number:,} is beyond Excel's {limit:,}")
    return number


def _column(reference: str | None, default: int) -> int:
    """The column of a cell reference such as ``AB12`` (1-based); ``default`` without one."""
    if reference is None:
        number = default
    else:
        match = _CELL_REFERENCE.match(reference)
        if match is None:
            raise WorkbookRefused(f"a cell reference is not one: {reference[:20]!r}")
        number = 0
        for letter in match.group(1).upper():
            number = number * 26 + ord(letter) - ord("A") + 1
    if number > EXCEL_COLUMNS:
        raise WorkbookRefused(f"column {number:,} is beyond Excel's {EXCEL_COLUMNS:,}")
    return number
