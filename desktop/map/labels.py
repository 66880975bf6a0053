"""Where names go on the map and in the exports, clear of the markers and of each other.

Two rules, both in plain Python so the page and the exports place names alike:

* a bureau's name goes inside its main land, as far as possible from its coast and from every
  project marker — a name box is about three times wider than tall, so the distance is
  measured with latitude stretched that much (the widest clear spot, not the roundest);
* place names (a dot and a name, places.py) are placed the same greedy way, most populous
  first, a place whose name finds no room being left out dot and all — except the largest
  cities, whose names move out ring after ring beside the markers rather than vanish;
* an export's bureau name moves off the markers to the nearest clear spot (clear_spot);
* partner places abroad are labelled greedily: the most important first, each at the first of
  a few candidate positions around its point that overlaps no label placed before it and no
  marker; a name with no free position is left out (its tooltip and the table still name it).

No Qt here: text sizes come from the caller, who can measure its own font.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.affinity import scale
from shapely.ops import polylabel

from desktop.map import cartography
from geodata.mainland import main_land

LABEL_ASPECT = 3.0
"""How much wider than tall a bureau's name box is, roughly (two lines of text)."""
MARKER_CLEARANCE_DEG = 0.25
"""Around a marker, the area a name should stay out of: a marker's radius plus its ring
(desktop/map/fanout.py) at the zooms names are shown from."""
POLYLABEL_TOLERANCE = 0.01
MARKER_QUAD_SEGS = 2
"""A marker's area is an octagon (a buffer of two segments a quarter): its edges come no
nearer its centre than MARKER_INRADIUS_DEG."""
MARKER_INRADIUS_DEG = MARKER_CLEARANCE_DEG * math.cos(math.pi / (4 * MARKER_QUAD_SEGS))
COVER_CELL_DEG = 0.05
"""The grid on which the markers' union is settled (marker_cover): a fifth of a marker's
clearance, so a cell is covered by any marker within about one clearance of it."""
_COVER_EPS_DEG = 1e-9
"""Room for rounding where a marker's box is put on the grid."""
MOST_COVER_CELLS = 2_000_000
"""A land whose grid would have more cells (a shape the size of a continent: Japan's largest
bureau has 16,000) takes every marker's octagon instead (16 MB a grid at most)."""


def bureau_label_point(shape, marker_lons: Sequence[float], marker_lats: Sequence[float]):
    """The point of ``shape``'s main land (the largest part when it has several) farthest
    from its edge and from the markers, with latitude stretched by LABEL_ASPECT."""
    land = main_land(shape)
    parts = shapely.get_parts(land)
    largest = max(parts, key=lambda part: part.area)
    markers = marker_cover(largest, marker_lons, marker_lats)
    clear = largest.difference(shapely.union_all(markers)) if len(markers) else largest
    if clear.is_empty:
        return largest.representative_point()
    clear_parts = shapely.get_parts(clear)
    origin = largest.centroid
    stretched = [scale(part, 1.0, LABEL_ASPECT, origin=origin) for part in clear_parts]
    best = max(stretched, key=lambda part: part.area)
    point = polylabel(best, tolerance=POLYLABEL_TOLERANCE)
    return scale(point, 1.0, 1.0 / LABEL_ASPECT, origin=origin)


