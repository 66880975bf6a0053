"""The spreadsheet source: an organisation list (.xlsx, or .csv in UTF-8 or Shift_JIS) opened
as the bundled dataset with the list's organisations added as participants.

It lets an official look at a bureau's list on the map at once (``cluster-explorer
名簿.xlsx``, File ▸ Open) before deciding to import it into a GeoPackage of their own
(``cluster-explorer import``, File ▸ Import list…). It is the import without a target: the
same reading, column guess, offline placing and writer (geodata/importing), written to a
GeoPackage in the user's cache that is named by the list's and the bundled dataset's bytes, so
a list opened twice is placed once. Rows that cannot be placed here (no match, several places
to choose from, a missing project) are left out and said in one OpenedListWarning; the import
dialog is where they are resolved. The list itself is only read.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import replace
from pathlib import Path

from geodata.errors import DatasetError, DatasetNotice, Problem
from geodata.sources import QT_TRANSLATE_NOOP, DataSource, Location, register_source

SUFFIXES = (".xlsx", ".csv")
IDENTITY_FORMAT = 1
REPORTED_SHOWN = 20


class OpenedListWarning(DatasetNotice):
    """Some rows of an opened list are not on the map (each named by its row number)."""


class ListWithoutProject(DatasetError):
    """The list has no project column: which project its rows belong to is the user's to say
    (every participant belongs to one), so the window opens it in the import dialog."""


def handles_list(location: Location) -> bool:
    return str(location).lower().endswith(SUFFIXES)


def list_identity(location: Location) -> str:
    """The list's bytes and the bundled dataset's (its projects and gazetteer place the rows)."""
    from geodata.bundled import BUNDLED_DATASET
    from geodata.sources.gpkg import geopackage_identity

    digest = hashlib.sha256(f"list-{IDENTITY_FORMAT}".encode())
    digest.update(geopackage_identity(location).encode())
    digest.update(geopackage_identity(BUNDLED_DATASET).encode())
    return digest.hexdigest()


def placed_copy_path(location: Location) -> Path:
    """Where the list, placed onto the bundled dataset, is kept in the user's cache."""
    from geodata.sources.offline_copy import cache_dir

    return cache_dir() / "lists" / f"{Path(location).stem[:40]}-{list_identity(location)[:16]}.gpkg"


def open_list(location: Location):
    """The bundled dataset with the list's placeable rows added; a DatasetError naming the
    rows when none can be placed, or when the list cannot be read."""
    from geodata.importing import target_projects_and_gazetteer
    from geodata.importing.columns import HEADER_SEARCH_ROWS, guess_columns
    from geodata.importing.planning import plan_import
    from geodata.importing.reading import ListReadError, read_list
    from geodata.importing.writing import write_import
    from geodata.sources.gpkg import open_geopackage

    try:
        table = read_list(location)
    except ListReadError as error:
        message = str(error) if Path(location).name in str(error) else f"{location}: {error}"
        raise DatasetError([Problem("", "", "", message)]) from error
    if not table.header_found:
        raise DatasetError([Problem("", "", "", (
            f"{location}: no header row found: no row of its first {HEADER_SEARCH_ROWS} names "
            "a known column (such as 名称, 都道府県 or Name); File ▸ Import list… lets you "
            "choose the header row"))])
    mapping = guess_columns(table.headers)
    if "project" not in mapping:
        raise ListWithoutProject([Problem("", "", "", (
            f"{location}: the list has no project column; File ▸ Import list… asks which "
            "project its rows belong to"))])
    projects, gazetteer = target_projects_and_gazetteer(None)
    plan = plan_import(table, mapping, projects, gazetteer)
    reported = [f"row {outcome.row_number} ({outcome.name[:60]}): "
                f"{outcome.message(plan.prefecture_names)}" for outcome in plan.reported]
    if not plan.outcomes:
        raise DatasetError([Problem("", "", "", f"{location}: the list has no rows")])
    if not plan.ready:
        raise DatasetError([Problem("", "", "", f"{location}: no row of {len(plan.outcomes)} "
                                    "can be placed on the map")]
                           + [Problem("", "", "", line) for line in reported])
    copy = placed_copy_path(location)
    if not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_import(plan, copy)
    # Named by the list: the window's title, its recent files and the About box say the
    # list, and opening it again goes through this source (the cache copy is its business).
    dataset = replace(open_geopackage(copy), path=Path(location))
    if reported:
        more = len(reported) - REPORTED_SHOWN
        warnings.warn(OpenedListWarning("\n".join([
            f"{len(reported)} of {len(plan.outcomes)} rows of {Path(location).name} are not on "
            "the map; File ▸ Import list… lets you choose their places:",
            *reported[:REPORTED_SHOWN], *([f"… and {more} more"] if more > 0 else [])])),
            stacklevel=2)
    return dataset


register_source(DataSource(
    name="Spreadsheet list",
    description="an organisation list (.xlsx, or .csv in UTF-8 or Shift_JIS), shown on the "
    "bundled dataset",
    handles=handles_list,
    open=open_list,
    identity=list_identity,
    priority=10,
    suffixes=SUFFIXES,
    files_title=QT_TRANSLATE_NOOP("Domain", "Organisation lists"),
))
