"""Place names on the map (GeoNames' populated places): the most populous at the country's
zoom, more close up, never on top of each other, text only, credited, switched off and on
with View ▸ Place names and remembered; and the legend folds away."""

import json

import pytest
from real_input import click, wait_input_ready
from webpage import open_window, page_hook, run_js, wait_drawn, wait_settled

from desktop.map.cartography import MAP_STYLE

pytestmark = pytest.mark.webengine

KANTO_CLOSE = {"lat": 35.7, "lon": 139.6, "zoom": 8}


@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.resize(1600, 1000)
    wait_settled(qtbot, window)
    return window


def _labels(qtbot, window) -> list[dict]:
    return json.loads(page_hook(qtbot, window, "placeLabels"))


def _show(qtbot, window, view: dict) -> list[dict]:
    run_js(qtbot, window, f"window.clusterMap.setView({json.dumps(json.dumps(view))}); 0")
    return _labels(qtbot, window)


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def test_more_places_are_named_close_up_none_overlap_and_all_are_text(qtbot, window):
    country = _labels(qtbot, window)
    ds = window.state.dataset
    millions = set(ds.places.loc[ds.places["population"] >= MAP_STYLE["place"]["from_zoom"][0][1],
                                 "name_en"])
    assert {label["text"] for label in country} <= millions  # those clear of the markers
    assert "GeoNames" in page_hook(qtbot, window, "attribution")

    close = _show(qtbot, window, KANTO_CLOSE)
    assert len(close) > max(10, 3 * len(country))
    assert {"Tokyo", "Yokohama", "Chiba"} & {label["text"] for label in close}
    assert not _overlapping(close)
    assert all(label["plain"] for label in close + country)


def test_view_place_names_hides_them_and_is_remembered(qtbot, window, tmp_path):
    assert window.commands["places"].isChecked()  # on at a first start
    _show(qtbot, window, KANTO_CLOSE)
    wait_drawn(qtbot, window, lambda: window.commands["places"].setChecked(False))
    assert _labels(qtbot, window) == []
    assert "GeoNames" not in page_hook(qtbot, window, "attribution")
    window.close()

    again = open_window(qtbot, tmp_path)
    wait_settled(qtbot, again)
    assert not again.commands["places"].isChecked() and not again.state.show_places
    assert _show(qtbot, again, KANTO_CLOSE) == []
    wait_drawn(qtbot, again, lambda: again.commands["places"].setChecked(True))
    assert _labels(qtbot, again)


def test_the_legend_folds_away_and_back(qtbot, window):
    wait_input_ready(qtbot, window)
    opened = json.loads(page_hook(qtbot, window, "legend"))
    assert not opened["collapsed"] and opened["rows"] > 0
    click(qtbot, window, opened["foldButtonAt"])
    qtbot.waitUntil(lambda: json.loads(page_hook(qtbot, window, "legend"))["collapsed"])
    folded = json.loads(page_hook(qtbot, window, "legend"))
    assert folded["collapsed"] and folded["rows"] == 0
    assert folded["height"] < opened["height"] / 2
    wait_drawn(qtbot, window, lambda: window.state.set_field("biotechnology", True))
    assert json.loads(page_hook(qtbot, window, "legend"))["collapsed"]  # kept while in use
    click(qtbot, window, json.loads(page_hook(qtbot, window, "legend"))["foldButtonAt"])
    qtbot.waitUntil(lambda: json.loads(page_hook(qtbot, window, "legend"))["rows"] == 1)
