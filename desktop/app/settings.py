"""What the window remembers between runs: geometry, dock layout, last filters and layers.

Read and written as a pair per concern (Frescobaldi's readSettings/writeSettings), in QSettings
groups with typed reads and a settings version, so a future layout change can discard an
incompatible saved state instead of misreading it.
"""

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from desktop.state import ExplorerState
from geodata.values import Filter

SETTINGS_VERSION = 1


def app_settings() -> QSettings:
    return QSettings("ClusterExplorer", "Cluster Explorer")


def read_window(settings: QSettings, window: QMainWindow) -> bool:
    """Restore geometry and dock layout; False when nothing (compatible) was saved."""
    settings.beginGroup("MainWindow")
    try:
        if settings.value("version", 0, type=int) != SETTINGS_VERSION:
            return False
        geometry = settings.value("geometry", QByteArray(), type=QByteArray)
        layout = settings.value("state", QByteArray(), type=QByteArray)
        restored = bool(geometry) and window.restoreGeometry(geometry)
        if layout:
            window.restoreState(layout, SETTINGS_VERSION)
        return restored
    finally:
        settings.endGroup()


def write_window(settings: QSettings, window: QMainWindow) -> None:
    settings.beginGroup("MainWindow")
    settings.setValue("version", SETTINGS_VERSION)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState(SETTINGS_VERSION))
    settings.endGroup()


def read_filters(settings: QSettings) -> tuple[Filter, bool, bool]:
    """(last filter, tie-ups shown, prefecture borders shown)."""
    settings.beginGroup("Filters")
    try:
        if settings.value("version", 0, type=int) != SETTINGS_VERSION:
            return Filter(), False, True
        fields = settings.value("fields", [], type=list) or []
        programs = settings.value("programs", [], type=list) or []
        return (
            Filter(fields=frozenset(map(str, fields)), programs=frozenset(map(str, programs))),
            settings.value("show_tieups", False, type=bool),
            settings.value("show_prefectures", True, type=bool),
        )
    finally:
        settings.endGroup()


def write_filters(settings: QSettings, state: ExplorerState) -> None:
    settings.beginGroup("Filters")
    settings.setValue("version", SETTINGS_VERSION)
    settings.setValue("fields", sorted(state.filter.fields))
    settings.setValue("programs", sorted(state.filter.programs))
    settings.setValue("show_tieups", state.show_tieups)
    settings.setValue("show_prefectures", state.show_prefectures)
    settings.endGroup()
