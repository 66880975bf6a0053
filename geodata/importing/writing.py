"""Writing a planned import into the target GeoPackage: the ready rows appended to
``participants``, one ``sources`` row for the list, the whole file validated, then put in place
atomically (geodata/file_replace.py: staged in a private folder beside the target, a symlink's
file replaced, under the target's lock so that two imports at once both land). The list itself
is only read; the target is replaced only by a file that loads.

Importing the same list again replaces the rows of its earlier import (same source id), so a
corrected list can be imported over the old one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point

from geodata import geopackage
from geodata.bundled import BUNDLED_DATASET
from geodata.errors import DatasetError, Problem
from geodata.file_replace import locked, replace_file, same_file
from geodata.importing.planning import ImportPlan, RowOutcome


@dataclass
class ImportResult:
    """What an import wrote."""

    target: Path
    imported: int
    replaced: int
    """Rows of an earlier import of the same list that the new rows replace."""
    reported: int


class ImportRefused(DatasetError):
    """The target cannot receive an import at all (the list itself, the bundled dataset): no
    result was made, so there is nothing that 'would not validate'."""


def write_import(plan: ImportPlan, target: Path | str,
                 check: Callable[[], None] | None = None) -> ImportResult:
    """Write the plan's ready rows into ``target`` (a copy of the bundled dataset when it does
    not exist yet); DatasetError, and ``target`` untouched, if the result would not load;
    ImportRefused when the target is the list or the bundled dataset; OSError when it cannot
    be written (FileBusyError: another import into it did not end in time).

    ``check()`` is called between the steps, the last time just before the target is
    replaced: a front end stops the import there by raising ImportCancelled, and the target
    is left as it was."""
    from geodata.loading import validate

    target = Path(target)
    if same_file(target, Path(plan.table.path)):
        raise ImportRefused([Problem("", "", "", "the target is the list itself: import into "
                                     "a GeoPackage (.gpkg)")])
    if same_file(target, BUNDLED_DATASET):
        raise ImportRefused([Problem("", "", "", "the bundled dataset is never changed: "
                                     "import into a GeoPackage of your own")])
    counts = {}
    check = check or (lambda: None)

    def write(staged: Path) -> None:
        check()
        base = final if final.exists() else BUNDLED_DATASET
        shutil.copyfile(base, staged)
        counts["replaced"] = _write_participants(staged, plan)
        _write_source(staged, plan)
        check()
        problems = validate(staged)
        if problems:
            raise DatasetError(problems)
        check()

    with locked(target) as final:
        replace_file(target, write)
    return ImportResult(target, len(plan.ready), counts["replaced"], len(plan.reported))


def _write_participants(path: Path, plan: ImportPlan) -> int:
    """Replace the rows of an earlier import of the list by its ready rows (points given in
    EPSG:4326, stored in the layer's CRS); how many rows were replaced."""
    rows = [_participant(plan, outcome) for outcome in plan.ready]
    points = [row.pop("geometry") for row in rows]
    with closing(geopackage.connect(path, write=True)) as db, db:
        _column, _srs_id, crs = geopackage.layer_crs(db, "participants")
        replaced = db.execute("DELETE FROM participants WHERE source_id = ?",
                              (plan.source_id,)).rowcount
        geopackage.append_rows(db, "participants", rows, _in_crs(points, crs))
    return replaced


def _in_crs(points: list, crs) -> list:
    """``points`` (EPSG:4326) in ``crs`` (None: as they are)."""
    from pyproj import CRS, Transformer

    if crs is None or CRS.from_user_input(crs) == CRS.from_epsg(4326):
        return points
    transformer = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    return list(shapely.transform(
        points, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))))


_PARTICIPANT_COLUMNS = ("participant_id", "project_id", "name_en", "name_ja", "kind", "role",
                        "location_basis", "location_note", "judgement", "source_id")


def _participant(plan: ImportPlan, outcome: RowOutcome) -> dict:
    values = outcome.values
    where = f"row {outcome.row_number} of {plan.list_label()}"
    if outcome.basis == "list-coordinates":
        note = f"coordinates given on {where}"
    else:
        note = (f"municipality {outcome.place.code}: "
                f"{outcome.place.label(plan.prefecture_names)}; matched "
                f"{outcome.match.looked_for!r} on {where}")
    judgement = None
    if outcome.chosen:
        judgement = (f"chosen by the user among {len(outcome.match.candidates)} gazetteer "
                     f"places that fit {outcome.match.looked_for!r}")
    return {
        "participant_id": plan.participant_id(outcome),
        "project_id": outcome.project_id,
        # name_en is required: a list with only Japanese names shows them there too
        "name_en": values.get("name_en") or values.get("name_ja"),
        "name_ja": values.get("name_ja"),
        "kind": outcome.kind,
        "role": values.get("role"),
        "location_basis": outcome.basis,
        "location_note": note,
        "judgement": judgement,
        "source_id": plan.source_id,
        "geometry": Point(outcome.lon, outcome.lat),
    }


def _write_source(path: Path, plan: ImportPlan) -> None:
    """The list's one ``sources`` row, in place of an earlier import's."""
    listed = Path(plan.table.path)
    modified = datetime.fromtimestamp(listed.stat().st_mtime).date().isoformat()
    counts = plan.counts()
    row = {
        "source_id": plan.source_id,
        "title": plan.list_label(),
        "author": "Not stated (an imported organisation list)",
        "date": modified,
        "file": listed.name,
        "description": (f"Imported on {date.today().isoformat()}: {counts['ready']} of "
                        f"{len(plan.outcomes)} rows; rows without coordinates placed at their "
                        "municipality's point (the places layer: municipalities of Japan, "
                        "© OpenStreetMap contributors, ODbL; GeoNames, CC BY 4.0)"),
    }
    with closing(geopackage.connect(path, write=True)) as db, db:
        db.execute("DELETE FROM sources WHERE source_id = ?", (plan.source_id,))
        geopackage.append_rows(db, "sources", [row])
