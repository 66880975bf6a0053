"""The window frames what the panels describe: the whole country after any sequence of
selections, a bureau's main land, every arc drawn; tie-ups follow the selection; markers at
one seat can each be seen and clicked."""

import json
import math

import pytest
from PySide6.QtCore import Qt
from real_input import bureau_point, click, marker_point, wait_input_ready, wait_still, wheel
from webpage import open_window, page_hook, run_js, wait_drawn, wait_settled

from desktop.map.cartography import MAP_STYLE
from desktop.map.framing import bureau_frame, shown_tieups, tieup_arcs
from geodata import Filter

pytestmark = pytest.mark.webengine

HOKKAIDO_MAIN = [(141.35, 43.06), (145.6, 43.3), (141.9, 45.5)]  # Sapporo, Nemuro, Soya
OKINAWA_MAIN = [(127.68, 26.21)]  # Naha
OSAKA_SEAT = ["kansai-bio-cluster", "kansai-front-runner", "kansai-it-business",
              "kansai-environment-business"]


@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.resize(1400, 900)
    wait_settled(qtbot, window)
    return window


def _bounds(qtbot, window):
    (south, west), (north, east) = json.loads(run_js(qtbot, window,
                                                     "window.clusterMap.getBounds()"))
    return west, south, east, north


def _shows(bounds, places) -> bool:
    west, south, east, north = bounds
    return all(west <= lon <= east and south <= lat <= north for lon, lat in places)


def _assert_whole_country(qtbot, window):
    bounds = _bounds(qtbot, window)
    assert _shows(bounds, HOKKAIDO_MAIN + OKINAWA_MAIN), bounds
    assert window.state.filter.bureau_id is None


def test_whole_country_shows_hokkaido_to_okinawa_after_any_selection(qtbot, window):
    regions = window.region_list
    wait_drawn(qtbot, window, lambda: regions.select_row_for("kanto"))
    assert not _shows(_bounds(qtbot, window), HOKKAIDO_MAIN)
    wait_drawn(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_Escape))
    _assert_whole_country(qtbot, window)

    wait_drawn(qtbot, window, lambda: regions.select_row_for("okinawa"))
    wait_drawn(qtbot, window, lambda: regions.select_row_for(None))
    _assert_whole_country(qtbot, window)

    wait_drawn(qtbot, window, lambda: window.commands["clear_selection"].trigger()
               if window.state.filter.bureau_id else regions.select_row_for("hokkaido"))
    wait_drawn(qtbot, window, lambda: window.commands["clear_selection"].trigger())
    _assert_whole_country(qtbot, window)


def test_kanto_frames_its_mainland_not_ogasawara_and_a_second_click_refits(qtbot, window):
    ds = window.state.dataset
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kanto"))
    west, south, east, north = _bounds(qtbot, window)
    frame = bureau_frame(ds, "kanto")
    assert south > 30.0, "Ogasawara (27°N) does not stretch the frame"
    assert _shows((west, south, east, north), [(frame.west, frame.south),
                                               (frame.east, frame.north)])
    fill = min((east - west) / (frame.east - frame.west),
               (north - south) / (frame.north - frame.south))
    assert fill < 1.5, "the mainland fills the view in one direction at least"

    wait_input_ready(qtbot, window)
    point = bureau_point(qtbot, window, "kanto")
    wheel(qtbot, window, point, 6)  # a person looks closer, away from the frame
    qtbot.waitUntil(lambda: not _shows(_bounds(qtbot, window), [
        (frame.west, frame.south), (frame.east, frame.north)]))
    wait_still(qtbot, window)
    click(qtbot, window, bureau_point(qtbot, window, "kanto"))  # the selected one, again
    qtbot.waitUntil(lambda: _shows(_bounds(qtbot, window), [(frame.west, frame.south),
                                                             (frame.east, frame.north)]))


def test_kinki_shows_its_own_tieups_framed_and_the_status_says_how_many(qtbot, window):
    ds = window.state.dataset
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kinki"))
    wait_drawn(qtbot, window, lambda: window.commands["tieups"].setChecked(True))
    own = shown_tieups(ds, Filter(bureau_id="kinki"))
    total = len(ds.tieups)
    assert 0 < len(own) < total
    assert page_hook(qtbot, window, "visibleArcCount") == len(own)
    assert f"{len(own)} of {total} tie-ups" in window.status_label.text()
    arcs = tieup_arcs(ds, own)
    west, south, east, north = _bounds(qtbot, window)
    lats, lons = arcs[:, :, 0], arcs[:, :, 1]
    assert west <= lons.min() and lons.max() <= east, "Europe and America are inside"
    assert south <= lats.min() and lats.max() <= north
    shown = json.loads(page_hook(qtbot, window, "partnerLabels"))
    width, height = json.loads(run_js(qtbot, window, "JSON.stringify([window.innerWidth, "
                                                     "window.innerHeight])"))
    # Europe's names crowd each other at the world's zoom: some are left out, never overlap
    assert "Pittsburgh" in {label["text"] for label in shown} and len(shown) >= 5
    assert all(label["left"] >= 0 and label["right"] <= width and label["top"] >= 0
               and label["bottom"] <= height for label in shown)
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, (a, b)
    # … and none covers a project marker, as in the exports (labels.place_labels)
    visible = json.loads(page_hook(qtbot, window, "visibleProjectIds"))
    markers = json.loads(page_hook(qtbot, window, "markerPoints", visible))
    radius = MAP_STYLE["project"]["normal"]["radius"]
    for label in shown:
        for project_id, (x, y) in markers.items():
            clear = (x + radius <= label["left"] or label["right"] <= x - radius
                     or y + radius <= label["top"] or label["bottom"] <= y - radius)
            assert clear, (label, project_id, (x, y))


def test_the_projects_at_one_seat_are_each_seen_and_clicked(qtbot, window):
    _assert_whole_country(qtbot, window)
    points = json.loads(page_hook(qtbot, window, "markerPoints", OSAKA_SEAT))
    for i, a in enumerate(OSAKA_SEAT):
        for b in OSAKA_SEAT[i + 1:]:
            assert math.dist(points[a], points[b]) >= 13, (a, b, points)
    wait_input_ready(qtbot, window)
    for project_id in OSAKA_SEAT:  # a click where it is drawn, hit-tested by the marker layer
        wait_settled(qtbot, window)
        wait_still(qtbot, window)
        click(qtbot, window, marker_point(qtbot, window, project_id))
        wait_settled(qtbot, window, lambda wanted=project_id:
                     window.state.filter.project_id == wanted)
