"""The participants panel: counts by kind and named organisations, grouped by project.

Readable in a narrow dock: the number first and right-aligned, the participant's kind and date
(or name and kind) beside it, elided with the whole text in the tooltip; one row per fact
(desktop/panels/participant_facts.py). Rows are copied (Ctrl+C) or saved with their sources as
one flat table: project, kind, name, number, as of, source.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTreeView

from desktop.common import i18n
from desktop.common.domain_text import domain_text
from desktop.common.figures_text import qualifier_word
from desktop.common.table_file import Table
from desktop.common.text import source_line, text
from desktop.panels.frame_model import ROW_ID_ROLE
from desktop.panels.participant_facts import ParticipantFact, project_facts
from desktop.panels.participant_model import LABEL, VALUE, ParticipantTreeModel, TreeRow
from desktop.panels.reader_names import reader_names
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import (
    RESIZE_PRECISION_ROWS,
    ResultPanel,
    source_cells,
    source_columns,
)
from desktop.panels.table_actions import TableActions
from desktop.state import ExplorerState

NUMBER_WIDTH_SAMPLE = "about 1,590"  # how wide the number column starts


@register_panel("participants", QT_TRANSLATE_NOOP("Panels", "Participants"), RIGHT,
                tab_group="results", refresh_after_map=True, size=310, order=30)
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
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setUniformRowHeights(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.header()
        header.setVisible(True)
        header.setStretchLastSection(False)
        header.moveSection(VALUE, 0)  # the number first; the tree stays on the participant
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        view.selectionModel().currentChanged.connect(self._on_current)
        self.table_actions = TableActions(self, view, self.table, "participants")
        self.heading_row.addWidget(self.table_actions.save_button)
        state.sig_selection_changed.connect(self._bring_forward_for_organisation)

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
        projects = listing.rows.picked(ranks)
        self.model.set_projects(projects)
        if len(projects) <= self.EXPAND_AT_MOST:
            self.view.expandAll()
        if not self._columns_sized and projects:
            self.view.resizeColumnToContents(VALUE)  # once per dataset, as the tables do
            # project lines have no number: room for a typical figure of the rows beneath
            typical = self.view.fontMetrics().horizontalAdvance(NUMBER_WIDTH_SAMPLE) + 16
            if self.view.header().sectionSize(VALUE) < typical:
                self.view.header().resizeSection(VALUE, typical)
            self._columns_sized = True
        self._show_selected_organisation()
        named = int(listing.named_counts[ranks].sum())
        self.heading.setText(self.tr("{named} in %n project(s) — {scope}", "", len(projects))
                             .format(named=self.tr("%n named organisation(s)", "", named),
                                     scope=self.scope_label()))
        self.detail.setText("")

    def _bring_forward_for_organisation(self) -> None:
        """An organisation picked on the map is shown here: the panel's tab comes to the
        front (and so refreshes), where refresh selects its line."""
        if self.state.selected_organisation is None:
            return
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget) and dock.isVisible():
            dock.raise_()

    def _show_selected_organisation(self) -> None:
        """Select the line of the organisation picked on the map (state.selected_organisation)
        under its project's line, opened and scrolled into view."""
        organisation = self.selected_organisation_row()
        if organisation is None:
            return
        position = self.model.position_of(organisation.project_id)
        if position is None:
            return
        self.model.show_up_to(position)
        group = self.model.index(position, LABEL)
        self.view.expand(group)
        for child in range(self.model.rowCount(group)):
            index = self.model.index(child, LABEL, group)
            fact = self.model.row_of(index).fact
            if fact is not None and (fact.name, fact.kind) == (organisation.name_en,
                                                               organisation.kind):
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(index)
                return

    def selected_organisation_row(self):
        """The participants row of the organisation selected on the map, or None."""
        participant_id = self.state.selected_organisation
        if participant_id is None or self.state.dataset is None:
            return None
        participants = self.state.dataset.participants
        rows = participants[participants["participant_id"] == participant_id]
        return None if rows.empty else next(rows.itertuples(index=False))

    def current_fact(self) -> ParticipantFact | None:
        """The fact of the line selected now (None: a project's line, or none)."""
        index = self.view.selectionModel().currentIndex()
        row = self.model.row_of(index) if index.isValid() else None
        return None if row is None else row.fact

    def _group_row(self, project) -> TreeRow:
        loaded = self.state.loaded
        bureaus = loaded.derived(reader_names, i18n.current_language())["bureaus"]
        bureau = text(bureaus.get(project.bureau_id, project.bureau_id))
        name = loaded.derived(reader_names, i18n.current_language())["projects"].get(
            project.project_id, project.name_en)
        return TreeRow(text(name), "",
                       _hint(project.name_ja, self.tr("Region: {bureau}").format(bureau=bureau),
                             source_line(loaded, project.source_id, _evidence(project))))

    def facts(self, project) -> list[ParticipantFact]:
        """The project's facts, each once (participant_facts.project_facts)."""
        groups = self._groups(project.project_id)
        return project_facts(project, groups["counts"], groups["named"])

    def _child_rows(self, project) -> list[TreeRow]:
        """The counts the sources report, then every named organisation, with sources."""
        return [self._fact_row(fact) for fact in self.facts(project)]

    def _fact_row(self, fact: ParticipantFact) -> TreeRow:
        loaded = self.state.loaded
        source = source_line(loaded, fact.source_id or None, fact.evidence_lines or None)
        language = i18n.current_language()
        kind = domain_text(fact.kind_label, language)
        if fact.name:
            # The name in the interface's language where the dataset has it (geodata.names'
            # rule: never a made-up name); a reader of English also sees the Japanese name in
            # the hover text, a reader of Japanese reads only the Japanese one.
            name = fact.name_ja if language == "ja" and fact.name_ja else fact.name
            other = fact.name_ja if name == fact.name else ""
            label = self.tr("{name} · {kind}").format(name=name, kind=kind)
            return TreeRow(label, "", _hint(label, other, fact.role, source), fact)
        label = (self.tr("{kind} · {when}").format(kind=kind, when=fact.when)
                 if fact.when else kind)
        return TreeRow(label, fact.figure, _hint(
            self.tr("{kind}: {figure}").format(kind=kind, figure=fact.figure),
            self.tr("As of: {as_of}").format(as_of=fact.as_of_text) if fact.as_of else "",
            fact.note, source), fact)

    def table(self, selected_only: bool = False) -> Table:
        """One row per fact: of the selected lines (a project's line: all its facts), or of
        every listed project."""
        self.ensure_fresh()
        model = self.model
        if selected_only:
            facts: list[ParticipantFact] = []
            indexes = sorted(self.view.selectionModel().selectedRows(LABEL),
                             key=lambda index: (index.parent().row() if index.parent().isValid()
                                                else index.row(), index.parent().isValid(),
                                                index.row()))
            for index in indexes:
                row = model.row_of(index)
                if row.fact is not None:
                    facts.append(row.fact)
                else:
                    facts.extend(self.facts(model.project_at(index.row())))
            facts = list(dict.fromkeys(facts))
        else:
            facts = [fact for position in range(model.project_count())
                     for fact in self.facts(model.project_at(position))]
        ds = self.state.dataset
        headers = (self.tr("Project"), self.tr("Kind"), self.tr("Name"),
                   self.tr("Name (Japanese)"), self.tr("Number"), self.tr("Qualifier"),
                   self.tr("As of"), self.tr("Role"), self.tr("Note")) + source_columns()
        language = i18n.current_language()
        rows = tuple((ds.project_names.get(fact.project_id, fact.project_id),
                      domain_text(fact.kind_label, language),
                      fact.name, fact.name_ja, fact.count,
                      qualifier_word(fact.qualifier, language), fact.as_of_text,
                      fact.role, fact.note)
                     + source_cells(ds, fact.source_id or None, fact.evidence_lines or None)
                     for fact in facts)
        return Table(headers, rows, "participants")

    def retranslate(self) -> None:
        """Rows already built were made in the old language: made again when next shown."""
        self.model.retranslate()
        self.table_actions.retranslate()
        super().retranslate()

    def _on_current(self, current, _previous) -> None:
        hint = current.data(ROW_ID_ROLE) if current.isValid() else ""
        lines = (hint or "").split("\n")
        self.detail.setText(lines[-1])  # every row's hint ends with its source line

    def organisation_names(self) -> list[str]:
        """Every organisation's name and count row's kind, expanding groups as a user would."""
        self.ensure_fresh()
        names = []
        for group_row in range(self.model.rowCount()):
            group = self.model.index(group_row, 0)
            self.view.expand(group)
            for child_row in range(self.model.rowCount(group)):
                row = self.model.row_of(self.model.index(child_row, LABEL, group))
                names.append(row.fact.name or row.fact.kind_label)
        return names


