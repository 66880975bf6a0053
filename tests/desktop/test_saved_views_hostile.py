"""Saved and shared views under hostile input (issue 23): nested JSON in the settings or a
shared file, a shared "file" that is a FIFO, bounds that enclose no area. Each test is named
for the item of the issue it guards."""

import contextlib
import json
import os
import threading

import pytest
from fake_window import FakeWindow
from PySide6.QtCore import QSettings

from desktop.app.saved_views import SavedViews
from desktop.app.settings import read_saved_views, write_saved_views
from desktop.common.view_file import SavedView, ViewFileError, read_view_document
from geodata import load_dataset

NESTED = "[" * 30_000 + "]" * 30_000
GOOD = SavedView("Kinki", fields=("biotechnology",), bounds=[[33.0, 133.0], [36.0, 138.0]])


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def settings_at(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def settings_with_entries(tmp_path, entries: list[str]) -> QSettings:
    settings = settings_at(tmp_path)
    write_saved_views(settings, [GOOD])
    settings.beginGroup("SavedViews")
    settings.setValue("views", [*entries, *settings.value("views", [], type=list)])
    settings.endGroup()
    settings.sync()
    return settings_at(tmp_path)


@pytest.fixture
def views_of_window(qtbot, ds, tmp_path):
    """The Saved views menu of a window without the web engine, with private settings."""

    def make(settings: QSettings) -> SavedViews:
        window = FakeWindow(ds)
        window.settings = settings
        qtbot.addWidget(window)
        return SavedViews(window.context)

    return make


def document(view: object) -> bytes:
    return json.dumps({"format": "cluster-explorer-view", "version": 1,
                       "view": view}).encode()


# --- item 6: nested JSON ----------------------------------------------------------------------
def test_item23_06_a_settings_entry_nested_30000_deep_is_left_out_not_fatal(tmp_path, qapp,
                                                                             caplog):
    settings = settings_with_entries(tmp_path, [NESTED, '{"name": ' + NESTED + "}"])
    assert read_saved_views(settings) == [GOOD]
    assert "saved view 1 of the settings left out" in caplog.text
    assert "nests deeper" in caplog.text


def test_item23_06_the_window_starts_with_a_nested_settings_entry(views_of_window, tmp_path):
    views = views_of_window(settings_with_entries(tmp_path, [NESTED]))
    names = [action.text() for action in views.menu.actions()]
    assert "Kinki" in names


def test_item23_06_a_nested_shared_view_is_refused_in_one_line(views_of_window, tmp_path, qtbot):
    views = views_of_window(settings_at(tmp_path))
    nested = tmp_path / "nested.cevview"
    nested.write_text('{"format": "cluster-explorer-view", "version": 1, "view": '
                      + "[" * 30_000 + "]" * 30_000 + "}", encoding="utf-8")
    assert nested.stat().st_size < 64 * 1024
    with qtbot.waitSignal(views.sig_failed) as failed:
        assert views.open_shared(nested) is None
    message = failed.args[0]
    assert "nests deeper than a view" in message and str(nested) in message
    assert "\n" not in message
    assert views.dialog.isVisible() and views.views() == []


def test_item23_06_brackets_inside_names_are_not_nesting():
    view = SavedView("[[[[[[[[[[ {{{{{{{{ \\\" ]]]]")
    data = document(view.to_dict())
    assert read_view_document(data) == view


# --- item 7: a FIFO -------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are made with os.mkfifo (POSIX)")
def test_item23_07_a_shared_view_that_is_a_fifo_is_refused_without_waiting(
        views_of_window, tmp_path, qtbot):
    views = views_of_window(settings_at(tmp_path))
    fifo = tmp_path / "view.cevview"
    os.mkfifo(fifo)

    def release_a_blocked_reader():
        """Only code that waits on the FIFO has it open to read: open and close its other
        end so such code reads nothing and returns (and the test fails instead of hanging)."""
        with contextlib.suppress(OSError):  # no reader waiting: refused without being read
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    releaser = threading.Timer(5.0, release_a_blocked_reader)
    releaser.start()
    try:
        with qtbot.waitSignal(views.sig_failed) as failed:
            assert views.open_shared(fifo) is None
    finally:
        releaser.cancel()
    assert "not a file" in failed.args[0] and str(fifo) in failed.args[0]


def test_item23_07_a_folder_is_refused_as_not_a_file(views_of_window, tmp_path, qtbot):
    views = views_of_window(settings_at(tmp_path))
    folder = tmp_path / "folder.cevview"
    folder.mkdir()
    with qtbot.waitSignal(views.sig_failed) as failed:
        assert views.open_shared(folder) is None
    assert str(folder) in failed.args[0]


# --- item 15: bounds that enclose no area ------------------------------------------------------
@pytest.mark.parametrize("bounds, reason", [
    ([[36.0, 133.0], [33.0, 138.0]], "north above its south"),  # south over north
    ([[33.0, 138.0], [36.0, 133.0]], "east beyond its west"),  # inverted
    ([[35.0, 135.0], [35.0, 135.0]], "north above its south"),  # zero size
    ([[35.0, 135.0], [36.0, 135.0]], "east beyond its west"),  # zero width
])
def test_item23_15_bounds_that_enclose_no_area_are_refused(bounds, reason):
    with pytest.raises(ViewFileError, match=reason):
        read_view_document(document({"name": "x", "bounds": bounds}))


def test_item23_15_a_shared_view_with_inverted_bounds_says_so(views_of_window, tmp_path, qtbot):
    views = views_of_window(settings_at(tmp_path))
    shared = tmp_path / "inverted.cevview"
    shared.write_bytes(document({"name": "x", "bounds": [[36.0, 133.0], [33.0, 138.0]]}))
    with qtbot.waitSignal(views.sig_failed) as failed:
        assert views.open_shared(shared) is None
    assert "'bounds' must have its north above its south" in failed.args[0]
    assert views.views() == []
