"""Opening a dataset: ``load_dataset()`` the bundled GeoPackage, ``load_dataset(path)`` a
user's location through the data source that handles it (geodata/sources/). Either the whole
dataset loads, or one DatasetError lists every problem: there is no half-loaded state for the
window to show.

A GeoPackage validated whole once is remembered by its digest (``ValidatedFiles``), so an
export that needs three layers reads just those the next time.
"""

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from geodata.bundled import BUNDLED_DATASET
from geodata.code_digest import code_digest
from geodata.dataset import Dataset
from geodata.errors import DatasetError, Problem
from geodata.file_replace import replace_bytes
from geodata.sources import identity_of, open_location, source_for
from geodata.sources.tables import ID_LIST_COLUMNS


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
    from geodata.sources.tables import id_lists
    from geodata.validation import normalise

    frames, problems = read_layers(path, layers)
    if problems:  # it read whole before: whatever fails now, the full load says it
        return open_location(path)
    typed = normalise(frames)
    for layer_name, columns in ID_LIST_COLUMNS.items():
        for column in columns:
            typed[layer_name][column] = id_lists(typed[layer_name][column])
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


def _rules_digest() -> str:
    """A digest of the validating code (its source files; in a frozen app, the program)."""
    return code_digest(VALIDATING_MODULES)[:32]