class ParticipantRows:
    """Where each project's participant rows are, found once per dataset; the rows themselves
    are made only for a project a person expands (grouping all 100,000 participants of a
    large dataset into tuples up front took half a second and ~100 MB).

    Each layer is held as one array per column and a project's rows as a slice of one order,
    so a project's rows are picked from arrays: a ``groupby`` at the first click cost ~0.2 s
    and selecting a GeoDataFrame's rows with ``itertuples`` ~5 ms a project at 100,000
    participants. The rows are the named tuples ``itertuples(index=False)`` makes, with the
    same values."""

    def __init__(self, ds):
        import pandas as pd

        self._position_of = pd.Index(ds.projects["project_id"])
        self._layers = {kind: _ColumnRows(ds, layer) for kind, layer in
                        (("counts", "participant_counts"), ("named", "participants"))}

    def of(self, project_id: str) -> dict:
        positions = self._position_of.get_indexer([project_id])[0]
        groups = {kind: layer.of(positions) for kind, layer in self._layers.items()}
        groups["named"].sort(key=lambda row: (row.kind, row.name_en))
        return groups


class _ColumnRows:
    """One layer's rows by project (geodata.queries.rows_by_project): its columns as object
    arrays holding the values ``itertuples`` gives."""

    def __init__(self, ds, layer: str):
        import collections

        import numpy as np

        from geodata.queries import rows_by_project

        frame = getattr(ds, layer)
        self._row = collections.namedtuple("Pandas", list(frame.columns), rename=True)
        self._columns = [_object_values(column, np) for _name, column in frame.items()]
        self._order, self._bounds = rows_by_project(ds, layer)

    def of(self, position: int) -> list:
        """The rows of the project at ``position`` in the projects layer (-1: none)."""
        if position < 0:
            return []
        rows = self._order[self._bounds[position]:self._bounds[position + 1]]
        columns = [column[rows] for column in self._columns]
        return [self._row._make(values) for values in zip(*columns, strict=True)]


