"""Pure queries the window runs on every click: filter, select, summarise (the name search is
geodata/name_search).

A filter has two parts. The *scope* (fields, programs, free text) decides which projects are
shown at all — the map's markers. The *selection* (a bureau, or one project) narrows what the
side panels list. Both are answered from boolean masks precomputed once per dataset, so a
query over thousands of projects costs a few vectorised operations, not a scan of strings.
"""

import itertools
import threading
import unicodedata
from collections import OrderedDict
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.dataset import Dataset
from geodata.figures import outcome_count, outcome_keys, programs_active_in
from geodata.values import Filter


class QueryResult:
    """The rows behind one state of the window (read-only).

    Each layer's rows are taken from the dataset when first read, not when the query runs: a
    click reads a few of them (the map only the projects and tie-ups), and copying 100,000
    participants on every click cost more than the rest of the query.
    """

    def __init__(self, ds: Dataset, masks: dict[str, np.ndarray]):
        self._dataset = ds
        self._masks = masks

    def _layer(self, name: str) -> pd.DataFrame:
        return _rows(getattr(self._dataset, name), self._masks[name])

    @cached_property
    def projects(self) -> gpd.GeoDataFrame:
        return self._layer("projects")

    @cached_property
    def participants(self) -> gpd.GeoDataFrame:
        return self._layer("participants")

    @cached_property
    def participant_counts(self) -> pd.DataFrame:
        return self._layer("participant_counts")

    @cached_property
    def tieups(self) -> gpd.GeoDataFrame:
        return self._layer("tieups")

    @cached_property
    def achievements(self) -> pd.DataFrame:
        return self._layer("achievements")

    @cached_property
    def outcome_count(self) -> int:
        """How many outcomes the result's achievements state (``figures.outcome_count``)."""
        return outcome_count(self.achievements)

    @cached_property
    def source_ids(self) -> frozenset[str]:
        """The sources of every row in the result."""
        return _index(self._dataset).sources_of(self._masks)

    @property
    def project_count(self) -> int:
        """How many projects the result holds (no frame is made for them)."""
        return int(np.count_nonzero(self._masks["projects"]))

    @property
    def tieup_count(self) -> int:
        return int(np.count_nonzero(self._masks["tieups"]))

    def column(self, layer: str, column: str) -> np.ndarray:
        """One column of a layer's rows in the result, as an array: what a click reads of a
        layer without the cost of selecting a (Geo)DataFrame's rows (~3 ms each)."""
        return getattr(self._dataset, layer)[column].to_numpy()[self._masks[layer]]

    @property
    def project_mask(self) -> np.ndarray:
        """Per row of the dataset's projects layer, whether the result holds it, with one
        False more at the end (a row that belongs to no project indexes it)."""
        return np.append(self._masks["projects"], False)

    @property
    def project_positions(self) -> np.ndarray:
        """The result's projects as row positions in the dataset's projects layer (no frame
        is made for them)."""
        return np.flatnonzero(self._masks["projects"])

    @property
    def project_ids(self) -> list[str]:
        return _index(self._dataset).project_ids[self._masks["projects"]].tolist()