def marker_cover(land, marker_lons: Sequence[float], marker_lats: Sequence[float]) -> np.ndarray:
    """Polygons whose union, within ``land``, is exactly that of the markers' areas
    (octagons of MARKER_CLEARANCE_DEG): what bureau_label_point takes away from the land.

    Unioning every marker's octagon was most of a page's making at scale (a bureau of 11,000
    markers: 0.25 s, 2.4 s for the country). Where markers are dense most octagons lie in
    land covered anyway, so on a grid of COVER_CELL_DEG this keeps the octagons of markers
    near land no marker covers, and lays row-long rectangles of covered cells over the rest:

    * a cell is *covered* when it lies inside the square inscribed in some marker's inscribed
      circle (inside the octagon, away from its edges);
    * a marker is *left out* when every cell its octagon's box reaches is covered or off
      ``land``: then each point of its octagon on land is in a covered cell;
    * the covered cells those left-out markers reach are given instead, as rectangles.

    Each rectangle lies inside an octagon, so the union never grows, and every point of a
    left-out octagon on land is in one, so within the land it never shrinks: the same set,
    whose edges (octagons' and the land's) are the same too — the label points are those of
    the whole union to the last digits (tests/desktop/test_map_labels.py). Sparse markers
    are all kept: no cell round them is covered.
    """
    radius, cell = MARKER_CLEARANCE_DEG, COVER_CELL_DEG
    lons, lats = np.asarray(marker_lons, dtype=float), np.asarray(marker_lats, dtype=float)
    west, south, east, north = land.bounds
    near = (lons >= west - radius) & (lons <= east + radius) & (lats >= south - radius) & (
        lats <= north + radius)  # an octagon out of the land's box takes nothing from it
    lons, lats = lons[near], lats[near]
    if not len(lons):
        return np.empty(0, dtype=object)
    x0, y0 = west - 2 * radius - cell, south - 2 * radius - cell
    shape = (math.ceil((north + 2 * radius + cell - y0) / cell) + 1,
             math.ceil((east + 2 * radius + cell - x0) / cell) + 1)
    if shape[0] * shape[1] > MOST_COVER_CELLS:
        return shapely.buffer(shapely.points(lons, lats), radius, quad_segs=MARKER_QUAD_SEGS)
    inner = 0.99 * MARKER_INRADIUS_DEG / math.sqrt(2)  # the inscribed square's half side
    covered = _cell_counts(shape, _cells_within(lats - inner, lats + inner, y0, cell),
                           _cells_within(lons - inner, lons + inner, x0, cell)) > 0
    rows = _cells_touched(lats - radius, lats + radius, y0, cell)
    columns = _cells_touched(lons - radius, lons + radius, x0, cell)
    open_cells = ~covered & (_cell_counts(shape, rows, columns) > 0)
    open_rows, open_columns = np.nonzero(open_cells)
    shapely.prepare(land)
    open_cells[open_rows, open_columns] = shapely.intersects(land, shapely.box(
        x0 + open_columns * cell, y0 + open_rows * cell,
        x0 + (open_columns + 1) * cell, y0 + (open_rows + 1) * cell))
    left_out = _box_sums(open_cells, rows, columns) == 0
    kept = shapely.buffer(shapely.points(lons[~left_out], lats[~left_out]), radius,
                          quad_segs=MARKER_QUAD_SEGS)
    if not left_out.any():
        return kept
    given = covered & (_cell_counts(shape, (rows[0][left_out], rows[1][left_out]),
                                    (columns[0][left_out], columns[1][left_out])) > 0)
    edges = np.diff(np.pad(given.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    run_rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    runs = shapely.box(x0 + starts * cell, y0 + run_rows * cell, x0 + ends * cell,
                       y0 + (run_rows + 1) * cell)
    return np.concatenate([kept, runs])


def _cells_within(low, high, origin: float, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """The cells (first, past the last) lying wholly between ``low`` and ``high``."""
    return (np.ceil((low - origin) / cell).astype(np.intp),
            np.floor((high - origin) / cell).astype(np.intp))


def _cells_touched(low, high, origin: float, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """The cells (first, past the last) reaching between ``low`` and ``high``."""
    return (np.floor((low - _COVER_EPS_DEG - origin) / cell).astype(np.intp),
            np.floor((high + _COVER_EPS_DEG - origin) / cell).astype(np.intp) + 1)


def _cell_counts(shape: tuple[int, int], rows, columns) -> np.ndarray:
    """Per cell, how many of the boxes (row and column ranges, first and past the last)
    hold it: corners marked, then summed along both axes."""
    marks = np.zeros((shape[0] + 1, shape[1] + 1), dtype=np.intp)
    (first_row, end_row), (first_column, end_column) = rows, columns
    some = (end_row > first_row) & (end_column > first_column)
    for at_rows, at_columns, sign in ((first_row, first_column, 1), (first_row, end_column, -1),
                                      (end_row, first_column, -1), (end_row, end_column, 1)):
        np.add.at(marks, (at_rows[some], at_columns[some]), sign)
    return np.cumsum(np.cumsum(marks, axis=0), axis=1)[:shape[0], :shape[1]]


def _box_sums(cells: np.ndarray, rows, columns) -> np.ndarray:
    """Per box (row and column ranges), how many true ``cells`` it holds (a summed-area
    table)."""
    table = np.zeros((cells.shape[0] + 1, cells.shape[1] + 1), dtype=np.intp)
    table[1:, 1:] = np.cumsum(np.cumsum(cells, axis=0), axis=1)
    (first_row, end_row), (first_column, end_column) = rows, columns
    return (table[end_row, end_column] - table[first_row, end_column]
            - table[end_row, first_column] + table[first_row, first_column])


# --- partner labels (pixels) ---------------------------------------------------------------
Allowed = Callable[[int, tuple[float, float, float, float]], bool]
"""Whether the label of index i may take a box (left, top, right, bottom): the caller's test
of the land under it (a name lies on no country or bureau it does not name)."""
CANDIDATES = tuple((x, y) for x, y in cartography.MAP_STYLE["partner_label"]["sides"])
"""Where a label may go around its point, in order of preference: (x, y) sides, y down:
right-above first, as cartographers place point names. The page tries the same sides."""


@dataclass(frozen=True)
class PlacedLabel:
    """A label's box: its left, top, width and height in pixels, and the index it came as."""

    index: int
    left: float
    top: float
    width: float
    height: float


def _box(x, y, width, height, side, gap):
    sx, sy = side
    left = x + gap if sx > 0 else x - gap - width if sx < 0 else x - width / 2
    top = y + gap if sy > 0 else y - gap - height if sy < 0 else y - height / 2
    return left, top


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: Iterable[tuple[float, float]], sizes: Iterable[tuple[float, float]],
                 obstacles: Iterable[tuple[float, float, float]] = (), gap: float = 4.0,
                 bounds: tuple[float, float] | None = None,
                 most_tried: int | None = None, allowed: Allowed | None = None
                 ) -> list[PlacedLabel]:
    """Greedy placement of labels at ``points`` (pixels, in order of importance) of
    ``sizes`` (width, height): each at the first CANDIDATES position clear of the labels
    placed before it, of ``obstacles`` (x, y, radius: markers), inside ``bounds``
    (width, height) if given and ``allowed(index, box)`` if given (the painter's test that
    a name lies on no land it does not name). Labels with no clear position, and those after
    the first ``most_tried``, are left out."""
    taken: list[tuple[float, float, float, float]] = [
        (x - r, y - r, x + r, y + r) for x, y, r in obstacles]
    placed = []
    tried = zip(points, sizes, strict=True)
    for index, ((x, y), (width, height)) in enumerate(tried):
        if most_tried is not None and index >= most_tried:
            break
        for side in CANDIDATES:
            left, top = _box(x, y, width, height, side, gap)
            box = (left, top, left + width, top + height)
            if bounds and (left < 0 or top < 0 or box[2] > bounds[0] or box[3] > bounds[1]):
                continue
            if any(_overlaps(box, other) for other in taken):
                continue
            if allowed is not None and not allowed(index, box):
                continue
            taken.append(box)
            placed.append(PlacedLabel(index, left, top, width, height))
            break
    return placed


# --- place names (pixels) --------------------------------------------------------------------
def place_point_labels(points: Iterable[tuple[float, float]],
                       sizes: Iterable[tuple[float, float]],
                       bounds: tuple[float, float],
                       taken: Iterable[tuple[float, float, float, float]] = (),
                       markers: Iterable[tuple[float, float, float]] = (),
                       must: int = 0, allowed: Allowed | None = None, scale: float = 1.0
                       ) -> list[PlacedLabel]:
    """Greedy placement of place names (cartography.MAP_STYLE["place"]): the places at
    ``points`` (pixels, most populous first) with names of ``sizes`` (width, height), each
    named at the first of the style's ``sides`` where the name is inside ``bounds`` (width,
    height), clear of the ``markers`` (x, y, radius: the project markers drawn over it), of
    ``allowed`` (the land under it), and neither it nor the place's dot touches a box
    ``taken`` (left, top, right, bottom: other labels) or a name or dot placed before it.
    A place with no free side is left out, dot and all.

    The first ``must`` places (the largest cities, named at the country's zoom) are named
    whatever sits on them: a marker or another dot on their dot does not drop them, and their
    name moves out ring after ring (the style's ``rings``) until it finds room beside the
    markers; with none, it goes beside them over a marker rather than vanish. Distances are
    the style's CSS pixels times ``scale``. The page runs the same pass with its own measured
    text (cluster_map.js, declutterPlaceLabels)."""
    look = cartography.MAP_STYLE["place"]
    radius, gap = look["dot_radius"] * scale, look["gap"] * scale
    kept: list[tuple[float, float, float, float]] = list(taken)
    marker_boxes = [(x - r, y - r, x + r, y + r) for x, y, r in markers]
    placed = []

    def free(index, box, mind_markers: bool) -> bool:
        if box[0] < 0 or box[1] < 0 or box[2] > bounds[0] or box[3] > bounds[1]:
            return False
        if any(_overlaps(box, other) for other in kept):
            return False
        if mind_markers and any(_overlaps(box, marker) for marker in marker_boxes):
            return False
        return allowed is None or allowed(index, box)

    for index, ((x, y), (width, height)) in enumerate(zip(points, sizes, strict=True)):
        dot = (x - radius, y - radius, x + radius, y + radius)
        named = index < must
        if not named and any(_overlaps(dot, other) for other in kept):
            continue
        tries = [(ring * scale, True) for ring in (look["rings"] if named else [0])]
        if named:
            tries += [(ring * scale, False) for ring in look["rings"]]
        spot = next(((left, top) for extra, mind_markers in tries for side in look["sides"]
                     for left, top in [_box(x, y, width, height, side, radius + gap + extra)]
                     if free(index, (left, top, left + width, top + height), mind_markers)),
                    None)
        if spot is None:
            continue
        left, top = spot
        kept += [dot, (left, top, left + width, top + height)]
        placed.append(PlacedLabel(index, left, top, width, height))
    return placed


def clear_spot(box: tuple[float, float, float, float],
               obstacles: Sequence[tuple[float, float, float, float]],
               bounds: tuple[float, float], step: float, reach: float,
               allowed: Callable[[tuple[float, float, float, float]], bool] | None = None
               ) -> tuple[float, float, float, float]:
    """``box`` moved as little as it takes (steps of ``step`` pixels, up to ``reach`` each
    way) to touch no ``obstacles`` (boxes: markers), stay inside ``bounds`` and be
    ``allowed``: a bureau's name beside the markers, never under them. Unmoved if nowhere is
    free."""
    width, height = box[2] - box[0], box[3] - box[1]
    count = max(1, int(reach / max(step, 1e-6)))
    offsets = sorted(((dx * step, dy * step) for dx in range(-count, count + 1)
                      for dy in range(-count, count + 1)),
                     key=lambda offset: offset[0] ** 2 + (LABEL_ASPECT * offset[1]) ** 2)
    for dx, dy in offsets:
        moved = (box[0] + dx, box[1] + dy, box[0] + dx + width, box[1] + dy + height)
        if moved[0] < 0 or moved[1] < 0 or moved[2] > bounds[0] or moved[3] > bounds[1]:
            continue
        if any(_overlaps(moved, other) for other in obstacles):
            continue
        if allowed is None or allowed(moved):
            return moved
    return box
