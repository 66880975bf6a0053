"""What an export leaves out or keeps for the next one draws the same picture: an inset's
hidden markers are not drawn, and the bureaus' label points are kept on disk by what they
depend on."""

import dataclasses

import numpy as np
import pytest
import shapely

from desktop.export import kept_label_points, map_painter
from desktop.export.raster import render_image
from desktop.export.spec import ExportSpec
from desktop.map import layers
from geodata import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_an_inset_draws_the_markers_its_clip_shows_and_the_same_pixels(qapp, ds, monkeypatch):
    spec = ExportSpec("m.png", size=(960, 540))  # the national map: Okinawa in an inset
    render_image(ds, spec)  # a process's first picture differs a little in its text
    drawn = []
    circle = map_painter.MapPainter._circle

    def counted(painter, x, y, radius, fill, pen):
        drawn.append((x, y))
        circle(painter, x, y, radius, fill, pen)

    monkeypatch.setattr(map_painter.MapPainter, "_circle", staticmethod(counted))
    culled = render_image(ds, spec)
    culled_count = len(drawn)
    monkeypatch.setattr(map_painter, "_within",
                        lambda _clip, xs, _ys, _reach: np.ones(len(xs), dtype=bool))
    drawn.clear()
    whole = render_image(ds, spec)
    assert culled_count < len(drawn), "the inset skips the markers its clip hides"
    assert culled == whole, "and no pixel changes"


def test_label_points_are_kept_on_disk_and_placed_again_when_a_marker_moves(ds, tmp_path,
                                                                            monkeypatch):
    monkeypatch.setattr(kept_label_points, "cache_dir", lambda: tmp_path)
    placed = layers.bureau_label_points(ds)
    assert kept_label_points.bureau_label_points(ds) == placed
    assert len(list(tmp_path.glob("label-points-*.json"))) == 1

    def refused(*_args):
        raise AssertionError("placed again")

    monkeypatch.setattr(layers, "bureau_label_points", refused)
    kept = kept_label_points.bureau_label_points(dataclasses.replace(ds))
    assert kept == placed, "a new process reads them back, exactly"

    projects = ds.projects.copy()
    projects.geometry = shapely.transform(projects.geometry.array, lambda xy: xy + 0.5)
    with pytest.raises(AssertionError, match="placed again"):
        kept_label_points.bureau_label_points(dataclasses.replace(ds, projects=projects))
