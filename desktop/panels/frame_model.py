"""A read-only Qt table model over a pandas frame, column by column as the caller specifies.

Panels describe *what* to show (a header, a function for the cell, one for the tooltip) and
this model adapts it to Qt's item-view machinery. The model sorts itself (``sort`` is what a
QTableView calls when a header is clicked): a QSortFilterProxyModel compares rows by calling
``data()`` twice per comparison, which from Python cost ~190 ms per click over 2,000 rows;
here each row's key is computed once per dataset and the sort runs in C.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from desktop.common.text import tooltip

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NO_PARENT = QModelIndex()
SHOWN_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.TextAlignmentRole, ROW_ID_ROLE, SORT_ROLE})


ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a panel's table.

    ``header`` is the English source text, marked ``QT_TRANSLATE_NOOP("<PanelClass>", ...)``;
    the model shows it (and a saved file names it) translated in that context.
    ``stretch``: the column takes the dock's spare width and wraps its text (one per table);
    the others are sized to their contents once, at most ``max_width`` pixels (their text is
    then elided, the whole of it in the tooltip). ``value`` is what a saved file holds (a
    number where there is one); by default the shown text.
    """

    header: str
    text: Callable[[object], str]
    sort_key: Callable[[object], object] | None = None
    alignment: Qt.AlignmentFlag = ALIGN_LEFT
    stretch: bool = False
    max_width: int | None = None
    value: Callable[[object], object] | None = None

    def file_value(self, row) -> object:
        return self.value(row) if self.value is not None else self.text(row)


class FrameTableModel(QAbstractTableModel):
    """Rows of a frame; ``tooltip_lines(row)`` gives every cell of a row its hover lines (the
    source last), after the cell's own whole text where the view may have cut it.

    Rows are identified by ``id_column``; sort keys are cached by that id until
    ``forget_dataset`` (a new dataset may reuse ids for other rows).
    """

    def __init__(self, columns: list[ColumnSpec], id_column: str,
                 tooltip_lines: Callable[[object], list[str]], parent=None, context: str = ""):
        super().__init__(parent)
        self._context = context
        self._columns = columns
        self._id_column = id_column
        self._tooltip_lines = tooltip_lines
        self._rows: list = []
        self._position_of: dict = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._keys: dict[int, dict] = {}

    def retranslate(self) -> None:
        """The headers in the current language (the panel calls this on a LanguageChange)."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    # --- filling and sorting -----------------------------------------------------------------
    def forget_dataset(self) -> None:
        self._keys.clear()

    def set_rows(self, rows: list) -> None:
        """Show these named tuples, in the current sort order."""
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self._index_positions()
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: A003
        """Qt's entry point for a header click: reorder rows, keeping the current row."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.row_id(index.row()) for index in persistent]
        self._rows = self._sorted(self._rows)
        self._index_positions()
        moved = [self.index(self._position_of[row_id], index.column())
                 for row_id, index in zip(ids, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sorted(self, rows: list) -> list:
        if not 0 <= self._sort_column < len(self._columns):
            return rows
        keys = self._keys.setdefault(self._sort_column, {})
        column = self._columns[self._sort_column]
        make_key = column.sort_key or column.text
        id_column = self._id_column

        def key(row):
            row_id = getattr(row, id_column)
            if row_id not in keys:
                keys[row_id] = _comparable(make_key(row))
            return keys[row_id]

        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=descending)

    def _index_positions(self) -> None:
        id_column = self._id_column
        self._position_of = {getattr(row, id_column): position
                             for position, row in enumerate(self._rows)}

    # --- reading -----------------------------------------------------------------------------
    def row_at(self, row: int):
        return self._rows[row]

    @property
    def columns(self) -> list[ColumnSpec]:
        return list(self._columns)

    def header_text(self, column: ColumnSpec) -> str:
        """``column``'s header in the current language (as shown, and as a saved file has it)."""
        return QCoreApplication.translate(self._context, column.header)

    def row_id(self, row: int):
        return getattr(self._rows[row], self._id_column)

    def position_of(self, row_id) -> int | None:
        """The row showing ``row_id`` now, or None when it is not listed."""
        return self._position_of.get(row_id)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(self._columns[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # over its cells, not centred across a wide column (where it was out of sight)
            return int(self._columns[section].alignment)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in SHOWN_ROLES or not index.isValid():  # most roles a view asks are unused
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = list(self._tooltip_lines(row))
            cell = column.text(row)
            return tooltip(*([cell] if cell not in lines else []), *lines)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == ROW_ID_ROLE:
            return getattr(row, self._id_column)
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.text(row)
        return None


def _comparable(value) -> tuple:
    """Numbers before text, each compared within its kind, so mixed columns still sort."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value).casefold())
