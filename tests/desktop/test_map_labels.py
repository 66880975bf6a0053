"""Where a bureau's name goes (map/labels.py bureau_label_point) when its markers are many:
the markers' union is made from few polygons (marker_cover), and the name goes where the
union of every marker's octagon would put it."""

import tracemalloc

import numpy as np
import pytest
import shapely

from desktop.map import labels
from geodata import load_dataset
from geodata.mainland import main_land


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _largest(ds, bureau_id):
    shape = ds.bureaus.set_index("bureau_id").geometry[bureau_id]
    return shape, max(shapely.get_parts(main_land(shape)), key=lambda part: part.area)


def _markers_on(land, count, seed, spread=None):
    """``count`` points on ``land`` (or within ``spread`` degrees of its box's centre, some
    of them off the land), drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    west, south, east, north = land.bounds
    if spread is not None:
        centre_x, centre_y = (west + east) / 2, (south + north) / 2
        west, south, east, north = (centre_x - spread, centre_y - spread,
                                    centre_x + spread, centre_y + spread)
    lons, lats = [], []
    while len(lons) < count:
        xs, ys = rng.uniform(west, east, count), rng.uniform(south, north, count)
        inside = shapely.contains_xy(land, xs, ys) if spread is None else np.ones(count, bool)
        lons += xs[inside].tolist()
        lats += ys[inside].tolist()
    return np.array(lons[:count]), np.array(lats[:count])


def _every_octagon(_land, lons, lats):
    return shapely.buffer(shapely.points(lons, lats), labels.MARKER_CLEARANCE_DEG,
                          quad_segs=labels.MARKER_QUAD_SEGS)


CASES = [("kyushu", 3, None, 0), ("kanto", 120, None, 1), ("hokkaido", 400, None, 8),
         ("hokkaido", 1_500, None, 2),
         ("shikoku", 6_000, None, 3), ("kinki", 2_000, 0.6, 4), ("tohoku", 4_000, None, 5)]


@pytest.mark.parametrize(("bureau_id", "count", "spread", "seed"), CASES)
def test_the_markers_cover_takes_the_same_land_away(ds, bureau_id, count, spread, seed):
    _shape, land = _largest(ds, bureau_id)
    lons, lats = _markers_on(land, count, seed, spread)
    every = shapely.union_all(_every_octagon(land, lons, lats))
    cover = labels.marker_cover(land, lons, lats)
    assert shapely.union_all(cover).difference(every).area < 1e-12, "grows the union"
    clear, clear_from_cover = land.difference(every), land.difference(shapely.union_all(cover))
    assert clear.symmetric_difference(clear_from_cover).area < 1e-12, bureau_id


@pytest.mark.parametrize(("bureau_id", "count", "spread", "seed"), CASES)
def test_a_bureau_name_goes_where_every_markers_octagon_would_put_it(
        ds, monkeypatch, bureau_id, count, spread, seed):
    shape, land = _largest(ds, bureau_id)
    lons, lats = _markers_on(land, count, seed, spread)
    placed = labels.bureau_label_point(shape, lons, lats)
    monkeypatch.setattr(labels, "marker_cover", _every_octagon)
    assert placed.distance(labels.bureau_label_point(shape, lons, lats)) < 1e-9


def test_dense_markers_are_covered_by_few_polygons(ds):
    """11,000 markers on a bureau (the national dataset's) are unioned from a few hundred
    polygons: the octagons of those near uncovered land and rectangles of covered cells."""
    _shape, land = _largest(ds, "kanto")
    lons, lats = _markers_on(land, 11_000, 6)
    assert len(labels.marker_cover(land, lons, lats)) < 1_000


def test_sparse_markers_are_each_their_octagon(ds):
    _shape, land = _largest(ds, "chubu")
    lons, lats = _markers_on(land, 8, 7)
    cover = labels.marker_cover(land, lons, lats)
    assert shapely.equals(shapely.union_all(cover),
                          shapely.union_all(_every_octagon(land, lons, lats)))
    assert len(labels.marker_cover(land, [170.0], [-40.0])) == 0, "far from the land"


def test_a_land_the_size_of_a_continent_is_covered_without_a_vast_grid():
    """A dataset's shapes are its own: a bureau as large as Eurasia must not make a grid of
    tens of millions of cells (hundreds of MB) to place one name."""
    land = shapely.box(-10.0, -60.0, 170.0, 75.0)
    lons, lats = np.array([20.0, 20.1, 100.0]), np.array([10.0, 10.0, 40.0])
    tracemalloc.start()
    try:
        cover = labels.marker_cover(land, lons, lats)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
    assert shapely.equals(shapely.union_all(cover),
                          shapely.union_all(_every_octagon(land, lons, lats)))


def test_each_bureau_is_given_its_own_markers_in_the_projects_order(ds):
    from desktop.map.layers import label_inputs

    inputs = label_inputs(ds)
    assert len(inputs) == len(ds.bureaus)
    for (shape, lons, lats), bureau_id, own_shape in zip(
            inputs, ds.bureaus["bureau_id"], ds.bureaus.geometry, strict=True):
        own = ds.projects[ds.projects["bureau_id"] == bureau_id].geometry
        assert shape is own_shape
        assert lons.tolist() == own.x.tolist() and lats.tolist() == own.y.tolist()
