"""Where an export looks and how degrees become its pixels: Web Mercator, as on screen.

The window's Leaflet map is in Web Mercator, so the exports are too: a slide of Hokkaido has
the shape the user saw. The projection keeps longitudes past 180° (``+over``) because the
page draws the Americas east of Japan (cartography.unwrap_lon). What is framed, and with how
much padding, is the window's rule too (map/framing.py, cartography.FRAMING). No Qt here.
"""

import math
import weakref
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Geod, Transformer

from desktop.export.spec import ExportSpec
from desktop.map.cartography import MAP_STYLE, fit_padding
from desktop.map.framing import (
    bureau_frame,
    bureau_layout,
    japan_frame,
    national_layout,
    selection_frame,
)
from geodata import Dataset

WEB_MERCATOR_OVER = ("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 "
                     "+units=m +nadgrids=@null +over +no_defs")
TO_MERCATOR = Transformer.from_crs("EPSG:4326", WEB_MERCATOR_OVER, always_xy=True)
GEOD = Geod(ellps="WGS84")
EARTH_CIRCUMFERENCE_M = 2 * math.pi * 6378137
MAX_LATITUDE = 85.0511


def frame_bounds(ds: Dataset, spec: ExportSpec) -> tuple[tuple[float, float, float, float], int]:
    """((west, south, east, north), padding px): the whole country when the export dialog
    asks for it, the window's area, or what the window frames for the same filter, selection
    and tie-ups (framing.selection_frame)."""
    if spec.whole_country:  # the export dialog's "whole country": as Esc frames it
        frame = japan_frame(ds)
        return frame.bounds, frame.padding
    if spec.bounds:
        (south, west), (north, east) = spec.bounds
        return (west, south, east, north), fit_padding("window")
    frame = selection_frame(ds, spec.filter, spec.show_tieups)
    return frame.bounds, frame.padding


