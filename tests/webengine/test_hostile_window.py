"""Hostile or broken files against the window: the user always sees why, the old map stays,
dataset text stays text, and nothing on disk can hang start-up or break the map for good."""

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import sample_layers, write_sample_dataset
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QTextEdit,
    QToolTip,
)
from webpage import open_window, page_hook, wait_settled

from desktop.app.loader import DatasetLoader
from desktop.app.main_window import MainWindow
from desktop.app.startup import _open_window, _show_first
from desktop.common.loaded_dataset import LoadedDataset
from desktop.map import page_cache
from desktop.map.view import MapView
from geodata import DatasetError, load_dataset
from geodata.errors import Problem

LOADER_TIMEOUT_MS = 30_000
REFUSAL_TIMEOUT_MS = 5_000
FLOAT_ERROR = "Out of range float values are not JSON compliant"

# Tries to open the FIFO for writing without blocking, every 2 ms until its stdin closes, then
# prints how often that worked: it fails (ENXIO) while nothing reads the FIFO. A process, not
# a thread: a GUI thread blocked opening the FIFO holds Python's lock.
FIFO_WATCHER = r"""
import errno, os, select, sys
opened = 0
while not select.select([sys.stdin], [], [], 0.002)[0]:
    try:
        os.close(os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK))
        opened += 1
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
print(opened, flush=True)
"""


