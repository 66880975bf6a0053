"""The window's keys, pressed where a person's focus is: the search box, a panel, the map.

Keys are real key events sent to the focused widget (real_input.press_key): a shortcut that a
focused widget claims for itself (Ctrl+E in a line edit, Esc in the web view) shows here.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from real_input import (
    click,
    click_widget,
    open_window_for_input,
    press_key,
    press_key_here,
    sea_point,
    type_text,
)
from webpage import wait_settled

pytestmark = pytest.mark.webengine

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window_for_input(qtbot, tmp_path)


def focus_search(qtbot, window):
    """Ctrl+F, as a person goes to the search box."""
    start = QApplication.focusWidget() or window
    press_key(qtbot, start, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search_box.hasFocus)
    return window.search_box


def test_ctrl_e_opens_export_with_the_focus_in_the_search_box(qtbot, window):
    search = focus_search(qtbot, window)
    type_text(qtbot, search, "kyoto")
    press_key_here(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    window.exporter.export_dialog.reject()


def test_ctrl_e_opens_export_with_the_focus_on_the_map(qtbot, window):
    click(qtbot, window, sea_point(qtbot, window))
    window.map_view.focusProxy().setFocus()
    press_key(qtbot, window.map_view.focusProxy(), Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    window.exporter.export_dialog.reject()


def test_esc_closes_the_search_pop_up_first_then_goes_back_to_the_whole_country(qtbot, window):
    window.region_list.select_row_for("kinki")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kinki")
    search = focus_search(qtbot, window)
    type_text(qtbot, search, "kyoto")
    popup = search.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    # whether the names are still being indexed or the hits are shown, Esc closes the list,
    # and hits that arrive after it do not open it again
    press_key_here(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    qtbot.wait(200)
    assert window.state.filter.bureau_id == "kinki", "Esc closed the pop-up and nothing else"
    press_key_here(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.state.filter.bureau_id is None)


def test_esc_in_a_panel_goes_back_to_the_whole_country(qtbot, window):
    window.region_list.select_row_for("tohoku")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "tohoku")
    table = window.participants_panel.findChild(QAbstractItemView)
    click_widget(qtbot, table.viewport())  # a person clicks into the panel's list
    qtbot.waitUntil(table.hasFocus)
    press_key_here(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.state.filter.bureau_id is None)


def test_esc_on_the_map_goes_back_to_the_whole_country(qtbot, window):
    window.region_list.select_row_for("kyushu")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kyushu")
    click(qtbot, window, sea_point(qtbot, window))
    map_widget = window.map_view.focusProxy()
    qtbot.waitUntil(map_widget.hasFocus)
    press_key(qtbot, map_widget, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.state.filter.bureau_id is None)
