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
    """Every bureau's main land and inhabited islands (inhabited_islands) and every project:
    Hokkaido to Okinawa (与那国 and the 大東諸島 too), not Ogasawara."""
    lands = []
    for shape in ds.bureaus.geometry:
        land = main_land(shape)
        lands += [land, inhabited_islands(ds, shape, land)]
    return _land_and_projects(lands, ds.projects.geometry, "japan")


def inhabited_islands(ds: Dataset, shape, land):
    """The municipalities (the ``places`` gazetteer) of the area ``shape`` within
    ISLAND_REACH_DEG of its main land ``land``, as points: 与那国町 and the 大東諸島 for
    Okinawa, Tsushima and Amami for Kyushu, the Izu islands for Kanto; Ogasawara, 1,000 km
    out, is left to the wider view. None without places."""
    places = getattr(ds, "places", None)
    if places is None or places.empty or land is None or shapely.is_empty(land):
        return None
    points = np.asarray(places.geometry.array)
    shapely.prepare(shape)
    own = points[shapely.dwithin(shape, points, MUNICIPALITY_SLACK_DEG)]
    return shapely.multipoints(own[shapely.dwithin(land, own, ISLAND_REACH_DEG)])


ISLAND_REACH_DEG = 5.0
"""How far from a bureau's main land its frame still reaches for a municipality's islands
(about 500 km: 南大東島 is 360 km from Okinawa Island, 与論島 450 km from Kyushu;
Ogasawara is 900 km from Honshu)."""
MUNICIPALITY_SLACK_DEG = 0.02
"""A municipality's point counts as the bureau's this close to its boundary (a point on a
coast simplified away)."""


def bureau_frame(ds: Dataset, bureau_id: str) -> Frame:
    """One bureau's main land, its inhabited islands (inhabited_islands) and every project it
    holds (whatever the filter shows, so the frame does not jump while filtering)."""
    shapes = ds.bureaus.geometry[ds.bureaus["bureau_id"] == bureau_id]
    projects = ds.projects.geometry[ds.projects["bureau_id"] == bureau_id]
    if shapes.empty:
        return japan_frame(ds)
    lands = []
    for shape in shapes:
        land = main_land(shape)
        lands += [land, inhabited_islands(ds, shape, land)]
    return _land_and_projects(lands, projects, "bureau")


def inset_bureaus(ds: Dataset) -> list[str]:
    """The bureaus a national map draws in an inset, as Japanese national maps draw Okinawa:
    those whose main land lies more than INSET_GAP_DEG from every other bureau's."""
    lands = [main_land(shape) for shape in ds.bureaus.geometry]
    far = []
    for index, bureau_id in enumerate(ds.bureaus["bureau_id"]):
        others = [land for other, land in enumerate(lands) if other != index
                  and land is not None and not shapely.is_empty(land)]
        if (len(others) > 1 and lands[index] is not None
                and min(shapely.distance(lands[index], other) for other in others)
                > INSET_GAP_DEG):
            far.append(bureau_id)
    return far


INSET_GAP_DEG = 2.5
"""Okinawa Island is 4° from Kyushu's main land; every other bureau touches a neighbour."""


def national_layout(ds: Dataset) -> tuple[Frame, list[tuple[str, Frame]]]:
    """The national map as Japanese national maps draw it: the main frame holds every bureau
    but the far ones (inset_bureaus) and their projects, and each far bureau has an inset of
    its own frame (bureau_frame: all its inhabited islands). Without a far bureau, the
    whole country (japan_frame) and no inset."""
    far = inset_bureaus(ds)
    if not far:
        return japan_frame(ds), []
    near = ~ds.bureaus["bureau_id"].isin(far)
    projects = ds.projects.geometry[~ds.projects["bureau_id"].isin(far)]
    main = _land_and_projects([main_land(shape) for shape in ds.bureaus.geometry[near]],
                              projects, "japan")
    return main, [(bureau_id, bureau_frame(ds, bureau_id)) for bureau_id in far]


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
