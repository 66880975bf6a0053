"""Compare regions: two to four bureaus or projects side by side, under the same filters.

The table is ``geodata.figures.compare_bureaus`` over one query per bureau (the filter's
scope with that bureau selected), or ``compare_projects`` for projects, with the tie-ups by
country and field of each column; shown through a QStandardItemModel: one row per measure,
one column per bureau or project. Bureaus and projects are picked with check boxes (projects
from those the filter shows); the first two are checked at the start. Below the table, one
small bar chart per column on one shared value axis (``figures.comparison_charts``).
"""

from __future__ import annotations

import html

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QSize, Qt
from PySide6.QtGui import QCursor, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QWidget,
)

from desktop.common import i18n
from desktop.common.domain_text import domain_text, localized_chart
from desktop.common.text import number, tooltip
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import ResultPanel
from desktop.state import ExplorerState
from geodata.names import names_by_id

MAX_COMPARED = 4
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


BUREAUS, PROJECTS = "bureaus", "projects"
SMALL_MULTIPLE_HEIGHT, SMALL_MULTIPLE_WIDTH = 190, 150
CATEGORY_CHARS = 8  # a project's name on a small multiple's axis; whole in the tooltip
HEADER_SHARE, MIN_HEADER_WIDTH = 0.4, 90
CHECK_BOX_ROOM, CHECK_MAX_WIDTH = 36, 260  # a check box beside its name, at most this wide
OWN_WINDOW_SIZE = QSize(1000, 720)  # four columns and four small multiples side by side


def _short(label: str) -> str:
    """A category short enough for a small multiple's axis; the whole name is the bar's
    tooltip."""
    return label if len(label) <= CATEGORY_CHARS else label[:CATEGORY_CHARS - 1] + "…"


def _axis_label(label: str) -> str:
    """Category axis labels may be drawn as rich text: dataset names are escaped."""
    return html.escape(label)


def _checkable_list() -> QListWidget:
    """Check boxes in rows that wrap. The scroll bar is always there and the items all one
    size, so the rows never reflow while a person clicks (a scroll bar that came and went with
    the panel's refresh moved the boxes from one column to two under the pointer)."""
    checks = QListWidget()
    checks.setMaximumHeight(110)
    checks.setFlow(QListWidget.Flow.LeftToRight)
    checks.setWrapping(True)
    checks.setUniformItemSizes(True)
    checks.setResizeMode(QListWidget.ResizeMode.Fixed)
    checks.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    return checks


@register_panel("compare", QT_TRANSLATE_NOOP("Panels", "Compare regions"), RIGHT,
                tab_group="results", refresh_after_map=True, order=70)
