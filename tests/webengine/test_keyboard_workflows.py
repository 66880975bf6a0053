"""Every workflow of the mission from the keyboard alone, in Japanese and in English.

No mouse at all: Tab and Shift+Tab go from control to control, arrow keys, Space and Enter act,
Ctrl+F, Ctrl+T and Ctrl+E are the window's shortcuts, Alt and a menu's underlined letter open
the menus. Every key is a real key event sent where the keyboard focus is
(real_input.press_key_here), so a control that keeps the keyboard to itself, a shortcut it
swallows or a Tab order that skips it shows here as it does to a person.

After every step the focus must be visible: on a widget that is shown, enabled and not hidden
behind another (a dock's tab in the back, a folded panel), in the window or in the dialog in
front; after a dialog closes it is back where it was. The operating system's Save dialog is
the one thing stood in for (it is not Qt's to drive), as in the other scenario tests.
"""

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QWidget
from real_input import open_window_for_input, press_key_here, type_text, window_speaking
from webpage import wait_settled

from desktop.common import i18n

pytestmark = pytest.mark.webengine

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MOST_TABS = 60  # more than the window has controls: a Tab order that never arrives fails


@pytest.fixture(params=[i18n.ENGLISH, i18n.JAPANESE])
def window(request, qtbot, tmp_path):
    with window_speaking(qtbot, tmp_path, request.param) as window:
        yield window


