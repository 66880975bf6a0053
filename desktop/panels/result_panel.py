"""What the result panels share: a heading, a view, a detail line naming the current row's
source, and refreshing only when on screen (after the map has drawn, when the window says so).

Each panel is a view over a Qt item model filled from ``ExplorerState.result()``; none holds
state of its own beyond what it displays. Every row's tooltip and the detail line under the
view name the row's source.
"""

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.common import i18n
from desktop.common.table_file import Table
from desktop.common.text import is_blank, source_line
from desktop.panels.frame_model import ColumnSpec, FrameTableModel
from desktop.panels.reader_names import reader_names
from desktop.panels.table_actions import TableActions
from desktop.state import ExplorerState

ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RESIZE_PRECISION_ROWS = 40  # columns sized from the first rows, not thousands
STRETCH_SHARE = 0.4  # of a table's width, kept for the column that takes the spare width
LINES_PER_ROW = 2  # a wrapped cell shows two lines, the rest elided and whole in its tooltip


def source_columns() -> tuple[str, str, str]:
    """The headers a saved or copied table ends with: every row says where it comes from."""
    return (QCoreApplication.translate("TablePanel", "Source"),
            QCoreApplication.translate("TablePanel", "Source title"),
            QCoreApplication.translate("TablePanel", "Source lines"))


def source_cells(ds, source_id, evidence_lines=None) -> tuple[str, str, str]:
    if is_blank(source_id):
        return "", "", ""
    return (str(source_id), str(ds.source_titles.get(source_id, "")),
            "" if is_blank(evidence_lines) else str(evidence_lines))


def layer_tuples(ds, layer_name: str) -> tuple:
    """A dataset layer's index and its rows as named tuples (see ResultPanel.layer_rows)."""
    layer = getattr(ds, layer_name)
    return layer.index, list(layer.itertuples(index=False))


