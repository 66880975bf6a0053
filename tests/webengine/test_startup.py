"""Start-up: the first dataset loads off the GUI thread while the map page loads."""

import os
import subprocess
import sys

import pytest
from factories import write_sample_dataset
from PySide6.QtCore import QSettings
from webpage import PAGE_TIMEOUT_MS

from desktop.app.loader import DatasetLoader
from desktop.app.startup import READY_ENV, _open_window, _show_first
from desktop.common.loaded_dataset import LoadedDataset
from desktop.map.view import MapView
from geodata import Dataset, DatasetError


def _first_outcome(qtbot, path):
    loader = DatasetLoader(path, use_kept_page=True)
    with qtbot.waitSignal(loader.sig_finished, timeout=PAGE_TIMEOUT_MS) as blocker:
        loader.start()
    return blocker.args[0]


def test_loader_hands_over_the_bundled_dataset_with_its_page_data_ready(qtbot):
    outcome = _first_outcome(qtbot, None)
    assert isinstance(outcome, LoadedDataset) and isinstance(outcome.dataset, Dataset)
    assert outcome.page_json, "the page data should be prepared off the GUI thread"
    assert outcome.digest, "the start-up dataset's page can be kept at quit"


def test_with_nothing_kept_the_loader_sends_the_page_data_before_the_dataset(qtbot, tmp_path):
    """The page draws the new file's data while the worker still builds the indexes; the
    dataset that follows carries the very same page data (so the page is not made again)."""
    path = write_sample_dataset(tmp_path / "new.gpkg")
    loader = DatasetLoader(path, use_kept_page=True)
    order: list = []
    loader.sig_page_data.connect(lambda page: order.append(("page", page)))
    loader.sig_cached_page.connect(lambda cached: order.append(("kept", cached)))
    with qtbot.waitSignal(loader.sig_finished, timeout=PAGE_TIMEOUT_MS) as blocker:
        loader.sig_finished.connect(lambda outcome: order.append(("dataset", outcome)))
        loader.start()
    loaded = blocker.args[0]
    assert [kind for kind, _ in order] == ["page", "dataset"]
    page = order[0][1]
    assert page.page_json == loaded.page_json and page.digest == loaded.digest
    assert page.language == loaded.language and not page.states


def test_loader_reports_a_broken_file_as_a_dataset_error(qtbot, tmp_path):
    broken = tmp_path / "broken.gpkg"
    broken.write_text("not a GeoPackage")
    outcome = _first_outcome(qtbot, broken)
    assert isinstance(outcome, DatasetError)
    assert "broken.gpkg" in str(outcome)


def test_a_refused_first_dataset_shows_why_and_opens_the_bundled_one(qtbot, tmp_path,
                                                                     monkeypatch):
    broken = tmp_path / "broken.gpkg"
    broken.write_text("not a GeoPackage")
    monkeypatch.setattr("desktop.app.settings.app_settings", lambda: QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    outcome = _first_outcome(qtbot, broken)
    window = _open_window(MapView())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=PAGE_TIMEOUT_MS):
        _show_first(window, broken, outcome)  # the bundled dataset loads off the GUI thread
    assert window.state.dataset is not None
    assert window.state.dataset.path.name == "cluster_explorer.gpkg"
    text = window.error_dialog.text()
    assert "broken.gpkg" in text and "bundled dataset opens instead" in text


def test_a_kept_state_for_other_filters_is_not_drawn(qtbot, tmp_path, monkeypatch):
    """The shipped page data holds the state of a first start (no filters); with filters
    restored the window waits for the dataset instead, and says so (the loader goes on)."""
    from desktop.map import page_cache
    from geodata.bundled import BUNDLED_DATASET

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.beginGroup("Filters")
    for key, value in (("version", 1), ("fields", ["it"]), ("programs", []),
                       ("show_tieups", False), ("show_prefectures", True)):
        settings.setValue(key, value)
    settings.endGroup()
    monkeypatch.setattr("desktop.app.settings.app_settings", lambda: settings)
    kept = page_cache.load(page_cache.dataset_digest(BUNDLED_DATASET))
    assert kept is not None, "the bundled dataset's page data should ship with the app"
    window = _open_window(MapView())
    qtbot.addWidget(window)
    assert not window.show_kept_state(kept)
    assert window.kept_state_seq is None


@pytest.mark.timeout(120)
def test_the_command_draws_the_bundled_map_and_quits(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), **{READY_ENV: "quit"})
    done = subprocess.run([sys.executable, "-m", "desktop.cli"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    drawn = [line for line in done.stdout.splitlines() if line.startswith("map-drawn ")]
    assert len(drawn) == 1, done.stdout
    markers = int(drawn[0].split("markers=", 1)[1].split()[0])
    assert markers > 0


def _starts(tmp_path, count: int, *args: str) -> list[dict]:
    """Run the app ``count`` times (same settings and cache); each run's map-drawn report."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), **{READY_ENV: "quit"})
    reports = []
    for _ in range(count):
        done = subprocess.run([sys.executable, "-m", "desktop.cli", *args], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        drawn = [line for line in done.stdout.splitlines() if line.startswith("map-drawn ")]
        reports.append(dict(part.split("=") for part in drawn[0].split()[2:]))
    return reports


@pytest.mark.timeout(240)
def test_the_next_start_draws_the_kept_map_before_the_data_has_loaded(tmp_path):
    """The first start keeps the page data at quit; the second draws from it, the same map."""
    dataset = write_sample_dataset(tmp_path / "own.gpkg")
    first, second = _starts(tmp_path, 2, "--data", str(dataset))
    assert first["from"] == "dataset"
    assert second == {"markers": first["markers"], "from": "kept"}


@pytest.mark.timeout(120)
def test_the_first_start_draws_the_bundled_map_from_the_shipped_page_data(tmp_path):
    (first,) = _starts(tmp_path, 1)
    assert first["from"] == "kept"
    assert int(first["markers"]) > 0


def test_the_window_imports_without_the_data_layer():
    """The window is built while pandas and geopandas (about 1 s) still import on the worker;
    a module-level import of the data layer in a window module would serialise them again."""
    script = ("import sys, desktop.app.main_window; "
              "print(sorted(m for m in ('pandas', 'geopandas', 'numpy', 'shapely', 'pyproj') "
              "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_window_is_built_and_shown_without_the_data_layer(tmp_path):
    """Building and showing the window before any dataset (start-up) must not import the data
    layer either: a panel that imported it to fill itself held the window back 0.6 s."""
    script = ("import os, sys\n"
              "from PySide6.QtCore import QCoreApplication, Qt\n"
              "from PySide6.QtWebEngineWidgets import QWebEngineView\n"
              "from PySide6.QtWidgets import QApplication\n"
              "QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)\n"
              "app = QApplication([])\n"
              "from desktop.app.startup import _open_window\n"
              "from desktop.map.view import MapView\n"
              "window = _open_window(MapView())\n"
              "app.processEvents()\n"
              "print(sorted(m for m in ('pandas', 'geopandas', 'numpy', 'shapely', 'pyproj') "
              "if m in sys.modules), flush=True)\n"
              "os._exit(0)\n")
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop(READY_ENV, None)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.stdout.strip().splitlines()[-1:] == ["[]"], done.stdout + done.stderr
