"""From a read list and its column mapping to the rows to import: each row checked (name, kind,
project) and placed (its coordinates, or the gazetteer), or carrying the problems that keep it
out. Nothing is dropped unseen: every row of the list comes back with its outcome."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from geodata.importing.placing import Gazetteer, Match, Place, latin_key
from geodata.importing.reading import Table
from geodata.vocabulary import (
    JAPAN_BOUNDS,
    PARTICIPANT_KIND_LABELS,
    PARTICIPANT_KIND_SINGULAR,
    PARTICIPANT_KINDS,
)

MAX_NAME_CHARS = 300
MAX_TEXT_CHARS = 2_000

# Words a bureau's list uses for the kinds of SCHEMA.md (Japanese and English), normalised by
# kind_key; the ids and the app's own labels are added below.
KIND_WORDS = {
    "company": ("企業", "会社", "民間企業", "中小企業", "大企業", "ベンチャー", "株式会社"),
    "university": ("大学", "大学等", "高専", "高等専門学校", "短期大学", "大学院"),
    "research-institute": ("研究機関", "公設試", "公設試験研究機関", "研究所", "公的研究機関",
                           "独立行政法人"),
    "local-government": ("自治体", "地方自治体", "地方公共団体", "行政", "県", "市", "町", "村"),
    "incubator": ("インキュベータ", "インキュベーター", "インキュベーション施設"),
    "finance": ("金融", "金融機関", "銀行", "信用金庫", "ベンチャーキャピタル", "vc"),
    "promoter": ("推進機関", "推進組織", "推進団体", "事務局"),
    "support-organisation": ("支援機関", "支援組織", "支援団体", "産業支援機関",
                             "support organization"),
}


def kind_key(text: str) -> str:
    return re.sub(r"[\s_\-・]+", "", unicodedata.normalize("NFKC", text).casefold())


def _kind_table() -> dict[str, str]:
    table = {}
    for kind in PARTICIPANT_KINDS:
        for word in (kind, PARTICIPANT_KIND_LABELS[kind], PARTICIPANT_KIND_SINGULAR[kind],
                     *KIND_WORDS.get(kind, ())):
            table[kind_key(word)] = kind
    return table


KINDS_BY_WORD = _kind_table()


#: Each reason a row is kept out, by code, in the words of a report that names no front end.
#: The command line and the window each word the codes their own way where they must differ
#: (``no-project``: the CLI names ``--project``, the window its project box), the window in
#: the user's language.
PROBLEM_WORDS = {
    "name-empty": "the name is empty",
    "too-long": "the {field} is longer than {limit} characters",
    "kind-empty": "the kind is empty",
    "kind-unknown": ("unknown kind {text!r} (valid: {kinds} or their Japanese names: 企業, "
                     "大学, 研究機関, 自治体, …)"),
    "no-project": "no project: the list gives none for this row",
    "project-unknown": "unknown project {text!r}",
    "choice-not-candidate": "the chosen place {choice} is not one of the row's {count} candidates",
    "coordinates-not-numbers": "the coordinates ({lat!r}, {lon!r}) are not numbers",
    "coordinates-half": "give both latitude and longitude, or neither",
    "outside-japan": "the point (latitude {lat}, longitude {lon}) is outside Japan",
    "outside-japan-swapped": ("the point (latitude {lat}, longitude {lon}) is outside Japan "
                              "(latitude and longitude swapped?)"),
}
PROGRESS_EVERY = 250
"""Rows checked between two calls of plan_import's ``progress``."""


@dataclass(frozen=True)
class RowProblem:
    """Why a row is kept out: a code of PROBLEM_WORDS and the values its wording names."""

    code: str
    details: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **details) -> RowProblem:
        return cls(code, tuple(details.items()))

    @property
    def values(self) -> dict[str, object]:
        return dict(self.details)

    def __str__(self) -> str:
        return PROBLEM_WORDS[self.code].format(**self.values)


class ImportCancelled(Exception):  # noqa: N818 - it is what happened, not a fault
    """The user stopped the import; nothing was written."""


