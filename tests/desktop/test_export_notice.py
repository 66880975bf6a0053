"""After an export the status bar says which file was written and opens its folder; focus goes
back where it was. Driven by real key and mouse events."""

import pytest
from fake_window import FakeWindow
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit

from geodata import Filter, load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def window(qtbot, ds, tmp_path):
    from desktop.export.actions import WindowExporter

    shown = FakeWindow(ds)
    shown.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown.state.filter = Filter(bureau_id="kinki")
    shown.search_box = QLineEdit(shown)  # somewhere a person's focus can be
    shown.setCentralWidget(shown.search_box)
    shown.exporter = WindowExporter(shown.context)
    shown.addActions([*shown.exporter.file_actions, *shown.exporter.edit_actions])  # as placed
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _export_with_keys(qtbot, window, target, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "any"))
    QTest.keyClick(window.search_box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    exporter = window.exporter
    qtbot.waitUntil(lambda: exporter.export_dialog is not None
                    and exporter.export_dialog.isVisible())
    dialog = exporter.export_dialog
    with qtbot.waitSignal(exporter.sig_exported, timeout=60_000):
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


def test_an_export_says_where_the_file_went_and_opens_its_folder(qtbot, window, tmp_path,
                                                                 monkeypatch):
    target = tmp_path / "kinki.png"
    _export_with_keys(qtbot, window, target, monkeypatch)
    notice = window.exporter.notice
    assert target.is_file()
    assert notice.isVisible()
    assert "kinki.png" in notice.text.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    QTest.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_focus_goes_back_where_it_was_after_an_export(qtbot, window, tmp_path, monkeypatch):
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    _export_with_keys(qtbot, window, tmp_path / "map.svg", monkeypatch)
    qtbot.waitUntil(window.search_box.hasFocus)