class ResultPanel(QWidget):
    """A heading line, a view, and a detail line that shows the current row's source."""

    def __init__(self, state: ExplorerState, view, parent=None):
        super().__init__(parent)
        self.state = state
        self.defer = lambda callback: QTimer.singleShot(0, callback)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        # Names a dataset gives (bureaus, projects) appear here: never read as HTML, which
        # would load an <img src> from this machine's disk.
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.view = view
        # Tab goes on to the next control, as out of a list: in a table it went from cell to
        # cell and never left (the arrow keys move between rows and cells).
        if isinstance(view, QAbstractItemView):
            view.setTabKeyNavigation(False)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading_row = QHBoxLayout()
        """The heading and the panel's small buttons beside it."""
        self.heading_row.addWidget(self.heading, 1)
        layout.addLayout(self.heading_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self._stale = state.dataset is not None  # made after a dataset arrived: fill it
        self._refresh_pending = False  # an ensure_fresh is waiting on ``defer``
        self._tab_shown = True
        state.sig_dataset_changed.connect(self._on_dataset_changed)
        state.sig_filter_changed.connect(self.invalidate)
        state.sig_selection_changed.connect(self.invalidate)

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Texts in the current language: the heading and details come with the next refresh
        (subclasses add their fixed texts). Strings written in this base class are translated
        in the context "ResultPanel": PySide's ``self.tr`` would look them up under the
        subclass's name."""
        self.invalidate()

    def _on_dataset_changed(self) -> None:
        self.forget_dataset()
        self.invalidate()

    def forget_dataset(self) -> None:
        """Drop what was cached for the previous dataset."""

    def layer_rows(self, frame, layer_name: str) -> list:
        """The rows of ``frame`` (a subset of a dataset layer) as named tuples.

        The layer's tuples are made once per dataset and picked by index, instead of
        ``itertuples`` over the subset on every click.
        """
        index, rows = self.state.loaded.derived(layer_tuples, layer_name)
        return [rows[position] for position in index.get_indexer(frame.index)]

    def invalidate(self) -> None:
        """Refresh soon if the panel is on screen, else when it is next shown or read.

        "Soon" is whenever ``defer`` runs it: by default the next turn of the event loop; the
        window sets it to "once the map has drawn" (MapController.after_drawn).
        """
        self._stale = True
        # One refresh waits at a time; a change before the dataset arrives (the kept view
        # restored at start-up) must not leave the panel stale and empty when it does.
        if self.on_screen() and not self._refresh_pending:
            self._refresh_pending = True
            self.defer(self._run_pending_refresh)

    def _run_pending_refresh(self) -> None:
        self._refresh_pending = False
        self.ensure_fresh()

    def on_screen(self) -> bool:
        """Shown, and not a dock tab behind another (Qt keeps those "visible", off-screen)."""
        return self.isVisible() and self._tab_shown

    def set_tab_shown(self, shown: bool) -> None:
        """Follows QDockWidget.visibilityChanged: a panel brought to the front catches up."""
        self._tab_shown = shown
        if shown:
            self.ensure_fresh()

    def ensure_fresh(self) -> None:
        if self._stale and self.state.dataset is not None:
            self._stale = False
            self.refresh()

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_fresh()

    def scope_label(self) -> str:
        flt = self.state.filter
        names = self.state.loaded.derived(reader_names, i18n.current_language())
        if flt.project_id:
            return names["projects"].get(flt.project_id, flt.project_id)
        if flt.bureau_id:
            return names["bureaus"].get(flt.bureau_id, flt.bureau_id)
        return QCoreApplication.translate("ResultPanel", "Whole country")

    def refresh(self) -> None:
        raise NotImplementedError


class TablePanel(ResultPanel):
    """A sortable table over one result frame, readable in a narrow dock: the number first and
    right-aligned, one column taking the spare width and wrapping, the others elided with
    their whole text in the tooltip; rows copied (Ctrl+C) or saved with their sources."""

    frame_name = ""
    id_column = ""
    first_order = Qt.SortOrder.DescendingOrder
    """How the first column sorts until a header is clicked (the largest number first)."""

    def __init__(self, state: ExplorerState, columns: list[ColumnSpec], parent=None):
        view = QTableView()
        super().__init__(state, view, parent)
        self.model = FrameTableModel(columns, self.id_column, self.row_tooltip_lines, self,
                                     context=type(self).__name__)
        self._columns_sized = False
        view.setModel(self.model)
        view.horizontalHeader().setSortIndicator(0, self.first_order)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.verticalHeader().hide()
        # Rows of one fixed height (two lines): sizing every row to its text costs a layout
        # per row on every click and makes one long description a screen tall.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(
            LINES_PER_ROW * view.fontMetrics().lineSpacing() + 8)
        header = view.horizontalHeader()
        header.setVisible(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for position, column in enumerate(columns):
            if column.stretch:
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Stretch)
        view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table_actions = TableActions(self, view, self.table, self.frame_name)
        self.heading_row.addWidget(self.table_actions.save_button)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.table_actions.retranslate()
        super().retranslate()

    def row_tooltip_lines(self, row) -> list[str]:
        """The hover lines every cell of ``row`` shows after its own text: the source."""
        return [source_line(self.state.loaded, row.source_id,
                            getattr(row, "evidence_lines", None))]

    def extra_file_columns(self) -> list[ColumnSpec]:
        """Columns a saved or copied table has beyond the shown ones (what the tooltip says)."""
        return []

    def table(self, selected_only: bool = False) -> Table:
        """The listed rows (or the selected ones), in the shown order, each with its source."""
        self.ensure_fresh()
        columns = self.model.columns + self.extra_file_columns()
        if selected_only:
            positions = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        else:
            positions = range(self.model.rowCount())
        ds = self.state.dataset
        listed = [self.model.row_at(position) for position in positions]
        rows = tuple(tuple(column.file_value(row) for column in columns)
                     + source_cells(ds, row.source_id, getattr(row, "evidence_lines", None))
                     for row in listed)
        headers = tuple(self.model.header_text(column) for column in columns) + source_columns()
        return Table(headers, rows, self.frame_name)

    def current_row(self):
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def _on_current_row(self, current, _previous) -> None:
        row = self.current_row()
        self.detail.setText(source_line(self.state.loaded, row.source_id,
                                        getattr(row, "evidence_lines", None)) if row else "")

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        frame = getattr(self.state.result(), self.frame_name)
        self.model.set_rows(self.layer_rows(frame, self.frame_name))
        if not self._columns_sized and len(frame):
            # Sized to the first rows a dataset shows, then left alone: widths that jump on
            # every click are hard to read, and sizing costs ~20 ms per refresh.
            self._size_columns()
            self._columns_sized = True
        self.heading.setText(self.heading_text(frame))
        self.detail.setText("")

    def _size_columns(self) -> None:
        """Each narrow column to its contents, at most its ``max_width``; the stretching one
        takes what is left of the dock, and at least ``STRETCH_SHARE`` of it: in a narrow
        dock (310 px, or a laptop at 150 %) the narrow ones give up width, never below
        their header's, where the tie-ups' partners were squeezed to "…"."""
        header = self.view.horizontalHeader()
        narrow = [position for position, column in enumerate(self.model.columns)
                  if not column.stretch]
        for position in narrow:
            column = self.model.columns[position]
            self.view.resizeColumnToContents(position)
            if column.max_width is not None and header.sectionSize(position) > column.max_width:
                header.resizeSection(position, column.max_width)
        if len(narrow) == len(self.model.columns):
            return
        allowed = self.view.viewport().width() * (1 - STRETCH_SHARE)
        taken = sum(header.sectionSize(position) for position in narrow)
        if taken <= allowed:
            return
        for position in narrow:
            header.resizeSection(position, max(
                self._header_width(position),
                int(header.sectionSize(position) * allowed / taken)))

    def _header_width(self, position: int) -> int:
        """The width the header of column ``position`` needs to show its title whole."""
        header = self.view.horizontalHeader()
        title = str(self.model.headerData(position, Qt.Orientation.Horizontal) or "")
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        return header.fontMetrics().horizontalAdvance(title) + 4 * margin + arrow

    def forget_dataset(self) -> None:
        self.model.forget_dataset()
        self._columns_sized = False

    def row_count(self) -> int:
        self.ensure_fresh()
        return self.model.rowCount()

    def heading_text(self, frame) -> str:
        raise NotImplementedError
