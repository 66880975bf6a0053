"""Real input for tests of the window and its map: what a person's mouse and keyboard send.

Every event goes through Qt to the widget a person touches; for the map, the web view's render
widget (``QWebEngineView.focusProxy()``), so that Chromium hit-tests it exactly as it does a
person's click: a canvas that swallows events, a control in the way or a label over a marker
shows here as it does on the screen. The page is only ever read (webpage.page_hook): where a
bureau or marker is drawn, what is selected; it is never asked to act.

Points on the map are in the page's CSS pixels, as page_hooks.js reports them; the render widget
lays the page out at the view's zoom factor, so a page point times that factor is a widget point.
"""

from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from webpage import DRAW_TIMEOUT_MS, open_window, page_hook, page_json, wait_settled

from desktop.common import i18n

LEFT = Qt.MouseButton.LeftButton
NO_BUTTONS = Qt.MouseButton.NoButton
NO_MODIFIERS = Qt.KeyboardModifier.NoModifier


def render_widget(window) -> QWidget:
    """The widget Chromium takes its input from: what a person's pointer is over."""
    widget = window.map_view.focusProxy()
    assert widget is not None, "the web view has no render widget yet (not shown?)"
    return widget


def open_window_for_input(qtbot, tmp_path, size=(1600, 1000)):
    """The window at a desktop's size (the screen issue 24 was found on), active, painted and
    settled: ready for real input."""
    window = open_window(qtbot, tmp_path)
    window.resize(*size)
    window.activateWindow()
    wait_input_ready(qtbot, window)
    wait_settled(qtbot, window)
    return window



@contextmanager
def window_speaking(qtbot, tmp_path, language: str):
    """A window ready for real input that speaks ``language`` (its ``language`` attribute
    says which); the session's English again afterwards, whatever the test left."""
    i18n.set_language(language)
    window = open_window_for_input(qtbot, tmp_path)
    window.language = language
    try:
        yield window
    finally:
        i18n.set_language(i18n.ENGLISH)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

def wait_input_ready(qtbot, window) -> None:
    """Wait until the view is shown, exposed and has painted: before that Chromium drops
    input (it has no frame to hit-test)."""
    qtbot.waitExposed(window, timeout=DRAW_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.map_view.focusProxy() is not None
                    and window.map_view.focusProxy().isVisible(), timeout=DRAW_TIMEOUT_MS)
    wait_still(qtbot, window)


def wait_still(qtbot, window) -> None:
    """Wait until the page is laid out at the view's size and its view has held still for a
    moment (a resize refits the frame a little later, later still on a busy machine): what
    is read then is where things stay."""
    factor = window.map_view.zoomFactor()

    def settled_view():
        size = window.map_view.size()
        box = page_json(qtbot, window, "mapBox")
        now = page_json(qtbot, window, "view")
        sized = (round(box["width"] * factor) == size.width()
                 and round(box["height"] * factor) == size.height())
        return now if sized and not now["moving"] else None

    def still():
        before = settled_view()
        assert before is not None
        qtbot.wait(150)
        assert settled_view() == before
    qtbot.waitUntil(still, timeout=DRAW_TIMEOUT_MS)


def widget_point(window, page_point) -> QPoint:
    factor = window.map_view.zoomFactor()
    return QPoint(round(page_point[0] * factor), round(page_point[1] * factor))


def move(qtbot, window, page_point) -> None:
    """The pointer moves to ``page_point`` (on its way: Chromium sees a move, then a hover)."""
    target = widget_point(window, page_point)
    # QTest.mouseMove reaches no web view under the offscreen platform (it only moves the
    # cursor); a move event sent to the render widget is what a real pointer's motion gives.
    # The widget is asked for each time: a new dataset's page brings a new one.
    # Leaflet's canvas looks for what is under the pointer at most every 32 ms: the last
    # move, at the target, comes well after the one before it (a pixel away)
    _send_mouse_move(render_widget(window), target + QPoint(-1, 0), NO_BUTTONS)
    qtbot.wait(50)
    _send_mouse_move(render_widget(window), target, NO_BUTTONS)
    qtbot.wait(50)