class ComparePanel(ResultPanel):
    """Check up to four bureaus or projects; their figures for the current filter, side by
    side, and one small chart each on a shared axis."""

    def __init__(self, state: ExplorerState, parent=None):
        self.table = QTableView()
        super().__init__(state, self.table, parent)
        self.model = QStandardItemModel(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.mode_box = QComboBox()
        self.mode_box.addItem("", BUREAUS)
        self.mode_box.addItem("", PROJECTS)
        self.bureau_list = _checkable_list()
        self.project_list = _checkable_list()
        self.lists = QStackedWidget()
        self.lists.addWidget(self.bureau_list)
        self.lists.addWidget(self.project_list)
        self.lists.setMaximumHeight(110)
        self.window_button = QToolButton()
        self.window_button.setCheckable(True)
        self._label_window_button(False)
        self.window_button.toggled.connect(self.set_in_own_window)
        row = QHBoxLayout()
        row.addWidget(self.mode_box)
        row.addStretch(1)
        row.addWidget(self.window_button)
        self.layout().insertLayout(0, row)
        # The check list under the switch, the dock's whole width: beside it, it had a
        # hundred pixels of a 320-pixel dock.
        self.layout().insertWidget(1, self.lists)
        self.multiples = QWidget()
        self.multiples_row = QGridLayout(self.multiples)
        self.multiples_row.setContentsMargins(0, 0, 0, 0)
        self.multiples_scroll = QScrollArea()
        self.multiples_scroll.setWidgetResizable(True)
        self.multiples_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.multiples_scroll.setWidget(self.multiples)
        self.multiples_scroll.setMinimumHeight(SMALL_MULTIPLE_HEIGHT + 12)  # one row whole
        self.layout().insertWidget(self.layout().indexOf(self.detail), self.multiples_scroll)
        # The measures' names in the rows' header take at most this share of the table: the
        # numbers keep their room (the header had all of it and the numbers showed "…").
        self.table.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.chart_views: list[QChartView] = []
        self.drawn_values: list[dict[str, float]] = []
        self.bureau_list.itemChanged.connect(self._on_checked)
        self.project_list.itemChanged.connect(self._on_checked)
        self.mode_box.currentIndexChanged.connect(self._on_mode_changed)
        self._filling = False
        self._listed_projects: tuple[str, ...] | None = None
        self.retranslate()
        if state.dataset is not None:  # made after the dataset arrived
            self.forget_dataset()
            self.invalidate()

    # --- room -----------------------------------------------------------------------------
    def _dock(self) -> QDockWidget | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QDockWidget):
            widget = widget.parentWidget()
        return widget

    def set_in_own_window(self, own: bool) -> None:
        """Float the panel's dock as a window of comfortable size over the main window (four
        columns and their small multiples do not fit a side dock), or dock it back. The dock
        keeps Qt's own floating behaviour: the user can move, resize and re-dock it."""
        dock = self._dock()
        if dock is None:
            return
        if dock.isFloating() != own:
            dock.setFloating(own)
        if own:
            main = dock.parentWidget()
            size = OWN_WINDOW_SIZE.boundedTo(main.size()) if main is not None \
                else OWN_WINDOW_SIZE
            dock.resize(size)
            if main is not None:
                dock.move(main.geometry().center() - dock.rect().center())
            dock.show()
            dock.raise_()
        self._on_dock_floated(own)

    def showEvent(self, event) -> None:
        """Follow the dock when the user floats or docks it by its title bar."""
        super().showEvent(event)
        dock = self._dock()
        if dock is not None and not getattr(self, "_following_dock", False):
            self._following_dock = True
            dock.topLevelChanged.connect(self._on_dock_floated)
            self._on_dock_floated(dock.isFloating())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for checks in (self.bureau_list, self.project_list):
            checks.doItemsLayout()  # laid out for the new width now, not at the next click
        self._fit_table_header()
        self._place_multiples()

    def _fit_table_header(self) -> None:
        self.table.verticalHeader().setMaximumWidth(
            max(MIN_HEADER_WIDTH, int(self.table.width() * HEADER_SHARE)))

    def _place_multiples(self) -> None:
        """As many small multiples side by side as the width gives each its room."""
        per_row = max(1, self.multiples_scroll.viewport().width() // SMALL_MULTIPLE_WIDTH)
        placed = [(self.multiples_row.getItemPosition(self.multiples_row.indexOf(view)), view)
                  for view in self.chart_views]
        if all(position[:2] == divmod(place, per_row)
               for place, (position, _view) in enumerate(placed)):
            return
        for view in self.chart_views:
            self.multiples_row.removeWidget(view)
        for place, view in enumerate(self.chart_views):
            self.multiples_row.addWidget(view, *divmod(place, per_row))

    def _on_dock_floated(self, floating: bool) -> None:
        self.window_button.blockSignals(True)
        self.window_button.setChecked(floating)
        self.window_button.blockSignals(False)
        self._label_window_button(floating)

    def _label_window_button(self, floating: bool) -> None:
        self.window_button.setText(self.tr("Dock in the window") if floating
                                   else self.tr("Open in a window"))
        self.window_button.setToolTip(self.tr(
            "Give the comparison a window of its own, with room for four columns and their "
            "charts; uncheck to dock it again"))

    def retranslate(self) -> None:
        self.mode_box.setItemText(self.mode_box.findData(BUREAUS), self.tr("Bureaus"))
        self.mode_box.setItemText(self.mode_box.findData(PROJECTS), self.tr("Projects"))
        self.mode_box.setAccessibleName(self.tr("Compare"))
        self.bureau_list.setAccessibleName(self.tr("Bureaus to compare"))
        self.project_list.setAccessibleName(self.tr("Projects to compare"))
        self.multiples_scroll.setAccessibleName(self.tr("Charts of the comparison"))
        self._label_window_button(self.window_button.isChecked())
        super().retranslate()

    # --- what is compared ---------------------------------------------------------------------
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        """Compare bureaus or projects: what choosing in the switch does."""
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))

    def _on_mode_changed(self) -> None:
        self.lists.setCurrentWidget(self._checks())
        self.refresh()

    def _checks(self) -> QListWidget:
        return self.project_list if self.mode() == PROJECTS else self.bureau_list

    def forget_dataset(self) -> None:
        self._listed_projects = None
        names = names_by_id(self.state.dataset.bureaus, "bureau_id", i18n.current_language())
        self._fill(self.bureau_list, names.items(), set())

    def _fill(self, checks: QListWidget, ids_and_names, checked: set[str]) -> None:
        """List ``ids_and_names`` as check boxes: ``checked`` ticked, else the first two."""
        self._filling = True
        checks.clear()
        ids_and_names = list(ids_and_names)
        # every box as wide as the longest name (a uniform size taken from one item cut
        # 北海道 to "…"), so the rows never reflow while a person clicks
        metrics = checks.fontMetrics()
        widest = max((metrics.horizontalAdvance(str(name)) for _id, name in ids_and_names),
                     default=0)
        size = QSize(min(CHECK_MAX_WIDTH, widest + CHECK_BOX_ROOM), metrics.height() + 6)
        for position, (item_id, name) in enumerate(ids_and_names):
            item = QListWidgetItem(str(name))
            item.setSizeHint(size)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = item_id in checked if checked else position < 2
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            checks.addItem(item)
        self._filling = False

    def _list_visible_projects(self) -> None:
        """The project check boxes follow the filter: only the projects it shows."""
        from geodata import visible_project_ids

        ds = self.state.dataset
        visible = tuple(visible_project_ids(ds, self.state.filter.scope))
        if visible == self._listed_projects:
            return
        kept = set(self._compared_in(self.project_list)) & set(visible)
        names = names_by_id(ds.projects, "project_id", i18n.current_language())
        self._fill(self.project_list, ((pid, names.get(pid, pid)) for pid in visible), kept)
        self._listed_projects = visible

    @staticmethod
    def _compared_in(checks: QListWidget) -> list[str]:
        return [checks.item(row).data(Qt.ItemDataRole.UserRole) for row in range(checks.count())
                if checks.item(row).checkState() == Qt.CheckState.Checked]

    def compared(self) -> list[str]:
        """The ids of the checked bureaus or projects (whichever the switch compares)."""
        return self._compared_in(self._checks())

    def set_compared(self, item_ids) -> None:
        """Check exactly ``item_ids`` (at most four) in the current mode: what clicks do."""
        self.ensure_fresh()
        checks = self._checks()
        self._filling = True
        for row in range(checks.count()):
            item = checks.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in item_ids else Qt.CheckState.Unchecked)
        self._filling = False
        self.refresh()

    def _on_checked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        if len(self.compared()) > MAX_COMPARED and item.checkState() == Qt.CheckState.Checked:
            self._filling = True
            item.setCheckState(Qt.CheckState.Unchecked)
            self._filling = False
            self.detail.setText(self.tr("At most {count} side by side.").format(
                count=MAX_COMPARED))
            return
        self.refresh()

    # --- the table and the small multiples --------------------------------------------------
    def _comparison(self):
        from geodata import figures, run_query

        ds = self.state.dataset
        scope = self.state.filter.scope
        language = i18n.current_language()
        if self.mode() == PROJECTS:
            self._list_visible_projects()
            return figures.compare_projects(ds, {
                project_id: run_query(ds, scope.evolve(project_id=project_id))
                for project_id in self.compared()}, language)
        results = {bureau_id: run_query(ds, scope.evolve(bureau_id=bureau_id))
                   for bureau_id in self.compared()}
        return figures.with_tieup_breakdown(ds, figures.compare_bureaus(ds, results, language),
                                            results, language)

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        from geodata import figures  # here: the window is built before pandas loads

        if self.bureau_list.count() == 0:
            self.forget_dataset()
        table = self._comparison()
        self._show_table(table)
        language, style = i18n.current_language(), i18n.current_year_style()
        self._show_small_multiples([localized_chart(chart, self.state.dataset, language, style)
                                    for chart in figures.measure_charts(table)])
        compared = len(table.columns)
        self.heading.setText(
            self.tr("%n project(s) side by side — the filter's projects; companies and "
                    "universities as reported", "", compared) if self.mode() == PROJECTS
            else self.tr("%n region(s) side by side — the filter's projects; companies and "
                         "universities as reported", "", compared))
        self.detail.setText("")

    def _show_table(self, table) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([str(column) for column in table.columns])
        measures = [domain_text(str(measure), i18n.current_language()) for measure in table.index]
        for row, measure in enumerate(measures):
            header = QStandardItem(measure)
            header.setToolTip(tooltip(measure))  # whole, where the header elides it
            self.model.setVerticalHeaderItem(row, header)
        self._fit_table_header()
        for row, measure in enumerate(measures):
            for column_number, column in enumerate(table.columns):
                value = table.iloc[row, column_number]
                shown = str(value) if isinstance(value, str) else number(value)
                cell = QStandardItem(shown)
                cell.setToolTip(tooltip(f"{column} — {measure}", shown))
                if not isinstance(value, str):
                    cell.setTextAlignment(ALIGN_RIGHT)
                self.model.setItem(row, column_number, cell)
        # The compared columns share the width the panel has (a docked panel is narrow):
        # a long tie-up list is elided in its cell and shown whole in the cell's tooltip.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    def _show_small_multiples(self, charts) -> None:
        """One bar chart per measure, a bar per compared bureau or project, each on its own
        value axis (one scale per measure). A figure the sources do not give gets no bar
        (the title says so), never a 0."""
        for view in self.chart_views:
            self.multiples_row.removeWidget(view)
            view.deleteLater()
        self.chart_views, self.drawn_values = [], []
        for chart in charts:
            values = next(iter(chart.series.values()), ())
            given = {category: value for category, value
                     in zip(chart.categories, values, strict=True) if value is not None}
            missing = [category for category, value
                       in zip(chart.categories, values, strict=True) if value is None]
            view = QChartView(self._small_chart(chart.title, given, missing))
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(SMALL_MULTIPLE_WIDTH - 8, SMALL_MULTIPLE_HEIGHT)
            self.chart_views.append(view)
            self.drawn_values.append(given)
        for place, view in enumerate(self.chart_views):
            self.multiples_row.addWidget(view, 0, place)
        self._place_multiples()

    @staticmethod
    def _small_chart(title: str, given: dict[str, float], missing: list[str]) -> QChart:
        qchart = QChart()
        qchart.setTitle(html.escape(title) + ("<br>" + html.escape(QCoreApplication.translate(
            "ComparePanel", "not given: {names}").format(names=", ".join(missing)))
            if missing else ""))
        qchart.legend().hide()
        qchart.setMargins(QMargins(2, 2, 2, 2))
        bar_set = QBarSet(html.escape(title))
        bar_set.append(list(given.values()))
        lines = [f"{name}: {number(value)}" for name, value in given.items()]

        def show_bar(shown: bool, index: int) -> None:
            """The whole name of a bar's bureau or project, with its figure."""
            if shown and 0 <= index < len(lines):
                QToolTip.showText(QCursor.pos(), tooltip(lines[index]))
            else:
                QToolTip.hideText()

        bar_set.hovered.connect(show_bar)
        bars = QBarSeries()
        bars.append(bar_set)
        qchart.addSeries(bars)
        category_axis = QBarCategoryAxis()
        category_axis.append([_axis_label(_short(category)) for category in given])
        category_axis.setTruncateLabels(False)  # 北海道, not "北…": the names are short
        qchart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        value_axis = QValueAxis()
        value_axis.setLabelFormat("%d")
        value_axis.setRange(0, max([1.0, *given.values()]))
        value_axis.applyNiceNumbers()
        value_axis.setMin(0)
        qchart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(category_axis)
        bars.attachAxis(value_axis)
        return qchart

    def value_axis_maxima(self) -> list[float]:
        """Each small multiple's value-axis maximum: one per measure."""
        return [view.chart().axes(Qt.Orientation.Vertical)[0].max()
                for view in self.chart_views]

    def cell(self, measure: str, column_name: str) -> str:
        """The shown text of one cell (tests read the table through this)."""
        self.ensure_fresh()
        columns = [self.model.horizontalHeaderItem(col).text()
                   for col in range(self.model.columnCount())]
        rows = [self.model.verticalHeaderItem(row).text() for row in range(self.model.rowCount())]
        return self.model.item(rows.index(measure), columns.index(column_name)).text()
