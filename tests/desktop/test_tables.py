"""The result tables for people: headers, numbers first and right-aligned, one row per fact,
copying rows as tab-separated text and saving them as CSV or XLSX with their sources."""

import csv
import io

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from desktop.common.loaded_dataset import LoadedDataset
from desktop.common.table_file import (
    Table,
    csv_bytes,
    safe_cell,
    tsv_text,
    write_table,
    xlsx_bytes,
)
from desktop.panels.achievements import AchievementsPanel
from desktop.panels.participant_model import LABEL, VALUE
from desktop.panels.participants import ParticipantsPanel
from desktop.panels.tieups import TieupsPanel
from desktop.state import ExplorerState
from geodata import Filter, load_dataset, run_query
from geodata.file_replace import replace_bytes

FORMULA = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def state_over(dataset) -> ExplorerState:
    explorer = ExplorerState()
    explorer.set_dataset(LoadedDataset(dataset))
    return explorer


@pytest.fixture
def state(ds, qapp):
    return state_over(ds)


def shown(qtbot, panel, width=420):
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show()
    panel.ensure_fresh()
    return panel


def open_workbook(data: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data)).active


# --- the tables on screen -----------------------------------------------------------------------
@pytest.mark.parametrize("panel_class", [AchievementsPanel, TieupsPanel])
def test_a_table_shows_its_headers_over_its_columns(qtbot, state, panel_class):
    panel = shown(qtbot, panel_class(state))
    header = panel.view.horizontalHeader()
    assert header.isVisible() and header.height() > 0
    model = panel.model
    for column in range(model.columnCount()):
        # left (or right) over its cells: a centred header over a wide column was out of sight
        alignment = Qt.AlignmentFlag(model.headerData(column, Qt.Orientation.Horizontal,
                                                      Qt.ItemDataRole.TextAlignmentRole))
        assert not alignment & Qt.AlignmentFlag.AlignHCenter
    # every column fits the dock: nothing scrolls sideways
    widths = sum(header.sectionSize(column) for column in range(model.columnCount()))
    assert widths <= panel.view.viewport().width() + 1


def test_achievements_show_the_number_first_right_aligned(qtbot, state):
    panel = shown(qtbot, AchievementsPanel(state))
    model = panel.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "How many"
    right = Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole)) & right
    assert Qt.AlignmentFlag(model.headerData(0, Qt.Orientation.Horizontal,
                                             Qt.ItemDataRole.TextAlignmentRole)) & right
    assert panel.view.wordWrap()
    # a cut cell's whole text is in its tooltip
    what = model.index(0, 1)
    assert what.data() in what.data(Qt.ItemDataRole.ToolTipRole).replace("&#x27;", "'")


def test_participants_show_the_number_first_and_each_fact_once(qtbot, ds):
    state = state_over(ds)
    panel = shown(qtbot, ParticipantsPanel(state))
    header = panel.view.header()
    assert header.isVisible() and header.visualIndex(VALUE) == 0
    assert panel.model.headerData(VALUE, Qt.Orientation.Horizontal) == "Number"
    for row in range(panel.model.rowCount()):
        project = panel.model.index(row, LABEL)
        children = [panel.model.row_of(panel.model.index(child, LABEL, project))
                    for child in range(panel.model.rowCount(project))]
        shown_lines = [(child.label, child.value) for child in children]
        facts = [child.fact for child in children]
        assert len(set(facts)) == len(facts)
        counted = [(fact.kind, fact.count, fact.source_id) for fact in facts if not fact.name]
        assert len(set(counted)) == len(counted), (project.data(), shown_lines)


