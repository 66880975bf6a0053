"""What the window gives the features that act on it (exports, saved views): a small typed
record instead of the window itself, so a feature reaches only what it is given and the
window's own attributes stay its own.

It lives in the export layer, the lowest that sees both the state and the map; the app's
features (desktop/app) take the same record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStatusBar, QWidget

from desktop.map.controller import MapController
from desktop.map.view import MapView
from desktop.state import ExplorerState


def _working_folder(_dialog: str) -> Path:
    return Path()


def _forget_folder(_dialog: str, _folder: Path) -> None:
    return None


def _keep_layers(_show_tieups: bool, _show_prefectures: bool) -> None:
    return None


@dataclass(frozen=True)
class WindowContext:
    """The window as a feature may use it."""

    parent: QWidget
    """The window: the parent of the feature's dialogs and actions."""
    state: ExplorerState
    map_view: MapView
    """The map, for asking the page what it shows (its bounds, its view)."""
    status_bar: QStatusBar
    settings: QSettings | None = None
    camera: MapController | None = None
    """Every camera move goes through the map controller."""
    dialog_folder: Callable[[str], Path] = _working_folder
    """Where a file dialog ("open", "export") starts."""
    remember_dialog_folder: Callable[[str, Path], None] = _forget_folder
    show_layers: Callable[[bool, bool], None] = _keep_layers
    """Show (tie-ups, prefecture borders) as the View menu's toggles do, checks included."""
