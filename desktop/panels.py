"""The three side panels — participants, tie-ups, achievements — for the current selection.

Each panel is a view over a Qt item model filled from ``ExplorerState.result()``; none holds
state of its own beyond what it displays. Every row's tooltip and the detail line under the
table name the row's source.
"""

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.frame_model import ROW_ID_ROLE, SORT_ROLE, ColumnSpec, FrameTableModel
from desktop.state import ExplorerState
from desktop.text import is_blank, number, plural, source_line, text, tooltip
from geodata.vocabulary import PARTICIPANT_KIND_LABELS, PARTICIPANT_KIND_SINGULAR

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RESIZE_PRECISION_ROWS = 40  # columns sized from the first rows, not thousands
PROJECT_ROLE = Qt.ItemDataRole.UserRole + 10
FILLED_ROLE = Qt.ItemDataRole.UserRole + 11


def _kind_label(kind: str) -> str:
    return PARTICIPANT_KIND_LABELS.get(kind, kind)


class _Panel(QWidget):
    """A heading line, a view, and a detail line that shows the current row's source."""

    def __init__(self, state: ExplorerState, view, parent=None):
        super().__init__(parent)
        self.state = state
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.view = view
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self._stale = False
        state.sig_dataset_changed.connect(self.invalidate)
        state.sig_filter_changed.connect(self.invalidate)
        state.sig_selection_changed.connect(self.invalidate)

    def invalidate(self) -> None:
        """Refresh soon if the panel is on screen, else when it is next shown or read.

        "Soon" is the next turn of the event loop: the map's update has already been sent, so
        the web engine draws it while the panel fills, instead of after.
        """
        if self._stale:
            return
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self.ensure_fresh)

    def ensure_fresh(self) -> None:
        if self._stale and self.state.dataset is not None:
            self._stale = False
            self.refresh()

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_fresh()

    def scope_label(self) -> str:
        flt = self.state.filter
        ds = self.state.dataset
        if flt.project_id:
            return ds.project_names.get(flt.project_id, flt.project_id)
        if flt.bureau_id:
            return ds.bureau_names.get(flt.bureau_id, flt.bureau_id)
        return "Whole country"

    def refresh(self) -> None:
        raise NotImplementedError


