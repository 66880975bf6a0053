"""The loaded dataset: validated, typed GeoDataFrames and the lookups the UI needs.

``load_dataset()`` opens the bundled GeoPackage; ``load_dataset(path)`` opens a user's file
that follows SCHEMA.md. Either the whole dataset loads, or one DatasetError lists every
problem: there is no half-loaded state for the window to show.
"""

import contextlib
import hashlib
import importlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.bundled import BUNDLED_DATASET
from geodata.errors import DatasetError, Problem
from geodata.file_replace import replace_bytes
from geodata.reading import empty_layer
from geodata.sources import identity_of, open_location, source_for


@dataclass(frozen=True)
class DatabaseOrigin:
    """Where a dataset read from a database came from, for the window and the command line."""

    location: str
    """The database location without its password: safe to show, log and save."""
    copy_saved: datetime
    """When the offline copy (``Dataset.path``) was last written from the database (UTC)."""
    offline_reason: str | None = None
    """Why the database could not be reached, when this is the offline copy; else None."""


@dataclass(frozen=True)
class Dataset:
    """All layers of one dataset, in EPSG:4326, with ``programs``/``fields`` as id lists."""

    path: Path
    info: dict[str, str]
    sources: pd.DataFrame
    fields: pd.DataFrame
    bureaus: gpd.GeoDataFrame
    prefectures: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    programs: pd.DataFrame
    projects: gpd.GeoDataFrame
    participants: gpd.GeoDataFrame
    participant_counts: pd.DataFrame
    tieups: gpd.GeoDataFrame
    achievements: pd.DataFrame
    national_figures: pd.DataFrame
    origin: DatabaseOrigin | None = None
    """Set for a dataset read from a database (``path`` is then its offline copy)."""
    places: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer("places"))
    """GeoNames populated places (the gazetteer of list imports); empty in a file without."""
    # geodata/queries.py's per-dataset index and memo, and nothing else: kept on the dataset so
    # they live and die with it; a ``dataclasses.replace`` copy starts without (see queries.py).
    _indexes: object = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def filter_programs(self) -> pd.DataFrame:
        """The programs a project can belong to, the ones offered as filters.

        ``programs`` also holds policy phases, national bodies, measures and activities the
        sources describe (its ``kind`` column); a project never lists those, so as filters
        they would only ever show nothing.
        """
        if "kind" not in self.programs:
            return self.programs
        kind = self.programs["kind"]
        return self.programs[kind.isna() | (kind == "program")]

    @cached_property
    def field_colors(self) -> dict[str, str]:
        return dict(zip(self.fields["field_id"], self.fields["color"], strict=True))

    @cached_property
    def source_titles(self) -> dict[str, str]:
        return dict(zip(self.sources["source_id"], self.sources["title"], strict=True))

    @cached_property
    def bureau_names(self) -> dict[str, str]:
        return dict(zip(self.bureaus["bureau_id"], self.bureaus["name_en"], strict=True))

    @cached_property
    def project_names(self) -> dict[str, str]:
        return dict(zip(self.projects["project_id"], self.projects["name_en"], strict=True))

    def summary(self) -> str:
        """One line saying what the dataset holds, for `validate` and the status bar."""
        return (
            f"{len(self.projects)} projects, {len(self.participants)} named participants, "
            f"{len(self.tieups)} tie-ups, {len(self.achievements)} achievements, "
            f"{len(self.programs)} programs, {len(self.sources)} sources, "
            f"{len(self.bureaus)} bureaus, {len(self.prefectures)} prefectures"
        )


def validate(location: Path | str) -> list[Problem]:
    """Every problem of the dataset at ``location``; an empty list means it loads.

    Goes through the same data source as ``load_dataset``, so what ``validate`` vouches for is
    exactly what the window would open.
    """
    try:
        load_dataset(location)
    except DatasetError as error:
        return error.problems
    return []