class FifoWatch:
    """A FIFO in ``folder`` and a process that counts how often something opened it to read."""

    def __init__(self, folder: Path):
        self.path = folder / "fifo"
        os.mkfifo(self.path)
        self.process = subprocess.Popen([sys.executable, "-c", FIFO_WATCHER, str(self.path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def reads(self) -> int:
        """Stop watching; how many times a reader had the FIFO open."""
        out, _ = self.process.communicate(timeout=10)
        self.path.unlink()  # a later redraw of a failing widget must not wait on it forever
        return int(out)


@pytest.fixture
def fifo_watch(tmp_path):
    watch = FifoWatch(tmp_path)
    yield watch
    watch.path.unlink(missing_ok=True)
    if watch.process.poll() is None:
        watch.process.kill()
        watch.process.wait()


@pytest.fixture
def private_settings(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr("desktop.app.settings.app_settings", lambda: settings)
    return settings


def _fail_page_json_for(monkeypatch, path: Path) -> None:
    """Making the page data of ``path`` fails as a lon of 1e6 once did (an unexpected
    ValueError, not a DatasetError); every other dataset is made as usual."""
    from desktop.map import page_data
    real = page_data.page_json

    def page_json(ds, *language_and_text):
        if Path(ds.path) == path:
            raise ValueError(FLOAT_ERROR)
        return real(ds, *language_and_text)

    monkeypatch.setattr("desktop.map.page_data.page_json", page_json)


def _load_first(qtbot, path, timeout_ms=LOADER_TIMEOUT_MS):
    """The start-up loader's outcome for ``path`` and the kept pages it handed over."""
    loader = DatasetLoader(path, use_kept_page=True)
    kept = []
    loader.sig_cached_page.connect(kept.append)
    with qtbot.waitSignal(loader.sig_finished, timeout=timeout_ms) as blocker:
        loader.start()
    return blocker.args[0], kept


# --- 7: an unexpected failure while loading --------------------------------------------------
def test_item07_a_failure_on_the_loading_thread_is_shown_and_the_bundled_map_opens(
        qtbot, tmp_path, monkeypatch, private_settings):
    path = write_sample_dataset(tmp_path / "far-away.gpkg")
    _fail_page_json_for(monkeypatch, path)
    outcome, _kept = _load_first(qtbot, path)
    assert isinstance(outcome, Exception)
    window = _open_window(MapView())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=LOADER_TIMEOUT_MS):
        _show_first(window, path, outcome)  # the bundled dataset loads off the GUI thread
    assert window.state.dataset.path.name == "cluster_explorer.gpkg"
    assert window.windowTitle().endswith("cluster_explorer.gpkg")
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert "far-away.gpkg" in dialog.text()
    assert FLOAT_ERROR in dialog.informativeText()
    assert len(dialog.informativeText().splitlines()) == 1


@pytest.mark.webengine
def test_item07_a_failed_open_leaves_the_previous_dataset_in_place(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path)
    before = (window.windowTitle(), window.state.dataset, window.region_list.model_.rowCount(),
              len(window.filter_panel.items("programs")))
    path = write_sample_dataset(tmp_path / "far-away.gpkg")
    _fail_page_json_for(monkeypatch, path)
    with qtbot.assertNotEmitted(window.sig_dataset_shown), \
            qtbot.waitSignal(window.sig_dataset_not_opened, timeout=LOADER_TIMEOUT_MS):
        window.open_dataset(path)
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert FLOAT_ERROR in dialog.informativeText()
    assert (window.windowTitle(), window.state.dataset, window.region_list.model_.rowCount(),
            len(window.filter_panel.items("programs"))) == before
    assert page_hook(qtbot, window, "visibleMarkerCount") == len(
        window.state.dataset.projects)
    assert window.map_view.js_errors == []


# --- 9: dataset text is never rich text --------------------------------------------------------
def _hostile_dataset(path: Path, name: str) -> Path:
    """A dataset whose first bureau, first project and first program are all named ``name``."""
    layers = sample_layers()
    layers["bureaus"].loc[0, "name_en"] = name  # kanto
    layers["projects"].loc[0, "name_en"] = name  # tama, in kanto
    layers["programs"].loc[0, "name_en"] = name  # icp-term1
    return write_sample_dataset(path, layers)


def _hover_every_row(view: QAbstractItemView) -> list[str]:
    """Hover each top-level row of ``view`` as a user would; the tooltips Qt showed."""
    shown = []
    model = view.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    rows += [model.index(child, 0, parent) for parent in rows
             for child in range(model.rowCount(parent))]
    for index in rows:
        view.scrollTo(index)
        point = view.visualRect(index).center()
        QApplication.sendEvent(view.viewport(), QHelpEvent(
            QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
        shown.append(QToolTip.text())
        QToolTip.hideText()
    return shown


def _look_at_everything(window: MainWindow) -> list[str]:
    """Bring every panel up to date and render every label, then hover every row."""
    for panel in (window.participants_panel, window.tieups_panel, window.achievements_panel):
        panel.ensure_fresh()
    for label in window.findChildren(QLabel):
        label.grab()
    window.grab()
    views = (window.filter_panel.view, window.region_list, window.participants_panel.view,
             window.tieups_panel.view, window.achievements_panel.view)
    return [tip for view in views for tip in _hover_every_row(view)]


@pytest.mark.webengine
def test_item09_dataset_text_is_never_rich_text(qtbot, tmp_path, fifo_watch):
    hostile = f'<img src="{fifo_watch.path}">'
    path = _hostile_dataset(tmp_path / "hostile.gpkg", hostile)
    window = open_window(qtbot, tmp_path, path)
    window.docks["filters"].raise_()
    tips = _look_at_everything(window)
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id is None)
    window.state.select_bureau("kanto")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kanto")
    tips += _look_at_everything(window)
    window.state.select_project("tama")
    wait_settled(qtbot, window, lambda: window.state.filter.project_id == "tama")
    tips += _look_at_everything(window)
    assert fifo_watch.reads() == 0, "dataset text was read as HTML: it opened a file"

    assert hostile in window.status_label.text()
    holding = [label for label in window.findChildren(QLabel) if hostile in label.text()]
    assert window.status_label in holding and window.participants_panel.heading in holding
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in holding)
    program_tip = window.filter_panel.item_for("programs", "icp-term1").toolTip()
    assert hostile not in program_tip and "&lt;img" in program_tip
    assert any("&lt;img" in tip for tip in tips), "hovering showed no dataset tooltip"
    assert not [tip for tip in tips if hostile in tip and Qt.mightBeRichText(tip)]


# --- 10: a FIFO or a device is refused before it is read ---------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_item10_a_fifo_or_a_device_is_refused_at_once(qtbot, tmp_path, kind):
    path = Path("/dev/zero") if kind == "device" else tmp_path / "fifo"
    if kind == "fifo":
        os.mkfifo(path)
    started = time.perf_counter()
    try:
        outcome, kept = _load_first(qtbot, path, REFUSAL_TIMEOUT_MS)
    finally:
        if kind == "fifo":  # a loader blocked opening the FIFO gets an end of file
            with contextlib.suppress(OSError):  # ENXIO: no loader is waiting on it
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    elapsed = time.perf_counter() - started
    print(f"refused {path} in {elapsed:.3f} s")
    assert isinstance(outcome, DatasetError) and kept == []
    assert "not a file" in str(outcome)


def test_item10_the_digest_refuses_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(OSError, match="not a regular file"):
            page_cache.dataset_digest(path)


# --- 11: a damaged kept page entry ----------------------------------------------------------
def _keep_then_damage(path: Path) -> tuple[str, str, Path]:
    """Keep good page data for ``path`` as a quit would, then cut its page_json short inside
    an intact wrapper; (digest, the good page JSON, the entry's file)."""
    from desktop.map.page_data import page_json

    digest = page_cache.dataset_digest(path)
    good = page_json(load_dataset(path))
    page_cache.store(digest, good, page_cache.state_key(set(), set(), False, True), {})
    entry_file = page_cache.cache_dir() / f"page-{digest}-en.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["page_json"] = entry["page_json"][: len(good) // 2]
    entry_file.write_text(json.dumps(entry), encoding="utf-8")
    return digest, good, entry_file


def test_item11_a_damaged_kept_entry_is_removed_and_rebuilt_from_the_dataset(qtbot, tmp_path):
    path = write_sample_dataset(tmp_path / "kept.gpkg")
    digest, good, entry_file = _keep_then_damage(path)
    outcome, kept = _load_first(qtbot, path)
    assert kept == [], "a damaged entry was handed to the page"
    assert not entry_file.exists(), "the damaged entry stayed on disk"
    assert isinstance(outcome, LoadedDataset)
    assert outcome.page_json == good
    assert json.loads(good).keys() == page_cache.PAGE_KEYS  # what a whole entry must hold
    key = page_cache.state_key(set(), set(), False, True)
    page_cache.store(digest, outcome.page_json, key, {})  # what quit does
    assert page_cache.load(digest).page_json == good


def test_item11_a_planted_entry_that_is_not_page_data_is_ignored_and_removed():
    digest = "9" * 64
    entry_file = page_cache.cache_dir() / f"page-{digest}-en.json"
    for planted in ('{"bureaus": {', "[1, 2]", json.dumps({"script": "alert(1)"}), "null",
                    "[" * 100_000):
        entry_file.parent.mkdir(parents=True, exist_ok=True)
        entry_file.write_text(page_cache.entry_text(page_cache.CachedPage(digest, planted)),
                              encoding="utf-8")
        assert page_cache.load(digest) is None, planted
        assert not entry_file.exists()


def test_item11_a_damaged_shipped_entry_is_ignored_and_never_removed(tmp_path, monkeypatch):
    path = write_sample_dataset(tmp_path / "shipped.gpkg")
    digest, _good, entry_file = _keep_then_damage(path)
    shipped = tmp_path / "bundled-page.json"
    entry_file.rename(shipped)
    monkeypatch.setattr(page_cache, "shipped_path", lambda _language: shipped)
    assert page_cache.load(digest) is None
    assert shipped.exists()


# --- 16: a file with very many problems -----------------------------------------------------
def test_item16_a_file_with_400000_problems_gives_a_short_dialog_that_fits_the_screen(
        qtbot, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    problems = [Problem("tieups", f"tieup-{number:06d}", "geometry",
                        f"longitude {1e6 + number} is outside -180..180; partner points must "
                        "be WGS 84 degrees (EPSG:4326), as the schema says")
                for number in range(400_000)]
    problems[3] = Problem("projects", "row 4", "name_en", "x" * 20_000)
    problems[5] = Problem("projects", "row 6", "note", "line\n" * 5_000)
    window.show_dataset_error(tmp_path / "huge.gpkg", DatasetError(problems))
    dialog = window.error_dialog
    qtbot.waitExposed(dialog)
    shown = dialog.text() + "\n" + dialog.informativeText()
    assert len(shown.splitlines()) < 60
    assert "399,9" in shown or "3999" in shown, "the dialog should say how many are not shown"
    assert len(dialog.detailedText().splitlines()) <= 2_000
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()
    details = next(button for button in dialog.buttons()
                   if dialog.buttonRole(button) == QMessageBox.ButtonRole.ActionRole)
    details.click()  # "Show Details…": a scrolling box
    qtbot.waitUntil(lambda: dialog.findChild(QTextEdit).isVisible())
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()