def test_the_same_figure_from_the_same_source_is_one_line_with_both_places(qtbot, ds):
    state = state_over(ds)
    state.select_project("kansai-bio-cluster")
    panel = shown(qtbot, ParticipantsPanel(state))
    project = panel.model.index(0, LABEL)
    rows = [panel.model.row_of(panel.model.index(child, LABEL, project))
            for child in range(panel.model.rowCount(project))]
    companies = [row for row in rows if row.fact.kind == "company" and not row.fact.name
                 and row.fact.source_id == "meti-2003-slides"]
    assert len(companies) == 1
    # the overview (projects layer) and the detail slide (participant_counts) both cited
    overview_lines = str(ds.projects.set_index("project_id").loc["kansai-bio-cluster",
                                                                 "evidence_lines"])
    assert overview_lines in companies[0].fact.evidence_lines.split(";")
    assert companies[0].label == "Companies · c. 2003" and companies[0].value == "about 220"


# --- copying -------------------------------------------------------------------------------------
def test_ctrl_c_copies_the_selected_rows_as_tab_separated_text_with_a_header(qtbot, state):
    panel = shown(qtbot, AchievementsPanel(state))
    view, model = panel.view, panel.model
    selection = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(model.index(0, 0), flags)
    selection.select(model.index(2, 0), flags)
    view.setFocus()
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(panel.table_actions.sig_copied) as copied:
        qtbot.keySequence(view, "Ctrl+C")
    assert copied.args == [2]
    lines = QGuiApplication.clipboard().text().splitlines()
    header = lines[0].split("\t")
    assert header[:4] == ["How many", "What", "When", "Project"]
    assert header[-3:] == ["Source", "Source title", "Source lines"]
    assert len(lines) == 3
    first = model.row_at(0)
    cells = lines[1].split("\t")
    assert len(cells) == len(header) and cells[header.index("Source")] == first.source_id
    assert " ".join(str(first.description).split()) == cells[1]


def test_the_context_menu_offers_copy_and_save(qtbot, state):
    panel = shown(qtbot, TieupsPanel(state))
    texts = [action.text() for action in panel.view.actions()]
    assert texts == ["Copy", "Save table as…"]
    assert panel.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


def test_a_participant_line_copies_as_its_fact_and_a_project_line_as_all_of_them(qtbot, ds):
    state = state_over(ds)
    state.select_project("hokkaido-cluster")
    panel = shown(qtbot, ParticipantsPanel(state))
    model, selection = panel.model, panel.view.selectionModel()
    project = model.index(0, LABEL)
    selection.select(model.index(1, LABEL, project),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.table_actions.copy_selected() == 1
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:5] == ["Project", "Kind", "Name", "Name (Japanese)", "Number"]
    selection.select(project, QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.table_actions.copy_selected() == model.rowCount(project)


# --- saving --------------------------------------------------------------------------------------
def test_a_table_saves_as_csv_excel_reads_with_its_sources(qtbot, state, tmp_path, ds):
    panel = shown(qtbot, TieupsPanel(state))
    target = tmp_path / "tie-ups.csv"
    assert panel.table_actions.save(target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][-3:] == ["Source", "Source title", "Source lines"]
    assert len(rows) == 1 + len(ds.tieups)
    titles = ds.source_titles
    for row in rows[1:]:
        assert row[-2] == titles[row[-3]]


def test_a_table_saves_as_xlsx_with_sources_and_numbers(qtbot, state, tmp_path, ds):
    panel = shown(qtbot, AchievementsPanel(state))
    target = tmp_path / "achievements.xlsx"
    assert panel.table_actions.save(target)
    sheet = open_workbook(target.read_bytes())
    header = [cell.value for cell in sheet[1]]
    assert "Source" in header and "Source title" in header and "Number" in header
    assert sheet.max_row == 1 + len(ds.achievements)
    numbers = [row[header.index("Number")].value for row in sheet.iter_rows(min_row=2)]
    assert any(isinstance(value, (int, float)) for value in numbers)
    assert all(value is None or isinstance(value, (int, float)) for value in numbers)


def test_a_participant_table_saves_one_row_per_fact(qtbot, ds, tmp_path):
    state = state_over(ds)
    panel = shown(qtbot, ParticipantsPanel(state))
    target = tmp_path / "participants.xlsx"
    assert panel.table_actions.save(target)
    sheet = open_workbook(target.read_bytes())
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(set(rows))
    named = [row for row in rows if row[2]]
    assert len(named) == len(ds.participants)


def test_a_formula_like_name_is_saved_as_text(qtbot, ds, tmp_path):
    from factories import with_text

    hostile = with_text(ds, "participants", "participant_id", ds.participants.iloc[0][
        "participant_id"], "name_en", FORMULA + "\x07")
    state = state_over(hostile)
    panel = shown(qtbot, ParticipantsPanel(state))
    target = tmp_path / "participants.xlsx"
    assert panel.table_actions.save(target)
    sheet = open_workbook(target.read_bytes())
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[2].value == FORMULA]
    assert len(cells) == 1 and cells[0].data_type == "s"  # text, not a formula
    csv_target = tmp_path / "participants.csv"
    assert panel.table_actions.save(csv_target)
    text = csv_target.read_bytes().decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text and "\x07" not in text


