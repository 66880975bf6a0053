"""The main land of an area: the islands that make its shape, without its far-flung specks.

A bureau's boundary can reach far beyond where its land and its projects are: Kanto's includes
the Ogasawara islands 1,000 km south of Tokyo and Minami-Torishima 1,800 km to the east, so
the box around all of it squeezes the mainland into a corner. Framing the main land instead
shows what a person means by "Kanto"; the remote islands are still drawn, and seen when the
user zooms out. A large island close to the main land belongs to it, as every Japanese map
draws it: Etorofu and Kunashiri with Hokkaido, Sado, Tsushima, Yakushima. No Qt here.
"""

from __future__ import annotations

import shapely

MAIN_PART_SHARE = 0.05
"""A part is main land when its area is at least this share of the area of the largest part:
Okinawa keeps Ishigaki and Miyako (each over a tenth of Okinawa Island), Kanto drops the
Izu islands and Ogasawara (each under 2 % of its Honshu part)."""
NEAR_ISLAND_AREA = 0.01
"""A part of at least this many square degrees (about 100 km²: Etorofu is 3,200 km²,
Kunashiri 1,500, Tsushima 700, Yakushima 500) is main land too when it lies within
NEAR_ISLAND_DEG of the parts above."""
NEAR_ISLAND_DEG = 1.5
"""Etorofu is 1° from Hokkaido's main land, Tsushima half a degree from Kyushu; Amami Oshima
(2.7° from Kyushu) and the Izu islands' south are farther."""


def main_land(geometry, share: float = MAIN_PART_SHARE):
    """The parts of ``geometry`` (a (Multi)Polygon in degrees) whose area is at least
    ``share`` of the largest part's, and the large islands near them (NEAR_ISLAND_AREA,
    NEAR_ISLAND_DEG), as one geometry; an empty or missing one as it is.

    Areas are compared in square degrees: within one bureau the latitude changes the ratio of
    two islands by a few per cent at most, far from the 20-fold gap the share separates."""
    if geometry is None or shapely.is_empty(geometry):
        return geometry
    cached = _made.get((id(geometry), share))
    if cached is not None and cached[0] is geometry:
        return cached[1]
    land = _main_land(geometry, share)
    if len(_made) >= CACHED_LANDS:
        _made.clear()
    _made[id(geometry), share] = (geometry, land)
    return land


CACHED_LANDS = 64
"""Main lands kept, by the (immutable) geometry they were made from: a national export asks
for every bureau's several times (framing, insets, labels)."""
_made: dict = {}


def _main_land(geometry, share: float):
    parts = shapely.get_parts(geometry)
    areas = shapely.area(parts)
    main = areas >= share * areas.max()
    core = shapely.union_all(parts[main])
    near = ~main & (areas >= NEAR_ISLAND_AREA)
    if near.any():
        near[near] = shapely.dwithin(core, parts[near], NEAR_ISLAND_DEG)
    return shapely.union_all(parts[main | near])
