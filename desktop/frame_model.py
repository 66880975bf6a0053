"""A read-only Qt table model over a pandas frame, column by column as the caller specifies.

Panels describe *what* to show (a header, a function for the cell, one for the tooltip) and
this model adapts it to Qt's item-view machinery; sorting goes through a proxy model.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a panel's table."""

    header: str
    text: Callable[[object], str]
    sort_key: Callable[[object], object] | None = None
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class FrameTableModel(QAbstractTableModel):
    """Rows of a frame; ``tooltip(row)`` gives every cell of a row its hover text (the source)."""

    def __init__(self, columns: list[ColumnSpec], id_column: str,
                 tooltip: Callable[[object], str], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._id_column = id_column
        self._tooltip = tooltip
        self._rows: list = []

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._rows = list(frame.itertuples(index=False))
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == ROW_ID_ROLE:
            return getattr(row, self._id_column)
        if role == SORT_ROLE:
            key = column.sort_key(row) if column.sort_key else column.text(row)
            return key
        return None
