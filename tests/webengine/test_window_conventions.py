"""The window's desktop conventions: its icon, File ▸ Open recent, a dataset dropped on it,
and the licences in About."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
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


def test_a_dropped_geopackage_opens_and_is_remembered(qtbot, window, sample_gpkg, tmp_path):
    mime = _mime(tmp_path / "notes.txt", sample_gpkg)
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=PAGE_TIMEOUT_MS) as shown:
        window.dropEvent(drop)
    assert shown.args[0].dataset.path == sample_gpkg
    assert saved.read_recent(window.settings)[0] == sample_gpkg.resolve()
    window.update_recent_menu()
    first = window.recent_menu.actions()[0]
    assert sample_gpkg.name in first.text() and first.isEnabled()


def test_other_files_are_not_taken(window, tmp_path):
    mime = _mime(tmp_path / "notes.txt")  # kept: the event does not own it
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


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
