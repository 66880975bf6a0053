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
from desktop.map.arcs import great_circle_array
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


def inset_bureaus(ds: Dataset, lands=None) -> list[str]:
    """The bureaus a national map draws in an inset, as Japanese national maps draw Okinawa:
    those whose main land (``lands``, one per bureau, made when not given) lies more than
    INSET_GAP_DEG from every other bureau's (measured on outlines simplified to a few km: a
    question of degrees)."""
    if lands is None:
        lands = [main_land(shape) for shape in ds.bureaus.geometry]
    lands = shapely.simplify(np.asarray(lands, dtype=object), GAP_TOLERANCE_DEG)
    present = ~(shapely.is_missing(lands) | shapely.is_empty(lands))
    far = []
    for index, bureau_id in enumerate(ds.bureaus["bureau_id"]):
        others = lands[present & (np.arange(len(lands)) != index)]
        if (present[index] and len(others) > 1
                and shapely.distance(lands[index], others).min() > INSET_GAP_DEG):
            far.append(bureau_id)
    return far


GAP_TOLERANCE_DEG = 0.02
INSET_GAP_DEG = 2.5
"""Okinawa Island is 3.4° from Kyushu's main land; every other bureau touches a neighbour."""
NEAR_REACH_DEG = 1.0
"""Islands this close to a bureau's main land are framed with it on an export; farther ones
(Amami for Kyushu) go in an inset when holding them would shrink the main land too much."""
INSET_SCALE_SHARE = 0.8
"""Far islands are framed with the main land while that keeps it at this share of the scale
it has alone or more; below, they get an inset, as regional maps draw them: Kanto's 八丈島
and 青ヶ島 (0.77), Kyushu's Amami islands (0.68), Okinawa's 大東諸島 (0.65)."""
ISLAND_GROUP_DEG = 1.5
"""Far islands this close to one another share one inset (Amami Oshima to Yoron)."""
ISLAND_LAND_DEG = 0.3
"""An inset of far islands holds the bureau's land this close to their municipalities."""


def _mercator_span(frame: Frame) -> tuple[float, float]:
    """Width and height of ``frame`` in Web Mercator (radians)."""
    def y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return float(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))

    return np.radians(frame.east - frame.west), y(frame.north) - y(frame.south)


def _scale_share(small: Frame, large: Frame, aspect: float) -> float:
    """How large ``small``'s content is drawn when ``large`` is framed instead, in a picture
    of width/height ``aspect`` (1: the same; 0.5: half as large)."""
    def units(frame: Frame) -> float:
        width, height = _mercator_span(frame)
        return max(width / aspect, height, 1e-9)

    return units(small) / units(large)


def _groups(points, link: float) -> list:
    """``points`` (shapely points) in groups, each point within ``link`` of another of its
    group (single linkage; a few dozen points at most)."""
    groups: list[list] = []
    for point in points:
        touching = [group for group in groups
                    if min(shapely.distance(point, other) for other in group) <= link]
        merged = [point] + [member for group in touching for member in group]
        groups = [group for group in groups if all(group is not t for t in touching)]
        groups.append(merged)
    return groups


def _far_islands(ds: Dataset, shape, land) -> list:
    """The groups (_groups) of ``shape``'s municipalities farther than NEAR_REACH_DEG from its
    main land ``land`` but within reach (inhabited_islands)."""
    islands = inhabited_islands(ds, shape, land)
    if islands is None or shapely.is_empty(islands):
        return []
    points = shapely.get_parts(islands)
    far = points[~shapely.dwithin(land, points, NEAR_REACH_DEG)]
    return _groups(list(far), ISLAND_GROUP_DEG)


def _island_frame(shape, group, target: str = "bureau") -> Frame:
    """The box of a group of far islands: their municipalities and ``shape``'s land near them."""
    points = shapely.multipoints(group)
    parts = shapely.get_parts(shape)
    near = parts[shapely.dwithin(points, parts, ISLAND_LAND_DEG)]
    west, south, east, north = shapely.bounds(shapely.union_all([points, *near]))
    return Frame(float(west), float(south), float(east), float(north), target)


