"""The participants panel: counts by kind and named organisations, grouped by project."""

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from desktop.common.text import is_blank, number, plural, source_line, text
from desktop.panels.frame_model import ROW_ID_ROLE
from desktop.panels.participant_model import ParticipantTreeModel, TreeRow
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import RESIZE_PRECISION_ROWS, ResultPanel
from desktop.state import ExplorerState
from geodata.vocabulary import PARTICIPANT_KIND_LABELS, PARTICIPANT_KIND_SINGULAR


@register_panel("participants", "Participants", RIGHT, tab_group="results",
                refresh_after_map=True, size=420)
class ParticipantsPanel(ResultPanel):
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
        return self.state.loaded.derived(participants_by_project)

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        result = self.state.result()
        order = self.state.loaded.derived(participant_project_order)
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
        loaded = self.state.loaded
        return TreeRow(text(project.name_en),
                       text(loaded.dataset.bureau_names.get(project.bureau_id, project.bureau_id)),
                       source_line(loaded, project.source_id))

    def _child_rows(self, project) -> list[TreeRow]:
        """The counts the sources report, then every named organisation, with sources."""
        loaded = self.state.loaded
        groups = self._grouped().get(project.project_id, {"counts": [], "named": []})
        rows = []
        for label, value in (("Companies (as reported)", project.companies),
                             ("Universities (as reported)", project.universities)):
            if not is_blank(value):
                rows.append(TreeRow(label, number(value), _hint(
                    project.counts_as_of, source_line(loaded, project.source_id))))
        for row in groups["counts"]:
            label = _kind_label(row.kind)
            if isinstance(row.as_of, str) and row.as_of.strip():
                label = f"{label} · {row.as_of}"
            rows.append(TreeRow(label, number(row.count),
                                _hint(row.note, source_line(loaded, row.source_id))))
        for row in groups["named"]:
            rows.append(TreeRow(text(row.name_en),
                                PARTICIPANT_KIND_SINGULAR.get(row.kind, row.kind),
                                _hint(row.name_ja, row.role, source_line(loaded, row.source_id))))
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


def participants_by_project(ds) -> dict:
    """Participants and counts per project_id, grouped once per dataset."""
    grouped: dict = {}
    for kind, frame in (("counts", ds.participant_counts), ("named", ds.participants)):
        for row in frame.itertuples(index=False):
            grouped.setdefault(row.project_id, {"counts": [], "named": []})[kind].append(row)
    for groups in grouped.values():
        groups["named"].sort(key=lambda row: (row.kind, row.name_en))
    return grouped


def participant_project_order(ds) -> dict:
    """Each project's place in the list (by bureau, then name), ranked once per dataset."""
    ranked = ds.projects.sort_values(["bureau_id", "name_en"])["project_id"]
    return {project_id: rank for rank, project_id in enumerate(ranked)}


def _kind_label(kind: str) -> str:
    return PARTICIPANT_KIND_LABELS.get(kind, kind)


def _hint(*lines: object) -> str:
    """The hover text's lines: the values a row has (text only), the source line last."""
    return "\n".join(line for line in lines if isinstance(line, str) and line.strip())