def _object_values(column, np):
    """A column's values as an object array, each the value ``itertuples`` gives (iterating
    a column: numpy scalars for a nullable integer, shapely objects for geometry)."""
    if column.dtype == object:
        return column.to_numpy()
    if column.dtype.name == "geometry":
        return np.asarray(column.array)  # the shapely objects the array holds
    return np.array(list(column), dtype=object)


class ProjectRows:
    """The projects layer's rows in the panel's order, each made (as ``itertuples`` makes it)
    only when asked for: the panel shows a few dozen of 100,000, where making every row when
    a dataset arrived took 6 s of the window's thread at that size."""

    def __init__(self, frame, positions):
        import collections

        import numpy as np

        self._row = collections.namedtuple("Pandas", list(frame.columns), rename=True)
        self._columns = [_object_values(column, np)[positions] for _name, column in frame.items()]
        self.project_ids = frame["project_id"].to_numpy(dtype=object)[positions]
        """Each row's project id, in the rows' order (finding a project among 100,000)."""

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    def __getitem__(self, rank: int):
        return self._row._make(column[rank] for column in self._columns)

    def picked(self, ranks) -> PickedRows:
        """The rows of ``ranks`` (in that order), as a sequence made as lazily."""
        return PickedRows(self, ranks)


class PickedRows:
    """Some of a ProjectRows' rows, by rank: the panel's model indexes it as a list."""

    def __init__(self, rows: ProjectRows, ranks):
        self._rows = rows
        self._ranks = ranks

    def __len__(self) -> int:
        return len(self._ranks)

    def __getitem__(self, position: int):
        if not -len(self._ranks) <= position < len(self._ranks):
            raise IndexError(position)
        return self._rows[int(self._ranks[position])]

    def position_of(self, project_id: str) -> int | None:
        """Where the project ``project_id`` is among these rows, or None."""
        import numpy as np

        found = np.flatnonzero(self._rows.project_ids[self._ranks] == project_id)
        return int(found[0]) if len(found) else None


@dataclass(frozen=True)
class ParticipantListing:
    """The projects in the panel's order (by bureau, then name), made once per dataset.

    ``rows``: the project rows in that order (made when read); ``rank_of``: per row position
    of the projects layer, its rank; ``named_counts``: per rank, how many named organisations
    the project has.
    """

    rows: ProjectRows
    rank_of: object  # numpy arrays; numpy is imported with the data, not with the window
    named_counts: object


def participant_listing(ds) -> ParticipantListing:
    import numpy as np

    from geodata.queries import rows_by_project

    projects = ds.projects
    # by bureau, then name, in code point order as pandas' sort_values; fixed-width text
    # sorts in C (sorting the object columns took 0.8-2.6 s at 100,000 projects)
    positions = np.lexsort((projects["name_en"].fillna("").to_numpy(dtype=str),
                            projects["bureau_id"].fillna("").to_numpy(dtype=str)))
    rank_of = np.empty(len(projects), dtype=np.intp)
    rank_of[positions] = np.arange(len(projects))
    _order, bounds = rows_by_project(ds, "participants")  # the query index's grouping
    named_counts = np.diff(bounds).astype(np.int64)[positions]
    return ParticipantListing(ProjectRows(projects, positions), rank_of, named_counts)


def _hint(*lines: object) -> str:
    """The hover text's lines: the values a row has (text only), the source line last."""
    return "\n".join(line for line in lines if isinstance(line, str) and line.strip())


def _evidence(row) -> object:
    """The row's evidence locator, where its layer has one (geodata/SCHEMA.md)."""
    return getattr(row, "evidence_lines", None)
