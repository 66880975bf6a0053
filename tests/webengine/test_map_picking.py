"""The map answers a real mouse: each click, hover, drag and wheel reaches what is under it.

Every action is real input delivered to the web view's render widget (real_input.py), so
Chromium hit-tests it as it does a person's: a canvas above the bureaus that swallowed every
click (issue 24) fails here. The page is only read: where a bureau or marker is drawn.
"""

import pytest
from PySide6.QtCore import Qt
from real_input import (
    bureau_point,
    click,
    drag,
    highlighted_bureau,
    marker_point,
    move,
    open_window_for_input,
    press_key,
    sea_point,
    view,
    wait_still,
    wheel,
)
from webpage import page_hook, page_json, wait_settled

pytestmark = pytest.mark.webengine

BUREAUS = ("hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu",
           "okinawa")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window_for_input(qtbot, tmp_path)


def open_point(qtbot, window, bureau_id):
    """A point inside the bureau clear of everything else; where it is too small for one at
    this zoom (Okinawa's islands at the whole country), the wheel brings it closer first."""
    for _ in range(5):
        wait_still(qtbot, window)
        point = page_json(qtbot, window, "bureauPoint", bureau_id, 4)
        if point is not None:
            return point
        before = view(qtbot, window)["zoom"]
        wheel(qtbot, window, page_json(qtbot, window, "bureauCentre", bureau_id), 2)
        qtbot.waitUntil(lambda b=before: view(qtbot, window)["zoom"] > b, timeout=5_000)
    wait_still(qtbot, window)
    return bureau_point(qtbot, window, bureau_id, 4)


def select_by_click(qtbot, window, bureau_id):
    point = open_point(qtbot, window, bureau_id)
    click(qtbot, window, point)
    qtbot.waitUntil(lambda: window.state.filter.bureau_id == bureau_id, timeout=5_000)
    wait_settled(qtbot, window)


def test_a_click_inside_each_of_the_nine_bureaus_selects_it(qtbot, window):
    """With the prefecture lines on (their canvas took every click meant for the bureaus) and
    off, with the tie-ups on (their canvas too) and off."""
    map_widget = window.map_view.focusProxy()
    for tieups, prefectures in ((False, True), (True, False)):
        window.commands["tieups"].setChecked(tieups)
        window.commands["prefectures"].setChecked(prefectures)
        wait_settled(qtbot, window)
        for bureau in BUREAUS:
            select_by_click(qtbot, window, bureau)
            assert highlighted_bureau(qtbot, window) == bureau
            map_widget.setFocus()
            press_key(qtbot, map_widget, Qt.Key.Key_Escape)  # back to the whole country
            qtbot.waitUntil(lambda: window.state.filter.bureau_id is None, timeout=5_000)
            wait_settled(qtbot, window)


def test_hovering_a_bureau_highlights_it_and_shows_its_tooltip(qtbot, window):
    point = open_point(qtbot, window, "tohoku")
    move(qtbot, window, point)
    qtbot.waitUntil(lambda: page_hook(qtbot, window, "litBureau") == "tohoku", timeout=5_000)
    qtbot.waitUntil(lambda: any("Tohoku" in text for text in
                                page_json(qtbot, window, "tooltips")), timeout=5_000)
    sea = sea_point(qtbot, window)
    move(qtbot, window, sea)
    qtbot.waitUntil(lambda: not page_hook(qtbot, window, "litBureau"), timeout=5_000)


def test_a_click_on_a_marker_selects_its_project(qtbot, window):
    # the last drawn marker is on top of any it overlaps
    topmost = page_json(qtbot, window, "visibleProjectIds")[-1]
    point = marker_point(qtbot, window, topmost)
    click(qtbot, window, point)
    qtbot.waitUntil(lambda: window.state.filter.project_id == topmost, timeout=5_000)
    wait_settled(qtbot, window)
    assert window.state.result().project_ids == [topmost]
    project = window.state.dataset.projects.set_index("project_id").loc[topmost]
    assert highlighted_bureau(qtbot, window) == project["bureau_id"]


def names_over_markers(qtbot, window):
    """(bureau id, a marker's point inside its name's box) for each bureau name drawn over a
    marker now."""
    wait_still(qtbot, window)
    ids = {row.name_en: row.bureau_id for row in window.state.dataset.bureaus.itertuples()}
    markers = page_json(qtbot, window, "markerPoints",
                        page_json(qtbot, window, "visibleProjectIds")).values()
    return [(next(b for name, b in ids.items() if label["text"].startswith(name)), point)
            for label in page_json(qtbot, window, "bureauLabels") for point in markers
            if point and label["left"] + 2 < point[0] < label["right"] - 2
            and label["top"] + 2 < point[1] < label["bottom"] - 2]


