"""Projects drawn at (nearly) one place fan out on a small ring, so each marker can be seen
and clicked — on the page and in the exports alike.

Several projects sit at their bureau's seat, a few hundredths of a degree apart (Sapporo,
Sendai, Nagoya, Osaka, Tokyo; geodata/curated/NOTES.md): at the zooms that show a bureau or
the country their markers cover each other. Such a *group* is drawn on a ring around its
centre, a fixed number of pixels across, until the zoom at which the true places are far
enough apart to show every marker whole; from that zoom on each marker is at its true place.

The groups, ring offsets and the zoom at which a group opens are computed here once per
dataset; the page (page_data's ``fan``) and the exports (map_painter) only apply them.
Offsets are CSS pixels, east and south positive. No Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from desktop.map import cartography

EARTH_CIRCUMFERENCE_M = 2 * math.pi * 6378137
MAX_GROUP = 8
"""A denser crowd is a place to zoom into, not a ring: larger groups are left as they are."""
GROUP_AT_ZOOM = 5.5
"""Markers that cover each other at this zoom (the whole country in a window) form a group:
Kobe and the three Osaka projects, 0.15–0.3° apart, are one group of four. Points linked
through neighbours are one group, so no marker is left under a neighbour's ring."""
GAP_PX = 3.0
"""Room between two markers of a ring, beyond their radii."""


@dataclass(frozen=True)
class Fan:
    """Where one grouped marker is drawn below ``until_zoom``: ``(dx, dy)`` pixels from its
    group's centre (``lon``, ``lat``)."""

    lon: float
    lat: float
    dx: float
    dy: float
    until_zoom: float


def separation_px() -> float:
    """Centre to centre distance at which two normal markers no longer overlap."""
    return 2 * cartography.MAP_STYLE["project"]["normal"]["radius"] + GAP_PX


def _mercator(lons, lats) -> tuple[np.ndarray, np.ndarray]:
    """Spherical Web Mercator in metres (as the page draws)."""
    lons = np.radians(np.asarray(lons, dtype=float))
    lats = np.radians(np.clip(np.asarray(lats, dtype=float), -85.0511, 85.0511))
    radius = EARTH_CIRCUMFERENCE_M / (2 * math.pi)
    return radius * lons, radius * np.log(np.tan(math.pi / 4 + lats / 2))


def _metres_per_px(zoom: float) -> float:
    return EARTH_CIRCUMFERENCE_M / (256 * 2 ** zoom)


def _neighbourhood_sums(cx: np.ndarray, cy: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per point, the sum of ``values`` over the points in its grid cell and the 8 around.

    Summed per occupied cell, then handed to its points: 100,000 points lie in a few
    thousand cells, and looking up each point's nine neighbours was a tenth of the page
    data's making."""
    keys = cx * 4_000_003 + cy
    unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    per_cell = np.bincount(inverse, weights=values, minlength=len(unique))
    cell_x, cell_y = cx[first], cy[first]
    total = np.zeros(len(unique))
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            wanted = (cell_x + dx) * 4_000_003 + (cell_y + dy)
            at = np.minimum(np.searchsorted(unique, wanted), len(unique) - 1)
            total += np.where(unique[at] == wanted, per_cell[at], 0.0)
    return total[inverse]


def _groups(xs: np.ndarray, ys: np.ndarray, within: float) -> list[np.ndarray]:
    """Indices of the points linked by chains of neighbours less than ``within`` metres
    apart, for every such set of 2 to MAX_GROUP points.

    A crowd (more than MAX_GROUP points in a block of 3x3 cells ``within`` wide) and the
    points next to it are left out first, on a grid, in a few ms for 10,000 points; the
    chains among the rest are the parts of the union of discs of radius ``within / 2``
    around them (GEOS does the union)."""
    cx, cy = np.floor(xs / within).astype(np.int64), np.floor(ys / within).astype(np.int64)
    crowded = _neighbourhood_sums(cx, cy, np.ones(len(xs))) > MAX_GROUP
    near_crowd = _neighbourhood_sums(cx, cy, crowded.astype(float)) > 0
    candidates = np.flatnonzero(~near_crowd)
    if len(candidates) < 2:
        return []
    points = shapely.points(xs[candidates], ys[candidates])
    parts = shapely.get_parts(shapely.union_all(shapely.buffer(points, within / 2,
                                                               quad_segs=4)))
    point_index, part_index = shapely.STRtree(parts).query(points, predicate="intersects")
    labels = np.full(len(points), len(parts))
    labels[point_index] = part_index
    order = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels, minlength=len(parts) + 1)[:len(parts)]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    return [candidates[order[starts[part]:starts[part] + sizes[part]]]
            for part in np.flatnonzero((sizes > 1) & (sizes <= MAX_GROUP))]


def fans(lons, lats) -> dict[int, Fan]:
    """Index of each grouped point → its Fan; points alone are left out."""
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if len(lons) < 2:
        return {}
    xs, ys = _mercator(lons, lats)
    separation = separation_px()
    result = {}
    for members in _groups(xs, ys, separation * _metres_per_px(GROUP_AT_ZOOM)):
        members = members.tolist()
        gx, gy = xs[members], ys[members]
        cx, cy = gx.mean(), gy.mean()
        gaps = [math.hypot(gx[i] - gx[j], gy[i] - gy[j])
                for i in range(len(members)) for j in range(i + 1, len(members))]
        closest = max(min(gaps), 1e-3)
        # the zoom at which the closest pair is ``separation`` pixels apart
        until = math.log2(separation * EARTH_CIRCUMFERENCE_M / (256 * closest))
        # each keeps its side of the centre: ring slots in the order of the true bearings
        bearings = np.arctan2(gy - cy, gx - cx)
        ranked = np.argsort(bearings, kind="stable")
        start = float(bearings[ranked[0]])
        ring = separation / (2 * math.sin(math.pi / len(members)))
        centre_lon, centre_lat = float(lons[members].mean()), float(lats[members].mean())
        for slot, position in enumerate(ranked):
            angle = start + 2 * math.pi * slot / len(members)
            result[members[position]] = Fan(centre_lon, centre_lat,
                                            round(ring * math.cos(angle), 2),
                                            round(-ring * math.sin(angle), 2),  # y down
                                            round(until, 3))
    return result


def fanned(lons, lats, zoom: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For drawing at ``zoom``: (anchor lons, anchor lats, dx px, dy px) of every point — the
    group's centre and ring offset below its opening zoom, else the point itself and 0."""
    lons, lats = np.array(lons, dtype=float), np.array(lats, dtype=float)
    dx, dy = np.zeros(len(lons)), np.zeros(len(lons))
    for index, fan in fans(lons, lats).items():
        if zoom < fan.until_zoom:
            lons[index], lats[index] = fan.lon, fan.lat
            dx[index], dy[index] = fan.dx, fan.dy
    return lons, lats, dx, dy
