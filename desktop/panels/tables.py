"""The three side panels — participants, tie-ups, achievements — for the current selection.

Each panel is a view over a Qt item model filled from ``ExplorerState.result()``; none holds
state of its own beyond what it displays. Every row's tooltip and the detail line under the
table name the row's source.
"""

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.common.text import is_blank, number, plural, source_line, text, tooltip
from desktop.panels.frame_model import ROW_ID_ROLE, ColumnSpec, FrameTableModel
from desktop.panels.participant_model import ParticipantTreeModel, TreeRow
from desktop.state import ExplorerState
from geodata.vocabulary import PARTICIPANT_KIND_LABELS, PARTICIPANT_KIND_SINGULAR

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RESIZE_PRECISION_ROWS = 40  # columns sized from the first rows, not thousands


def _kind_label(kind: str) -> str:
    return PARTICIPANT_KIND_LABELS.get(kind, kind)


class _Panel(QWidget):
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
        self._tab_shown = True
        state.sig_dataset_changed.connect(self._on_dataset_changed)
        state.sig_filter_changed.connect(self.invalidate)
        state.sig_selection_changed.connect(self.invalidate)

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
        ds = self.state.dataset
        key = f"panel_rows:{layer_name}"
        if key not in ds._cache:
            layer = getattr(ds, layer_name)
            ds._cache[key] = (layer.index, list(layer.itertuples(index=False)))
        index, rows = ds._cache[key]
        return [rows[position] for position in index.get_indexer(frame.index)]

    def invalidate(self) -> None:
        """Refresh soon if the panel is on screen, else when it is next shown or read.

        "Soon" is whenever ``defer`` runs it: by default the next turn of the event loop; the
        window sets it to "once the map has drawn" (MapController.after_drawn).
        """
        if self._stale:
            return
        self._stale = True
        if self.on_screen():
            self.defer(self.ensure_fresh)

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
        self._columns_sized = False
        view.setModel(self.model)
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
        return self.model.row_at(index.row())

    def _on_current_row(self, current, _previous) -> None:
        row = self.current_row()
        self.detail.setText(source_line(self.state.dataset, row.source_id) if row else "")

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        frame = getattr(self.state.result(), self.frame_name)
        self.model.set_rows(self.layer_rows(frame, self.frame_name))
        if not self._columns_sized and len(frame):
            # Sized to the first rows a dataset shows, then left alone: widths that jump on
            # every click are hard to read, and sizing costs ~20 ms per refresh.
            self.view.resizeColumnsToContents()
            self._columns_sized = True
        self.heading.setText(self.heading_text(frame))
        self.detail.setText("")

    def forget_dataset(self) -> None:
        self.model.forget_dataset()
        self._columns_sized = False

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
        row = self.model.position_of(self.state.selected_tieup)
        if row is not None:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)


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

    A project's organisations are looked up when its row is expanded, so a national view over
    thousands of organisations costs one row per project.
    """

    EXPAND_AT_MOST = 6

    def __init__(self, state: ExplorerState, parent=None):
        view = QTreeView()
        super().__init__(state, view, parent)
        self.model = ParticipantTreeModel(self._group_row, self._child_rows, self)
        self._columns_sized = False
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformRowHeights(True)
        view.header().setStretchLastSection(False)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        view.header().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        view.selectionModel().currentChanged.connect(self._on_current)

    def forget_dataset(self) -> None:
        self.model.forget_dataset()
        self._columns_sized = False

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

    def _project_order(self) -> dict:
        """Each project's place in the list (by bureau, then name), ranked once per dataset."""
        ds = self.state.dataset
        if "participant_project_order" not in ds._cache:
            ranked = ds.projects.sort_values(["bureau_id", "name_en"])["project_id"]
            ds._cache["participant_project_order"] = {pid: rank for rank, pid in
                                                      enumerate(ranked)}
        return ds._cache["participant_project_order"]

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        result = self.state.result()
        order = self._project_order()
        projects = sorted(self.layer_rows(result.projects, "projects"),
                          key=lambda project: order[project.project_id])
        self.model.set_projects(projects)
        if len(projects) <= self.EXPAND_AT_MOST:
            self.view.expandAll()
        if not self._columns_sized and projects:
            self.view.resizeColumnToContents(1)  # once per dataset, as the tables do
            self._columns_sized = True
        grouped = self._grouped()
        named = sum(len(grouped.get(project.project_id, {}).get("named", ()))
                    for project in projects)
        self.heading.setText(f"{plural(named, 'named organisation')} in "
                             f"{plural(len(projects), 'project')} — {self.scope_label()}")
        self.detail.setText("")

    def _group_row(self, project) -> TreeRow:
        ds = self.state.dataset
        return TreeRow(text(project.name_en),
                       text(ds.bureau_names.get(project.bureau_id, project.bureau_id)),
                       source_line(ds, project.source_id))

    def _child_rows(self, project) -> list[TreeRow]:
        """The counts the sources report, then every named organisation, with sources."""
        ds = self.state.dataset
        groups = self._grouped().get(project.project_id, {"counts": [], "named": []})
        rows = []
        for label, value in (("Companies (as reported)", project.companies),
                             ("Universities (as reported)", project.universities)):
            if not is_blank(value):
                rows.append(TreeRow(label, number(value), _hint(
                    project.counts_as_of, source_line(ds, project.source_id))))
        for row in groups["counts"]:
            label = _kind_label(row.kind)
            if isinstance(row.as_of, str) and row.as_of.strip():
                label = f"{label} · {row.as_of}"
            rows.append(TreeRow(label, number(row.count),
                                _hint(row.note, source_line(ds, row.source_id))))
        for row in groups["named"]:
            rows.append(TreeRow(text(row.name_en),
                                PARTICIPANT_KIND_SINGULAR.get(row.kind, row.kind),
                                _hint(row.name_ja, row.role, source_line(ds, row.source_id))))
        return rows

    def _on_current(self, current, _previous) -> None:
        hint = current.data(ROW_ID_ROLE) if current.isValid() else ""
        lines = [line for line in (hint or "").split("\n") if line.startswith("Source:")]
        self.detail.setText(lines[-1] if lines else "")

    def organisation_names(self) -> list[str]:
        """Every organisation and count row's name, expanding groups as a user would."""
        self.ensure_fresh()
        names = []
        for group_row in range(self.model.rowCount()):
            group = self.model.index(group_row, 0)
            self.view.expand(group)
            for child_row in range(self.model.rowCount(group)):
                names.append(self.model.index(child_row, 0, group).data())
        return names


def _hint(*lines: object) -> str:
    """The hover text's lines: the values a row has (text only), the source line last."""
    return "\n".join(line for line in lines if isinstance(line, str) and line.strip())
