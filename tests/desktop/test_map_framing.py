"""The framing, fan-out and label rules the window and the exports share (map/framing.py,
map/fanout.py, map/labels.py), and the exports that follow them."""

import itertools
import math
import re

import numpy as np
import pytest

from desktop.export.map_frame import fitted_frame
from desktop.export.map_painter import MapPainter, pixel_font
from desktop.export.spec import ExportSpec
from desktop.export.vector import write_vector
from desktop.map import fanout
from desktop.map.cartography import MAP_STYLE
from desktop.map.framing import bureau_frame, japan_frame, shown_tieups, tieup_arcs
from desktop.map.labels import place_labels
from desktop.map.layers import bureau_label_points
from geodata import Filter, load_dataset
from geodata.mainland import main_land

HOKKAIDO_TO_OKINAWA = [(141.35, 43.06), (145.6, 43.3), (141.9, 45.5), (127.68, 26.21)]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _inside(frame, lons, lats, margin=0.0):
    xs, ys = frame.to_pixels(lons, lats)
    return bool(np.all((xs >= -margin) & (xs <= frame.width + margin)
                       & (ys >= -margin) & (ys <= frame.height + margin)))


def test_the_whole_country_export_shows_hokkaido_to_okinawa(qapp, ds):
    """Hokkaido to Kyushu in the main frame, Okinawa in its inset (issue 26)."""
    for size in ((1920, 1080), (800, 800), (600, 1000)):
        painter = MapPainter(ds, ExportSpec("japan.png", size=size))
        lons, lats = zip(*HOKKAIDO_TO_OKINAWA[:-1], strict=True)
        assert _inside(painter.frame, lons, lats), size
        (_box, inset), = painter.insets
        assert _inside(inset, [HOKKAIDO_TO_OKINAWA[-1][0]], [HOKKAIDO_TO_OKINAWA[-1][1]]), size


def test_kanto_frames_its_mainland_and_projects_not_ogasawara(ds):
    kanto = ds.bureaus.set_index("bureau_id").geometry["kanto"]
    assert kanto.bounds[1] < 27.5, "the boundary reaches Ogasawara"
    frame = bureau_frame(ds, "kanto")
    assert 32.0 < frame.south < 33.2, "the Izu islands (八丈島, 青ヶ島) in, Ogasawara out"
    land = main_land(kanto)
    assert land.area > 0.9 * kanto.area
    projects = ds.projects[ds.projects["bureau_id"] == "kanto"].geometry
    picture = fitted_frame(ds, ExportSpec("kanto.png", Filter(bureau_id="kanto")))
    assert _inside(picture, projects.x, projects.y)


def test_okinawa_keeps_its_islands(ds):
    frame = bureau_frame(ds, "okinawa")
    assert frame.west < 124.5 and frame.east > 127.9  # Iriomote to Okinawa Island


def test_the_whole_country_frames_every_bureau(ds):
    japan = japan_frame(ds)
    for bureau_id in ds.bureaus["bureau_id"]:
        frame = bureau_frame(ds, bureau_id)
        assert (japan.west <= frame.west and frame.east <= japan.east
                and japan.south <= frame.south and frame.north <= japan.north), bureau_id


def test_the_tieup_frame_holds_every_arc_drawn(ds):
    for flt in (Filter(), Filter(bureau_id="kinki"),
                Filter(bureau_id="kinki", fields=frozenset({"biotechnology"}))):
        frame = fitted_frame(ds, ExportSpec("t.png", flt, show_tieups=True))
        arcs = tieup_arcs(ds, shown_tieups(ds, flt))
        assert len(arcs)
        assert _inside(frame, arcs[:, :, 1].ravel(), arcs[:, :, 0].ravel(), margin=0.5), flt


def _svg_arc_count(tmp_path, ds, spec) -> int:
    write_vector(ds, spec, spec.out)
    svg = spec.out.read_text(encoding="utf-8")
    return len(re.findall(r"<polyline", svg)) - 1  # the scale bar is one polyline too