@dataclass
class RowOutcome:
    """One row of the list: what it says, where it goes, or why it cannot be imported."""

    row_number: int
    """The spreadsheet's own row number (the header is row 1 when it is the first line)."""
    values: dict[str, str | None]
    problems: list[RowProblem] = field(default_factory=list)
    kind: str | None = None
    project_id: str | None = None
    match: Match | None = None
    place: Place | None = None
    lon: float | None = None
    lat: float | None = None
    basis: str | None = None
    chosen: bool = False

    @property
    def status(self) -> str:
        """``ready``, ``choose`` (several places fit), ``unplaced`` or ``invalid``."""
        if self.problems:
            return "invalid"
        if self.basis:
            return "ready"
        if self.match and len(self.match.candidates) > 1:
            return "choose"
        return "unplaced"

    @property
    def name(self) -> str:
        return self.values.get("name_en") or self.values.get("name_ja") or ""

    def message(self, prefecture_names: dict[int, str]) -> str:
        """What a person reads about the row in a report or the preview."""
        if self.problems:
            return "; ".join(map(str, self.problems))
        if self.basis == "list-coordinates":
            return f"placed at its coordinates ({self.lat:.5f}, {self.lon:.5f})"
        if self.place is not None:
            how = "chosen" if self.chosen else "placed"
            return (f"{how}: {self.place.label(prefecture_names)} "
                    f"(municipality code {self.place.code})")
        looked_for = self.match.looked_for if self.match else ""
        if self.status == "choose":
            options = "; ".join(f"{place.code} = {place.label(prefecture_names)}"
                                for place in self.match.candidates)
            return f"{looked_for!r} fits {len(self.match.candidates)} places, choose one: {options}"
        if not looked_for:
            return "no coordinates, municipality or address to place it by"
        return f"no place in the gazetteer matches {looked_for!r}"


@dataclass
class ImportPlan:
    """Every row of one list with its outcome, and the source row the imported rows cite."""

    table: Table
    outcomes: list[RowOutcome]
    source_id: str
    prefecture_names: dict[int, str]

    @property
    def ready(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "ready"]

    @property
    def reported(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status != "ready"]

    def counts(self) -> dict[str, int]:
        counts = {"ready": 0, "choose": 0, "unplaced": 0, "invalid": 0}
        for outcome in self.outcomes:
            counts[outcome.status] += 1
        return counts

    def lacking_project(self) -> int:
        """How many rows have no project (the list has no project column, or an empty cell,
        and no project was given for them)."""
        return sum(any(problem.code == "no-project" for problem in outcome.problems)
                   for outcome in self.outcomes)

    def participant_id(self, outcome: RowOutcome) -> str:
        """The row's id: the list's source id and its spreadsheet row, so that every problem
        the validator finds in it names the row (``list-members-row12``)."""
        return f"{self.source_id}-row{outcome.row_number}"

    def list_label(self) -> str:
        sheet = f", sheet {self.table.sheet}" if self.table.sheet else ""
        return f"{self.table.path.name}{sheet}"


def list_source_id(path: Path, sheet: str = "") -> str:
    """``list-`` and the file name in lowercase Latin letters and digits (a short hash of the
    name when it has none, as a Japanese file name); the same list gets the same id again."""
    stem = "-".join(filter(None, (latin_key(part) for part in
                                  re.split(r"[\s_.\-]+", f"{path.stem} {sheet}"))))[:40]
    if not stem:
        stem = hashlib.sha1(f"{path.name}/{sheet}".encode()).hexdigest()[:8]
    return f"list-{stem}"


