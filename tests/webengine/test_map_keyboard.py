"""The map from the keyboard: arrow keys move a focus ring between the bureaus, Enter picks.

Keys are real key events sent to the web view's render widget (real_input.press_key_on_map),
where a person's keys go once they clicked the map; Chromium delivers them to the page. The
page is only read (page_hooks.js): which bureau the ring outlines, what is selected.
"""

import pytest
from PySide6.QtCore import Qt
from real_input import (
    click,
    click_widget,
    highlighted_bureau,
    open_window_for_input,
    press_key_on_map,
    render_widget,
    sea_point,
    view,
)
from webpage import page_hook, page_json, wait_settled

pytestmark = pytest.mark.webengine

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window_for_input(qtbot, tmp_path)


def bureau_order(window) -> list[str]:
    return list(window.state.dataset.bureaus["bureau_id"])


def focus_map(qtbot, window) -> None:
    """A click on the open sea, as a person gives the map the keyboard."""
    click(qtbot, window, sea_point(qtbot, window))
    qtbot.waitUntil(lambda: page_json(qtbot, window, "mapFocus")["focused"])
    qtbot.waitUntil(lambda: render_widget(window).hasFocus())


def ring(qtbot, window) -> str | None:
    """The bureau the focus ring outlines (the page's null comes back as "")."""
    return page_hook(qtbot, window, "focusRingBureau") or None


def test_arrow_keys_move_the_focus_ring_between_bureaus_and_enter_selects(qtbot, window):
    order = bureau_order(window)
    focus_map(qtbot, window)
    assert ring(qtbot, window) is None
    press_key_on_map(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: ring(qtbot, window) == order[0])
    press_key_on_map(qtbot, window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: ring(qtbot, window) == order[1])
    press_key_on_map(qtbot, window, Qt.Key.Key_Right)
    press_key_on_map(qtbot, window, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: ring(qtbot, window) == order[1])
    assert window.state.filter.bureau_id is None, "moving the ring selects nothing"
    press_key_on_map(qtbot, window, Qt.Key.Key_Return)
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == order[1])
    qtbot.waitUntil(lambda: highlighted_bureau(qtbot, window) == order[1])
    assert render_widget(window).hasFocus(), "the map keeps the keyboard after picking"


def test_the_ring_starts_at_the_selected_bureau_and_wraps_around(qtbot, window):
    order = bureau_order(window)
    window.region_list.select_row_for("kinki")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kinki")
    focus_map(qtbot, window)
    press_key_on_map(qtbot, window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: ring(qtbot, window) == order[order.index("kinki") - 1])
    for _ in range(order.index("kinki")):
        press_key_on_map(qtbot, window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: ring(qtbot, window) == order[-1])


def test_the_focus_shows_while_the_keys_move_the_ring_and_leaves_with_the_focus(qtbot, window):
    focus_map(qtbot, window)
    press_key_on_map(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: ring(qtbot, window) is not None)
    shown = page_json(qtbot, window, "mapFocus")
    assert shown["focused"] and shown["outline"] != "none" and shown["outlineWidth"] != "0px"
    click_widget(qtbot, window.region_list.viewport())  # the focus goes to the region list
    qtbot.waitUntil(lambda: ring(qtbot, window) is None)


def test_shift_arrows_still_pan_the_map(qtbot, window):
    focus_map(qtbot, window)
    before = view(qtbot, window)
    press_key_on_map(qtbot, window, Qt.Key.Key_Right, SHIFT)
    qtbot.waitUntil(lambda: view(qtbot, window)["lon"] != before["lon"])
    assert ring(qtbot, window) is None
