"""What the map frames for a filter and selection: one rule for the window and the exports.

"Whole country" is every bureau's main land, Hokkaido to Okinawa, and every project; a
bureau is its main land (geodata.mainland: Ogasawara does not shrink Kanto) and its projects;
with tie-ups shown, the frame also holds every arc drawn — the whole great circle, as drawn
east or west of Japan (cartography.unwrap_lon), so partners in Europe and America are inside.

The window sends the frame to the page (js_api.fit_frame) whenever the selection is picked
again, cleared, or the tie-ups are switched; the exports fit the same frame (export/map_frame).
Bounds are (west, south, east, north) in degrees with longitudes as drawn. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from desktop.map import cartography
from geodata.mainland import main_land

if TYPE_CHECKING:
    from geodata import Dataset, Filter


@dataclass(frozen=True)
class Frame:
    """An area to show whole, and the padding (cartography.FRAMING) kept around it."""

    west: float
    south: float
    east: float
    north: float
    target: str  # "japan", "bureau", "tieups" or "window"

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.west, self.south, self.east, self.north

    @property
    def padding(self) -> int:
        return cartography.fit_padding(self.target)

    def leaflet(self) -> dict:
        """The page's ``fitFrame`` argument: Leaflet's [[south, west], [north, east]]."""
        return {"bounds": [[self.south, self.west], [self.north, self.east]],
                "padding": self.padding}


def _box(xs, ys, target: str) -> Frame:
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    keep = np.isfinite(xs) & np.isfinite(ys)
    if not keep.any():
        return Frame(*cartography.JAPAN_FALLBACK_BOUNDS, target)
    xs, ys = xs[keep], ys[keep]
    return Frame(float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()), target)


def _land_and_projects(lands, projects, target: str) -> Frame:
    """The box around some main lands (geometries) and project points (a GeoSeries)."""
    xs, ys = [], []
    for land in lands:
        if land is not None and not shapely.is_empty(land):
            west, south, east, north = shapely.bounds(land)
            xs += [west, east]
            ys += [south, north]
    xs += [cartography.unwrap_lon(x) for x in projects.x]
    ys += list(projects.y)
    return _box(xs, ys, target)


def japan_frame(ds: Dataset) -> Frame:
    """Every bureau's main land and every project: Hokkaido to Okinawa, not Ogasawara."""
    return _land_and_projects([main_land(shape) for shape in ds.bureaus.geometry],
                              ds.projects.geometry, "japan")


def bureau_frame(ds: Dataset, bureau_id: str) -> Frame:
    """One bureau's main land and every project it holds (whatever the filter shows, so the
    frame does not jump while filtering)."""
    shapes = ds.bureaus.geometry[ds.bureaus["bureau_id"] == bureau_id]
    projects = ds.projects.geometry[ds.projects["bureau_id"] == bureau_id]
    if shapes.empty:
        return japan_frame(ds)
    return _land_and_projects([main_land(shape) for shape in shapes], projects, "bureau")


def shown_tieups(ds: Dataset, flt: Filter):
    """The tie-ups the map draws: those of the filter's scope that belong to the selected
    bureau or project (all of the scope's with nothing selected) — the tie-ups panel's rows.

    Others are hidden rather than dimmed: an export titled "… — Kinki" must draw Kinki's arcs
    only, and the window shows what such an export would."""
    from geodata.queries import run_query

    return run_query(ds, flt).tieups


def tieup_arcs(ds: Dataset, tieups) -> np.ndarray:
    """The arcs of ``tieups`` as drawn: (arcs, points, [lat, lon]) (page_data's great circles,
    continuous across the antimeridian, starting at the project's longitude)."""
    from desktop.map.page_data import great_circle_array

    origins = ds.projects.set_index("project_id").geometry
    placed = tieups[tieups["project_id"].isin(origins.index)]
    starts = origins.loc[placed["project_id"]]
    return great_circle_array(starts.x, starts.y, placed.geometry.x, placed.geometry.y)


def selection_frame(ds: Dataset, flt: Filter, show_tieups: bool) -> Frame:
    """What the map shows for this selection: the selected bureau (a selected project's
    bureau) or the whole country; with tie-ups, also every arc drawn for the selection."""
    base = bureau_frame(ds, flt.bureau_id) if flt.bureau_id else japan_frame(ds)
    if not show_tieups:
        return base
    arcs = tieup_arcs(ds, shown_tieups(ds, flt))
    if not len(arcs):
        return Frame(*base.bounds, "tieups")
    lats, lons = arcs[:, :, 0].ravel(), arcs[:, :, 1].ravel()
    return _box(np.concatenate([lons, [base.west, base.east]]),
                np.concatenate([lats, [base.south, base.north]]), "tieups")
