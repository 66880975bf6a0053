"""File ▸ Import list…: the dialog reads a Shift_JIS list, guesses its columns, previews every
row, lets the user choose among places for an ambiguous one, asks the project of a list that has
none, and imports into a GeoPackage; reading, checking and writing run off the GUI thread with
a progress bar and Cancel, driven here by clicks and keys on the dialog's own widgets."""

import csv
import shutil
import threading

import pytest
from hostile_lists import damaged_workbooks, workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.app.import_dialog import ImportListDialog
from geodata import load_dataset
from geodata.bundled import BUNDLED_DATASET
from geodata.file_replace import locked
from geodata.loading import validate

WAIT_MS = 60_000


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(widget.width() // 2, widget.height() // 2))


def choose_list(qtbot, dialog, path, monkeypatch, wait_for="sig_previewed"):
    """Click Choose… and pick ``path`` in the file dialog; wait for the preview (or for the
    step to stop, for a list that cannot be read)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), "Lists (*.xlsx *.csv)"))
    with qtbot.waitSignal(getattr(dialog, wait_for), timeout=WAIT_MS):
        click(dialog.choose_list_button)


def wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.work is None, timeout=WAIT_MS)


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
    dialog.show()
    choose_list(qtbot, dialog, listed, monkeypatch)
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
    with qtbot.waitSignal(dialog.sig_previewed, timeout=WAIT_MS):
        dialog.place_box.activated.emit(fukushima)
    assert model.index(1, 1).data() == "ready"
    assert "chosen" in model.index(1, 5).data()

    target = tmp_path / "mine.gpkg"
    dialog.set_target(target)
    assert dialog.import_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.sig_imported, timeout=WAIT_MS) as imported:
        click(dialog.import_button)
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
    dialog.show()
    choose_list(qtbot, dialog, broken, monkeypatch, wait_for="sig_stopped")
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
    choose_list(qtbot, dialog, path, monkeypatch)
    assert dialog.header_box.value() == 3 and dialog.header_box.isEnabled()
    assert dialog.header_note.isHidden()
    assert dialog.mapping()["name_ja"] == 0
    assert [dialog.model.index(0, column).data() for column in (0, 1)] == ["4", "ready"]

    dialog.header_box.setFocus()
    with qtbot.waitSignal(dialog.sig_previewed, timeout=WAIT_MS):
        QTest.keyClick(dialog.header_box, Qt.Key.Key_Down)  # over empty row 2 to the title row
    assert dialog.table.header_row == 1 and dialog.header_box.value() == 1
    assert "name_ja" not in dialog.mapping()
    assert dialog.model.rowCount() == 2  # rows 3 and 4 below the chosen header
    with qtbot.waitSignal(dialog.sig_previewed, timeout=WAIT_MS):
        QTest.keyClick(dialog.header_box, Qt.Key.Key_Up)
    assert dialog.table.header_row == 3 and dialog.mapping()["name_ja"] == 0


def test_a_list_whose_header_is_not_found_says_so_without_naming_a_flag(qtbot, tmp_path,
                                                                        monkeypatch):
    path = workbook(tmp_path / "list.xlsx", [("会社", "場所"), ("札幌の会社", "北海道")])
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_list(qtbot, dialog, path, monkeypatch)
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
    dialog.show()
    choose_list(qtbot, dialog, path, monkeypatch, wait_for="sig_stopped")
    (text,) = shown
    assert "\n" not in text and "not a readable Excel workbook" in text and path.name in text
    assert "TOPSECRET" not in text and dialog.model.rowCount() == 0


def write_long_list(path, rows, project=True):
    """A CP932 list of ``rows`` organisations across a few municipalities."""
    project_id = load_dataset().projects["project_id"].iloc[0]
    places = [("北海道", "札幌市"), ("東京都", "檜原村"), ("広島県", "府中町"),
              ("京都府", "精華町"), ("岐阜県", "白川村")]
    with path.open("w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["名称", "種別", *(["プロジェクト"] if project else []), "都道府県",
                         "市区町村"])
        for number in range(rows):
            prefecture, municipality = places[number % len(places)]
            writer.writerow([f"組織{number}", "企業", *([project_id] if project else []),
                             prefecture, municipality])
    return path


def test_a_list_without_a_project_column_asks_the_project_and_names_no_flag(qtbot, tmp_path,
                                                                            monkeypatch):
    """Issue 28: such a list was refused with ``--project ID``. Every participant belongs to a
    project (SCHEMA.md), so the dialog asks which one; it offers no "none"."""
    listed = write_long_list(tmp_path / "名簿.csv", 3, project=False)
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_list(qtbot, dialog, listed, monkeypatch)
    model = dialog.model
    assert [model.index(row, 1).data() for row in range(3)] == ["problem"] * 3
    texts = [model.index(row, 5).data() for row in range(3)]
    assert texts == ["no project: choose the project of the rows above"] * 3
    assert dialog.project_label.text() == "Project of the rows:"
    assert dialog.project_box.currentText() == "(choose a project)"
    assert dialog.project_note.isVisible()
    assert "no project column" in dialog.project_note.text()
    shown = [dialog.project_note.text(), dialog.summary_label.text(), *texts]
    assert not any("--" in text for text in shown)
    project_ids = set(load_dataset().projects["project_id"])
    offered = {dialog.project_box.itemData(index) for index in range(1, dialog.project_box.count())}
    assert offered == project_ids  # the projects, and nothing that would leave a row without one

    dialog.project_box.setFocus()
    with qtbot.waitSignal(dialog.sig_previewed, timeout=WAIT_MS):
        QTest.keyClick(dialog.project_box, Qt.Key.Key_Down)
    chosen = dialog.project_box.currentData()
    assert chosen in project_ids
    assert [model.index(row, 1).data() for row in range(3)] == ["ready"] * 3
    assert {model.index(row, 4).data() for row in range(3)} == {chosen}
    assert dialog.project_note.isHidden()


def test_the_window_keeps_responding_while_10000_rows_are_read_checked_and_placed(
        qtbot, tmp_path, monkeypatch):
    """Issue 28: the dialog froze for about 2.5 s at 10,000 rows. A timer of the GUI thread
    keeps ticking while the list is read and checked, and the progress bar counts the rows."""
    listed = write_long_list(tmp_path / "名簿.csv", 10_000)
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks = []
    timer = QTimer(dialog)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(True))
    values = []
    dialog.progress_bar.valueChanged.connect(values.append)
    timer.start()
    choose_list(qtbot, dialog, listed, monkeypatch)
    timer.stop()
    assert dialog.model.rowCount() == 10_000
    assert dialog.plan.counts()["ready"] == 10_000
    assert len(ticks) >= 5  # the event loop ran all along (it ran not once before)
    assert dialog.progress_bar.maximum() == 10_000 and max(values) >= 5_000
    assert dialog.progress_row.isHidden()


def test_cancel_while_a_list_is_read_keeps_the_dialog_as_it_was(qtbot, tmp_path, monkeypatch):
    listed = write_long_list(tmp_path / "名簿.csv", 10_000)
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(listed), "Lists (*.xlsx *.csv)"))
    with qtbot.waitSignal(dialog.sig_stopped, timeout=WAIT_MS) as stopped:
        click(dialog.choose_list_button)
        assert dialog.progress_row.isVisible() and dialog.cancel_work_button.isEnabled()
        click(dialog.cancel_work_button)
    assert stopped.args == ["cancelled"]
    assert dialog.model.rowCount() == 0 and dialog.table is None
    assert dialog.progress_row.isHidden() and dialog.isVisible()


def test_cancel_while_the_target_is_busy_writes_nothing(qtbot, tmp_path, monkeypatch):
    """The write waits for a target another import holds (up to 30 s): the window keeps
    responding meanwhile, and Cancel leaves the target as it was."""
    listed = write_long_list(tmp_path / "名簿.csv", 50)
    target = tmp_path / "mine.gpkg"
    shutil.copyfile(BUNDLED_DATASET, target)
    before = target.read_bytes()
    dialog = ImportListDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_list(qtbot, dialog, listed, monkeypatch)
    dialog.set_target(target)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: pytest.fail(
        "nothing should have been imported"))
    ticks = []
    timer = QTimer(dialog)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(True))
    held, release = threading.Event(), threading.Event()

    def hold_the_target():
        with locked(target):
            held.set()
            release.wait(WAIT_MS / 1000)

    holder = threading.Thread(target=hold_the_target)
    holder.start()
    try:
        assert held.wait(10)
        timer.start()
        click(dialog.import_button)
        assert dialog.progress_row.isVisible() and not dialog.inputs_enabled()
        qtbot.wait(300)  # the write waits for the lock; the window goes on
        assert len(ticks) >= 5
        with qtbot.waitSignal(dialog.sig_stopped, timeout=WAIT_MS) as stopped:
            click(dialog.cancel_work_button)
            release.set()
    finally:
        release.set()
        holder.join()
    assert stopped.args == ["cancelled"]
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.gpkg", "名簿.csv"]
    assert dialog.imported is None and dialog.isVisible() and dialog.inputs_enabled()
    assert "nothing was written" in dialog.summary_label.text()


@pytest.mark.webengine
def test_opening_a_list_without_a_project_column_asks_its_project_in_the_window(
        qtbot, tmp_path, monkeypatch):
    """Issue 28: "Open with" on such a list was refused with a message naming ``--project
    ID``. The window opens the import dialog on it instead; the rows import into the project
    chosen there, and the imported dataset opens."""
    from webpage import open_window

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    window = open_window(qtbot, tmp_path)
    listed = write_long_list(tmp_path / "名簿.csv", 3, project=False)
    with qtbot.waitSignal(window.sig_dataset_not_opened, timeout=WAIT_MS):
        window.open_dataset(listed)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible() and window.error_dialog is None
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.work is None, timeout=WAIT_MS)
    assert dialog.list_edit.text() == str(listed)
    assert dialog.project_note.isVisible() and "--" not in dialog.project_note.text()

    dialog.project_box.setFocus()
    with qtbot.waitSignal(dialog.sig_previewed, timeout=WAIT_MS):
        QTest.keyClick(dialog.project_box, Qt.Key.Key_Down)
    project_id = dialog.project_box.currentData()
    target = tmp_path / "mine.gpkg"
    dialog.set_target(target)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=WAIT_MS):
        click(dialog.import_button)
    participants = window.state.dataset.participants
    mine = participants[participants["name_ja"].isin({"組織0", "組織1", "組織2"})]
    assert len(mine) == 3 and set(mine["project_id"]) == {project_id}
    assert window.state.dataset.path == target
