"""Keeps the map page in step with the state, and turns map clicks into state changes.

All wiring between ExplorerState and MapView lives here, so neither knows the other. Every
push carries a sequence number the page acknowledges, which is how tests and benchmarks know
a change has been drawn.
"""

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.map import js_api
from desktop.map.page_state import MapState, map_state
from desktop.map.view import MapView
from desktop.state import ExplorerState

# Work deferred until the map has drawn runs at the latest this long after it was asked for,
# should the page not answer (still loading, or its render process restarting).
AFTER_DRAWN_FALLBACK_MS = 250


class MapController(QObject):
    """Pushes state to the page; restores it after a reload of the page.

    ``after_drawn`` lets the side panels fill once the page has drawn the latest state. The
    web engine hands frames over on the GUI thread, so panel work done while the page draws
    delays the map itself (measured: 40 ms of rAF wait behind a panel refresh); the map comes
    first, the panels a frame later.
    """

    sig_drawn = Signal(int, int)
    """(seq, markers): the page finished drawing the state pushed as number ``seq``."""
    sig_caught_up = Signal()
    """The work deferred with ``after_drawn`` (the panels) has run for the latest state."""

    def __init__(self, state: ExplorerState, view: MapView, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.view = view
        self.seq = 0
        self.drawn_seq = -1
        self.last_view: dict | None = None
        self._arcs_sent = False
        """Whether the page now loaded holds the dataset's arcs."""
        self._after_drawn: list = []
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(AFTER_DRAWN_FALLBACK_MS)
        self._fallback.timeout.connect(self._run_after_drawn)
        state.sig_dataset_changed.connect(self._on_dataset_changed)
        state.sig_filter_changed.connect(self.push)
        state.sig_selection_changed.connect(self.push)
        state.sig_layers_changed.connect(self.push)
        bridge = view.bridge
        bridge.sig_bureau_clicked.connect(self.pick_bureau)
        bridge.sig_project_clicked.connect(state.select_project)
        bridge.sig_tieup_clicked.connect(state.select_tieup)
        bridge.sig_organisation_clicked.connect(state.select_organisation)
        bridge.sig_view_changed.connect(self._remember_view)
        bridge.sig_state_applied.connect(self._on_state_applied)
        view.sig_ready.connect(self._on_page_ready)
        view.sig_language_changed.connect(self._on_language_changed)

    def push(self) -> int:
        """Send the current state to the page; returns its sequence number."""
        ds = self.state.dataset
        if ds is None:
            return self.seq
        if self.state.show_tieups and not self._arcs_sent:
            self._send_arcs()
        return self._send_state(map_state(ds, self.state.filter, self.state.selected_tieup,
                                          self.state.show_tieups, self.state.show_prefectures,
                                          self.state.selected_organisation))

    def _send_arcs(self) -> None:
        """The arcs, made once per dataset, reach the page only when it first shows the
        tie-ups (page_data.arcs_json: most of a large dataset's page data otherwise)."""
        from desktop.map.page_data import arcs_json  # numpy and pyproj: not at window import

        js_api.set_arcs(self.view, self.state.loaded.derived(arcs_json))
        self._arcs_sent = True

    def frame_selection(self) -> None:
        """Frame what is selected (framing.selection_frame): the bureau, or the whole
        country, with every arc drawn when tie-ups are shown."""
        ds = self.state.dataset
        if ds is not None:
            from desktop.map.framing import selection_frame  # numpy: not at window import

            js_api.fit_frame(self.view, selection_frame(ds, self.state.filter,
                                                        self.state.show_tieups))

    def fly_to(self, lon: float, lat: float, zoom: int) -> None:
        """Move the camera to a point (a search hit), animated."""
        js_api.fly_to(self.view, lon, lat, zoom)

    def show_view(self, center: dict) -> None:
        """Put the camera at ``center`` ({lat, lon, zoom}), as a saved view restores it."""
        js_api.set_view(self.view, center)

    def pick_bureau(self, bureau_id: str | None) -> None:
        """A bureau clicked on the map, or picked elsewhere: select it and frame it — again
        if it was already selected, so a second click brings back the whole bureau."""
        self.state.select_bureau(bureau_id)
        self.frame_selection()

    def _viewport(self) -> list[int]:
        """The page's size in CSS pixels once it fills the view: acks wait for it (JS)."""
        zoom = self.view.zoomFactor() or 1.0
        return [round(self.view.width() / zoom), round(self.view.height() / zoom)]

    def push_kept_state(self, state: MapState) -> int:
        """Send a state kept from the last session (page_cache), before the dataset has
        loaded; the real state follows when it has. Returns its sequence number."""
        return self._send_state(state)

    def _send_state(self, state: MapState) -> int:
        # Place names and organisations are a view's choice, not the data's: set on every
        # state sent, kept ones too, so a first start draws them as the window was left.
        self.seq += 1
        shown = state.with_view(self.state.show_places, self.state.show_organisations)
        js_api.set_state(self.view, shown.page_json(self.seq, self._viewport()))
        return self.seq

    def after_drawn(self, callback) -> None:
        """Run ``callback`` once the page has drawn every state pushed so far."""
        if self.drawn_seq >= self.seq or not self.view.ready:
            QTimer.singleShot(0, callback)
            return
        self._after_drawn.append(callback)
        if not self._fallback.isActive():
            self._fallback.start()

    def _run_after_drawn(self) -> None:
        self._fallback.stop()
        callbacks, self._after_drawn = self._after_drawn, []
        for callback in callbacks:
            callback()
        self.sig_caught_up.emit()

    def _on_dataset_changed(self) -> None:
        self.last_view = None
        self._arcs_sent = False
        self.view.show_dataset(self.state.loaded)

    def _on_language_changed(self) -> None:
        """Redraw the page in the new language, where it was (the view stays put)."""
        from desktop.common import i18n

        loaded = self.state.loaded
        if loaded is not None and self.view.shown_language != i18n.current_language():
            self.view.show_dataset(loaded)

    def _on_page_ready(self) -> None:
        """A fresh page (new dataset, or reloaded after a crash): restore view and state."""
        self._arcs_sent = False
        if self.last_view is not None:
            js_api.set_view(self.view, self.last_view)
        self.push()

    def _remember_view(self, view: dict) -> None:
        self.last_view = view

    def _on_state_applied(self, seq: int, markers: int) -> None:
        self.drawn_seq = seq
        self.sig_drawn.emit(seq, markers)
        if seq >= self.seq:
            # after the frame reaches the screen; with the controller as context, so that an
            # ack arriving as the window closes runs nothing on a deleted timer
            QTimer.singleShot(0, self, self._run_after_drawn)
