"""Hostile and careless lists (issue 23: 1, 2, 9, 17 and the low items): tiny workbooks that
claim the whole sheet or millions of shared strings, damaged workbooks, a DOCTYPE that names a
local file, a UTF-8 file with one stray byte, a title row above the header, a NUL in a cell and
a line of commas. Each is refused in one line, or read as it was meant, while it is read."""

import re
import zipfile

import pytest
from hostile_lists import (
    SHEET,
    damaged_workbooks,
    replace_parts,
    sheet_xml,
    without_declaration,
    workbook,
)
from openpyxl import Workbook

from desktop.cli import main
from geodata import load_dataset
from geodata.errors import DatasetError
from geodata.importing.columns import guess_columns
from geodata.importing.reading import ListReadError, decode_csv, read_list
from geodata.importing.workbook_survey import MAX_OTHER_PART_BYTES, MAX_SHARED_STRINGS


def refusal(path, capsys, tmp_path) -> str:
    """The CLI's answer to importing ``path``: exit 2, one line on stderr, no traceback."""
    assert main(["import", str(path), "--into", str(tmp_path / "out.gpkg")]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert not (tmp_path / "out.gpkg").exists()
    return lines[0]


# --- 23.1: tiny workbooks that would cost gigabytes ---------------------------------------------

def test_a_one_cell_workbook_claiming_the_whole_sheet_is_refused_while_read(tmp_path, capsys):
    """One cell in row 1,048,576 of an A1:XFD1048576 sheet: openpyxl padded every row to
    16,384 columns (5.8 GB, MemoryError after 104 s)."""
    for column in ("A", "XFD"):
        path = replace_parts(workbook(tmp_path / f"bomb-{column}.xlsx"), {
            SHEET: sheet_xml(f'<row r="1048576"><c r="{column}1048576" t="inlineStr">'
                             '<is><t>x</t></is></c></row>')})
        line = refusal(path, capsys, tmp_path)
        assert path.name in line
        assert ("row 1,048,576" in line) or ("column 16,384" in line)


def test_a_workbook_whose_dimension_claims_the_whole_sheet_reads_its_rows(tmp_path):
    """A careless writer's dimension is not believed: the rows that hold values are read."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{name}</t></is></c>'
                   f'<c r="B{r}" t="inlineStr"><is><t>北海道</t></is></c></row>'
                   for r, name in ((1, "名称"), (2, "札幌の会社"), (3, "函館の会社")))
    path = replace_parts(workbook(tmp_path / "wide.xlsx"), {SHEET: sheet_xml(rows)})
    table = read_list(path)
    assert table.headers == ["名称", "北海道"]
    assert table.rows == [["札幌の会社", "北海道"], ["函館の会社", "北海道"]]


def shared_strings(count: int) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"<si><t/></si>" * count + b"</sst>")


def test_a_workbook_of_millions_of_shared_strings_is_refused_while_read(tmp_path, capsys):
    """30 M shared strings fit in 1.3 MB; openpyxl loaded them all (3.7 GB after 300 s)."""
    path = workbook(tmp_path / "strings.xlsx")
    with zipfile.ZipFile(path) as source:
        names = source.namelist()
    strings = next((name for name in names if name.endswith("sharedStrings.xml")),
                   "xl/sharedStrings.xml")
    replace_parts(path, {strings: shared_strings(MAX_SHARED_STRINGS + 1)})
    line = refusal(path, capsys, tmp_path)
    assert f"more than {MAX_SHARED_STRINGS:,} shared strings" in line


def test_a_part_that_inflates_too_far_is_refused_before_it_is_read(tmp_path, capsys):
    path = replace_parts(workbook(tmp_path / "styles.xlsx"), {
        "xl/styles.xml": b"<styleSheet>" + b" " * MAX_OTHER_PART_BYTES + b"</styleSheet>"})
    line = refusal(path, capsys, tmp_path)
    assert "xl/styles.xml inflates to 16 MB" in line


def test_a_row_of_more_cells_than_excel_allows_is_refused_while_read(tmp_path, capsys):
    path = replace_parts(workbook(tmp_path / "row.xlsx"), {
        SHEET: sheet_xml('<row r="1">' + "<c/>" * 20_000 + "</row>", "A1")})
    assert "row 1 has more than 16,384 cells" in refusal(path, capsys, tmp_path)


def test_a_hostile_workbook_opened_in_the_window_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = replace_parts(workbook(tmp_path / "bomb.xlsx"), {
        SHEET: sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')})
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    (problem,) = raised.value.problems
    assert "column 16,384" in problem.message and "\n" not in problem.message


# --- 23.2: damaged workbooks ---------------------------------------------------------------------

@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-7f3a")
    return path


def test_a_damaged_workbook_is_refused_in_one_line_without_a_traceback(tmp_path, capsys,
                                                                      secret):
    for name, path in damaged_workbooks(tmp_path, secret).items():
        line = refusal(path, capsys, tmp_path)
        assert line.startswith("cluster-explorer import: not a readable Excel workbook"), name
        assert path.name in line and "TOPSECRET" not in line, name


def test_no_local_file_is_read_through_an_entity_of_any_part(tmp_path, secret):
    good = workbook(tmp_path / "good.xlsx")
    declaration = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "{secret}">'
                   f'<!ENTITY s2 SYSTEM "file://{secret}">]>').encode()
    with zipfile.ZipFile(good) as source:
        names = [name for name in source.namelist() if name.endswith((".xml", ".rels"))]
        parts = {name: source.read(name) for name in names}
    for name, data in parts.items():
        body = without_declaration(data)
        path = tmp_path / f"entity-{name.replace('/', '_')}.xlsx"
        path.write_bytes(good.read_bytes())
        replace_parts(path, {name: declaration + body})
        with pytest.raises(ListReadError) as raised:
            read_list(path)
        assert "DOCTYPE" in str(raised.value) and "TOPSECRET" not in str(raised.value), name


# --- 23.9: the encoding decided on evidence -------------------------------------------------------

def test_a_utf8_list_with_one_stray_byte_is_not_read_as_shift_jis(tmp_path, capsys):
    text = "名称,prefecture\n" + "".join(f"株式会社{n},Hokkaido\n" for n in range(30))
    data = text.encode()
    stray = data.index(b"Hokkaido", 200) + 4
    data = data[:stray] + b"\xb1" + data[stray:]  # ｱ in Shift_JIS
    assert data.decode("cp932").startswith("蜷咲ｧｰ")  # the old reading: 株式会社 → 譬ｪ蠑丈ｼ夂､ｾ
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    line = refusal(path, capsys, tmp_path)
    assert f"at byte {stray:,}" in line and "not UTF-8" in line


def test_shift_jis_lists_are_still_read_as_shift_jis():
    for text in ("名称,都道府県\n札幌の会社,北海道\n", "ﾒｲｼｮｳ,ｹﾝ\nｶﾌﾞｼｷｶﾞｲｼｬ,ﾎｯｶｲﾄﾞｳ\n" * 5,
                 "名前\n日本\n"):
        assert decode_csv(text.encode("cp932")) == (text, "cp932")


def test_a_utf8_list_with_a_bom_and_a_stray_byte_names_its_offset():
    start = "\ufeff名称\n札幌の会社\n".encode()
    data = start + b"\xff" + "函館の会社\n".encode()
    with pytest.raises(ListReadError, match=rf"at byte {len(start)} \(line 3\)"):
        decode_csv(data)


# --- 23.17 and issue 28 item 3: the header row ---------------------------------------------------

TITLED = [("参加機関一覧（令和6年度）",), (None,), ("作成: 北海道経済産業局", None, "2024-04-01"),
          ("名称", "種別", "都道府県", "市区町村"), ("札幌の会社", "企業", "北海道", "札幌市"),
          ("函館の大学", "大学", "北海道", "函館市")]


def test_a_title_row_above_the_header_is_not_taken_for_the_header(tmp_path):
    table = read_list(workbook(tmp_path / "titled.xlsx", TITLED))
    assert (table.header_row, table.header_found) == (4, True)
    assert table.headers == ["名称", "種別", "都道府県", "市区町村"]
    assert table.row_numbers == [5, 6] and table.rows[0][0] == "札幌の会社"
    assert guess_columns(table.headers)["name_ja"] == 0


def test_a_csv_with_a_title_row_finds_its_header_too(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("参加機関一覧\n\n名称,種別,都道府県\n札幌の会社,企業,北海道\n",
                    encoding="cp932")
    table = read_list(path)
    assert table.header_row == 3 and table.rows == [["札幌の会社", "企業", "北海道"]]


def test_a_header_of_two_rows_under_merged_cells_names_every_column(tmp_path):
    path = tmp_path / "merged.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["名簿"])
    sheet.merge_cells("A1:E1")
    sheet.append([None, "名称", "種別", "所在地", None])  # blank column A
    sheet.append([None, None, None, "都道府県", "市区町村"])
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    sheet.merge_cells("D2:E2")
    sheet.append([None, "札幌の会社", "企業", "北海道", "札幌市"])
    book.save(path)
    table = read_list(path)
    assert table.headers == ["名称", "種別", "都道府県", "市区町村"]  # column A left out
    assert table.header_row == 3 and table.rows == [["札幌の会社", "企業", "北海道", "札幌市"]]


def test_the_header_row_can_be_given(tmp_path):
    path = workbook(tmp_path / "titled.xlsx", TITLED)
    table = read_list(path, header_row=3)
    assert table.header_row == 3 and table.headers[0] == "作成: 北海道経済産業局"
    with pytest.raises(ListReadError, match="row 2 of titled.xlsx is empty"):
        read_list(path, header_row=2)


def test_a_list_whose_header_is_not_found_says_so_in_one_line(tmp_path, capsys):
    path = workbook(tmp_path / "unknown.xlsx", [("会社", "場所"), ("札幌の会社", "北海道")])
    table = read_list(path)
    assert not table.header_found and table.header_row == 1
    line = refusal(path, capsys, tmp_path)
    assert "no header row found" in line and "--header-row" in line


def test_the_import_command_takes_the_header_row(tmp_path, capsys):
    project_id = load_dataset().projects["project_id"].iloc[0]
    rows = [*TITLED[:3], ("名称", "種別", "プロジェクト", "都道府県", "市区町村", "メモ"),
            ("札幌の会社", "企業", project_id, "北海道", "札幌市", "名称")]
    path = workbook(tmp_path / "titled.xlsx", rows)
    target = tmp_path / "out.gpkg"
    assert main(["import", str(path), "--into", str(target), "--header-row", "4"]) == 0
    assert "imported 1 of 1 rows" in capsys.readouterr().out
    assert main(["import", str(path), "--into", str(tmp_path / "b.gpkg"), "--header-row",
                 "2"]) == 2
    assert "row 2 of titled.xlsx is empty" in capsys.readouterr().err


# --- the low items ------------------------------------------------------------------------------

def test_a_nul_in_a_csv_cell_is_refused_rather_than_cutting_the_name(tmp_path, capsys):
    path = tmp_path / "nul.csv"
    path.write_bytes("名称,都道府県\n札幌の\x00会社,北海道\n".encode())
    assert "line 2 holds a NUL character" in refusal(path, capsys, tmp_path)


def test_a_line_of_millions_of_commas_is_refused_while_read(tmp_path, capsys):
    path = tmp_path / "commas.csv"
    path.write_bytes(b"name,prefecture\n" + b"," * 20_000_000 + b"\n")
    assert re.search(r"line 2 has more than 16,384 cells", refusal(path, capsys, tmp_path))


def test_blank_columns_and_trailing_commas_are_left_out(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(",名称,,都道府県" + "," * 300 + "\n,札幌の会社,,北海道,,\n",
                    encoding="utf-8")
    table = read_list(path)
    assert table.headers == ["名称", "都道府県"] and table.rows == [["札幌の会社", "北海道"]]


def test_a_list_opened_in_the_window_without_a_header_says_so_in_one_line(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = workbook(tmp_path / "unknown.xlsx", [("会社", "場所"), ("札幌の会社", "北海道")])
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    (problem,) = raised.value.problems
    assert "no header row found" in problem.message and "Import list" in problem.message
    assert "--" not in problem.message


def test_a_sheet_kept_outside_the_usual_folder_is_found_by_its_relationship(tmp_path):
    """The survey follows the workbook's relationships, not a folder name, so a valid
    workbook laid out by another writer is neither refused nor read without its bounds."""
    path = workbook(tmp_path / "moved.xlsx")
    with zipfile.ZipFile(path) as source:
        sheet = source.read(SHEET)
        rels = source.read("xl/_rels/workbook.xml.rels")
        types = source.read("[Content_Types].xml")
    replace_parts(path, {
        SHEET: None, "xl/lists/members.xml": sheet,
        "xl/_rels/workbook.xml.rels": rels.replace(b"worksheets/sheet1.xml",
                                                   b"lists/members.xml"),
        "[Content_Types].xml": types.replace(b"/xl/worksheets/sheet1.xml",
                                             b"/xl/lists/members.xml")})
    assert read_list(path).rows == [["札幌の会社", "北海道"]]
    replace_parts(path, {"xl/lists/members.xml": sheet_xml(
        '<row r="1"><c r="XFD1"><v>1</v></c></row>')})
    with pytest.raises(ListReadError, match="values in column 16,384"):
        read_list(path)
