"""Copy a dataset between a GeoPackage and a PostGIS schema, either way.

``copy_dataset(source, target)``: the layers are read as they are stored (no list splitting,
the geometries in EPSG:4326), checked against the schema as any open is, and written only when
they pass, so a shared database never receives a dataset the app would refuse. Writing is all or
nothing on both sides: a GeoPackage is written beside the target and renamed over it
(geodata/file_replace.py: under its lock, a symlink's file replaced), the database tables are
replaced in one transaction, then given the indexes the server-side queries use
(geodata/server_side/indexes.py). The bundled dataset is never a target. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geodata.bundled import BUNDLED_DATASET
from geodata.errors import DatasetError, Problem
from geodata.sources import Location, shown_location
from geodata.sources.postgis import handles_database


@dataclass(frozen=True)
class CopyReport:
    """What a copy wrote: rows per layer, and where (without any password)."""

    source: str
    target: str
    rows: dict[str, int]

    def summary(self) -> str:
        total = sum(self.rows.values())
        return (f"copied {total:,} rows in {len(self.rows)} layers from {self.source} "
                f"to {self.target}")


def copy_dataset(source: Location, target: Location) -> CopyReport:
    """Copy the dataset at ``source`` to ``target`` (a .gpkg path or a database location);
    a DatasetError listing every problem when the source is refused (nothing is written)."""
    frames = read_stored_layers(source)
    write_stored_layers(target, frames)
    return CopyReport(shown_location(source), shown_location(target),
                      {name: len(frame) for name, frame in frames.items()})


def read_stored_layers(location: Location) -> dict[str, pd.DataFrame]:
    """The layers at ``location`` as stored, once they pass the schema's checks."""
    from geodata.sources.tables import checked_dataset

    if _is_database(location):
        frames, problems = _read_database(location)
    else:
        from geodata.reading import read_layers

        frames, problems = read_layers(Path(location))
    checked_dataset(Path(str(shown_location(location))), frames, problems)  # raises if refused
    return frames


def write_stored_layers(location: Location, frames: dict[str, pd.DataFrame]) -> None:
    """Replace the dataset at ``location`` with ``frames``, all or nothing."""
    if _is_database(location):
        from geodata.server_side.indexes import prepare
        from geodata.sources.connection import connect, parse_location, reason
        from geodata.sources.postgis_tables import write_tables

        database = parse_location(location)
        import psycopg

        try:
            with connect(database) as connection, connection.transaction():
                write_tables(connection, database.schema, frames)
                # the server-side queries' indexes and search texts, in the same transaction
                prepare(connection, database.schema)
        except psycopg.Error as error:
            raise _refusal(f"cannot write to {database.public}: {reason(error, database)}") \
                from None
        return
    target = Path(location)
    if target.suffix.lower() != ".gpkg":
        raise _refusal(f"a copy is written to a .gpkg file or a database, not {target}")
    from geodata.file_replace import locked, replace_file, same_file
    from geodata.geopackage_create import write_dataset

    if same_file(target, BUNDLED_DATASET):
        raise _refusal("the bundled dataset is never changed: copy into a GeoPackage of your "
                       "own")

    try:
        with locked(target):
            replace_file(target, lambda staged: write_dataset(frames, staged))
    except OSError as error:
        raise _refusal(f"cannot write {target}: {error.strerror or error}") from None


def _read_database(location: Location):
    import psycopg

    from geodata.sources.connection import connect, parse_location, reason
    from geodata.sources.postgis_tables import read_tables

    database = parse_location(location)
    try:
        with connect(database) as connection:
            return read_tables(connection, database.schema)
    except psycopg.Error as error:
        raise _refusal(f"cannot read {database.public}: {reason(error, database)}") from None


def _is_database(location: Location) -> bool:
    return handles_database(location)


def _refusal(message: str) -> DatasetError:
    return DatasetError([Problem("", "", "", message)])