def normalise_text(text: str) -> str:
    """Fold case and full-/half-width forms so 'ｋｉｎｋｉ' finds 'Kinki'."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


class _Index:
    """Per-dataset masks and search strings, built on first use."""

    def __init__(self, ds: Dataset):
        projects = ds.projects
        self.project_ids = projects["project_id"].to_numpy(dtype=object)
        self.bureau_ids = projects["bureau_id"].to_numpy(dtype=object)
        self.field_masks = self._membership(projects["fields"])
        self.program_masks = self._membership(projects["programs"])
        self._dataset = ds
        fields, field_ids = pd.factorize(ds.tieups["field"])  # a tie-up without one: -1
        self.tieup_field_codes = (fields, {field: code for code, field in enumerate(field_ids)})
        codes, uniques = pd.factorize(pd.Series(self.bureau_ids, dtype=object))
        self.bureau_codes = (codes, list(uniques))
        self._layer_positions(ds)

    def _layer_positions(self, ds: Dataset) -> None:
        """Per row of each layer below the projects, its project's position (-1: none); per
        project and tie-up, its bureau's position in ``ds.bureaus``; per row of every result
        layer, its source's code in ``source_names`` (-1: none); the bureaus' names and the
        projects' reported figures (as floats, NaN when not reported) for the summaries.

        With these a query picks rows by indexing a project mask, instead of ``isin`` over
        100,000 participant ids, gathers sources with one ``np.unique`` over codes, and sums
        per bureau with ``np.bincount``.
        """
        projects = pd.Index(self.project_ids)
        self.child_projects = {name: projects.get_indexer(getattr(ds, name)["project_id"])
                               for name in CHILD_LAYERS}
        self.outcome_codes = pd.factorize(outcome_keys(ds.achievements))[0]
        bureaus = pd.Index(ds.bureaus["bureau_id"].to_numpy(dtype=object))
        self.project_bureaus = bureaus.get_indexer(self.bureau_ids)
        self.tieup_bureaus = bureaus.get_indexer(ds.tieups["bureau_id"].to_numpy(dtype=object))
        self.bureau_names = (ds.bureaus[["bureau_id", "name_en", "name_ja"]]
                             .set_index("bureau_id").reset_index())
        self.project_figures = {
            column: (ds.projects[column].to_numpy(dtype="float64", na_value=np.nan),
                     ds.projects[column].dtype)
            for column in ("companies", "universities")}
        layers = ("projects", *CHILD_LAYERS)
        sources = pd.concat([getattr(ds, name)["source_id"].astype(object) for name in layers],
                            ignore_index=True)
        codes, names = pd.factorize(sources)  # missing sources get -1
        self.source_names = np.asarray(names, dtype=object)
        bounds = np.cumsum([0, *(len(getattr(ds, name)) for name in layers)])
        self.source_codes = {name: codes[start:stop]
                             for name, start, stop in zip(layers, bounds, bounds[1:],
                                                          strict=False)}

    def child_mask(self, layer: str, project_mask: np.ndarray) -> np.ndarray:
        """The rows of ``layer`` whose project is in ``project_mask``."""
        return np.append(project_mask, False)[self.child_projects[layer]]

    def sources_of(self, masks: dict[str, np.ndarray]) -> frozenset[str]:
        """The source ids of the rows picked by ``masks`` (layer name → row mask)."""
        codes = np.unique(np.concatenate(
            [self.source_codes[name][mask] for name, mask in masks.items()]))
        return frozenset(self.source_names[codes[codes >= 0]].tolist())

    def _membership(self, lists: pd.Series) -> dict[str, np.ndarray]:
        """Per id found in ``lists`` (in the order first found), the rows that list it: one
        factorize over every id at once (a loop per id took 0.2 s at 10,000 projects)."""
        lengths = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists))
        flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=object,
                           count=int(lengths.sum()))
        codes, ids = pd.factorize(flat, use_na_sentinel=False)
        rows = np.zeros((len(ids), len(lists)), dtype=bool)
        rows[codes, np.repeat(np.arange(len(lists)), lengths)] = True
        return dict(zip(ids.tolist(), rows, strict=True))

    @cached_property
    def haystacks(self) -> np.ndarray:
        """Per project, the normalised text a search looks in: its own names and people, its
        participants' names and its tie-up partners; made at the first search (an export
        never searches: 0.15 s of a large one).

        Gathered with numpy (the texts ordered by project, then cut per project): a Python
        loop over 100,000 participants and their dictionary took twice as long.
        """
        ds = self._dataset
        pieces = [(ds.projects, column) for column in (
            "name_en", "name_ja", "former_names", "promoters", "leaders", "areas")]
        pieces += [(ds.participants, "name_en"), (ds.participants, "name_ja"),
                   (ds.tieups, "partner"), (ds.tieups, "partner_place")]
        owners = np.concatenate([pd.Index(self.project_ids).get_indexer(
            frame["project_id"].to_numpy(dtype=object)) for frame, _column in pieces])
        texts = np.concatenate([frame[column].to_numpy(dtype=object)
                                for frame, column in pieces])
        kept = (owners >= 0) & pd.notna(texts)
        owners, texts = owners[kept], texts[kept]
        order = np.argsort(owners, kind="stable")  # per project, in the order gathered
        owners, texts = owners[order], texts[order]
        bounds = np.searchsorted(owners, np.arange(len(self.project_ids) + 1))
        return np.array([normalise_text("\n".join(texts[start:stop]))
                         for start, stop in zip(bounds[:-1], bounds[1:], strict=True)],
                        dtype=object)

    def tieups_in_fields(self, fields: frozenset[str]) -> np.ndarray:
        """The tie-ups whose field is one of ``fields`` (an ``isin`` over their field names
        on every query cost ~1 ms at 5,000 tie-ups)."""
        codes, code_of = self.tieup_field_codes
        wanted = [code_of[field] for field in fields if field in code_of]
        return np.isin(codes, wanted)

    def any_of(self, masks: dict[str, np.ndarray], wanted: frozenset[str]) -> np.ndarray:
        result = np.zeros(len(self.project_ids), dtype=bool)
        for item in wanted:
            if item in masks:
                result |= masks[item]
        return result


CHILD_LAYERS = ("participants", "participant_counts", "tieups", "achievements")
"""The layers whose rows belong to one project each, and follow it into a query's result."""

