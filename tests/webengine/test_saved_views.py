"""Saved views in the real window: a view is saved from the page's own extent, survives a
restart through the settings and a colleague through a shared file, and restores filters,
selection, tie-ups and the map's extent; a bad shared file is refused with a clear message."""

import json

import pytest
from webpage import DRAW_TIMEOUT_MS, open_window, wait_settled

from desktop.common.view_file import SavedView, view_document
from desktop.map import js_api

pytestmark = pytest.mark.webengine

CENTER = {"lat": 34.75, "lon": 135.45, "zoom": 9}


def page_view(qtbot, window) -> dict:
    with qtbot.waitCallback(timeout=DRAW_TIMEOUT_MS) as callback:
        js_api.get_view(window.map_view, callback)
    return callback.args[0]


def set_page_view(qtbot, window, center: dict) -> None:
    with qtbot.waitSignal(window.map_view.bridge.sig_view_changed, timeout=DRAW_TIMEOUT_MS):
        js_api.set_view(window.map_view, center)


def save_view(qtbot, window, name: str) -> SavedView:
    with qtbot.waitCallback(timeout=DRAW_TIMEOUT_MS) as callback:
        window.saved_views.capture(name, callback)
    view = callback.args[0]
    window.saved_views.store(view)
    return view


def assert_restored(window, view_center) -> None:
    state = window.state
    assert state.filter.fields == {"biotechnology"}
    assert state.filter.project_id == "kansai-bio-cluster" and state.filter.bureau_id == "kinki"
    assert state.selected_tieup == "kansai-bio-berlin"
    assert state.show_tieups and window.commands["tieups"].isChecked()
    assert view_center["zoom"] == CENTER["zoom"]
    assert abs(view_center["lat"] - CENTER["lat"]) < 0.01
    assert abs(view_center["lon"] - CENTER["lon"]) < 0.01


def test_a_saved_view_survives_a_restart_and_restores_the_window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    state = window.state
    state.set_field("biotechnology", True)
    state.select_project("kansai-bio-cluster")
    state.select_tieup("kansai-bio-berlin")  # turns the tie-ups on
    wait_settled(qtbot, window, lambda: state.show_tieups)
    set_page_view(qtbot, window, CENTER)
    view = save_view(qtbot, window, "Kansai bio")
    assert view.bounds is not None and view.bounds[0][0] < CENTER["lat"] < view.bounds[1][0]
    menu_texts = [action.text() for action in window.saved_views.menu.actions()]
    assert "Kansai bio" in menu_texts and "&Save current view…" in menu_texts
    state.clear_filters()
    state.clear_selection()
    window.commands["tieups"].setChecked(False)
    window.close()

    again = open_window(qtbot, tmp_path)  # the same settings file
    assert [each.name for each in again.saved_views.views()] == ["Kansai bio"]
    assert again.state.filter.project_id is None and not again.state.filter.fields
    assert not again.state.show_tieups
    recall = next(action for action in again.saved_views.menu.actions()
                  if action.text() == "Kansai bio")
    with qtbot.waitSignal(again.map_view.bridge.sig_view_changed, timeout=DRAW_TIMEOUT_MS):
        recall.trigger()
    wait_settled(qtbot, again, lambda: again.state.filter.project_id is not None)
    assert_restored(again, page_view(qtbot, again))
    assert again.map_view.js_errors == []


def test_a_shared_view_opens_in_another_window_and_unknown_ids_are_reported(qtbot, tmp_path):
    sharing = tmp_path / "sharing"
    sharing.mkdir()
    window = open_window(qtbot, sharing)
    view = SavedView("Berlin", fields=("biotechnology",), project_id="kansai-bio-cluster",
                     bureau_id="kinki", tieup_id="kansai-bio-berlin", show_tieups=True,
                     center=CENTER, bounds=[[34.0, 134.0], [35.5, 137.0]])
    shared = tmp_path / "berlin.cevview"
    assert window.saved_views.share_to(view, shared)
    assert json.loads(shared.read_text(encoding="utf-8"))["view"]["name"] == "Berlin"
    window.saved_views.store(view)

    with qtbot.waitSignal(window.saved_views.sig_opened) as opened, \
            qtbot.waitSignal(window.map_view.bridge.sig_view_changed, timeout=DRAW_TIMEOUT_MS):
        window.saved_views.open_shared(shared)
    assert opened.args == ["Berlin (2)", []]  # a name already taken gets a number
    wait_settled(qtbot, window, lambda: window.state.filter.project_id is not None)
    assert_restored(window, page_view(qtbot, window))

    foreign = tmp_path / "foreign.cevview"
    foreign.write_bytes(view_document(SavedView(
        "Foreign", fields=("biotechnology", "warp-drives"), project_id="atlantis")))
    with qtbot.waitSignal(window.saved_views.sig_opened) as opened:
        window.saved_views.open_shared(foreign)
    assert opened.args == ["Foreign", ['field "warp-drives"', 'project "atlantis"']]
    assert "warp-drives" in window.saved_views.dialog.text()
    assert window.state.filter.fields == {"biotechnology"}


@pytest.mark.parametrize("content, reason", [
    (b"{broken", "not valid JSON"),
    (b"{" + b" " * 100_000 + b"}", "a shared view is at most"),
    (json.dumps({"format": "cluster-explorer-view", "version": 1,
                 "view": {"name": "x", "fields": 3}}).encode(), "'fields' must be a list"),
])
def test_a_bad_shared_file_is_refused_with_a_clear_message(qtbot, tmp_path, content, reason):
    window = open_window(qtbot, tmp_path)
    bad = tmp_path / "bad.cevview"
    bad.write_bytes(content)
    with qtbot.waitSignal(window.saved_views.sig_failed) as failed:
        assert window.saved_views.open_shared(bad) is None
    assert reason in failed.args[0] and str(bad) in failed.args[0]
    assert window.saved_views.dialog.isVisible()
    assert window.saved_views.views() == []


def test_all_saved_views_export_as_one_deck(qtbot, tmp_path):
    from pptx import Presentation

    window = open_window(qtbot, tmp_path)
    window.saved_views.store(SavedView("Whole country"))
    window.saved_views.store(SavedView("Kinki", bureau_id="kinki",
                                       bounds=[[33.4, 134.3], [35.8, 136.4]]))
    deck = tmp_path / "views.pptx"
    with qtbot.waitSignal(window.saved_views.sig_deck_written):
        assert window.saved_views.export_deck(deck)
    slides = Presentation(str(deck)).slides
    titles = [slide.shapes[0].text_frame.text for slide in slides]
    assert titles == ["Whole country", "Kinki"]