@dataclass(frozen=True)
class MapFrame:
    """A width × height CSS-pixel picture of the Mercator box (left, bottom) – (right, top)."""

    width: int
    height: int
    left: float
    top: float
    metres_per_pixel: float

    @classmethod
    def fitted(cls, bounds, width: int, height: int, padding: float = 0,
               reserve_bottom: float = 0.0) -> "MapFrame":
        """The frame showing ``bounds`` whole, centred, with ``padding`` pixels around, in
        the picture above its bottom ``reserve_bottom`` pixels (the caption's band)."""
        west, south, east, north = bounds
        south, north = (max(-MAX_LATITUDE, min(MAX_LATITUDE, lat)) for lat in (south, north))
        (x0, x1), (y0, y1) = TO_MERCATOR.transform([west, east], [south, north])
        shown = max(height - reserve_bottom, 1)
        inner_w, inner_h = max(width - 2 * padding, 1), max(shown - 2 * padding, 1)
        span_x, span_y = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
        metres_per_pixel = max(span_x / inner_w, span_y / inner_h)
        centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
        return cls(width, height, centre_x - width / 2 * metres_per_pixel,
                   centre_y + shown / 2 * metres_per_pixel, metres_per_pixel)

    def aspect(self, bounds) -> float:
        """Width over height of ``bounds`` (west, south, east, north) in this projection."""
        west, south, east, north = bounds
        (x0, x1), (y0, y1) = TO_MERCATOR.transform([west, east], [south, north])
        return max(x1 - x0, 1.0) / max(y1 - y0, 1.0)

    @property
    def zoom(self) -> float:
        """The Leaflet zoom level showing this scale (256-pixel tiles)."""
        return math.log2(EARTH_CIRCUMFERENCE_M / self.metres_per_pixel / 256)

    def to_pixels(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        x, y = TO_MERCATOR.transform(np.asarray(lon, dtype=float),
                                     np.clip(np.asarray(lat, dtype=float),
                                             -MAX_LATITUDE, MAX_LATITUDE))
        return ((np.asarray(x) - self.left) / self.metres_per_pixel,
                (self.top - np.asarray(y)) / self.metres_per_pixel)

    def project(self, geometries: np.ndarray, tolerance: float, margin: float = 8.0
                ) -> np.ndarray:
        """Geometries in pixels, cut to the frame (plus ``margin``) and simplified to
        ``tolerance`` pixels: what a picture can show, with a fraction of the vertices."""

        def to_pixels(coords: np.ndarray) -> np.ndarray:
            return np.column_stack(self.to_pixels(coords[:, 0], coords[:, 1]))

        # Cut in degrees first: Mercator keeps a box of degrees a box of pixels, and the
        # world's countries need not all be projected for a map of Japan.
        west, south, east, north = self.degree_bounds()
        slack_x, slack_y = (east - west) * 0.05, (north - south) * 0.05
        geometries = shapely.clip_by_rect(geometries, west - slack_x, max(south - slack_y, -90),
                                          east + slack_x, min(north + slack_y, 90))
        pixels = shapely.transform(geometries, to_pixels)
        cut = shapely.clip_by_rect(pixels, -margin, -margin, self.width + margin,
                                   self.height + margin)
        return shapely.simplify(cut, tolerance, preserve_topology=False)

    def degree_bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees of the whole picture, longitudes as drawn."""
        lons, lats = TO_MERCATOR.transform(
            [self.left, self.left + self.width * self.metres_per_pixel],
            [self.top - self.height * self.metres_per_pixel, self.top], direction="INVERSE")
        return float(lons[0]), float(lats[0]), float(lons[1]), float(lats[1])

    def ground_metres(self, x0: float, x1: float, y: float) -> float:
        """Distance on the ground between two pixels of one row (for the scale bar)."""
        lons, lats = TO_MERCATOR.transform(
            [self.left + x0 * self.metres_per_pixel, self.left + x1 * self.metres_per_pixel],
            [self.top - y * self.metres_per_pixel] * 2, direction="INVERSE")
        return float(GEOD.inv(lons[0], lats[0], lons[1], lats[1])[2])


def national(spec: ExportSpec) -> bool:
    """Whether ``spec`` is a national map (Japan whole, no tie-ups): the one that draws the
    far bureaus in insets (framing.national_layout)."""
    return spec.whole_country or (not spec.bounds and not spec.filter.bureau_id
                                  and not spec.show_tieups)


_last_layout: list = []
"""The last (weak reference to ds, spec, layout) export_layout made: the painter and the
caption (which asks whether places are named) frame the same export in one go."""


def export_layout(ds: Dataset, spec: ExportSpec):
    """(bounds, padding, insets) of ``spec``'s picture: the main frame's bounds and padding
    and the insets [(what, Frame)]: on a national map, the far bureaus (Okinawa) in insets so
    the main islands fill the picture; on a bureau's map, its far islands when holding them
    would shrink it (framing.bureau_layout); on a tie-up map much wider than its bureau or Japan,
    that base frame in an inset ("base"), so Japan stays readable beside the world."""
    if _last_layout and _last_layout[0]() is ds and _last_layout[1] == spec:
        return _last_layout[2]
    layout = _export_layout(ds, spec)
    _last_layout[:] = [weakref.ref(ds), spec, layout]
    return layout


def _export_layout(ds: Dataset, spec: ExportSpec):
    """export_layout, made."""
    if national(spec):
        main, insets = national_layout(ds)
        return main.bounds, main.padding, insets
    if spec.filter.bureau_id and not spec.bounds and not spec.show_tieups:
        main, insets = bureau_layout(ds, spec.filter.bureau_id, spec.size[0] / spec.size[1])
        return main.bounds, main.padding, insets
    bounds, padding = frame_bounds(ds, spec)
    if spec.show_tieups and not spec.bounds:
        base = (bureau_frame(ds, spec.filter.bureau_id) if spec.filter.bureau_id
                else japan_frame(ds))
        return bounds, padding, [("base", base)]
    return bounds, padding, []


def fitted_frame(ds: Dataset, spec: ExportSpec, reserve_bottom: float = 0.0) -> MapFrame:
    bounds, padding, _insets = export_layout(ds, spec)
    return MapFrame.fitted(bounds, spec.size[0], spec.size[1], padding, reserve_bottom)


def nice_scale(frame: MapFrame, max_width: int = MAP_STYLE["scale_bar_max_width"]
               ) -> tuple[float, str]:
    """(bar width px, label): the longest 1/2/3/5×10ⁿ metres fitting ``max_width``, measured
    across the middle of the map — Leaflet's scale control rule."""
    y = frame.height / 2
    max_metres = frame.ground_metres(0, max_width, y)
    power = 10 ** math.floor(math.log10(max_metres))
    ratio = max_metres / power
    step = 10 if ratio >= 10 else 5 if ratio >= 5 else 3 if ratio >= 3 else 2 if ratio >= 2 else 1
    metres = power * step
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    return max_width * metres / max_metres, label