def load_dataset(location: Path | str | None = None,
                 layers: Mapping[str, Sequence[str] | None] | None = None) -> Dataset:
    """Load and validate a dataset: the bundled one when ``location`` is None, else what the
    data source that handles ``location`` opens (geodata/sources/: a GeoPackage file, …).

    A location no source handles is a DatasetError of one line, as any unreadable file is.

    ``layers`` (layer name → the columns needed, None for all and the geometry) asks only for
    those: an export reads the three layers it draws, not 100,000 participants. A GeoPackage
    whose content (its digest) was validated whole before is read for just those, and its other
    layers and columns are empty; any other location is loaded and validated whole, and a
    GeoPackage that passes is remembered (``ValidatedFiles``).
    """
    location = BUNDLED_DATASET if location is None else location
    if layers is None:
        return open_location(location)
    if source_for(location).name != "GeoPackage":
        return open_location(location)
    remembered = ValidatedFiles()
    digest = _digest(location)
    if digest is not None and remembered.knows(digest):
        partial = _read_validated(Path(location), layers)
        if _digest(location) == digest:  # not changed while it was read
            return partial
    dataset = open_location(location)
    if digest is not None and _digest(location) == digest:
        remembered.add(digest)
    return dataset


def _digest(location: Path | str) -> str | None:
    try:
        return identity_of(location)
    except OSError:
        return None


def _read_validated(path: Path, layers: Mapping[str, Sequence[str] | None]) -> Dataset:
    """The ``layers`` of a GeoPackage validated whole before, typed as a full load types them
    (the columns not read come back empty)."""
    from geodata.reading import read_layers
    from geodata.sources.tables import ID_LIST_COLUMNS
    from geodata.validation import normalise
    from geodata.vocabulary import split_id_list

    frames, problems = read_layers(path, layers)
    if problems:  # it read whole before: whatever fails now, the full load says it
        return open_location(path)
    typed = normalise(frames)
    for layer_name, columns in ID_LIST_COLUMNS.items():
        for column in columns:
            typed[layer_name][column] = typed[layer_name][column].map(split_id_list)
    info = dict(zip(typed["dataset_info"]["key"], typed["dataset_info"]["value"], strict=True))
    return Dataset(path=path, info=info,
                   **{name: frame for name, frame in typed.items() if name != "dataset_info"})


class ValidatedFiles:
    """The digests of the GeoPackages that passed validation whole, kept in the user's cache
    with the validating code's own digest: an export of a file met before need not read and
    check all of it again, and a changed file, or a file checked by other rules, is validated
    again. The newest MAX_REMEMBERED are kept."""

    MAX_REMEMBERED = 200
    FILE_NAME = "validated-datasets.txt"

    def __init__(self, path: Path | None = None):
        if path is None:
            from geodata.sources.offline_copy import cache_dir

            path = cache_dir().parent / self.FILE_NAME
        self.path = path

    def knows(self, digest: str) -> bool:
        return f"{_rules_digest()} {digest}" in self._lines()

    def add(self, digest: str) -> None:
        """Remember ``digest``; a cache that cannot be written only costs the next export a
        full validation (as two exports writing at once may)."""
        entry = f"{_rules_digest()} {digest}"
        lines = [line for line in self._lines() if line != entry][-(self.MAX_REMEMBERED - 1):]
        text = "".join(f"{line}\n" for line in [*lines, entry])
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_bytes(self.path, text.encode("ascii"))

    def _lines(self) -> list[str]:
        try:
            with self.path.open("rb") as handle:
                text = handle.read(self.MAX_REMEMBERED * 160).decode("ascii", "replace")
        except OSError:
            return []
        return text.splitlines()


VALIDATING_MODULES = ("geodata.validation", "geodata.schema", "geodata.vocabulary",
                      "geodata.reading", "geodata.sources.tables")
"""The modules whose code decides what is valid: a change to one validates every file again."""


@cache
def _rules_digest() -> str:
    """A digest of the validating code (its source files; in a frozen app, the program)."""
    digest = hashlib.sha256()
    for name in VALIDATING_MODULES:
        module = importlib.import_module(name)
        try:
            digest.update(Path(module.__file__).read_bytes())
        except (OSError, TypeError):  # frozen: the code lives inside the program
            program = Path(sys.executable)
            digest.update(f"{program} {program.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:32]
