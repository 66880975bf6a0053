"""The panel listing a national organisation list that stays on the server: what the list
holds for the selection (the whole country, or the chosen bureau's prefectures), counted by
the server, and its rows fetched a page at a time as the table is scrolled (Qt's
``canFetchMore``/``fetchMore``), never all at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from geodata.errors import visible

if TYPE_CHECKING:  # the window is built before the data layer (pandas) is imported
    from geodata.server_side.queries import Page

NO_PARENT = QModelIndex()
SHOWN_COLUMNS = ("corporate_number", "name", "kind", "pref_code", "municipality", "address")
"""The columns of a page (organisations.PAGE_COLUMNS) the table shows, in its order."""


class OrganisationsModel(QAbstractTableModel):
    """The rows fetched so far of the organisations the selection holds; asks for the next
    page (``sig_more_wanted`` with the key to continue after) when the view scrolls to the
    end of them."""

    sig_more_wanted = Signal(int)

    def __init__(self, prefecture_names: dict[int, str], parent=None):
        super().__init__(parent)
        self.prefecture_names = prefecture_names
        self.rows: list[tuple] = []
        self.positions: list[int] = []
        self.after: int | None = None
        self.waiting = False

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Corporate number"), self.tr("Name"), self.tr("Kind"),
                self.tr("Prefecture"), self.tr("Municipality"), self.tr("Address"))

    def start(self, page: Page) -> None:
        """The selection changed: its first page replaces every row."""
        self.beginResetModel()
        self.positions = [page.columns.index(column) for column in SHOWN_COLUMNS]
        self.rows = list(page.rows)
        self.after = page.after
        self.waiting = False
        self.endResetModel()

    def extend(self, page: Page) -> None:
        """The next page, asked for by ``fetchMore``."""
        self.waiting = False
        self.after = page.after
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()

    def rowCount(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(SHOWN_COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        value = self.rows[index.row()][self.positions[index.column()]]
        if SHOWN_COLUMNS[index.column()] == "pref_code" and value is not None:
            return self.prefecture_names.get(int(value), str(value))
        return "" if value is None else visible(str(value))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def canFetchMore(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        return not parent.isValid() and self.after is not None and not self.waiting

    def fetchMore(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        if self.canFetchMore(parent):
            self.waiting = True
            self.sig_more_wanted.emit(self.after)


class OrganisationsPanel(QWidget):
    """How many organisations the selection holds (one line, plain text) over their table."""

    def __init__(self, model: OrganisationsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("organisations_on_server")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName(self.tr("Organisations on the server"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
