"""The map page's JS API (resources/map/cluster_map.js) as typed Python functions.

Every call to the page is built here and nowhere else: the function's name is written once,
and every argument reaches the page through ``json.dumps`` (a JSON document travels as one
JSON string, which the page parses), never through ``%`` or ``str()``. The page's answers
come back parsed.

Most functions take the MapView and are queued by it until the page holds its data; the two
the view sends itself while the page comes up (``load_font``, ``set_data``) take the page and
run at once. No Qt import here: anything with the view's ``evaluate`` or the page's
``runJavaScript`` will do.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from desktop.map import cartography

if TYPE_CHECKING:
    from desktop.map.framing import Frame

log = logging.getLogger(__name__)


class QueuedPage(Protocol):
    """What a MapView offers: run a script once the page listens, maybe with a callback."""

    def evaluate(self, script: str, callback: Callable | None = None) -> None: ...


class LoadingPage(Protocol):
    """What a QWebEnginePage offers: run a script now."""

    def runJavaScript(self, script: str) -> None: ...  # noqa: N802 - Qt's name


def _call(function: str, *args) -> str:
    arguments = ", ".join(json.dumps(arg) for arg in args)
    return f"window.clusterMap && window.clusterMap.{function}({arguments});"


def _parsed_json(callback: Callable, what: str) -> Callable:
    """A runJavaScript callback that parses the page's JSON answer (None if unusable)."""

    def parse(value) -> None:
        try:
            parsed = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            log.warning("the map page sent malformed %s: %.200r", what, value)
            parsed = None
        callback(parsed)

    return parse


# --- while the page comes up (run at once, in this order) ----------------------------------
def load_font(page: LoadingPage, family: str, url: str) -> None:
    """The bundled Japanese font, by the address of its file on this machine."""
    page.runJavaScript(_call("loadFont", json.dumps({"family": family, "url": url})))


def set_data(page: LoadingPage, data_json: str) -> None:
    """The dataset's layers (page_data.page_json), once per page."""
    page.runJavaScript(_call("setData", data_json))


# --- once the page holds data (queued by the view) -----------------------------------------
def set_state(view: QueuedPage, state_json: str) -> None:
    """What to show (page_state.MapState.page_json: the state, ``seq`` and ``viewport``)."""
    view.evaluate(_call("setState", state_json))


def set_arcs(view: QueuedPage, arcs_json: str) -> None:
    """The tie-ups' arcs (page_data.arcs_json), sent once per page before the first state
    that shows the tie-ups."""
    view.evaluate(_call("setArcs", arcs_json))


def set_view(view: QueuedPage, center: dict) -> None:
    """Centre and zoom: ``{"lat", "lon", "zoom"}``, as the bridge's sig_view_changed gives."""
    view.evaluate(_call("setView", json.dumps(center)))


def fit_frame(view: QueuedPage, frame: Frame) -> None:
    """Show ``frame`` whole (framing.selection_frame: the whole country, a bureau, the arcs
    drawn); the page refits it when its size changes, until the user moves the map."""
    view.evaluate(_call("fitFrame", json.dumps(frame.leaflet())))


def fly_to(view: QueuedPage, lon: float, lat: float, zoom: float) -> None:
    """Centre on a point, zooming in to at least ``zoom``; the longitude is unwrapped here
    (cartography.unwrap_lon), as the page draws it."""
    view.evaluate(_call("flyTo", cartography.unwrap_lon(float(lon)), float(lat), float(zoom)))


def get_bounds(view: QueuedPage, callback: Callable[[list | None], None]) -> None:
    """Hand ``callback`` the area the map shows, ``[[south, west], [north, east]]`` in degrees
    (west and east as drawn, maybe beyond 180), or None if the page could not say."""
    view.evaluate(_call("getBounds"), _parsed_json(callback, "bounds"))


def get_view(view: QueuedPage, callback: Callable[[dict | None], None]) -> None:
    """Hand ``callback`` the map's centre and zoom, ``{"lat", "lon", "zoom"}`` (what
    ``set_view`` takes back), or None if the page could not say."""
    view.evaluate(_call("getView"), _parsed_json(callback, "view"))
