"""Importing a bureau's organisation list (Excel .xlsx or CSV, UTF-8 or Shift_JIS) into a
dataset: read it (reading), map its columns (columns), check and place every row offline with
the municipality gazetteer (placing, planning) and write the ready rows into a GeoPackage
atomically (writing). No Qt; the command line and the window's dialog both use it."""

from __future__ import annotations

from pathlib import Path

from geodata.bundled import BUNDLED_DATASET


def target_projects_and_gazetteer(target: Path | str | None):
    """The projects of the dataset rows will join (the target, or the bundled dataset when the
    target does not exist yet) and the gazetteer (the bundled ``places`` and prefectures: the
    app's own, whichever file the rows go into)."""
    from geodata.importing.placing import gazetteer_of
    from geodata.loading import load_dataset

    bundled = load_dataset(BUNDLED_DATASET)
    base = bundled
    if target is not None and Path(target).exists():
        base = load_dataset(target)
    return base.projects, gazetteer_of(bundled)
