"""What the map draws of a national organisation list at a given view: the rule of levels.

A million organisations are never sent to the page. How the map shows them depends on how far
it is zoomed in: the whole country as one count per bureau, then one per prefecture (both read
from the counts per prefecture: 47 rows), then the server's grid clusters for the area shown,
summed on cells of about ``CELL_PIXELS`` on screen (``OrganisationQueries.grid``), and at the
closest zooms the organisations themselves when the area holds few enough
(``OrganisationQueries.points``). What the offline copy kept has counts only: it answers with
the counts per prefecture at every zoom closer than the national one.

``map_answer`` builds the page's answer (plain JSON-ready data); where a bureau's or a
prefecture's count is drawn (``Anchors``) comes from the dataset's polygons, so the online and
the offline answers agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BUREAU_ZOOM_BELOW = 5.75
"""Below this zoom (the whole country in a window): one count per bureau."""
GRID_ZOOM_FROM = 7.0
"""From this zoom on: the server's grid clusters; between the two, one count per prefecture."""
POINTS_ZOOM_FROM = 10.0
"""From this zoom on: the organisations themselves, when the area shows at most POINTS_LIMIT."""
POINTS_LIMIT = 1_500
CELL_PIXELS = 64
"""A grid cell's width on screen, about: clusters far enough apart for their labels."""


@dataclass(frozen=True)
class Anchors:
    """Where each bureau's and each prefecture's count is drawn, and under which name."""

    bureaus: dict[str, tuple[str, float, float]]
    """bureau_id -> (name, lon, lat)"""
    prefectures: dict[int, tuple[str, str, float, float]]
    """pref_code -> (name, bureau_id, lon, lat)"""

    @classmethod
    def of_dataset(cls, dataset, name_column: str) -> Anchors:
        """Each polygon's representative point (inside it, even for a bay-shaped prefecture)."""
        bureaus = {str(row.bureau_id): (str(getattr(row, name_column)), *_point(row.geometry))
                   for row in dataset.bureaus.itertuples()}
        prefectures = {int(row.pref_code): (str(getattr(row, name_column)), str(row.bureau_id),
                                            *_point(row.geometry))
                       for row in dataset.prefectures.itertuples()}
        return cls(bureaus, prefectures)


def _point(geometry) -> tuple[float, float]:
    point = geometry.representative_point()
    return float(point.x), float(point.y)


def level_for(zoom: float, clusters_available: bool = True) -> str:
    """'bureau', 'prefecture', 'grid' or 'points' (tried; too many in the area: 'grid')."""
    if zoom < BUREAU_ZOOM_BELOW:
        return "bureau"
    if zoom < GRID_ZOOM_FROM or not clusters_available:
        return "prefecture"
    return "grid" if zoom < POINTS_ZOOM_FROM else "points"


def cell_degrees(zoom: float) -> float:
    """The grid's cell in degrees at ``zoom``: CELL_PIXELS on screen, rounded down to a power
    of two so that a small pan or a fractional zoom keeps the same cells."""
    degrees = CELL_PIXELS * 360.0 / (256.0 * 2.0 ** zoom)
    return 2.0 ** math.floor(math.log2(degrees))


def map_answer(organisations, anchors: Anchors, bounds: tuple[float, float, float, float],
               zoom: float, bureau_id: str | None) -> dict:
    """What the page draws for the view (``bounds``: west, south, east, north in degrees;
    ``zoom``: Leaflet's), the chosen bureau's organisations only when one is chosen:
    ``{"level", "items": [{"count", "lon", "lat", "name"?, "key"?}], "zoom", "bounds"}`` — a
    point's item has ``count`` 1 and the organisation's name. ``organisations`` answers as
    OrganisationQueries (or OfflineOrganisations: counts only) does."""
    answer = {"zoom": zoom, "bounds": list(bounds)}
    level = level_for(zoom, hasattr(organisations, "grid"))
    if level == "points":
        total, rows = organisations.points(bounds, bureau_id, POINTS_LIMIT)
        if total <= POINTS_LIMIT:
            items = [{"count": 1, "name": name, "lon": lon, "lat": lat}
                     for name, lon, lat in rows]
            return {**answer, "level": "points", "items": items}
        level = "grid"
    if level == "grid":
        items = [{"count": count, "lon": lon, "lat": lat} for count, lon, lat in
                 organisations.grid(bounds, cell_degrees(zoom), bureau_id)]
        return {**answer, "level": "grid", "items": items}
    per_prefecture = organisations.by_prefecture(bureau_id)
    if level == "prefecture":
        items = [{"key": str(code), "count": count, "name": name, "lon": lon, "lat": lat}
                 for code, count in per_prefecture.items() if count
                 for name, _bureau, lon, lat in [anchors.prefectures[code]]]
        return {**answer, "level": "prefecture", "items": items}
    per_bureau: dict[str, int] = {}
    for code, count in per_prefecture.items():
        owner = anchors.prefectures[code][1]
        per_bureau[owner] = per_bureau.get(owner, 0) + count
    items = [{"key": owner, "count": count, "name": name, "lon": lon, "lat": lat}
             for owner, count in per_bureau.items() if count
             for name, lon, lat in [anchors.bureaus[owner]]]
    return {**answer, "level": "bureau", "items": items}