def click(qtbot, window, page_point, modifiers=NO_MODIFIERS) -> None:
    """A left click at ``page_point`` of the map: press and release at one place."""
    move(qtbot, window, page_point)
    QTest.mouseClick(render_widget(window), LEFT, modifiers, widget_point(window, page_point))


def drag(qtbot, window, start, end, steps: int = 8) -> None:
    """Press at ``start``, move in ``steps`` to ``end``, release: a person's drag."""
    widget = render_widget(window)
    first = widget_point(window, start)
    last = widget_point(window, end)
    move(qtbot, window, start)
    QTest.mousePress(widget, LEFT, NO_MODIFIERS, first)
    for step in range(1, steps + 1):
        point = first + (last - first) * step / steps
        _send_mouse_move(widget, point, LEFT)
        qtbot.wait(16)  # a frame apart, as a hand moves
    QTest.mouseRelease(widget, LEFT, NO_MODIFIERS, last)


def _send_mouse_move(widget: QWidget, point: QPoint, buttons) -> None:
    # QTest.mouseMove carries no pressed button; a drag's moves must
    from PySide6.QtGui import QMouseEvent

    local = QPointF(point)
    event = QMouseEvent(QMouseEvent.Type.MouseMove, local, QPointF(widget.mapToGlobal(point)),
                        NO_BUTTONS, buttons, NO_MODIFIERS)
    QApplication.sendEvent(widget, event)


def wheel(qtbot, window, page_point, notches: int) -> None:
    """Turn the mouse wheel ``notches`` steps at ``page_point`` (positive: away, zoom in)."""
    move(qtbot, window, page_point)
    point = QPointF(widget_point(window, page_point))
    for _ in range(abs(notches)):
        widget = render_widget(window)
        delta = 120 if notches > 0 else -120
        event = QWheelEvent(point, QPointF(widget.mapToGlobal(point.toPoint())), QPoint(),
                            QPoint(0, delta), NO_BUTTONS, NO_MODIFIERS,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
        qtbot.wait(20)


def press_key(qtbot, widget: QWidget, key, modifiers=NO_MODIFIERS) -> None:
    """A key pressed and released on ``widget``, which must have the keyboard focus, as a
    person's key goes to whatever has it (window shortcuts included); while a pop-up is
    open (the search box's list), the pop-up has the keyboard."""
    assert QApplication.focusWidget() is widget, (
        f"the key would go to {QApplication.focusWidget()!r}, not {widget!r}")
    QTest.keyClick(QApplication.activePopupWidget() or widget, key, modifiers)


def press_key_here(qtbot, key, modifiers=NO_MODIFIERS) -> None:
    """A key pressed wherever the keyboard focus is now."""
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the keyboard focus"
    press_key(qtbot, focused, key, modifiers)


def press_key_on_map(qtbot, window, key, modifiers=NO_MODIFIERS) -> None:
    """A key pressed while the map has the keyboard focus (a person clicked it first)."""
    press_key(qtbot, render_widget(window), key, modifiers)


def click_widget(qtbot, widget: QWidget, point: QPoint | None = None) -> None:
    """A left click on a Qt widget (a button, a list row), at its centre by default."""
    QTest.mouseClick(widget, LEFT, NO_MODIFIERS, point if point is not None
                     else widget.rect().center())


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Text typed into a focused widget: ASCII a key at a time, other text (kana) as an input
    method commits it, a character at a time (QTest's keys are ASCII only)."""
    assert QApplication.focusWidget() is widget
    _type(widget, text)


def _type(widget: QWidget, text: str) -> None:
    from PySide6.QtGui import QInputMethodEvent

    for character in text:
        if character.isascii():
            QTest.keyClicks(widget, character)
        else:
            event = QInputMethodEvent()
            event.setCommitString(character)
            QApplication.sendEvent(widget, event)
        QApplication.processEvents()


# ---- where to point, read from the page -------------------------------------------------
def bureau_point(qtbot, window, bureau_id: str, clearance: int = 8):
    """A point inside ``bureau_id`` as drawn now, clear of markers, arcs and names."""
    point = page_json(qtbot, window, "bureauPoint", bureau_id, clearance)
    assert point is not None, f"no open point inside {bureau_id} on screen"
    return point


def marker_point(qtbot, window, project_id: str):
    point = page_json(qtbot, window, "markerPoints", [project_id])[project_id]
    assert point is not None, f"{project_id} is not drawn"
    return point


def sea_point(qtbot, window):
    point = page_json(qtbot, window, "seaPoint")
    assert point is not None, "no open sea on screen"
    return point


def view(qtbot, window) -> dict:
    return page_json(qtbot, window, "view")


def highlighted_bureau(qtbot, window):
    return page_hook(qtbot, window, "highlightedBureau")


# ---- the window's own widgets -----------------------------------------------------------
def click_check(qtbot, view, index) -> None:
    """A click on the check box of ``index``'s row in an item view, where the style draws it."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    view.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option,
                                      view)
    QTest.mouseClick(view.viewport(), LEFT, NO_MODIFIERS, box.center())


def click_row(qtbot, view, index) -> None:
    """A click on the middle of ``index``'s row in an item view (a list, a pop-up)."""
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), LEFT, NO_MODIFIERS, view.visualRect(index).center())