MEMO_SIZE = 8
"""Query results kept per dataset (each keeps the rows read of it: a few MB at 100,000
participants)."""
COUNTS_MEMO_SIZE = 48
"""Small answers kept per dataset (scope masks, facet and bureau counts): one state of the
window asks for about six, so the last few states are answered again without work — a
toggle clicked on and off, a bureau picked again."""


class _DatasetIndexes:
    """What this module keeps per dataset: its index, and its last few answers.

    One click asks the same query several times (map, panels, status bar), so the memo answers
    the repeats; results are shared, so callers treat them as read-only (masks are made
    read-only so that a caller cannot change a kept answer by mistake). The answers depend on
    the dataset and the filter alone (the key), never on the language.
    """

    def __init__(self, ds: Dataset):
        self.index = _Index(ds)
        self.memo: OrderedDict = OrderedDict()
        self.counts_memo: OrderedDict = OrderedDict()
        self._dataset = ds
        self._built: dict = {}
        # re-entrant: one build may use another (the map's organisation columns read the
        # organisation rows, both kept here)
        self._building = threading.RLock()

    def built(self, build, *args):
        """``build(dataset, *args)``, made once (one thread builds, the others wait) and
        kept here under ``build`` (``args`` serve the first call only): what is made from
        the dataset's layers alone (geodata/name_search's index, the map's label points)
        lives as long as the dataset, but only this class writes it."""
        if build not in self._built:
            with self._building:
                if build not in self._built:
                    self._built[build] = build(self._dataset, *args)
        return self._built[build]

    def has_built(self, build) -> bool:
        return build in self._built


def dataset_indexes(ds: Dataset) -> _DatasetIndexes:
    """The dataset's indexes, built on first use and kept in its private ``_indexes`` slot.

    ``Dataset`` only declares the slot; this is the one function that reads and fills it.
    ``Dataset`` is frozen (its layers never change), so it is filled the way a frozen
    dataclass fills its own fields.
    """
    indexes = ds._indexes
    if indexes is None:
        indexes = _DatasetIndexes(ds)
        object.__setattr__(ds, "_indexes", indexes)
    return indexes



def rows_by_project(ds: Dataset, layer: str) -> tuple[np.ndarray, np.ndarray]:
    """A layer below the projects (CHILD_LAYERS) grouped by project, made once per dataset:
    its row positions ordered by their project's position in the projects layer (in the
    layer's order within one project), and per project position the bounds of its rows in
    that order (project ``p``'s rows: ``order[bounds[p]:bounds[p + 1]]``). Rows of no
    project are left out."""
    return dataset_indexes(ds).built(_rows_by_project)[layer]


def _rows_by_project(ds: Dataset) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    index = _index(ds)
    grouped = {}
    for layer in CHILD_LAYERS:
        projects = index.child_projects[layer]
        order = np.argsort(projects, kind="stable")
        order = order[projects[order] >= 0]
        bounds = np.searchsorted(projects[order], np.arange(len(index.project_ids) + 1))
        grouped[layer] = (order, bounds)
    return grouped


def prepare_indexes(ds: Dataset) -> None:
    """Build the dataset's indexes now (a quarter of a second at 10,000 projects), so that a
    loader thread, not the first click on the GUI thread, pays for them (the search's text
    too, which an export does without)."""
    dataset_indexes(ds).index.haystacks  # noqa: B018 - made now, on the loader's thread


def _memo(ds: Dataset, key: tuple, compute, small: bool = False):
    """The answer for ``key``, remembered among the dataset's last MEMO_SIZE answers (the
    last COUNTS_MEMO_SIZE ``small`` ones)."""
    indexes = dataset_indexes(ds)
    memo, size = ((indexes.counts_memo, COUNTS_MEMO_SIZE) if small
                  else (indexes.memo, MEMO_SIZE))
    if key in memo:
        memo.move_to_end(key)
        return memo[key]
    value = compute()
    memo[key] = value
    if len(memo) > size:
        memo.popitem(last=False)
    return value


