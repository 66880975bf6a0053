"""Pure queries the window runs on every click: filter, select, summarise, search.

A filter has two parts. The *scope* (fields, programs, free text) decides which projects are
shown at all — the map's markers. The *selection* (a bureau, or one project) narrows what the
side panels list. Both are answered from boolean masks precomputed once per dataset, so a
query over thousands of projects costs a few vectorised operations, not a scan of strings.
"""

import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.dataset import Dataset
from geodata.values import Filter, SearchHit


@dataclass(frozen=True)
class QueryResult:
    """The rows behind one state of the window."""

    projects: gpd.GeoDataFrame
    participants: gpd.GeoDataFrame
    participant_counts: pd.DataFrame
    tieups: gpd.GeoDataFrame
    achievements: pd.DataFrame
    source_ids: frozenset[str] = field(default=frozenset())

    @property
    def project_ids(self) -> list[str]:
        return self.projects["project_id"].tolist()


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
        self.haystacks = self._haystacks(ds)
        codes, uniques = pd.factorize(pd.Series(self.bureau_ids, dtype=object))
        self.bureau_codes = (codes, list(uniques))

    def _membership(self, lists: pd.Series) -> dict[str, np.ndarray]:
        masks: dict[str, np.ndarray] = {}
        for position, ids in enumerate(lists):
            for item in ids:
                masks.setdefault(item, np.zeros(len(lists), dtype=bool))[position] = True
        return masks

    def _haystacks(self, ds: Dataset) -> np.ndarray:
        texts = {pid: [] for pid in self.project_ids}
        columns = ("name_en", "name_ja", "former_names", "promoters", "leaders", "areas")
        for column in columns:
            for pid, value in zip(ds.projects["project_id"], ds.projects[column], strict=True):
                if isinstance(value, str):
                    texts[pid].append(value)
        for frame, column in ((ds.participants, "name_en"), (ds.participants, "name_ja"),
                              (ds.tieups, "partner"), (ds.tieups, "partner_place")):
            for pid, value in zip(frame["project_id"], frame[column], strict=True):
                if isinstance(value, str) and pid in texts:
                    texts[pid].append(value)
        return np.array([normalise_text("\n".join(texts[pid])) for pid in self.project_ids],
                        dtype=object)

    def any_of(self, masks: dict[str, np.ndarray], wanted: frozenset[str]) -> np.ndarray:
        result = np.zeros(len(self.project_ids), dtype=bool)
        for item in wanted:
            if item in masks:
                result |= masks[item]
        return result


MEMO_SIZE = 8


class _DatasetIndexes:
    """What this module keeps per dataset: its index, and its last few answers.

    One click asks the same query several times (map, panels, status bar), so the memo answers
    the repeats; results are shared, so callers treat them as read-only.
    """

    def __init__(self, ds: Dataset):
        self.index = _Index(ds)
        self.memo: OrderedDict = OrderedDict()


def _indexes(ds: Dataset) -> _DatasetIndexes:
    """The dataset's indexes, built on first use and kept in its one private slot.

    ``Dataset`` is frozen (its layers never change), so the slot is filled the way a frozen
    dataclass fills its own fields; no other module reads or writes it.
    """
    indexes = ds._indexes
    if indexes is None:
        indexes = _DatasetIndexes(ds)
        object.__setattr__(ds, "_indexes", indexes)
    return indexes


def _memo(ds: Dataset, key: tuple, compute):
    """The answer for ``key``, remembered among the dataset's last MEMO_SIZE answers."""
    memo = _indexes(ds).memo
    if key in memo:
        memo.move_to_end(key)
        return memo[key]
    value = compute()
    memo[key] = value
    if len(memo) > MEMO_SIZE:
        memo.popitem(last=False)
    return value


def _index(ds: Dataset) -> _Index:
    return _indexes(ds).index


def scope_mask(ds: Dataset, flt: Filter) -> np.ndarray:
    """Projects inside the filter's scope (fields, programs, text), ignoring the selection."""
    index = _index(ds)
    mask = np.ones(len(index.project_ids), dtype=bool)
    if flt.fields:
        mask &= index.any_of(index.field_masks, flt.fields)
    if flt.programs:
        mask &= index.any_of(index.program_masks, flt.programs)
    needle = normalise_text(flt.text)
    if needle:
        mask &= np.fromiter((needle in hay for hay in index.haystacks), dtype=bool,
                            count=len(index.haystacks))
    return mask


def visible_project_ids(ds: Dataset, flt: Filter) -> list[str]:
    """Ids of the projects the map shows for this filter."""
    index = _index(ds)
    return index.project_ids[scope_mask(ds, flt)].tolist()


def run_query(ds: Dataset, flt: Filter) -> QueryResult:
    """The projects in scope and selection, with their participants, tie-ups, achievements."""
    return _memo(ds, ("run_query", flt), lambda: _run_query(ds, flt))