def plan_import(table: Table, mapping: dict[str, int], projects, gazetteer: Gazetteer,
                default_project: str | None = None,
                choices: dict[int, int] | None = None,
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check and place every row of ``table``.

    ``mapping`` is field → column index (columns.guess_columns, as the user confirmed it);
    ``projects`` the target's projects frame; ``choices`` row number → municipality code, the place
    the user chose for a row that fits several; ``progress(done, total)`` is called every
    PROGRESS_EVERY rows (a front end shows it, and stops the plan by raising ImportCancelled).
    """
    choices = choices or {}
    project_ids = _project_lookup(projects)
    outcomes = []
    total = len(table.rows)
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        if progress is not None and len(outcomes) % PROGRESS_EVERY == 0:
            progress(len(outcomes), total)
        values = {name: cells[index] for name, index in mapping.items() if index < len(cells)}
        outcome = RowOutcome(number, values)
        _check_texts(outcome)
        _check_kind(outcome)
        _check_project(outcome, project_ids, default_project)
        _place(outcome, gazetteer, choices.get(number))
        outcomes.append(outcome)
    return ImportPlan(table, outcomes, list_source_id(table.path, table.sheet),
                      gazetteer.prefecture_names)


def _project_lookup(projects) -> dict[str, str]:
    lookup = {}
    for column in ("name_en", "name_ja"):
        if column in projects:
            for project_id, name in zip(projects["project_id"], projects[column], strict=True):
                if isinstance(name, str):
                    lookup.setdefault(kind_key(name), project_id)
    for project_id in projects["project_id"]:
        lookup[kind_key(project_id)] = project_id
    return lookup


def _check_texts(outcome: RowOutcome) -> None:
    if not outcome.name:
        outcome.problems.append(RowProblem.of("name-empty"))
    for name, value in outcome.values.items():
        limit = MAX_NAME_CHARS if name.startswith("name") else MAX_TEXT_CHARS
        if value and len(value) > limit:
            outcome.problems.append(RowProblem.of("too-long", field=name, limit=limit))


def _check_kind(outcome: RowOutcome) -> None:
    text = outcome.values.get("kind")
    if not text:
        outcome.problems.append(RowProblem.of("kind-empty"))
        return
    outcome.kind = KINDS_BY_WORD.get(kind_key(text))
    if outcome.kind is None:
        outcome.problems.append(RowProblem.of("kind-unknown", text=text[:40],
                                              kinds=", ".join(PARTICIPANT_KINDS)))


def _check_project(outcome: RowOutcome, project_ids: dict[str, str],
                   default_project: str | None) -> None:
    text = outcome.values.get("project") or default_project
    if not text:
        outcome.problems.append(RowProblem.of("no-project"))
        return
    outcome.project_id = project_ids.get(kind_key(text))
    if outcome.project_id is None:
        outcome.problems.append(RowProblem.of("project-unknown", text=text[:60]))


def _place(outcome: RowOutcome, gazetteer: Gazetteer, choice: int | None) -> None:
    values = outcome.values
    lat_text, lon_text = values.get("lat"), values.get("lon")
    if lat_text or lon_text:
        _place_at_coordinates(outcome, lat_text, lon_text)
        return
    outcome.match = gazetteer.match(values.get("prefecture"), values.get("municipality"),
                                    values.get("address"))
    candidates = outcome.match.candidates
    if choice is not None:
        chosen = next((place for place in candidates if place.code == choice), None)
        if chosen is None:
            outcome.problems.append(RowProblem.of("choice-not-candidate", choice=choice,
                                                  count=len(candidates)))
            return
        outcome.place, outcome.chosen = chosen, len(candidates) > 1
    elif len(candidates) == 1:
        outcome.place = candidates[0]
    if outcome.place is not None:
        outcome.basis = "gazetteer-place"
        outcome.lon, outcome.lat = outcome.place.lon, outcome.place.lat


def _place_at_coordinates(outcome: RowOutcome, lat_text: str | None,
                          lon_text: str | None) -> None:
    try:
        lat, lon = float(lat_text or "nan"), float(lon_text or "nan")
    except ValueError:
        outcome.problems.append(RowProblem.of("coordinates-not-numbers", lat=lat_text,
                                              lon=lon_text))
        return
    if not (math.isfinite(lat) and math.isfinite(lon)):
        outcome.problems.append(RowProblem.of("coordinates-half"))
        return
    lon_min, lat_min, lon_max, lat_max = JAPAN_BOUNDS
    if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
        swapped = lon_min <= lat <= lon_max and lat_min <= lon <= lat_max
        outcome.problems.append(RowProblem.of(
            "outside-japan-swapped" if swapped else "outside-japan", lat=lat, lon=lon))
        return
    outcome.lat, outcome.lon, outcome.basis = lat, lon, "list-coordinates"