def bureau_layout(ds: Dataset, bureau_id: str, aspect: float = 16 / 9
                  ) -> tuple[Frame, list[tuple[str, Frame]]]:
    """An export's frame of one bureau and its insets: all its inhabited islands
    (bureau_frame) when that keeps its main land at INSET_SCALE_SHARE of its scale or more in
    a picture of ``aspect``; otherwise the main land, its near islands and its projects, and
    an inset per group of far islands (Kyushu: Amami), as Japanese regional maps draw them."""
    whole = bureau_frame(ds, bureau_id)
    shapes = ds.bureaus.geometry[ds.bureaus["bureau_id"] == bureau_id]
    if shapes.empty:
        return whole, []
    shape = shapes.iloc[0]
    land = main_land(shape)
    far = _far_islands(ds, shape, land)
    if not far:
        return whole, []
    islands = inhabited_islands(ds, shape, land)
    near = shapely.get_parts(islands)
    near = shapely.multipoints(near[shapely.dwithin(land, near, NEAR_REACH_DEG)])
    projects = ds.projects.geometry[ds.projects["bureau_id"] == bureau_id]
    main = _land_and_projects([land, near], projects, "bureau")
    if _scale_share(main, whole, aspect) >= INSET_SCALE_SHARE:
        return whole, []
    return main, [(f"{bureau_id}-islands", _island_frame(shape, group)) for group in far]


def national_layout(ds: Dataset) -> tuple[Frame, list[tuple[str, Frame]]]:
    """The national map as Japanese national maps draw it: the main frame holds every bureau
    but the far ones (inset_bureaus) and their projects, and each far bureau has an inset of
    its own frame (bureau_frame: all its inhabited islands), widened to the far islands of
    other bureaus beside it (Kagoshima's Amami islands with Okinawa). Without a far bureau,
    the whole country (japan_frame) and no inset."""
    lands = [main_land(shape) for shape in ds.bureaus.geometry]
    far = inset_bureaus(ds, lands)
    if not far:
        return japan_frame(ds), []
    near = (~ds.bureaus["bureau_id"].isin(far)).to_numpy()
    projects = ds.projects.geometry[~ds.projects["bureau_id"].isin(far)]
    main = _land_and_projects([land for land, kept in zip(lands, near, strict=True) if kept],
                              projects, "japan")
    insets = []
    for bureau_id in far:
        frame = bureau_frame(ds, bureau_id)
        reach = shapely.box(*frame.bounds).buffer(ISLAND_GROUP_DEG)
        for shape, land, kept in zip(ds.bureaus.geometry, lands, near, strict=True):
            if not kept or not shapely.intersects(reach, shapely.box(*shapely.bounds(shape))):
                continue
            for group in _far_islands(ds, shape, land):
                if shapely.intersects(reach, shapely.multipoints(group)):
                    box = _island_frame(shape, group)
                    frame = Frame(min(frame.west, box.west), min(frame.south, box.south),
                                  max(frame.east, box.east), max(frame.north, box.north),
                                  frame.target)
        insets.append((bureau_id, frame))
    return main, insets


def shown_tieups(ds: Dataset, flt: Filter):
    """The tie-ups the map draws: those of the filter's scope that belong to the selected
    bureau or project (all of the scope's with nothing selected) — the tie-ups panel's rows.

    Others are hidden rather than dimmed: an export titled "… — Kinki" must draw Kinki's arcs
    only, and the window shows what such an export would."""
    from geodata.queries import run_query

    return run_query(ds, flt).tieups


def shown_tieup_ids(ds: Dataset, flt: Filter) -> list[str]:
    """The ids of ``shown_tieups`` (what the page receives on every click), read without
    selecting the tie-ups' rows."""
    from geodata.queries import run_query

    return run_query(ds, flt).column("tieups", "tieup_id").tolist()


def tieup_arcs(ds: Dataset, tieups) -> np.ndarray:
    """The arcs of ``tieups`` as drawn: (arcs, points, [lat, lon]) (the page's great circles,
    continuous across the antimeridian, starting at the project's longitude)."""
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