def _index(ds: Dataset) -> _Index:
    return dataset_indexes(ds).index


def scope_mask(ds: Dataset, flt: Filter) -> np.ndarray:
    """Projects inside the filter's scope (fields, programs, year, text), not the selection.

    Kept per scope (read-only): the map, the status bar, the timeline and the counts each
    ask for it on every click."""
    scope = flt.scope
    return _memo(ds, ("scope_mask", scope), lambda: _read_only(_scope_mask(ds, scope)),
                 small=True)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _scope_mask(ds: Dataset, flt: Filter) -> np.ndarray:
    index = _index(ds)
    mask = np.ones(len(index.project_ids), dtype=bool)
    if flt.fields:
        mask &= index.any_of(index.field_masks, flt.fields)
    if flt.programs:
        mask &= index.any_of(index.program_masks, flt.programs)
    if flt.fiscal_year is not None:
        # active that year through a programme the sources date; undated ones never match
        mask &= index.any_of(index.program_masks, programs_active_in(ds, flt.fiscal_year))
    needle = normalise_text(flt.text)
    if needle:
        mask &= np.fromiter((needle in hay for hay in index.haystacks), dtype=bool,
                            count=len(index.haystacks))
    return mask


def visible_project_ids(ds: Dataset, flt: Filter) -> list[str]:
    """Ids of the projects the map shows for this filter."""
    index = _index(ds)
    return index.project_ids[scope_mask(ds, flt)].tolist()


def visible_project_count(ds: Dataset, flt: Filter) -> int:
    """How many projects the map shows for this filter (no list of their ids is made)."""
    return int(np.count_nonzero(scope_mask(ds, flt)))


def run_query(ds: Dataset, flt: Filter) -> QueryResult:
    """The projects in scope and selection, with their participants, tie-ups, achievements."""
    return _memo(ds, ("run_query", flt),
                 lambda: QueryResult(ds, _layer_masks(ds, flt, scope_mask(ds, flt))))


def _run_query(ds: Dataset, flt: Filter) -> QueryResult:
    """The query worked out whole, its scope too (what the bench times)."""
    return QueryResult(ds, _layer_masks(ds, flt, _scope_mask(ds, flt)))


def _layer_masks(ds: Dataset, flt: Filter, scope: np.ndarray | None = None) \
        -> dict[str, np.ndarray]:
    """Per layer of a query's result, the mask of its rows in the filter and selection
    (``scope``: the filter's scope mask, when known)."""
    index = _index(ds)
    mask = (scope_mask(ds, flt) if scope is None else scope).copy()  # a kept scope stays
    if flt.bureau_id:
        mask &= index.bureau_ids == flt.bureau_id
    if flt.project_id:
        mask &= index.project_ids == flt.project_id
    masks = {"projects": mask}
    masks.update((name, index.child_mask(name, mask)) for name in CHILD_LAYERS)
    if flt.fields:
        masks["tieups"] &= index.tieups_in_fields(flt.fields)
    return masks


