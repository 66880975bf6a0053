"""What a screen reader says of the window: every widget reachable from the keyboard has a
name, in the window's language.

A screen reader announces a widget by its accessible name (Qt's QAccessibleInterface, which
falls back on a button's text or a line edit's label); a widget without one is read out by its
type alone ("combo box", "table"), and the official cannot tell which of five lists has focus.
"""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget
from real_input import click_row, open_window_for_input
from webpage import wait_settled

from desktop.common import i18n
from desktop.panels.items import ID_ROLE

pytestmark = pytest.mark.webengine


@pytest.fixture
def window(qtbot, tmp_path):
    yield open_window_for_input(qtbot, tmp_path)
    i18n.set_language(i18n.ENGLISH)  # the session's language, whatever the test left
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def focusable_widgets(window) -> list[QWidget]:
    """Every widget of the window that Tab can reach, whether in a dock tabbed away or not
    (a tab shown later is reached as well)."""
    return [widget for widget in window.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window) and widget.focusProxy() is None]


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"


def test_every_focusable_widget_has_an_accessible_name(window):
    widgets = focusable_widgets(window)
    assert len(widgets) >= 20, "the walk found the window's widgets"
    unnamed = [describe(widget) for widget in widgets if not spoken_name(widget)]
    assert not unnamed, f"{len(unnamed)} of {len(widgets)} unnamed: " + "; ".join(unnamed)


def test_the_names_are_in_the_language_of_the_window(qtbot, window):
    english = {describe(widget): spoken_name(widget) for widget in focusable_widgets(window)}
    window.language_actions[i18n.JAPANESE].trigger()
    qtbot.waitUntil(lambda: window.map_view.accessibleName() == "地図")
    japanese = {describe(widget): spoken_name(widget) for widget in focusable_widgets(window)}
    untranslated = [f"{widget}: {name!r}" for widget, name in japanese.items()
                    if name.isascii() and english.get(widget) == name]
    assert not untranslated, "named in English only: " + "; ".join(untranslated)


def test_the_map_says_what_is_selected_as_it_changes(qtbot, window):
    proxy = window.map_view.focusProxy()
    total = len(window.state.dataset.projects)
    assert proxy.accessibleDescription() == f"Whole country — {total} projects"
    model = window.region_list.model()
    kinki = next(model.index(row, 0) for row in range(model.rowCount())
                 if model.index(row, 0).data(ID_ROLE) == "kinki")
    click_row(qtbot, window.region_list, kinki)
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kinki")
    shown = window.state.result().projects
    assert proxy.accessibleDescription() == f"Kinki — {len(shown)} projects"
    window.language_actions[i18n.JAPANESE].trigger()
    qtbot.waitUntil(lambda: proxy.accessibleDescription() == f"近畿 — プロジェクト {len(shown)}件")


def test_every_table_and_tree_has_column_headers(window):
    views = [view for view in window.findChildren(QAbstractItemView)
             if isinstance(view, (QTableView, QTreeView))]
    assert len(views) >= 4
    headless = []
    for view in views:
        model = view.model()
        header: QHeaderView = (view.horizontalHeader() if isinstance(view, QTableView)
                               else view.header())
        for column in range(model.columnCount()):
            if not str(model.headerData(column, Qt.Orientation.Horizontal) or "").strip():
                headless.append(f"{describe(view)} column {column}")
        if header.isHidden() and model.columnCount() > 1:
            headless.append(f"{describe(view)}: header hidden")
    assert not headless, "; ".join(headless)


def test_the_chart_reads_out_its_figures(qtbot, window):
    charts = window.panels["charts"]
    window.docks["charts"].raise_()
    qtbot.waitUntil(lambda: bool(charts.chart_view.accessibleDescription()))
    chart = charts.charts[charts.picker.currentData()]
    description = charts.chart_view.accessibleDescription()
    assert description.splitlines()[0].startswith(chart.title)
    for category in chart.categories[:5]:
        assert f"{category}: " in description
