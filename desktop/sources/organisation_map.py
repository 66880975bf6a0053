"""The server-side organisations on the map: asked for each settled view, drawn by the page.

When the map settles after a pan or a zoom (the page says so once, 150 ms after the move ends:
MapBridge.sig_view_changed), this asks the page where it stands now and the server what that
view shows (geodata/server_side/organisation_map.py: counts per bureau, per prefecture, the
server's grid clusters, or the organisations themselves), one question per settled view, on
the mode's server thread (server_worker.py: a question asked again before its answer came
makes the first answer stale, and a stale answer is dropped). The page draws the answer
(resources/map/server_organisations.js) in place of the previous one. The chosen bureau
narrows the map as it narrows the panel.

The page's calls are built here, as desktop/map/js_api.py builds clusterMap's (this feature
does not reach into the map package): every argument through ``json.dumps``, run by the map
view's ``evaluate``, which queues them until the page holds its data.
"""

from __future__ import annotations

import json
import logging
import time

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)
TOPIC = "map"
FILL_COLOR, FILL_OPACITY = (214, 96, 77), 0.78
FONT_PX, FONT_WEIGHT = 11, 600
LOOK = {"fill": "rgba({}, {}, {}, {})".format(*FILL_COLOR, FILL_OPACITY), "stroke": "#ffffff",
        "stroke_width": 1.5, "text": "#ffffff", "font": f"{FONT_WEIGHT} {FONT_PX}px sans-serif",
        "min_radius": 13, "max_radius": 34, "point_fill": "#d6604d", "point_radius": 4}
"""How the counts and points are drawn (the page's CSS; exports draw the same with Qt,
desktop/export/server_counts.py): a warm red apart from the bureaus' and fields' colours."""


class OrganisationMap(QObject):
    """Keeps the map's drawing of the list in step with the view and the chosen bureau."""

    def __init__(self, mode, anchors):
        """``mode``: the ServerSideMode (its window, state and worker); ``anchors``: where
        each bureau's and prefecture's count is drawn (organisation_map.Anchors)."""
        super().__init__(mode)
        self.mode = mode
        self.anchors = anchors
        self.view = mode.window.map_view
        self.drawn: dict | None = None
        """The answer the page shows now (its level and items)."""
        self.asked_at = self.answered_at = 0.0
        """When (time.perf_counter) the latest view was asked of the server, and answered."""
        self.view.bridge.sig_view_changed.connect(self.refresh)
        mode.worker.sig_answer.connect(self._answered)

    def end(self) -> None:
        self.view.bridge.sig_view_changed.disconnect(self.refresh)
        self.mode.worker.sig_answer.disconnect(self._answered)
        self.view.evaluate(_call("clear"))

    def refresh(self, _view: dict | None = None) -> None:
        """Ask the page where it stands, then the server what that shows."""
        self.view.evaluate(_call("viewport"), self._ask_parsed)

    def _ask_parsed(self, text) -> None:
        """Ask the server for the view the page described (JSON text)."""
        from geodata.server_side.organisation_map import map_answer

        if not text:  # no page to answer: the window closing, or the page being made again
            log.debug("the map page gave no viewport; the next settled view asks again")
            return
        try:
            viewport = json.loads(text)
            zoom = float(viewport["zoom"])
            bounds = tuple(float(value) for value in viewport["bounds"])
        except (KeyError, TypeError, ValueError):
            log.warning("the map page sent a malformed viewport: %.200r", text)
            return
        anchors, bureau_id = self.anchors, self.mode.state.filter.bureau_id
        self.asked_at = time.perf_counter()
        self.mode.worker.ask(TOPIC, lambda source: map_answer(
            source.organisations, anchors, bounds, zoom, bureau_id))

    def _answered(self, topic: str, answer) -> None:
        if topic != TOPIC or isinstance(answer, Exception):
            return
        self.drawn = answer
        self.answered_at = time.perf_counter()
        self.view.evaluate(_call("show", json.dumps({**answer, "look": LOOK})))


def _call(function: str, *args) -> str:
    """A call of serverOrganisations.``function``, each argument as JSON."""
    arguments = ", ".join(json.dumps(arg) for arg in args)
    return f"window.serverOrganisations && window.serverOrganisations.{function}({arguments});"