def _rows(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """The rows of ``frame`` in ``mask``; the frame itself when that is every row (results are
    read-only, and copying 100,000 participants for the whole country cost ~10 ms a click)."""
    return frame if mask.all() else frame[mask]


def bureau_project_counts(ds: Dataset, flt: Filter) -> dict[str, int]:
    """Projects in the filter's scope per bureau — what the map shades on every click.

    Counted with one bincount over the precomputed masks rather than a pandas groupby, which
    cost ~15 ms per click at 1,000 projects. Kept per scope (callers do not change it).
    """
    return _memo(ds, ("bureau_project_counts", flt.scope),
                 lambda: _bureau_project_counts(ds, flt.scope), small=True)


def _bureau_project_counts(ds: Dataset, flt: Filter) -> dict[str, int]:
    index = _index(ds)
    codes, bureau_ids = index.bureau_codes
    counts = np.bincount(codes[scope_mask(ds, flt)], minlength=len(bureau_ids))
    known = dict(zip(bureau_ids, counts.tolist(), strict=True))
    return {bureau_id: known.get(bureau_id, 0) for bureau_id in ds.bureaus["bureau_id"]}


def bureau_counts(ds: Dataset, flt: Filter) -> dict[str, tuple[int, int]]:
    """(projects, tie-ups) per bureau in the filter's scope: the region list's numbers on
    every click, as ``bureau_summaries`` counts them but without making its table. Kept per
    scope (callers do not change it)."""
    return _memo(ds, ("bureau_counts", flt.scope), lambda: _bureau_counts(ds, flt.scope),
                 small=True)


def _bureau_counts(ds: Dataset, flt: Filter) -> dict[str, tuple[int, int]]:
    index = _index(ds)
    masks = _layer_masks(ds, flt.scope)
    size = len(ds.bureaus)
    project_bureaus = index.project_bureaus[masks["projects"]]
    tieup_bureaus = index.tieup_bureaus[masks["tieups"]]
    projects = np.bincount(project_bureaus[project_bureaus >= 0], minlength=size)
    tieups = np.bincount(tieup_bureaus[tieup_bureaus >= 0], minlength=size)
    return dict(zip(ds.bureaus["bureau_id"], zip(projects.tolist(), tieups.tolist(),
                                                 strict=True), strict=True))


def bureau_summaries(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """Per bureau, what the filter's scope holds: the region list and the map's shading."""
    return _memo(ds, ("bureau_summaries", flt.scope), lambda: _bureau_summaries(ds, flt))


def _bureau_summaries(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """Counted with bincounts over the index's bureau positions, not pandas groupbys (which
    cost ~150 ms a click at 10,000 projects)."""
    index = _index(ds)
    masks = _layer_masks(ds, flt.scope)
    size = len(ds.bureaus)
    in_scope = masks["projects"] & (index.project_bureaus >= 0)
    bureau_of = index.project_bureaus[in_scope]
    columns = {"projects": np.bincount(bureau_of, minlength=size)}
    for column, (values, dtype) in index.project_figures.items():
        values = values[in_scope]
        reported = ~np.isnan(values)
        # a bureau none of whose projects reports a figure has no figure (sum(min_count=1))
        sums = np.bincount(bureau_of[reported], minlength=size, weights=values[reported])
        has = np.bincount(bureau_of[reported], minlength=size) > 0
        columns[column] = pd.array(np.where(has, sums, np.nan), dtype="float64").astype(dtype)
    tieup_bureaus = index.tieup_bureaus[masks["tieups"]]
    columns["tieups"] = np.bincount(tieup_bureaus[tieup_bureaus >= 0], minlength=size)
    columns["achievements"] = _outcomes_per_bureau(index, masks["achievements"], size)
    return pd.concat([index.bureau_names, pd.DataFrame(columns)], axis=1)


def _outcomes_per_bureau(index: _Index, mask: np.ndarray, size: int) -> np.ndarray:
    """Per bureau, the outcomes its achievements state: rows sharing an outcome count once
    (one outcome stated by two sources is one achievement)."""
    bureaus = index.project_bureaus[index.child_projects["achievements"][mask]]
    outcomes = index.outcome_codes[mask]
    known = bureaus >= 0
    pairs = np.unique(np.stack([bureaus[known], outcomes[known]]), axis=1)
    return np.bincount(pairs[0], minlength=size)


def facet_counts(ds: Dataset, flt: Filter) -> dict[str, dict[str, int]]:
    """For each field and program, how many projects it would show given the other facets.

    The usual faceted-search count: a field's number ignores the field facet itself but honours
    the program and text facets, so ticking it shows exactly that many more candidates. Every
    field and program of the dataset has a count, 0 for one no project is linked to, so a
    panel listing the vocabulary never meets a missing key. Kept per scope (the filter panel
    and the status bar both ask on every click; callers do not change it).
    """
    return _memo(ds, ("facet_counts", flt.scope), lambda: _facet_counts(ds, flt.scope),
                 small=True)


def _facet_counts(ds: Dataset, flt: Filter) -> dict[str, dict[str, int]]:
    index = _index(ds)
    without_fields = scope_mask(ds, flt.evolve(fields=frozenset()))
    without_programs = scope_mask(ds, flt.evolve(programs=frozenset()))
    return {
        "fields": _counts(index.field_masks, without_fields, ds.fields["field_id"]),
        "programs": _counts(index.program_masks, without_programs, ds.programs["program_id"]),
    }


def _counts(masks: dict[str, np.ndarray], scope: np.ndarray, vocabulary) -> dict[str, int]:
    counts = {item: int((mask & scope).sum()) for item, mask in masks.items()}
    return {item: counts.get(item, 0) for item in vocabulary}
