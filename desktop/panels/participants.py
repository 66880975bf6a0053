"""The participants panel: counts by kind and named organisations, grouped by project."""

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from desktop.common import i18n
from desktop.common.domain_text import domain_text
from desktop.common.text import is_blank, qualified, source_line, text
from desktop.panels.frame_model import ROW_ID_ROLE
from desktop.panels.participant_model import ParticipantTreeModel, TreeRow
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import RESIZE_PRECISION_ROWS, ResultPanel
from desktop.state import ExplorerState
from geodata.names import display_name
from geodata.vocabulary import PARTICIPANT_KIND_LABELS, PARTICIPANT_KIND_SINGULAR


@register_panel("participants", QT_TRANSLATE_NOOP("Panels", "Participants"), RIGHT,
                tab_group="results", refresh_after_map=True, size=420)
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

    def _groups(self, project_id: str) -> dict:
        """The project's reported counts and named organisations (sorted by kind, name)."""
        groups = self.state.loaded.derived(ParticipantRows)
        return groups.of(project_id)

    def refresh(self) -> None:
        if self.state.dataset is None:
            return
        import numpy as np

        result = self.state.result()
        listing = self.state.loaded.derived(participant_listing)
        # the projects in list order, picked by their rank: a sort per click cost ~10 ms
        ranks = np.sort(listing.rank_of[result.project_positions])
        projects = [listing.rows[rank] for rank in ranks]
        self.model.set_projects(projects)
        if len(projects) <= self.EXPAND_AT_MOST:
            self.view.expandAll()
        if not self._columns_sized and projects:
            self.view.resizeColumnToContents(1)  # once per dataset, as the tables do
            self._columns_sized = True
        named = int(listing.named_counts[ranks].sum())
        self.heading.setText(self.tr("{named} in %n project(s) — {scope}", "", len(projects))
                             .format(named=self.tr("%n named organisation(s)", "", named),
                                     scope=self.scope_label()))
        self.detail.setText("")

    def _group_row(self, project) -> TreeRow:
        loaded = self.state.loaded
        return TreeRow(text(project.name_en),
                       text(loaded.dataset.bureau_names.get(project.bureau_id, project.bureau_id)),
                       source_line(loaded, project.source_id, _evidence(project)))

    def _child_rows(self, project) -> list[TreeRow]:
        """The counts the sources report, then every named organisation, with sources."""
        loaded = self.state.loaded
        groups = self._groups(project.project_id)
        rows = []
        for label, value, qualifier in (
                (self.tr("Companies (as reported)"), project.companies,
                 getattr(project, "companies_qualifier", None)),
                (self.tr("Universities (as reported)"), project.universities,
                 getattr(project, "universities_qualifier", None))):
            if not is_blank(value):
                rows.append(TreeRow(label, qualified(value, qualifier), _hint(
                    project.counts_as_of,
                    source_line(loaded, project.source_id, _evidence(project)))))
        for row in groups["counts"]:
            label = _kind_label(row.kind)
            if isinstance(row.as_of, str) and row.as_of.strip():
                label = f"{label} · {row.as_of}"
            rows.append(TreeRow(label, qualified(row.count, getattr(row, "qualifier", None)),
                                _hint(row.note,
                                      source_line(loaded, row.source_id, _evidence(row)))))
        language = i18n.current_language()
        for row in groups["named"]:
            name = display_name(row, language)  # the other name, if any, in the hover text
            other = row.name_en if name != row.name_en else row.name_ja
            rows.append(TreeRow(text(name),
                                domain_text(PARTICIPANT_KIND_SINGULAR.get(row.kind, row.kind),
                                            language),
                                _hint(other, row.role, source_line(loaded, row.source_id))))
        return rows

    def retranslate(self) -> None:
        """Rows already built were made in the old language: made again when next shown."""
        self.model.retranslate()
        super().retranslate()

    def _on_current(self, current, _previous) -> None:
        hint = current.data(ROW_ID_ROLE) if current.isValid() else ""
        lines = (hint or "").split("\n")
        self.detail.setText(lines[-1])  # every row's hint ends with its source line

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


class ParticipantRows:
    """Where each project's participant rows are, found once per dataset; the rows themselves
    are made only for a project a person expands (grouping all 100,000 participants of a
    large dataset into tuples up front took half a second and ~100 MB)."""

    def __init__(self, ds):
        self._frames = {"counts": ds.participant_counts, "named": ds.participants}
        self._positions = {kind: frame.groupby("project_id", sort=False).indices
                           for kind, frame in self._frames.items()}

    def of(self, project_id: str) -> dict:
        groups = {}
        for kind, frame in self._frames.items():
            positions = self._positions[kind].get(project_id)
            groups[kind] = ([] if positions is None else
                            list(frame.iloc[positions].itertuples(index=False)))
        groups["named"].sort(key=lambda row: (row.kind, row.name_en))
        return groups


@dataclass(frozen=True)
class ParticipantListing:
    """The projects in the panel's order (by bureau, then name), made once per dataset.

    ``rows``: the project rows in that order; ``rank_of``: per row position of the projects
    layer, its rank; ``named_counts``: per rank, how many named organisations the project
    has.
    """

    rows: list
    rank_of: object  # numpy arrays; numpy is imported with the data, not with the window
    named_counts: object


def participant_listing(ds) -> ParticipantListing:
    import numpy as np

    projects = ds.projects
    order = projects.sort_values(["bureau_id", "name_en"]).index
    positions = projects.index.get_indexer(order)
    rows = list(projects.itertuples(index=False))
    rank_of = np.empty(len(projects), dtype=np.intp)
    rank_of[positions] = np.arange(len(projects))
    named = ds.participants["project_id"].value_counts()
    named_counts = (projects["project_id"].iloc[positions].map(named).fillna(0)
                    .to_numpy(dtype=np.int64))
    return ParticipantListing([rows[position] for position in positions], rank_of, named_counts)


def _kind_label(kind: str) -> str:
    return domain_text(PARTICIPANT_KIND_LABELS.get(kind, kind), i18n.current_language())


def _hint(*lines: object) -> str:
    """The hover text's lines: the values a row has (text only), the source line last."""
    return "\n".join(line for line in lines if isinstance(line, str) and line.strip())


def _evidence(row) -> object:
    """The row's evidence locator, where its layer has one (geodata/SCHEMA.md)."""
    return getattr(row, "evidence_lines", None)
