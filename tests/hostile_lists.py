"""Workbooks made hostile or damaged on purpose, from a good one written by openpyxl: for the
reading tests (tests/geodata/test_import_hostile.py) and the import dialog's."""

import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def workbook(path, rows=(("名称", "都道府県"), ("札幌の会社", "北海道"))):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def replace_parts(path, parts: dict[str, bytes | None]):
    """The workbook at ``path`` with some parts replaced (None: left out)."""
    with zipfile.ZipFile(path) as source:
        kept = {name: source.read(name) for name in source.namelist()}
    for name, data in parts.items():
        if data is None:
            kept.pop(name, None)
        else:
            kept[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in kept.items():
            target.writestr(name, data)
    return path


def sheet_xml(rows: str, dimension="A1:XFD1048576") -> bytes:
    return (f'{SHEET_OPEN}<dimension ref="{dimension}"/><sheetData>{rows}</sheetData>'
            '</worksheet>').encode()


def without_declaration(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def damaged_workbooks(tmp_path, secret):
    """name → a damaged workbook, made from a good one."""
    good = workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as source:
        sheet = source.read(SHEET)
    entity = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM '
              f'"file://{secret}">]>').encode()
    strings_with_index_9 = sheet_xml('<row r="1"><c r="A1" t="s"><v>9</v></c></row>', "A1")
    made = {
        "cut-short": {SHEET: sheet[:len(sheet) // 2]},
        "doctype-entity": {SHEET: entity + without_declaration(sheet).replace(
            b"<sheetData>", b'<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&secret;'
            b"</t></is></c></row>", 1)},
        "missing-sheet": {SHEET: None},
        "shared-string-out-of-range": {SHEET: strings_with_index_9},
    }
    paths = {}
    for name, parts in made.items():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(good.read_bytes())
        paths[name] = replace_parts(path, parts)
    return paths
