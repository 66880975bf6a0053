"""Compare regions: two to four bureaus side by side, under the same filters.

The table is ``geodata.figures.compare_bureaus`` over one query per bureau (the filter's
scope with that bureau selected), shown through a QStandardItemModel: one row per measure,
one column per bureau. Bureaus are picked with check boxes; the first two are checked at
the start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTableView,
)

from desktop.common.text import number, tooltip
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import ResultPanel
from desktop.state import ExplorerState

MAX_COMPARED = 4
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@register_panel("compare", "Compare regions", RIGHT, tab_group="results",
                refresh_after_map=True)
class ComparePanel(ResultPanel):
    """Check up to four bureaus; their figures for the current filter, side by side."""

    def __init__(self, state: ExplorerState, parent=None):
        self.table = QTableView()
        super().__init__(state, self.table, parent)
        self.model = QStandardItemModel(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.bureau_list = QListWidget()
        self.bureau_list.setMaximumHeight(110)
        self.bureau_list.setFlow(QListWidget.Flow.LeftToRight)
        self.bureau_list.setWrapping(True)
        row = QHBoxLayout()
        row.addWidget(self.bureau_list)
        self.layout().insertLayout(0, row)
        self.bureau_list.itemChanged.connect(self._on_checked)
        self._filling = False
        if state.dataset is not None:  # made after the dataset arrived
            self.forget_dataset()
            self.invalidate()

    def forget_dataset(self) -> None:
        self._filling = True
        self.bureau_list.clear()
        for position, bureau in enumerate(self.state.dataset.bureaus.itertuples(index=False)):
            item = QListWidgetItem(str(bureau.name_en))
            item.setData(Qt.ItemDataRole.UserRole, bureau.bureau_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if position < 2 else
                               Qt.CheckState.Unchecked)
            self.bureau_list.addItem(item)
        self._filling = False

    def compared(self) -> list[str]:
        return [self.bureau_list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.bureau_list.count())
                if self.bureau_list.item(row).checkState() == Qt.CheckState.Checked]

    def set_compared(self, bureau_ids) -> None:
        """Check exactly ``bureau_ids`` (at most four): what a user's clicks do."""
        self.ensure_fresh()
        self._filling = True
        for row in range(self.bureau_list.count()):
            item = self.bureau_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in bureau_ids else Qt.CheckState.Unchecked)
        self._filling = False
        self.refresh()

    def _on_checked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        if len(self.compared()) > MAX_COMPARED and item.checkState() == Qt.CheckState.Checked:
            self._filling = True
            item.setCheckState(Qt.CheckState.Unchecked)
            self._filling = False
            self.detail.setText(f"At most {MAX_COMPARED} regions side by side.")
            return
        self.refresh()

    def refresh(self) -> None:
        from geodata import figures, run_query

        ds = self.state.dataset
        if ds is None:
            return
        if self.bureau_list.count() == 0:
            self.forget_dataset()
        scope = self.state.filter.scope
        results = {bureau_id: run_query(ds, scope.evolve(bureau_id=bureau_id))
                   for bureau_id in self.compared()}
        table = figures.compare_bureaus(ds, results)
        self.model.clear()
        self.model.setHorizontalHeaderLabels([str(column) for column in table.columns])
        self.model.setVerticalHeaderLabels([str(measure) for measure in table.index])
        for row, measure in enumerate(table.index):
            for column_number, column in enumerate(table.columns):
                value = table.loc[measure, column]
                shown = str(value) if isinstance(value, str) else number(value)
                cell = QStandardItem(shown)
                cell.setToolTip(tooltip(f"{column} — {measure}", shown))
                if not isinstance(value, str):
                    cell.setTextAlignment(ALIGN_RIGHT)
                self.model.setItem(row, column_number, cell)
        self.table.resizeColumnsToContents()
        self.heading.setText(f"{len(results)} regions side by side — "
                             f"the filter's projects; companies and universities as reported")
        self.detail.setText("")

    def cell(self, measure: str, bureau_name: str) -> str:
        """The shown text of one cell (tests read the table through this)."""
        self.ensure_fresh()
        columns = [self.model.horizontalHeaderItem(col).text()
                   for col in range(self.model.columnCount())]
        rows = [self.model.verticalHeaderItem(row).text() for row in range(self.model.rowCount())]
        return self.model.item(rows.index(measure), columns.index(bureau_name)).text()
