"""The tabs of tabbed docks show each panel's whole title.

QMainWindow draws a row of tabs under docks it has tabbed together and cuts their titles with
"…" when the row is wider than the dock ("Partic…", "Achi…"): five result panels need 463 px in
English and 336 px in Japanese, and the right dock is 310 px so the map keeps half of a
laptop's window. Here the titles stay whole and the row scrolls instead, as a browser's or an
editor's tabs do: the arrows at its end show the tabs beyond the edge, the current tab is
always scrolled into view, and the keyboard (Tab to the bar, then the arrow keys) walks every
tab. Each tab also carries its title as its tooltip.

QMainWindow makes a tab bar when docks are first tabbed together and again when the user
docks a panel onto another, so the bars are found by type and set again on every change of
the docks' places.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QToolButton

SCROLL_BUTTONS = {"ScrollLeftButton": QT_TRANSLATE_NOOP("DockTabs", "Earlier tabs"),
                  "ScrollRightButton": QT_TRANSLATE_NOOP("DockTabs", "Later tabs")}
"""QTabBar's scroll arrows (by their object names) and what a screen reader calls them."""


def keep_dock_tab_titles_whole(window: QMainWindow) -> None:
    """Set up the window's dock tab bars now and whenever a dock moves or is retitled."""
    def refit() -> None:
        # after QMainWindow relays out; the window as context: nothing runs once it is gone
        QTimer.singleShot(0, window, lambda: fit_dock_tabs(window))

    for dock in window.findChildren(QDockWidget):
        dock.dockLocationChanged.connect(refit)
        dock.topLevelChanged.connect(refit)
        dock.windowTitleChanged.connect(refit)
    window.tabifiedDockWidgetActivated.connect(refit)
    fit_dock_tabs(window)


def dock_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """The tab bars QMainWindow made for its tabbed docks (children of the window itself; a
    panel's own tab widgets are further down and not counted)."""
    return window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)


def fit_dock_tabs(window: QMainWindow) -> None:
    """Whole titles in every dock tab bar: no "…", scroll arrows where the row is wider than
    its dock; each tab's title as its tooltip."""
    for bar in dock_tab_bars(window):
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setUsesScrollButtons(True)
        bar.setExpanding(False)
        for index in range(bar.count()):  # a screen reader reads each tab by its text
            bar.setTabToolTip(index, bar.tabText(index))
        for button in bar.findChildren(QToolButton):
            if button.objectName() in SCROLL_BUTTONS:  # Qt names them in English only
                name = QCoreApplication.translate("DockTabs", SCROLL_BUTTONS[button.objectName()])
                button.setAccessibleName(name)
                button.setToolTip(name)