def choose_in_combo(qtbot, combo, data) -> None:
    """Open a combo box with a click and click the entry holding ``data``."""
    row = combo.findData(data)
    assert row >= 0, f"{data!r} is not offered"
    QTest.mouseClick(combo, LEFT, NO_MODIFIERS, combo.rect().center())
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    # the open list ignores a release within a double-click's time of opening (a person's
    # press-drag-release); a person's second click comes later than that
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    click_row(qtbot, popup, popup.model().index(row, combo.modelColumn()))
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert combo.currentIndex() == row


def choose_menu_item(qtbot, window, *actions) -> None:
    """Click through the menu bar: the menu of ``actions[0]``, then each submenu, then the
    last action (each an action, or the text of one). A dialog the last one opens must be
    answered by what was scheduled before (answer_dialog): a modal dialog blocks here until
    it closes."""
    bar = window.menuBar()
    QTest.mouseClick(bar, LEFT, NO_MODIFIERS, bar.actionGeometry(actions[0]).center())
    menu = actions[0].menu()
    qtbot.waitUntil(menu.isVisible)
    for action in actions[1:]:
        if isinstance(action, str):  # named: a menu made as it opens has new actions
            action = next(each for each in menu.actions() if each.text() == action)
        point = menu.actionGeometry(action).center()
        if action.menu() is not None:
            QTest.mouseClick(menu, LEFT, NO_MODIFIERS, point)
            for _ in range(50):  # up to a second for the submenu to open
                if action.menu().isVisible():
                    break
                qtbot.wait(20)
            else:  # a click on the row of a submenu open already closed it
                QTest.keyClick(menu, Qt.Key.Key_Right)
            menu = action.menu()
            qtbot.waitUntil(menu.isVisible)
            qtbot.wait(50)  # placed where it shows
        else:
            QTest.mouseClick(menu, LEFT, NO_MODIFIERS, point)


def answer_dialog(kind, text: str | None = None, accept: bool = True) -> None:
    """When the next modal dialog of ``kind`` opens, type ``text`` into its line edit and
    press Enter (or Esc): what a person does with a name asked for."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, answer)
            return
        if text is not None:
            edit = dialog.findChild(QLineEdit)
            edit.selectAll()
            _type(edit, text)
        QTest.keyClick(dialog.focusWidget() or dialog,
                       Qt.Key.Key_Return if accept else Qt.Key.Key_Escape)

    QTimer.singleShot(20, answer)
