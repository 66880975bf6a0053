"""The window's desktop conventions: its icon, File ▸ Open recent, a dataset dropped on it,
and the licences in About."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from webpage import PAGE_TIMEOUT_MS, open_window

from desktop.app import settings as saved

pytestmark = pytest.mark.webengine


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def _mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def test_the_window_has_the_app_icon(window):
    assert not window.windowIcon().isNull()
    assert 256 in {size.width() for size in window.windowIcon().availableSizes()}


def _drag_enter(window, mime) -> QDragEnterEvent:
    """Drag ``mime`` over the window: the event Qt delivers when files are dragged onto it."""
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    return enter


def _drop(window, mime) -> None:
    QApplication.sendEvent(window, QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))


def test_a_dropped_geopackage_opens_and_is_remembered(qtbot, window, sample_gpkg, tmp_path):
    mime = _mime(tmp_path / "notes.txt", sample_gpkg)
    assert _drag_enter(window, mime).isAccepted()
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=PAGE_TIMEOUT_MS) as shown:
        _drop(window, mime)
    assert shown.args[0].dataset.path == sample_gpkg
    assert saved.read_recent(window.settings)[0] == sample_gpkg.resolve()
    window.update_recent_menu()
    first = window.recent_menu.actions()[0]
    assert sample_gpkg.name in first.text() and first.isEnabled()


def test_a_dropped_organisation_list_opens_as_from_the_menu(qtbot, window, tmp_path,
                                                            monkeypatch):
    """An .xlsx list opened from File ▸ Open was refused when dropped: the drop took .gpkg
    files only. Every file a data source opens is taken."""
    from openpyxl import Workbook

    from geodata import load_dataset

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project_id = load_dataset().projects["project_id"].iloc[0]
    listed = tmp_path / "list.xlsx"
    book = Workbook()
    book.active.append(["名称", "種別", "プロジェクト", "都道府県", "市区町村"])
    book.active.append(["札幌テスト機構", "企業", project_id, "北海道", "札幌市"])
    book.save(listed)
    mime = _mime(listed)
    assert _drag_enter(window, mime).isAccepted()
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=PAGE_TIMEOUT_MS) as shown:
        _drop(window, mime)
    assert "札幌テスト機構" in set(shown.args[0].dataset.participants["name_ja"].dropna())
    assert "list.xlsx" in window.windowTitle()


def test_other_files_are_not_taken(window, tmp_path):
    assert not _drag_enter(window, _mime(tmp_path / "notes.txt")).isAccepted()


def test_recent_menu_greys_a_missing_file_and_reopens_one(qtbot, window, sample_gpkg,
                                                         tmp_path):
    gone = tmp_path / "gone.gpkg"
    saved.write_recent(window.settings, [gone, sample_gpkg])
    window.update_recent_menu()
    missing, present = window.recent_menu.actions()
    assert not missing.isEnabled() and present.isEnabled()
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=PAGE_TIMEOUT_MS):
        present.trigger()
    assert window.state.dataset.path == sample_gpkg
    assert saved.read_recent(window.settings)[:2] == [sample_gpkg.resolve(), gone]


def test_about_shows_every_licence_in_plain_text(window):
    window.show_about()
    box = window.about_box
    summary = box.summary.toPlainText()
    assert "IPA Font License" in summary and "Chromium" in summary
    assert "IPA Font License Agreement v1.0" in box.licences.toPlainText()
    box.close()


def test_about_fits_a_1366x768_laptop(qtbot, window):
    """The About box once grew to about 985 px with its licence list: it scrolls instead."""
    window.show_about()
    box = window.about_box
    qtbot.waitExposed(box)
    assert box.height() <= 768 - 80 and box.width() <= 1366
    assert box.summary.verticalScrollBar().maximum() >= 0  # the text scrolls, never grows the box
    box.close()
