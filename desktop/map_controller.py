"""Keeps the map page in step with the state, and turns map clicks into state changes.

All wiring between ExplorerState and MapView lives here, so neither knows the other. Every
push carries a sequence number the page acknowledges, which is how tests and benchmarks know
a change has been drawn.
"""

import json

from PySide6.QtCore import QObject, Signal

from desktop.map_state import map_state
from desktop.map_view import MapView
from desktop.state import ExplorerState


class MapController(QObject):
    """Pushes state to the page; restores it after a reload of the page."""

    sig_drawn = Signal(int, int)
    """(seq, markers): the page finished drawing the state pushed as number ``seq``."""

    def __init__(self, state: ExplorerState, view: MapView, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.view = view
        self.seq = 0
        self.drawn_seq = -1
        self.last_view: dict | None = None
        state.sig_dataset_changed.connect(self._on_dataset_changed)
        state.sig_filter_changed.connect(self.push)
        state.sig_selection_changed.connect(self.push)
        state.sig_layers_changed.connect(self.push)
        bridge = view.bridge
        bridge.sig_bureau_clicked.connect(state.select_bureau)
        bridge.sig_project_clicked.connect(state.select_project)
        bridge.sig_tieup_clicked.connect(state.select_tieup)
        bridge.sig_view_changed.connect(self._remember_view)
        bridge.sig_state_applied.connect(self._on_state_applied)
        view.sig_ready.connect(self._on_page_ready)

    def push(self) -> int:
        """Send the current state to the page; returns its sequence number."""
        ds = self.state.dataset
        if ds is None:
            return self.seq
        self.seq += 1
        payload = map_state(ds, self.state.filter, self.state.selected_tieup,
                            self.state.show_tieups, self.state.show_prefectures, self.seq)
        self.view.call("setState", json.dumps(payload))
        return self.seq

    def _on_dataset_changed(self) -> None:
        self.last_view = None
        self.view.show_dataset(self.state.dataset)

    def _on_page_ready(self) -> None:
        """A fresh page (new dataset, or reloaded after a crash): restore view and state."""
        if self.last_view is not None:
            self.view.call("setView", json.dumps(self.last_view))
        self.push()

    def _remember_view(self, view: dict) -> None:
        self.last_view = view

    def _on_state_applied(self, seq: int, markers: int) -> None:
        self.drawn_seq = seq
        self.sig_drawn.emit(seq, markers)