def test_bureau_names_keep_clear_of_the_markers_at_every_zoom(qtbot, window):
    """At the whole country, markers sat on the 近畿 name and a click there opened a project:
    the names now move clear of the markers, or, where no place is free, are drawn over them
    and take their clicks for the bureau."""
    stacking = page_json(qtbot, window, "stacking")
    assert stacking["labels"] > stacking["markers"]
    box = page_json(qtbot, window, "mapBox")
    middle = [box["width"] / 2, box["height"] / 2]
    for notches in (0, 1, 2, 2):  # the whole country (names show from 4.5), then closer
        if notches:
            before = view(qtbot, window)["zoom"]
            wheel(qtbot, window, middle, notches)
            qtbot.waitUntil(lambda b=before: view(qtbot, window)["zoom"] != b, timeout=5_000)
        assert page_json(qtbot, window, "bureauLabels")
        for bureau, point in names_over_markers(qtbot, window):
            click(qtbot, window, point)
            qtbot.waitUntil(lambda b=bureau: window.state.filter.bureau_id == b, timeout=5_000)
            assert window.state.filter.project_id is None


def test_a_click_on_the_sea_keeps_the_selection(qtbot, window):
    select_by_click(qtbot, window, "kyushu")
    seq = window.map_controller.seq
    click(qtbot, window, sea_point(qtbot, window))
    qtbot.wait(300)  # nothing to wait for: a click on the sea asks nothing of the window
    assert window.state.filter.bureau_id == "kyushu"
    assert window.map_controller.seq == seq
    assert window.map_view.js_errors == []


def test_a_click_on_a_partner_point_selects_its_tie_up(qtbot, window):
    window.commands["tieups"].setChecked(True)
    wait_settled(qtbot, window)
    points = page_json(qtbot, window, "partnerPoints")
    assert points, "no partner point on screen"
    click(qtbot, window, next(iter(points.values())))
    qtbot.waitUntil(lambda: window.state.selected_tieup is not None, timeout=5_000)


def test_a_drag_pans_the_map_and_selects_nothing(qtbot, window):
    start = open_point(qtbot, window, "chubu")
    before = view(qtbot, window)
    drag(qtbot, window, start, [start[0] - 150, start[1] + 60])
    qtbot.waitUntil(lambda: view(qtbot, window)["lon"] > before["lon"] + 0.5, timeout=5_000)
    after = view(qtbot, window)
    assert after["lat"] > before["lat"] and after["zoom"] == before["zoom"]
    qtbot.wait(300)
    assert window.state.filter.bureau_id is None


def test_the_wheel_zooms_about_the_pointer(qtbot, window):
    kanto = open_point(qtbot, window, "kanto")
    before = view(qtbot, window)
    wheel(qtbot, window, kanto, 3)
    # Leaflet sums the notches that arrive within its debounce and drops a zoom asked for
    # while one is animating, so on a busy machine three quick notches may count as one:
    # the map must move by at least one zoom step (0.25), not by a set amount.
    qtbot.waitUntil(lambda: view(qtbot, window)["zoom"] > before["zoom"], timeout=5_000)
    wait_still(qtbot, window)
    # about the pointer: the place under it stays under it
    move(qtbot, window, kanto)
    qtbot.waitUntil(lambda: page_hook(qtbot, window, "litBureau") == "kanto", timeout=5_000)
    zoomed = view(qtbot, window)["zoom"]
    wheel(qtbot, window, kanto, -3)
    qtbot.waitUntil(lambda: view(qtbot, window)["zoom"] < zoomed, timeout=5_000)


def test_the_legend_folds_and_opens_under_a_click(qtbot, window):
    legend = page_json(qtbot, window, "legend")
    window.state.set_field("biotechnology", True)
    wait_settled(qtbot, window)
    legend = page_json(qtbot, window, "legend")
    assert not legend["collapsed"] and legend["rows"] == 1
    click(qtbot, window, legend["foldButtonAt"])
    qtbot.waitUntil(lambda: page_json(qtbot, window, "legend")["collapsed"], timeout=5_000)
    click(qtbot, window, page_json(qtbot, window, "legend")["foldButtonAt"])
    qtbot.waitUntil(lambda: not page_json(qtbot, window, "legend")["collapsed"], timeout=5_000)
    assert window.state.filter.bureau_id is None  # the click stayed in the legend


def test_ctrl_keys_work_with_the_focus_on_the_map(qtbot, window):
    map_widget = window.map_view.focusProxy()
    click(qtbot, window, sea_point(qtbot, window))
    map_widget.setFocus()
    press_key(qtbot, map_widget, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: window.state.show_tieups, timeout=5_000)
    press_key(qtbot, map_widget, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(lambda: window.search_box.hasFocus(), timeout=5_000)