def test_a_failed_save_says_why_and_keeps_the_old_file(qtbot, state, tmp_path):
    panel = shown(qtbot, AchievementsPanel(state))
    target = tmp_path / "achievements.csv"
    target.write_bytes(b"old")

    def failing(path, data):
        raise OSError(28, "No space left on device")

    panel.table_actions.write_file = failing
    with qtbot.waitSignal(panel.table_actions.sig_failed) as failed:
        assert not panel.table_actions.save(target)
    assert "No space left" in failed.args[0] and target.read_bytes() == b"old"
    assert panel.table_actions.error_dialog.textFormat() == Qt.TextFormat.PlainText
    assert not panel.table_actions.save(tmp_path / "achievements.txt")  # no such format


# --- the writer without a panel ------------------------------------------------------------------
def test_cells_that_would_run_as_formulas_are_neutralised():
    assert [safe_cell(text) for text in ("=1+1", "+1", "-1", "@SUM(A1)", "plain")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "plain"]
    assert safe_cell(12.5) == 12.5 and safe_cell("a\x00b\x1fc") == "abc"


def test_tsv_keeps_one_line_per_row_whatever_the_cells_hold():
    table = Table(("Name", "Count"), (("a\tb\nc", 3.0), ("=cmd", None)))
    assert tsv_text(table) == "Name\tCount\na b c\t3\n'=cmd\t\n"


def test_xlsx_stores_illegal_xml_characters_stripped(tmp_path):
    table = Table(("Name",), (("bad\x0bname\x1b",), (FORMULA,)), title="a/b:c" * 10)
    sheet = open_workbook(xlsx_bytes(table))
    assert sheet["A2"].value == "badname"
    assert sheet["A3"].value == FORMULA and sheet["A3"].data_type == "s"
    assert len(sheet.title) <= 31 and "/" not in sheet.title
    assert csv_bytes(table).decode("utf-8-sig").splitlines()[2].startswith("\"'=HYPERLINK")


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    import os

    target = tmp_path / "t.csv"
    target.write_bytes(b"old")

    def broken_replace(_source, _target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_table(target, Table(("a",), (("b",),)))
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["t.csv"]
    monkeypatch.undo()
    replace_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_the_tables_follow_the_filter(qtbot, state, ds):
    panel = shown(qtbot, TieupsPanel(state))
    state.select_bureau("kinki")
    panel.ensure_fresh()
    assert len(panel.table().rows) == len(run_query(ds, Filter(bureau_id="kinki")).tieups)


def test_the_achievements_heading_counts_outcomes_not_rows(qtbot, state, ds):
    """The Hokkaido cluster's 15 rows state 7 achievements (one listing told by two sources,
    the figures of one investment): the heading counts 7, the table lists every row."""
    panel = shown(qtbot, AchievementsPanel(state))
    state.select_project("hokkaido-cluster")
    panel.ensure_fresh()
    rows = run_query(ds, Filter(project_id="hokkaido-cluster")).achievements
    assert panel.model.rowCount() == len(rows) == 15
    assert panel.heading.text().startswith("7 achievement")