def test_a_bureau_export_draws_only_its_own_tieups(qapp, ds, tmp_path):
    kinki = Filter(bureau_id="kinki", fields=frozenset({"biotechnology"}))
    painter = MapPainter(ds, ExportSpec(tmp_path / "k.svg", kinki, show_tieups=True))
    drawn = painter.drawn_tieups()
    assert set(drawn["bureau_id"]) == {"kinki"}
    everything = shown_tieups(ds, Filter(fields=kinki.fields))
    assert 0 < len(drawn) < len(everything)
    # each arc is drawn on the world map and again in the inset of the bureau or Japan
    assert _svg_arc_count(tmp_path, ds, ExportSpec(tmp_path / "k.svg", kinki,
                                                    show_tieups=True)) == 2 * len(drawn)
    assert _svg_arc_count(tmp_path, ds, ExportSpec(tmp_path / "all.svg", Filter(),
                                                    show_tieups=True)) == 2 * len(ds.tieups)


def test_partner_places_are_named_in_the_export_without_overlap(qapp, ds, tmp_path):
    spec = ExportSpec(tmp_path / "k.png", Filter(bureau_id="kinki"), show_tieups=True)
    painter = MapPainter(ds, spec)
    tieups = painter.drawn_tieups()
    arcs = tieup_arcs(ds, tieups)
    xs, ys = painter.frame.to_pixels(arcs[:, -1, 1], arcs[:, -1, 0])
    labels = painter.partner_labels(tieups["partner"].tolist(), xs, ys, pixel_font(12))
    names = {text for text, _box in labels}
    assert {"Food Valley", "Pittsburgh"} <= names
    for (_a, one), (_b, other) in itertools.combinations(labels, 2):
        assert not one.intersects(other)


def test_greedy_labels_skip_what_has_no_room():
    placed = place_labels([(50, 50), (50, 50), (50, 50)], [(40, 10)] * 3,
                          obstacles=[(50, 50, 4)], gap=6, bounds=(100, 100))
    assert len(placed) == 3, "three free sides around one point"
    boxes = [(p.left, p.top, p.left + p.width, p.top + p.height) for p in placed]
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert all(box[0] >= 0 and box[2] <= 100 for box in boxes)
    none = place_labels([(5, 5)], [(400, 10)], bounds=(100, 100))
    assert none == []


def test_projects_at_one_seat_are_separate_markers_in_the_export(qapp, ds):
    separation = fanout.separation_px()
    for spec in (ExportSpec("j.png"), ExportSpec("k.png", Filter(bureau_id="kinki"))):
        painter = MapPainter(ds, spec)
        xs, ys = painter.marker_pixels()
        points = list(zip(xs, ys, strict=True))
        closest = min(math.dist(a, b) for a, b in itertools.combinations(points, 2))
        assert closest >= separation - 0.5, spec


def test_fans_open_once_the_true_places_are_apart(ds):
    lons, lats = ds.projects.geometry.x, ds.projects.geometry.y
    groups = fanout.fans(lons, lats)
    osaka = [i for i, pid in enumerate(ds.projects["project_id"])
             if pid in {"kansai-front-runner", "kansai-it-business"}]
    assert all(i in groups for i in osaka)
    until = groups[osaka[0]].until_zoom
    below = fanout.fanned(lons, lats, until - 0.5)
    above = fanout.fanned(lons, lats, until + 0.01)
    assert np.any(below[2][osaka] != 0) and np.all(above[2][osaka] == 0)
    opened = fanout.fanned(lons, lats, max(fan.until_zoom for fan in groups.values()) + 0.01)
    assert np.array_equal(opened[0], np.asarray(lons)) and not opened[2].any()


def test_bureau_names_sit_clear_of_the_markers(ds):
    clearance = 0.2
    for bureau_id, point in zip(ds.bureaus["bureau_id"], bureau_label_points(ds), strict=True):
        own = ds.projects[ds.projects["bureau_id"] == bureau_id].geometry
        shape = ds.bureaus.set_index("bureau_id").geometry[bureau_id]
        assert shape.contains(point), bureau_id
        if bureau_id in {"kanto", "kinki", "chugoku"}:
            assert min(point.distance(project) for project in own) > clearance, bureau_id
    assert MAP_STYLE["partner_label"]["gap"] > MAP_STYLE["partner"]["radius"]
