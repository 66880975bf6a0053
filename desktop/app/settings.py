"""What the window remembers between runs: geometry, dock layout, last filters and layers,
the recent datasets, the folders its file dialogs were last used in and the interface's
language.

Read and written as a pair per concern (Frescobaldi's readSettings/writeSettings), in QSettings
groups with typed reads and a settings version, so a future layout change can discard an
incompatible saved state instead of misreading it.
"""

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QMainWindow

from desktop.common.i18n import LANGUAGES
from desktop.state import ExplorerState
from geodata.values import Filter

SETTINGS_VERSION = 1
log = logging.getLogger(__name__)


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
    settings.setValue("show_places", state.show_places)
    settings.endGroup()


def read_show_places(settings: QSettings) -> bool:
    """Whether View ▸ Place names was on at the last quit (on at a first start)."""
    settings.beginGroup("Filters")
    try:
        if settings.value("version", 0, type=int) != SETTINGS_VERSION:
            return True
        return settings.value("show_places", True, type=bool)
    finally:
        settings.endGroup()


# --- recent datasets and dialog folders -------------------------------------------------------
MAX_RECENT = 8


def read_recent(settings: QSettings) -> list[Path]:
    """The datasets opened last, newest first (missing files included: the menu greys them)."""
    settings.beginGroup("Recent")
    try:
        if settings.value("version", 0, type=int) != SETTINGS_VERSION:
            return []
        paths = settings.value("datasets", [], type=list) or []
        return [Path(str(path)) for path in paths][:MAX_RECENT]
    finally:
        settings.endGroup()


def write_recent(settings: QSettings, paths: list[Path]) -> None:
    settings.beginGroup("Recent")
    settings.setValue("version", SETTINGS_VERSION)
    settings.setValue("datasets", [str(path) for path in paths[:MAX_RECENT]])
    settings.endGroup()


def add_recent(settings: QSettings, path: Path) -> list[Path]:
    """Put ``path`` first in the recent datasets (once, at most MAX_RECENT); the new list."""
    path = path.resolve()
    recent = [path] + [each for each in read_recent(settings) if each != path]
    write_recent(settings, recent[:MAX_RECENT])
    return recent[:MAX_RECENT]


def read_dialog_folder(settings: QSettings, dialog: str) -> Path:
    """Where the ``dialog`` ("open", "export") starts: the folder it was last used in, else
    the user's documents folder (never the working directory, which is the install folder when
    the app starts from a shortcut)."""
    settings.beginGroup("Folders")
    try:
        folder = settings.value(dialog, "", type=str)
    finally:
        settings.endGroup()
    if folder and Path(folder).is_dir():
        return Path(folder)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    # A documents folder that does not exist (no ~/Documents) would be taken by the file
    # dialogs as a file name ("Documents"): the home folder instead.
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def write_dialog_folder(settings: QSettings, dialog: str, folder: Path) -> None:
    settings.beginGroup("Folders")
    settings.setValue(dialog, str(folder))
    settings.endGroup()


# --- saved views ------------------------------------------------------------------------------
def read_saved_views(settings: QSettings) -> list:
    """The views saved with View ▸ Saved views, in the order they were saved; an entry that
    no longer reads (edited by hand, a later format, nested or sized past any view) is left
    out with a note in the log, not fatal."""
    from desktop.common.view_file import ViewFileError, read_view_entry

    settings.beginGroup("SavedViews")
    try:
        if settings.value("version", 0, type=int) != SETTINGS_VERSION:
            return []
        entries = settings.value("views", [], type=list) or []
    finally:
        settings.endGroup()
    views = []
    for number, entry in enumerate(entries, start=1):
        try:
            views.append(read_view_entry(str(entry)))
        except ViewFileError as error:
            log.warning("saved view %d of the settings left out: %s", number, error)
    return views


def write_saved_views(settings: QSettings, views: list) -> None:
    import json

    settings.beginGroup("SavedViews")
    settings.setValue("version", SETTINGS_VERSION)
    settings.setValue("views", [json.dumps(view.to_dict(), ensure_ascii=False)
                                for view in views])
    settings.endGroup()


# --- the interface's language ------------------------------------------------------------------
def read_language(settings: QSettings) -> str | None:
    """The language chosen in View ▸ Language ("ja", "en"), or None before any choice (the
    system's locale decides then)."""
    language = _read_interface(settings, "language", "")
    return language if language in LANGUAGES else None


def write_language(settings: QSettings, language: str) -> None:
    _write_interface(settings, "language", language)


def _read_interface(settings: QSettings, key: str, default: str) -> str:
    """A text of the settings' Interface group (the language, the fiscal-year style)."""
    settings.beginGroup("Interface")
    try:
        return settings.value(key, default, type=str)
    finally:
        settings.endGroup()


def _write_interface(settings: QSettings, key: str, value: str) -> None:
    settings.beginGroup("Interface")
    settings.setValue(key, value)
    settings.endGroup()


# --- how fiscal years are written ----------------------------------------------------------------
def read_year_style(settings: QSettings) -> str:
    """The fiscal-year style chosen in View ▸ Fiscal years ("western": 西暦, the default;
    "era": 平成17年度)."""
    from geodata.fiscal_years import WESTERN, YEAR_STYLES

    style = _read_interface(settings, "year_style", WESTERN)
    return style if style in YEAR_STYLES else WESTERN


def write_year_style(settings: QSettings, style: str) -> None:
    _write_interface(settings, "year_style", style)
