"""File ▸ Import list…: the dialog reads a Shift_JIS list, guesses its columns, previews every
row, lets the user choose among places for an ambiguous one, and imports into a GeoPackage."""

import pytest
from hostile_lists import damaged_workbooks, workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop.app.import_dialog import ImportListDialog
from geodata import load_dataset
from geodata.dataset import validate


@pytest.fixture
def listed(tmp_path):
    project_id = load_dataset().projects["project_id"].iloc[0]
    path = tmp_path / "名簿.csv"
    rows = [
        "名称,種別,プロジェクト,都道府県,市区町村",
        f"札幌の会社,企業,{project_id},北海道,札幌市",
        f"伊達の大学,大学,{project_id},,伊達市",
        f"どこかの機関,研究機関,{project_id},北海道,存在しない村",
        f"<b>太字</b>,謎,{project_id},東京都,府中市",
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="cp932")
    return path


def test_the_dialog_previews_every_row_and_imports_the_chosen_places(qtbot, tmp_path, listed,
                                                                     monkeypatch):
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.load_list(listed)
    assert dialog.mapping() == {"name_ja": 0, "kind": 1, "project": 2, "prefecture": 3,
                                "municipality": 4}
    model = dialog.model
    assert model.rowCount() == 4
    statuses = [model.index(row, 1).data() for row in range(4)]
    assert statuses == ["ready", "choose a place", "not found", "problem"]
    assert model.index(3, 2).data() == "<b>太字</b>"  # shown as the text it is
    assert "unknown kind" in model.index(3, 5).data()
    assert not dialog.import_button.isEnabled()  # no target yet

    dialog.view.selectRow(1)
    assert dialog.place_box.isEnabled() and dialog.place_box.count() == 3
    fukushima = next(index for index in range(1, 3)
                     if "福島県" in dialog.place_box.itemText(index))
    dialog.place_box.setCurrentIndex(fukushima)
    dialog.place_box.activated.emit(fukushima)
    assert model.index(1, 1).data() == "ready"
    assert "chosen" in model.index(1, 5).data()

    target = tmp_path / "mine.gpkg"
    dialog.set_target(target)
    assert dialog.import_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.sig_imported) as imported:
        dialog.import_button.click()
    assert imported.args == [target]
    assert dialog.imported == target and dialog.open_after
    assert validate(target) == []
    names = set(load_dataset(target).participants["name_en"])
    assert {"札幌の会社", "伊達の大学"} <= names and "どこかの機関" not in names
    assert listed.read_text(encoding="cp932").startswith("名称,種別")


def test_an_unreadable_list_is_refused_with_its_reason(qtbot, tmp_path, monkeypatch):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (box.text(), box.textFormat())) or 0)
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.load_list(broken)
    assert "not a readable Excel workbook" in shown[0][0]
    assert shown[0][1] == Qt.TextFormat.PlainText
    assert dialog.model.rowCount() == 0


def test_the_dialog_shows_the_header_row_below_a_title_and_lets_the_user_pick_another(
        qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    project_id = load_dataset().projects["project_id"].iloc[0]
    path = workbook(tmp_path / "名簿.xlsx", [
        ("参加機関一覧（令和6年度）",), (None,),
        ("名称", "種別", "プロジェクト", "都道府県", "市区町村"),
        ("札幌の会社", "企業", project_id, "北海道", "札幌市")])
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load_list(path)
    assert dialog.header_box.value() == 3 and dialog.header_box.isEnabled()
    assert dialog.header_note.isHidden()
    assert dialog.mapping()["name_ja"] == 0
    assert [dialog.model.index(0, column).data() for column in (0, 1)] == ["4", "ready"]

    dialog.header_box.setFocus()
    QTest.keyClick(dialog.header_box, Qt.Key.Key_Down)  # over empty row 2 to the title row
    assert dialog.table.header_row == 1 and dialog.header_box.value() == 1
    assert "name_ja" not in dialog.mapping()
    assert dialog.model.rowCount() == 2  # rows 3 and 4 below the chosen header
    QTest.keyClick(dialog.header_box, Qt.Key.Key_Up)
    assert dialog.table.header_row == 3 and dialog.mapping()["name_ja"] == 0


def test_a_list_whose_header_is_not_found_says_so_without_naming_a_flag(qtbot, tmp_path):
    path = workbook(tmp_path / "list.xlsx", [("会社", "場所"), ("札幌の会社", "北海道")])
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load_list(path)
    assert dialog.header_note.isVisible()
    assert dialog.header_note.textFormat() == Qt.TextFormat.PlainText
    assert "row 1 is taken as the header" in dialog.header_note.text()
    assert "--" not in dialog.header_note.text()


@pytest.mark.parametrize("kind", ["cut-short", "doctype-entity", "missing-sheet",
                                  "shared-string-out-of-range"])
def test_a_damaged_workbook_is_refused_in_the_dialog_with_one_line(qtbot, tmp_path, monkeypatch,
                                                                   kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a")
    path = damaged_workbooks(tmp_path, secret)[kind]
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.load_list(path)
    (text,) = shown
    assert "\n" not in text and "not a readable Excel workbook" in text and path.name in text
    assert "TOPSECRET" not in text and dialog.model.rowCount() == 0