def _run_query(ds: Dataset, flt: Filter) -> QueryResult:
    index = _index(ds)
    mask = scope_mask(ds, flt)
    if flt.bureau_id:
        mask &= index.bureau_ids == flt.bureau_id
    if flt.project_id:
        mask &= index.project_ids == flt.project_id
    projects = ds.projects[mask]
    ids = set(index.project_ids[mask])
    participants = ds.participants[ds.participants["project_id"].isin(ids)]
    counts = ds.participant_counts[ds.participant_counts["project_id"].isin(ids)]
    tieups = ds.tieups[ds.tieups["project_id"].isin(ids)]
    if flt.fields:
        tieups = tieups[tieups["field"].isin(flt.fields)]
    achievements = ds.achievements[ds.achievements["project_id"].isin(ids)]
    sources = frozenset().union(
        *(frame["source_id"].dropna() for frame in
          (projects, participants, counts, tieups, achievements))
    )
    return QueryResult(projects, participants, counts, tieups, achievements, sources)


def bureau_project_counts(ds: Dataset, flt: Filter) -> dict[str, int]:
    """Projects in the filter's scope per bureau — what the map shades on every click.

    Counted with one bincount over the precomputed masks rather than a pandas groupby, which
    cost ~15 ms per click at 1,000 projects.
    """
    index = _index(ds)
    codes, bureau_ids = index.bureau_codes
    counts = np.bincount(codes[scope_mask(ds, flt)], minlength=len(bureau_ids))
    known = dict(zip(bureau_ids, counts.tolist(), strict=True))
    return {bureau_id: known.get(bureau_id, 0) for bureau_id in ds.bureaus["bureau_id"]}


def bureau_summaries(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """Per bureau, what the filter's scope holds: the region list and the map's shading."""
    return _memo(ds, ("bureau_summaries", flt.scope), lambda: _bureau_summaries(ds, flt))


def _bureau_summaries(ds: Dataset, flt: Filter) -> pd.DataFrame:
    result = run_query(ds, flt.scope)
    per_project = result.projects.groupby("bureau_id").agg(
        projects=("project_id", "size"),
        companies=("companies", lambda s: s.sum(min_count=1)),
        universities=("universities", lambda s: s.sum(min_count=1)),
    )
    tieups = result.tieups.groupby("bureau_id").size().rename("tieups")
    project_bureau = ds.projects.set_index("project_id")["bureau_id"]
    achievements = (result.achievements["project_id"].map(project_bureau)
                    .value_counts().rename("achievements"))
    table = ds.bureaus[["bureau_id", "name_en", "name_ja"]].set_index("bureau_id")
    table = table.join(per_project).join(tieups).join(achievements)
    for column in ("projects", "tieups", "achievements"):
        table[column] = table[column].fillna(0).astype(int)
    return table.reset_index()


def search(ds: Dataset, text: str, limit: int = 50) -> list[SearchHit]:
    """Projects, organisations, partners and places whose names contain ``text``."""
    needle = normalise_text(text)
    if not needle:
        return []
    hits: list[SearchHit] = []
    names = ds.project_names
    bureau_of = dict(zip(ds.projects["project_id"], ds.projects["bureau_id"], strict=True))
    for row in _matching_rows(ds.projects, needle, ("name_en", "name_ja", "former_names")):
        hits.append(SearchHit("project", row.name_en, ds.bureau_names.get(row.bureau_id, ""),
                              row.bureau_id, row.project_id, row.geometry.x, row.geometry.y))
    for row in _matching_rows(ds.participants, needle, ("name_en", "name_ja")):
        hits.append(SearchHit("organisation", row.name_en, names.get(row.project_id, ""),
                              bureau_of.get(row.project_id), row.project_id,
                              row.geometry.x, row.geometry.y))
    for row in _matching_rows(ds.tieups, needle, ("partner", "partner_place")):
        hits.append(SearchHit("partner", f"{row.partner} ({row.partner_place})",
                              names.get(row.project_id, ""), row.bureau_id, row.project_id,
                              row.geometry.x, row.geometry.y))
    for row in _matching_rows(ds.bureaus, needle, ("name_en", "name_ja", "office_en")):
        point = row.geometry.representative_point()
        hits.append(SearchHit("bureau", row.name_en, row.name_ja, row.bureau_id, None,
                              point.x, point.y))
    for row in _matching_rows(ds.prefectures, needle, ("name_en", "name_ja")):
        point = row.geometry.representative_point()
        hits.append(SearchHit("prefecture", row.name_en, row.name_ja, row.bureau_id, None,
                              point.x, point.y))
    return hits[:limit]


def _matching_rows(frame: pd.DataFrame, needle: str, columns: tuple[str, ...]):
    mask = np.zeros(len(frame), dtype=bool)
    for column in columns:
        if column in frame:
            mask |= frame[column].map(
                lambda value: isinstance(value, str) and needle in normalise_text(value)
            ).to_numpy(dtype=bool)
    return frame[mask].itertuples(index=False)


def facet_counts(ds: Dataset, flt: Filter) -> dict[str, dict[str, int]]:
    """For each field and program, how many projects it would show given the other facets.

    The usual faceted-search count: a field's number ignores the field facet itself but honours
    the program and text facets, so ticking it shows exactly that many more candidates. Every
    field and program of the dataset has a count, 0 for one no project is linked to, so a
    panel listing the vocabulary never meets a missing key.
    """
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
