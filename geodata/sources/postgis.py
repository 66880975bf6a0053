"""The PostGIS source: a dataset kept in a PostgreSQL server, shared by the bureaus, opened
offline-first.

``postgresql://user@host/db?schema=name`` (or a libpq ``key=value`` string such as
``service=clusters schema=name``): SCHEMA.md's layers as tables of that PostgreSQL schema
(postgis_tables.py). Opening one reads every table in one snapshot, validates them as any
source does, and keeps what was read as the offline copy (offline_copy.py: written only when
the tables differ from what it holds; the window writes it once the map is shown). When the server
cannot be reached, the last offline copy opens instead: the Dataset's ``origin`` says so and
how old it is, and an OfflineCopyWarning says it on the command line.

Connections follow libpq (service file, .pgpass, PGPASSWORD); a password written in the
location is used to connect and never shown, logged or saved (connection.py).
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import replace

from geodata.errors import DatasetError, Problem
from geodata.sources import DataSource, Location, register_source
from geodata.sources.connection import is_database_location, public_location

IDENTITY_FORMAT = 2


class OfflineCopyWarning(UserWarning):
    """The database could not be reached: the offline copy opened instead (says how old)."""


def handles_database(location: Location) -> bool:
    """A postgresql:// URI, or a libpq key=value string that names no file on disk."""
    text = str(location)
    if text.split(":", 1)[0].lower() in ("postgresql", "postgres"):
        return True
    return is_database_location(text) and not os.path.lexists(text)


def open_database(location: Location):
    """The validated Dataset in the database, kept as the offline copy; the offline copy when
    the server cannot be reached; a DatasetError when neither can be had."""
    import psycopg

    from geodata.sources import offline_copy
    from geodata.sources.connection import connect, parse_location, reason
    from geodata.sources.postgis_tables import read_tables
    from geodata.sources.tables import checked_dataset

    database = parse_location(location)
    copy = offline_copy.copy_path(database)
    try:
        with connect(database) as connection:
            frames, problems = read_tables(connection, database.schema)
    except psycopg.OperationalError as error:
        return _offline_copy(database, copy, reason(error, database))
    dataset = checked_dataset(copy, frames, _located(problems, database.public))
    # unless it holds these tables already; a deferred copy is as new as what it will keep
    deferred = offline_copy.keep(frames, copy, database.public)
    from geodata.dataset import DatabaseOrigin

    saved = None if deferred else offline_copy.saved_at(copy)
    return replace(dataset, origin=DatabaseOrigin(database.public, saved or _now(),
                                                  copy_pending=deferred))


def _offline_copy(database, copy, why: str):
    """The offline copy of ``database`` with its age, or a DatasetError saying there is none."""
    from geodata.dataset import DatabaseOrigin
    from geodata.sources import offline_copy
    from geodata.sources.gpkg import open_geopackage

    saved = offline_copy.saved_at(copy)
    if saved is None:
        raise DatasetError([Problem("", "", "", f"cannot reach the database {database.public} "
                                    f"({why}), and it has no offline copy on this computer yet")])
    untrusted = offline_copy.untrusted_reason(copy)
    if untrusted:
        raise DatasetError([Problem("", "", "", f"cannot reach the database {database.public} "
                                    f"({why}), and its offline copy {copy} is not opened: "
                                    f"{untrusted}")])
    dataset = open_geopackage(copy)
    warnings.warn(OfflineCopyWarning(
        f"cannot reach the database {database.public} ({why}); opened its offline copy, "
        f"{offline_copy.age_text(saved)} (saved {saved:%Y-%m-%d %H:%M} UTC)"), stacklevel=2)
    return replace(dataset, origin=DatabaseOrigin(database.public, saved, why))


def _located(problems: list[Problem], public: str) -> list[Problem]:
    """A schema that is missing altogether is said with the database's name."""
    return [replace(problem, message=f"{problem.message} ({public})")
            if problem.message.startswith("the database has no schema") else problem
            for problem in problems]


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def database_identity(location: Location) -> str:
    """A digest that changes whenever a table's rows or columns do, computed by the server
    from its row versions (``_table_digests``); the offline copy's when the server cannot be
    reached (that is what would open). OSError when neither can be read."""
    import psycopg

    from geodata.sources import offline_copy
    from geodata.sources.connection import connect, parse_location, reason
    from geodata.sources.gpkg import geopackage_identity

    try:
        database = parse_location(location)
    except DatasetError as error:
        raise OSError(str(error)) from error
    try:
        with connect(database) as connection:
            digests = _table_digests(connection, database.schema)
    except psycopg.OperationalError as error:
        copy = offline_copy.copy_path(database)
        if not copy.exists():
            raise OSError(f"cannot reach {database.public}: {reason(error, database)}") \
                from error
        return "offline-copy " + geopackage_identity(copy)
    except psycopg.DatabaseError as error:
        raise OSError(f"cannot read {database.public}: {reason(error, database)}") from error
    text = f"postgis {IDENTITY_FORMAT} {database.key}\n" + "\n".join(digests)
    return hashlib.sha256(text.encode()).hexdigest()


def _table_digests(connection, schema: str) -> list[str]:
    """One line per layer that changes whenever its rows or its columns do.

    Each row version is named by the server's own bookkeeping — the transaction that wrote it
    (``xmin``) and where it lies (``ctid``) — summed as 64-bit hashes, so nothing is sorted and
    no row is turned into text: an INSERT, UPDATE or DELETE makes or removes row versions,
    and a rewrite (TRUNCATE, VACUUM FULL, ALTER … TYPE) moves them. The columns' names and
    types and the table's own id (a table dropped and made again) cover what changes no row.
    Hashing each row's text instead took 2.0–2.5 s for 100,000 projects and 200,000
    participants (this: about 0.25 s). A row version changed by nothing else is at worst a
    false "changed", which only costs rebuilding what was kept."""
    from psycopg import sql

    from geodata.schema import LAYERS

    tables = dict(connection.execute(
        "SELECT c.relname, c.oid::text || ' ' || c.relfilenode::text FROM pg_class AS c "
        "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p')", [schema]).fetchall())
    columns = dict(connection.execute(
        "SELECT table_name, string_agg(column_name || ' ' || udt_name, ',' "
        "ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = %s "
        "GROUP BY table_name", [schema]).fetchall())
    digests = []
    for layer in LAYERS:
        if layer.name not in tables:
            digests.append(f"{layer.name} missing")
            continue
        query = sql.SQL("SELECT count(*), coalesce(sum(hashtextextended("
                        "t.xmin::text || ':' || t.ctid::text, 0)::numeric), 0) FROM {0} AS t"
                        ).format(sql.Identifier(schema, layer.name))
        count, digest = connection.execute(query).fetchone()
        digests.append(f"{layer.name} {tables[layer.name]} {count} {digest} "
                       f"{columns.get(layer.name, '')}")
    return digests


register_source(DataSource(
    name="PostGIS",
    description="a PostGIS database (postgresql://user@host/db?schema=name, or a libpq "
                "service=NAME string)",
    handles=handles_database,
    open=open_database,
    identity=database_identity,
    shown=public_location,
    textual=True,
    priority=10,  # knows its locations by their text: asked before the catch-all GeoPackage
))
