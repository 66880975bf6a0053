"""Start-up: the first dataset loads off the GUI thread while the map page loads."""

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings
from webpage import PAGE_TIMEOUT_MS

from desktop.app import READY_ENV, _open_window, _show_first
from desktop.first_load import FirstDatasetLoader
from desktop.map_view import MapView
from geodata import Dataset, DatasetError


def _first_outcome(qtbot, path):
    loader = FirstDatasetLoader(path)
    with qtbot.waitSignal(loader.sig_finished, timeout=PAGE_TIMEOUT_MS) as blocker:
        loader.start()
    return blocker.args[0]


def test_loader_hands_over_the_bundled_dataset_with_its_page_data_ready(qtbot):
    outcome = _first_outcome(qtbot, None)
    assert isinstance(outcome, Dataset)
    assert "page_json" in outcome._cache, "the page data should be prepared off the GUI thread"


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
    monkeypatch.setattr("desktop.settings.app_settings", lambda: QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    outcome = _first_outcome(qtbot, broken)
    window = _open_window(MapView())
    qtbot.addWidget(window)
    _show_first(window, broken, outcome)
    assert window.state.dataset is not None
    assert window.state.dataset.path.name == "cluster_explorer.gpkg"
    text = window.error_dialog.text()
    assert "broken.gpkg" in text and "bundled dataset opens instead" in text


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


@pytest.mark.timeout(240)
def test_the_next_start_draws_the_kept_map_before_the_data_has_loaded(tmp_path):
    """The first start keeps the page data at quit; the second draws from it, the same map."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), **{READY_ENV: "quit"})
    reports = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "desktop.cli"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        reports += [line for line in done.stdout.splitlines() if line.startswith("map-drawn ")]
    first, second = (dict(part.split("=") for part in line.split()[2:]) for line in reports)
    assert first["from"] == "dataset"
    assert second == {"markers": first["markers"], "from": "kept"}


def test_the_window_shown_before_its_dataset_takes_every_action_calmly(qtbot, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr("desktop.settings.app_settings", lambda: QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = _open_window(MapView())
    qtbot.addWidget(window)
    for action in (window.reset_view_action, window.clear_selection_action,
                   window.clear_filters_action, window.find_action, window.tieups_action,
                   window.prefectures_action, window.exporter.copy_action):
        action.trigger()
    assert window.state.dataset is None


def test_a_dataset_opened_meanwhile_is_not_replaced_by_the_first_one(qtbot, tmp_path,
                                                                     monkeypatch, sample_gpkg):
    monkeypatch.setattr("desktop.settings.app_settings", lambda: QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    first = _first_outcome(qtbot, None)
    window = _open_window(MapView())
    qtbot.addWidget(window)
    assert window.open_dataset(sample_gpkg)
    _show_first(window, None, first)
    assert window.state.dataset.path == sample_gpkg


def test_the_window_imports_without_the_data_layer():
    """The window is built while pandas and geopandas (about 1 s) still import on the worker;
    a module-level import of the data layer in a window module would serialise them again."""
    script = ("import sys, desktop.main_window; "
              "print(sorted(m for m in ('pandas', 'geopandas', 'numpy', 'shapely', 'pyproj') "
              "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