def window_manager_activates(qtbot, window) -> None:
    """The window active again once a dialog or a menu has closed, as a window manager makes
    it (the offscreen platform has none: the closed one stays the active window)."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def on_screen(widget: QWidget) -> bool:
    """Whether some of ``widget`` lies inside each of its parents up to its window (a dock
    tabbed away is kept shown by Qt, moved off the window)."""
    rect = widget.rect()
    while not widget.isWindow():
        rect = rect.translated(widget.pos()).intersected(widget.parentWidget().rect())
        widget = widget.parentWidget()
    return not rect.isEmpty()


def focus_shown(top: QWidget) -> QWidget:
    """The widget with the keyboard focus, checked to be one a person sees: in ``top`` (the
    window, or the dialog in front of it), shown, enabled and not covered entirely."""
    focused = QApplication.focusWidget()
    assert focused is not None, "the keyboard focus is lost"
    assert focused.window() is top, f"the focus is in {focused.window()!r}, not in {top!r}"
    assert focused.isVisible() and focused.isEnabled(), f"{focused!r} is hidden or disabled"
    assert on_screen(focused), f"{focused!r} is off the screen"
    if isinstance(focused, QAbstractItemView):  # the focus is drawn on the current row
        assert focused.currentIndex().isValid(), f"{focused!r} has no current row to outline"
    return focused


def press(qtbot, top: QWidget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """A key pressed where the focus is; the focus is shown afterwards."""
    press_key_here(qtbot, key, modifiers)
    qtbot.wait(20)  # what the key caused is painted
    return focus_shown(top)


def tab_to(qtbot, top: QWidget, arrived, backwards: bool = False) -> QWidget:
    """Tab (or Shift+Tab) until the focused widget is ``arrived`` (a widget or a test of
    one), with the focus shown at every stop on the way."""
    wanted = arrived if callable(arrived) else (lambda widget: widget is arrived)
    for _ in range(MOST_TABS):
        focused = focus_shown(top)
        if wanted(focused):
            return focused
        if backwards:
            press(qtbot, top, Qt.Key.Key_Backtab, SHIFT)
        else:
            press(qtbot, top, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; the focus is on {QApplication.focusWidget()!r}")


def arrow_to(qtbot, top: QWidget, reached, key=Qt.Key.Key_Down, most: int = 30) -> None:
    """Press ``key`` (an arrow) until ``reached()`` holds."""
    for _ in range(most):
        if reached():
            return
        press(qtbot, top, key)
    assert reached(), f"{most} presses of {key!r} did not get there"


def test_every_workflow_from_the_keyboard_alone(qtbot, window, tmp_path, monkeypatch):
    state = window.state
    focus_shown(window)

    # a bureau: Tab to the region list, arrow down to Kinki (the row is the selection)
    regions = tab_to(qtbot, window, window.region_list)
    arrow_to(qtbot, window, lambda: state.filter.bureau_id == "kinki")
    wait_settled(qtbot, window, lambda: state.filter.bureau_id == "kinki")
    assert focus_shown(window) is regions

    # a project: Ctrl+F, type its name, arrow down to the hit, Enter
    search = press(qtbot, window, Qt.Key.Key_F, CTRL)
    assert search is window.search_box
    type_text(qtbot, search, "bio-cluster project")
    popup = search.completer().popup()

    def project_row():  # a person waits for the names to be indexed and the hits to show
        rows = [popup.model().index(row, 0) for row in range(popup.model().rowCount())]
        return next((index.row() for index in rows
                     if "KANSAI Bio-Cluster" in index.data() or "関西" in index.data()), None)

    qtbot.waitUntil(lambda: popup.isVisible() and project_row() is not None, timeout=30_000)
    # the hits may be listed again while the arrows move (the full index arriving): the row
    # wanted is looked for at each press, as a person's eyes follow the list
    arrow_to(qtbot, window, lambda: project_row() is not None
             and popup.currentIndex().row() == project_row())
    press_key_here(qtbot, Qt.Key.Key_Return)
    wait_settled(qtbot, window, lambda: state.filter.project_id == "kansai-bio-cluster")
    qtbot.waitUntil(lambda: not popup.isVisible())
    focus_shown(window)

    # back to the region: Esc goes to the whole country, then the list picks Kinki again
    press(qtbot, window, Qt.Key.Key_Escape)
    wait_settled(qtbot, window, lambda: state.filter.bureau_id is None)
    tab_to(qtbot, window, regions)
    arrow_to(qtbot, window, lambda: state.filter.bureau_id == "kinki")
    wait_settled(qtbot, window, lambda: state.filter.bureau_id == "kinki")

    # a field: Tab to the filters, down to Biotechnology, Space ticks it
    filters = window.filter_panel
    tab_to(qtbot, window, filters.view)
    biotechnology = filters.item_for("fields", "biotechnology").index()
    arrow_to(qtbot, window, lambda: filters.view.currentIndex() == biotechnology)
    press(qtbot, window, Qt.Key.Key_Space)
    wait_settled(qtbot, window, lambda: state.filter.fields == {"biotechnology"})
    assert focus_shown(window) is filters.view

    # tie-ups: Ctrl+T shows them on the map; the dock's tab bar brings their table to the front
    press(qtbot, window, Qt.Key.Key_T, CTRL)
    wait_settled(qtbot, window, lambda: state.show_tieups)
    tieups_dock = window.docks["tieups"]
    tab_bar = tab_to(qtbot, window, lambda widget: widget.inherits("QTabBar") and any(
        widget.tabText(index) == tieups_dock.windowTitle() for index in range(widget.count())))
    arrow_to(qtbot, window, lambda: tab_bar.tabText(tab_bar.currentIndex())
             == tieups_dock.windowTitle(), key=Qt.Key.Key_Right)
    qtbot.waitUntil(window.tieups_panel.isVisible)
    tieups_table = tab_to(qtbot, window, window.tieups_panel.view, backwards=True)
    qtbot.waitUntil(lambda: window.tieups_panel.row_count() > 0)
    press(qtbot, window, Qt.Key.Key_Down)
    assert tieups_table.currentIndex().isValid()

    # Export… (Ctrl+E in English; in Japanese from the menu: Alt+F, E): a PNG at 1024 × 768
    # chosen with the arrow keys, Enter writes it
    before_export = focus_shown(window)
    if window.language == i18n.ENGLISH:
        press_key_here(qtbot, Qt.Key.Key_E, CTRL)
    else:
        press_key_here(qtbot, Qt.Key.Key_F, ALT)
        qtbot.waitUntil(window.file_menu.isVisible)
        press_key_here(qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    dialog = window.exporter.export_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog)
    tab_to(qtbot, dialog, dialog.format_box)
    arrow_to(qtbot, dialog, lambda: dialog.format_box.currentData() == ".png")
    arrow_to(qtbot, dialog, lambda: dialog.format_box.currentData() == ".png", Qt.Key.Key_Up)
    tab_to(qtbot, dialog, dialog.preset_box)
    arrow_to(qtbot, dialog, lambda: dialog.preset_box.currentData() == "4:3-small")
    picture = tmp_path / "kinki.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(picture), "PNG (*.png)"))
    with qtbot.waitSignal(window.exporter.sig_exported, timeout=60_000):
        press_key_here(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with Image.open(picture) as image:
        image.verify()
    with Image.open(picture) as image:
        assert (image.format, image.size) == ("PNG", (1024, 768))
    window_manager_activates(qtbot, window)
    assert QApplication.focusWidget() is before_export, "the focus is back where it was"
    focus_shown(window)

    # the timeline: Tab to the year slider, arrow keys step the years, Space plays and pauses
    timeline = window.panels["timeline"]
    tab_to(qtbot, window, timeline.slider)
    first, _last = timeline.slider.minimum(), timeline.slider.maximum()
    press(qtbot, window, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: state.filter.fiscal_year == first)
    press(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: state.filter.fiscal_year == first + 1)
    press(qtbot, window, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: state.filter.fiscal_year == first)
    press(qtbot, window, Qt.Key.Key_Space)
    assert timeline.play_timer.isActive(), "Space on the slider plays"
    qtbot.waitUntil(lambda: state.filter.fiscal_year == first + 1, timeout=5_000)
    press(qtbot, window, Qt.Key.Key_Space)
    assert not timeline.play_timer.isActive(), "Space again pauses"
    # … and the Play button is in the Tab order: Space on it plays, Space again pauses
    tab_to(qtbot, window, timeline.play_button, backwards=True)
    press(qtbot, window, Qt.Key.Key_Space)
    assert timeline.play_timer.isActive()
    press(qtbot, window, Qt.Key.Key_Space)
    assert not timeline.play_timer.isActive()
    wait_settled(qtbot, window)

    # the language: Alt+V opens View, L its Language menu, the arrow keys and Enter choose
    before_menu = focus_shown(window)
    other = i18n.JAPANESE if window.language == i18n.ENGLISH else i18n.ENGLISH
    press_key_here(qtbot, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(window.view_menu.isVisible)
    press_key_here(qtbot, Qt.Key.Key_L)
    qtbot.waitUntil(window.language_menu.isVisible)
    wanted = window.language_actions[other]
    for _ in range(len(window.language_actions)):  # the open menu shows the row it is on
        if window.language_menu.activeAction() is wanted:
            break
        press_key_here(qtbot, Qt.Key.Key_Down)
        assert window.language_menu.activeAction() is not None
    assert window.language_menu.activeAction() is wanted
    press_key_here(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: i18n.current_language() == other)
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text()
                    == ("ファイル(&F)" if other == i18n.JAPANESE else "&File"))
    qtbot.waitUntil(lambda: not window.view_menu.isVisible())
    window_manager_activates(qtbot, window)
    assert QApplication.focusWidget() is before_menu, "the focus is back where it was"
    focus_shown(window)


@pytest.fixture
def english_window(qtbot, tmp_path):
    return open_window_for_input(qtbot, tmp_path)


RESULT_TABS = ("participants", "tieups", "achievements", "charts", "compare")


def test_tab_goes_round_the_window_through_the_panel_in_front_of_each_tab(qtbot,
                                                                         english_window):
    """With each result panel brought to the front from the dock's tab bar, Tab goes once
    round the window and back to the tab bar: through that panel, never into a panel behind
    its tab (Qt keeps those shown, off the screen) and never caught in a table."""
    window = english_window
    titles = {window.docks[name].windowTitle(): name for name in RESULT_TABS}
    tab_bar = tab_to(qtbot, window, lambda widget: widget.inherits("QTabBar") and {
        widget.tabText(index) for index in range(widget.count())} == set(titles))
    for name in RESULT_TABS:
        arrow_to(qtbot, window, lambda name=name: titles[tab_bar.tabText(
            tab_bar.currentIndex())] == name, key=Qt.Key.Key_Right, most=len(RESULT_TABS))
        panel = window.panels[name]
        qtbot.waitUntil(panel.isVisible)
        stops = []
        for _ in range(MOST_TABS):
            stops.append(press(qtbot, window, Qt.Key.Key_Tab))
            if stops[-1] is tab_bar:
                break
        assert stops[-1] is tab_bar, f"{name}: Tab did not come round in {MOST_TABS} stops"
        assert any(panel.isAncestorOf(stop) for stop in stops), f"Tab passed over {name}"
        others = [window.panels[other] for other in RESULT_TABS if other != name]
        assert not [stop for stop in stops if any(other.isAncestorOf(stop) for other in others)]
