"""The one state object the window's views observe: dataset, filters, selection, layers.

Widgets never talk to each other; they change this state and redraw when it says it changed.
It holds no widgets, so it is tested without a screen.

Before the first dataset arrives the map is already drawn (from the page data kept at the last
quit) and answers clicks: until then every request to filter or select is ignored, since there
is nothing to filter yet and the dataset's arrival resets filters and selection anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from geodata.values import Filter

if TYPE_CHECKING:
    from desktop.common.loaded_dataset import LoadedDataset
    from geodata import Dataset, QueryResult


class ExplorerState(QObject):
    """Filters and selection over one dataset, with a cached query result."""

    sig_dataset_changed = Signal()
    """A new dataset replaced the old one; filters and selection were reset."""

    sig_filter_changed = Signal()
    """The scope changed (fields, programs, fiscal year or text): map markers and panels follow."""

    sig_selection_changed = Signal()
    """The selected bureau, project, tie-up or organisation changed."""

    sig_layers_changed = Signal()
    """The tie-up, prefecture-border, place-name or organisation layer was switched on or
    off."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._loaded: LoadedDataset | None = None
        self._filter = Filter()
        self._selected_tieup: str | None = None
        self._selected_organisation: str | None = None
        self._show_tieups = False
        self._show_prefectures = True
        self._show_places = True
        self._show_organisations = True
        self._result_cache: tuple[Filter, QueryResult] | None = None

    # --- reading ---------------------------------------------------------------------------
    @property
    def loaded(self) -> LoadedDataset | None:
        """The dataset with what the desktop derived from it (page data, panel lookups)."""
        return self._loaded

    @property
    def dataset(self) -> Dataset | None:
        return self._loaded.dataset if self._loaded is not None else None

    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def selected_tieup(self) -> str | None:
        return self._selected_tieup

    @property
    def selected_organisation(self) -> str | None:
        """participant_id of the organisation picked on the map (its project is selected)."""
        return self._selected_organisation

    @property
    def show_tieups(self) -> bool:
        return self._show_tieups

    @property
    def show_prefectures(self) -> bool:
        return self._show_prefectures

    @property
    def show_places(self) -> bool:
        """Place names (GeoNames' populated places) on the map."""
        return self._show_places

    @property
    def show_organisations(self) -> bool:
        """Imported organisations (an organisation list's rows) on the map."""
        return self._show_organisations

    def result(self) -> QueryResult:
        """Rows behind the panels for the current filter and selection (cached)."""
        if self._loaded is None:
            raise RuntimeError("no dataset loaded")
        if self._result_cache is None or self._result_cache[0] != self._filter:
            from geodata import run_query

            self._result_cache = (self._filter, run_query(self.dataset, self._filter))
        return self._result_cache[1]

    def scope_result(self) -> QueryResult:
        """Rows for the filter's scope alone (what the map shows)."""
        if self._loaded is None:
            raise RuntimeError("no dataset loaded")
        from geodata import run_query  # kept among the dataset's last answers

        return run_query(self.dataset, self._filter.scope)

    # --- changing --------------------------------------------------------------------------
    def set_dataset(self, loaded: LoadedDataset, keep_filter: Filter | None = None) -> None:
        """Show ``loaded``'s dataset; keep those filter ids that still exist in it."""
        self._loaded = loaded
        dataset = loaded.dataset
        self._result_cache = None
        self._selected_tieup = None
        self._selected_organisation = None
        wanted = keep_filter or Filter()
        self._filter = Filter(
            fields=frozenset(wanted.fields) & set(dataset.fields["field_id"]),
            programs=frozenset(wanted.programs) & set(dataset.programs["program_id"]),
            fiscal_year=wanted.fiscal_year,
        )
        self.sig_dataset_changed.emit()

    def set_field(self, field_id: str, checked: bool) -> None:
        fields = set(self._filter.fields)
        (fields.add if checked else fields.discard)(field_id)
        self._set_scope(fields=fields)

    def set_program(self, program_id: str, checked: bool) -> None:
        programs = set(self._filter.programs)
        (programs.add if checked else programs.discard)(program_id)
        self._set_scope(programs=programs)

    def set_fields(self, field_ids) -> None:
        self._set_scope(fields=set(field_ids))

    def set_programs(self, program_ids) -> None:
        self._set_scope(programs=set(program_ids))

    def set_text(self, text: str) -> None:
        self._set_scope(text=text)

    def set_fiscal_year(self, fiscal_year: int | None) -> None:
        """Show only projects the sources date to ``fiscal_year`` (None: all years)."""
        self._set_scope(fiscal_year=fiscal_year)

    def clear_filters(self) -> None:
        self._set_scope(fields=set(), programs=set(), text="")

    def _set_scope(self, **changes) -> None:
        if self._loaded is None:
            return  # nothing to filter yet (see the module's docstring)
        updated = self._filter.evolve(**changes)
        if updated == self._filter:
            return
        self._filter = updated
        self._drop_hidden_selection()
        self.sig_filter_changed.emit()

    def _drop_hidden_selection(self) -> None:
        """A selected project or tie-up the new scope hides is no longer selected."""
        if self._filter.project_id is None and self._selected_tieup is None:
            self._selected_organisation = None
            return  # nothing selected to check: no query on the way to the map
        scope = self.scope_result()
        if self._filter.project_id and self._filter.project_id not in set(scope.project_ids):
            self._filter = self._filter.evolve(project_id=None)
        if self._selected_tieup and self._selected_tieup not in set(
                scope.column("tieups", "tieup_id")):
            self._selected_tieup = None
        if self._filter.project_id is None:
            self._selected_organisation = None  # it is shown only with its project

    def select_bureau(self, bureau_id: str | None) -> None:
        """Select a region (None: the whole country); clears a project selection."""
        self._select(bureau_id=bureau_id, project_id=None, tieup_id=None)

    def select_project(self, project_id: str | None) -> None:
        """Select one project; its bureau becomes the selected region too."""
        if self._loaded is None:
            return  # nothing to select yet (see the module's docstring)
        if project_id is None:
            self._select(self._filter.bureau_id, None, None)
            return
        bureau_of = self.dataset.projects.set_index("project_id")["bureau_id"]
        if project_id not in bureau_of.index:
            return
        self._select(bureau_of[project_id], project_id, None)

    def select_organisation(self, participant_id: str | None) -> None:
        """Select one organisation of the participants layer: its project (and so its bureau)
        is selected with it, as the participants panel lists it under its project."""
        if self._loaded is None or participant_id is None:
            return
        participants = self.dataset.participants
        rows = participants[participants["participant_id"] == participant_id]
        if rows.empty:
            return
        project_id = rows["project_id"].iloc[0]
        bureau_of = self.dataset.projects.set_index("project_id")["bureau_id"]
        if project_id not in bureau_of.index:
            return
        self._select(bureau_of[project_id], project_id, None, participant_id)

    def select_tieup(self, tieup_id: str | None) -> None:
        self._select(self._filter.bureau_id, self._filter.project_id, tieup_id)

    def clear_selection(self) -> None:
        self._select(None, None, None)

    def _select(self, bureau_id, project_id, tieup_id, organisation_id=None) -> None:
        if self._loaded is None:
            return  # nothing to select yet (see the module's docstring)
        updated = self._filter.evolve(bureau_id=bureau_id, project_id=project_id)
        if (updated == self._filter and tieup_id == self._selected_tieup
                and organisation_id == self._selected_organisation):
            return
        self._filter = updated
        self._selected_tieup = tieup_id
        self._selected_organisation = organisation_id
        self.sig_selection_changed.emit()

    def restore(self, wanted: Filter, tieup_id: str | None = None) -> None:
        """Show a saved view's filters and selection in one step (a project brings its
        bureau); ids this dataset lacks are dropped."""
        if self._loaded is None:
            return
        ds = self.dataset
        bureau_of = dict(zip(ds.projects["project_id"], ds.projects["bureau_id"], strict=True))
        project_id = wanted.project_id if wanted.project_id in bureau_of else None
        bureau_id = (bureau_of[project_id] if project_id is not None else
                     wanted.bureau_id if wanted.bureau_id in set(ds.bureaus["bureau_id"])
                     else None)
        self._filter = Filter(
            fields=frozenset(wanted.fields) & set(ds.fields["field_id"]),
            programs=frozenset(wanted.programs) & set(ds.programs["program_id"]),
            text=wanted.text, fiscal_year=wanted.fiscal_year, bureau_id=bureau_id,
            project_id=project_id)
        self._selected_tieup = tieup_id if tieup_id in set(ds.tieups["tieup_id"]) else None
        self._selected_organisation = None
        self._drop_hidden_selection()
        self.sig_filter_changed.emit()
        self.sig_selection_changed.emit()

    def set_show_tieups(self, shown: bool) -> None:
        if shown != self._show_tieups:
            self._show_tieups = shown
            self.sig_layers_changed.emit()

    def set_show_prefectures(self, shown: bool) -> None:
        if shown != self._show_prefectures:
            self._show_prefectures = shown
            self.sig_layers_changed.emit()

    def set_show_places(self, shown: bool) -> None:
        if shown != self._show_places:
            self._show_places = shown
            self.sig_layers_changed.emit()

    def set_show_organisations(self, shown: bool) -> None:
        if shown != self._show_organisations:
            self._show_organisations = shown
            self.sig_layers_changed.emit()