class _TablePanel(_Panel):
    """A sortable table over one result frame."""

    frame_name = ""
    id_column = ""

    def __init__(self, state: ExplorerState, columns: list[ColumnSpec], parent=None):
        view = QTableView()
        super().__init__(state, view, parent)
        self.model = FrameTableModel(columns, self.id_column, self.row_tooltip, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        view.selectionModel().currentRowChanged.connect(self._on_current_row)

    def row_tooltip(self, row) -> str:
        return tooltip(source_line(self.state.dataset, row.source_id))

    def current_row(self):
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _on_current_row(self, current, _previous) -> None:
        row = self.current_row()
        self.detail.setText(source_line(self.state.dataset, row.source_id) if row else "")

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        frame = getattr(self.state.result(), self.frame_name)
        self.model.set_frame(frame)
        self.view.resizeColumnsToContents()
        self.heading.setText(self.heading_text(frame))
        self.detail.setText("")

    def row_count(self) -> int:
        self.ensure_fresh()
        return self.model.rowCount()

    def heading_text(self, frame) -> str:
        raise NotImplementedError


class TieupsPanel(_TablePanel):
    """Overseas tie-ups of the shown projects; picking one highlights its arc."""

    frame_name = "tieups"
    id_column = "tieup_id"

    def __init__(self, state: ExplorerState, parent=None):
        names = lambda row: state.dataset.project_names.get(row.project_id, row.project_id)  # noqa: E731
        super().__init__(state, [
            ColumnSpec("Partner", lambda row: text(row.partner)),
            ColumnSpec("Place", lambda row: text(row.partner_place)),
            ColumnSpec("Country", lambda row: text(row.country)),
            ColumnSpec("Field", lambda row: text(row.field_label if isinstance(
                row.field_label, str) else row.field)),
            ColumnSpec("Japanese project", names),
        ], parent)
        self.view.selectionModel().currentRowChanged.connect(self._select_tieup)
        state.sig_selection_changed.connect(self._show_selected_tieup)

    def row_tooltip(self, row) -> str:
        ds = self.state.dataset
        return tooltip(f"{row.partner} ({row.partner_place}, {row.country})",
                       f"Field: {row.field_label if isinstance(row.field_label, str) else ''}"
                       f" [{row.field}]", f"Kind: {text(row.kind)}",
                       f"Located: {row.location_note}", source_line(ds, row.source_id))

    def heading_text(self, frame) -> str:
        countries = frame["country"].nunique()
        return (f"{plural(len(frame), 'tie-up')} with "
                f"{plural(countries, 'country', 'countries')} — {self.scope_label()}")

    def refresh(self) -> None:
        super().refresh()
        self._show_selected_tieup()

    def _select_tieup(self, current, _previous) -> None:
        row = self.current_row()
        if row is not None and row.tieup_id != self.state.selected_tieup:
            self.state.select_tieup(row.tieup_id)

    def _show_selected_tieup(self) -> None:
        wanted = self.state.selected_tieup
        for proxy_row in range(self.proxy.rowCount()):
            index = self.proxy.index(proxy_row, 0)
            if index.data(ROW_ID_ROLE) == wanted:
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return


class AchievementsPanel(_TablePanel):
    """What the shown projects achieved: how many, when, which project."""

    frame_name = "achievements"
    id_column = "achievement_id"

    def __init__(self, state: ExplorerState, parent=None):
        names = lambda row: state.dataset.project_names.get(row.project_id, row.project_id)  # noqa: E731
        super().__init__(state, [
            ColumnSpec("What", lambda row: text(row.description)),
            ColumnSpec("How many", lambda row: " ".join(
                part for part in (number(row.value), text(row.unit)) if part != "—") or "—",
                sort_key=lambda row: -1.0 if is_blank(row.value) else float(row.value),
                alignment=RIGHT),
            ColumnSpec("When", lambda row: text(row.period)),
            ColumnSpec("Project", names),
        ], parent)

    def row_tooltip(self, row) -> str:
        return tooltip(row.description, f"Kind: {row.kind}", row.note,
                       source_line(self.state.dataset, row.source_id))

    def heading_text(self, frame) -> str:
        return f"{plural(len(frame), 'achievement')} — {self.scope_label()}"


class ParticipantsPanel(_Panel):
    """Counts by kind and named organisations, grouped by project.

    Project rows are built on every change; their children only when a row is expanded, so a
    national view over thousands of organisations costs one row per project.
    """

    EXPAND_AT_MOST = 6

    def __init__(self, state: ExplorerState, parent=None):
        view = QTreeView()
        super().__init__(state, view, parent)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Participant", "Kind / count"])
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformRowHeights(True)
        view.header().setStretchLastSection(False)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().currentChanged.connect(self._on_current)
        view.expanded.connect(self._on_expanded)
        self._rows_by_project: dict = {}
        self._result = None

    def _grouped(self) -> dict:
        """Participants and counts per project_id, grouped once per dataset."""
        ds = self.state.dataset
        cached = ds._cache.get("participants_by_project")
        if cached is None:
            cached = {}
            for kind, frame in (("counts", ds.participant_counts), ("named", ds.participants)):
                for row in frame.itertuples(index=False):
                    cached.setdefault(row.project_id, {"counts": [], "named": []})[kind].append(row)
            for groups in cached.values():
                groups["named"].sort(key=lambda row: (row.kind, row.name_en))
            ds._cache["participants_by_project"] = cached
        return cached

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        ds = self.state.dataset
        result = self.state.result()
        self._result = result
        grouped = self._grouped()
        projects = result.projects.sort_values(["bureau_id", "name_en"])
        groups, details = [], []
        for project in projects.itertuples(index=False):
            group = self._item(project.name_en, source_line(ds, project.source_id))
            group.setData(project, PROJECT_ROLE)
            group.appendRow([QStandardItem("…"), QStandardItem("")])  # shows the expander
            groups.append(group)
            details.append(self._item(ds.bureau_names.get(project.bureau_id,
                                                          project.bureau_id), ""))
        # one reset instead of a rowsInserted signal per project
        self.model.removeRows(0, self.model.rowCount())
        root = self.model.invisibleRootItem()
        root.appendRows(groups)
        for row, detail in enumerate(details):
            self.model.setItem(row, 1, detail)
        if self.model.rowCount() <= self.EXPAND_AT_MOST:
            self.view.expandAll()
        named = sum(len(grouped.get(pid, {}).get("named", ())) for pid in result.project_ids)
        self.heading.setText(f"{plural(named, 'named organisation')} in "
                             f"{plural(len(result.projects), 'project')} — {self.scope_label()}")
        self.detail.setText("")

    def _on_expanded(self, index) -> None:
        group = self.model.itemFromIndex(index.siblingAtColumn(0))
        if group is None or group.data(PROJECT_ROLE) is None or group.data(FILLED_ROLE):
            return
        group.setData(True, FILLED_ROLE)
        group.removeRows(0, group.rowCount())
        self._fill(group, group.data(PROJECT_ROLE))

    def _fill(self, group: QStandardItem, project) -> None:
        ds = self.state.dataset
        groups = self._grouped().get(project.project_id, {"counts": [], "named": []})
        for label, value in (("Companies (as reported)", project.companies),
                             ("Universities (as reported)", project.universities)):
            if not is_blank(value):
                hint = "\n".join(part for part in (
                    project.counts_as_of if isinstance(project.counts_as_of, str) else "",
                    source_line(ds, project.source_id)) if part)
                group.appendRow([self._item(label, hint), self._item(number(value), hint)])
        for row in groups["counts"]:
            label = _kind_label(row.kind)
            if isinstance(row.as_of, str) and row.as_of.strip():
                label = f"{label} · {row.as_of}"
            hint = "\n".join(part for part in (
                row.note if isinstance(row.note, str) else "",
                source_line(ds, row.source_id)) if part)
            group.appendRow([self._item(label, hint), self._item(number(row.count), hint)])
        for row in groups["named"]:
            hint = "\n".join(part for part in (
                row.name_ja if isinstance(row.name_ja, str) else "",
                row.role if isinstance(row.role, str) else "",
                source_line(ds, row.source_id)) if part)
            group.appendRow([self._item(row.name_en, hint),
                             self._item(PARTICIPANT_KIND_SINGULAR.get(row.kind, row.kind), hint)])

    def _item(self, label: object, hint: str) -> QStandardItem:
        item = QStandardItem(text(label))
        item.setToolTip(tooltip(*hint.split("\n")) if hint else "")
        item.setData(hint, ROW_ID_ROLE)
        return item

    def _on_current(self, current, _previous) -> None:
        hint = current.data(ROW_ID_ROLE) if current.isValid() else ""
        lines = [line for line in (hint or "").split("\n") if line.startswith("Source:")]
        self.detail.setText(lines[-1] if lines else "")

    def organisation_names(self) -> list[str]:
        """Every organisation and count row's name, expanding groups as a user would."""
        self.ensure_fresh()
        names = []
        for group_row in range(self.model.rowCount()):
            group = self.model.item(group_row, 0)
            self.view.expand(group.index())
            for child_row in range(group.rowCount()):
                names.append(group.child(child_row, 0).text())
        return names
