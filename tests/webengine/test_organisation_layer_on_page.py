"""Imported organisations on the window's map: a list imported with the app's importer is drawn
as its own layer, a real click on an organisation selects it (its project, and its line in the
participants panel), and View ▸ Imported organisations switches the layer off and on.

Every action is real input (real_input.py); the page is only read: where a marker is drawn,
which organisations are drawn, the tooltip's text."""

import numpy as np
import pytest
from imported_list import CITIES, imported_dataset
from PySide6.QtGui import QAction
from real_input import (
    choose_menu_item,
    click,
    move,
    open_window_for_input,
    view,
    wait_input_ready,
    wait_still,
    wheel,
)
from webpage import open_window, page_json, wait_settled

from desktop.map.layers import imported_organisations

pytestmark = pytest.mark.webengine


@pytest.fixture
def window(qtbot, tmp_path):
    """The window on a dataset holding a small imported list, ready for real input."""
    window = open_window(qtbot, tmp_path, imported_dataset(tmp_path))
    window.resize(1600, 1000)
    window.activateWindow()
    wait_input_ready(qtbot, window)
    wait_settled(qtbot, window)
    return window


def layer_action(window) -> QAction:
    return window.findChild(QAction, "organisations-layer")


def drawn_organisations(qtbot, window) -> list[str]:
    return page_json(qtbot, window, "visibleOrganisationIds")


def open_organisation(qtbot, window) -> tuple[str, list[float]]:
    """An organisation a person's click surely lands on: the one drawn farthest from every
    other marker, brought closer with the wheel (as a person does) until it lies clear."""
    for _ in range(4):
        wait_still(qtbot, window)
        participant_id, point, room = most_open_organisation(qtbot, window)
        if room > 14:
            return participant_id, point
        before = view(qtbot, window)["zoom"]
        wheel(qtbot, window, point, 2)
        qtbot.waitUntil(lambda b=before: view(qtbot, window)["zoom"] > b, timeout=5_000)
    raise AssertionError(f"no organisation lies clear of the other markers ({room:.1f} px)")


def most_open_organisation(qtbot, window) -> tuple[str, list[float], float]:
    """The organisation drawn farthest from every other marker, and how far that is."""
    ids = drawn_organisations(qtbot, window)
    points = page_json(qtbot, window, "organisationPoints", ids)
    projects = page_json(qtbot, window, "visibleProjectIds")
    project_points = [point for point in
                      page_json(qtbot, window, "markerPoints", projects).values() if point]
    best, room = None, -1.0
    for participant_id, point in points.items():
        if point is None:
            continue
        others = project_points + [other for key, other in points.items()
                                   if key != participant_id and other]
        nearest = min(np.hypot(x - point[0], y - point[1]) for x, y in others)
        if nearest > room:
            best, room = participant_id, nearest
    return best, points[best], room


def test_a_real_click_on_an_imported_organisation_selects_it(qtbot, window):
    action = layer_action(window)
    assert action.isEnabled() and action.isChecked()
    assert f"({len(CITIES)} organisations)" in action.text()
    ids = drawn_organisations(qtbot, window)
    imported = imported_organisations(window.state.dataset).set_index("participant_id")
    assert sorted(ids) == sorted(imported.index)
    participant_id, point = open_organisation(qtbot, window)
    organisation = imported.loc[participant_id]

    move(qtbot, window, point)
    qtbot.waitUntil(lambda: any(organisation["name_en"] in text for text in
                                page_json(qtbot, window, "tooltips")), timeout=5_000)
    click(qtbot, window, point)
    qtbot.waitUntil(lambda: window.state.selected_organisation == participant_id,
                    timeout=5_000)
    wait_settled(qtbot, window)
    assert window.state.filter.project_id == organisation["project_id"]
    panel = window.panels["participants"]
    assert window.docks["participants"].isVisible()

    def shown_in_panel():
        fact = panel.current_fact()
        assert fact is not None and fact.name == organisation["name_en"]
    qtbot.waitUntil(shown_in_panel, timeout=5_000)
    # the selected organisation is drawn in its selected look, on top
    assert drawn_organisations(qtbot, window)[-1] == participant_id


def test_the_view_menu_switches_the_organisation_layer_off_and_on(qtbot, window):
    action = layer_action(window)
    assert len(drawn_organisations(qtbot, window)) == len(CITIES)
    choose_menu_item(qtbot, window, window.view_menu.menuAction(), action)
    qtbot.waitUntil(lambda: not window.state.show_organisations, timeout=5_000)
    wait_settled(qtbot, window)
    assert drawn_organisations(qtbot, window) == []
    choose_menu_item(qtbot, window, window.view_menu.menuAction(), action)
    qtbot.waitUntil(lambda: window.state.show_organisations, timeout=5_000)
    wait_settled(qtbot, window)
    assert len(drawn_organisations(qtbot, window)) == len(CITIES)


def test_without_imported_organisations_the_switch_says_so_and_is_disabled(qtbot, tmp_path):
    window = open_window_for_input(qtbot, tmp_path)
    action = layer_action(window)
    assert not action.isEnabled()
    assert "none in this dataset" in action.text()
    assert drawn_organisations(qtbot, window) == []
