"""The schema layers as PostGIS tables: read into frames, written in one transaction.

A dataset in PostgreSQL is SCHEMA.md's layers as tables of one PostgreSQL schema, columns named
as in the GeoPackage, geometries in a PostGIS ``geometry`` column, plus a ``fid`` key that keeps
the rows' order. Table and column names come from the schema (geodata/schema.py) or from the
catalogue and are quoted with ``psycopg.sql.Identifier``; values always travel as parameters
or through COPY, never inside SQL text. Geometries travel as WKB. No Qt.

A schema the app writes is marked as a Cluster Explorer dataset by a small table of its own
(``MARKER_TABLE``). Writing replaces layer tables only in a marked schema, or in one that holds
no table of a layer's name: a table the app did not make (``public.projects`` of another
system) is never dropped.

A geometry's SRID is looked up in the database's own ``spatial_ref_sys`` (its authority code,
else its WKT, else its PROJ text), not assumed to be an EPSG code: a local SRID such as 990001
is reprojected from its definition, or is one problem saying why it cannot be.
"""

from __future__ import annotations

import math
from decimal import Decimal

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geodata.errors import DatasetError, Problem
from geodata.reading import _to_target_crs, empty_layer
from geodata.schema import INTEGER, LAYERS, LAYERS_BY_NAME, REAL

ORDER_COLUMN = "fid"
GEOMETRY_COLUMN = "geometry"
TARGET_SRID = 4326
INTEGER_TYPES = {"smallint", "integer", "bigint"}
REAL_TYPES = {"real", "double precision", "numeric"}
MARKER_TABLE = "cluster_explorer_dataset"
MARKER_FORMAT = "1"
# A copy is a deliberate act, and a large layer over a slow link takes more than a read may.
WRITE_STATEMENT_TIMEOUT_S = 600


def read_tables(connection, schema: str) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every schema layer in ``schema``, in one consistent snapshot; missing ones are Problems.

    Spatial layers come back as GeoDataFrames in EPSG:4326 (reprojected from the column's SRID),
    their geometry column named ``geometry`` as the GeoPackage reader names it.
    """
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        found = connection.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [schema]
        ).fetchone()
        if found is None:
            return {}, [Problem("", "", "", f"the database has no schema {schema!r}")]
        columns = _columns_by_table(connection, schema)
        geometry_srids = dict(connection.execute(
            "SELECT f_table_name || '.' || f_geometry_column, srid FROM geometry_columns"
            " WHERE f_table_schema = %s", [schema]).fetchall())
        for layer in LAYERS:
            if layer.name not in columns:
                if layer.optional:  # as in a GeoPackage: an optional layer reads as empty
                    frames[layer.name] = empty_layer(layer.name)
                else:
                    problems.append(Problem(layer.name, "", "", "missing layer"))
                continue
            try:
                with connection.transaction():  # a savepoint: one unreadable table is one problem
                    frame, layer_problems = _read_table(connection, schema, layer.name,
                                                        columns[layer.name], geometry_srids,
                                                        spatial=layer.geometry is not None)
            except _LayerUnreadable as unreadable:
                problems.append(unreadable.problem)
                continue
            problems.extend(layer_problems)
            if frame is not None:
                frames[layer.name] = frame
    return frames, problems


def _columns_by_table(connection, schema: str) -> dict[str, list[tuple[str, str]]]:
    """(column, type) of every table and view of ``schema``, in column order."""
    rows = connection.execute(
        "SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns"
        " WHERE table_schema = %s ORDER BY table_name, ordinal_position", [schema]).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type, udt_name in rows:
        tables.setdefault(table, []).append(
            (column, udt_name if data_type == "USER-DEFINED" else data_type))
    return tables


def _read_table(connection, schema: str, name: str, columns: list[tuple[str, str]],
                geometry_srids: dict, spatial: bool):
    geometry = next((column for column, kind in columns if kind == "geometry"), None)
    if spatial and geometry is None:
        return None, [Problem(name, "", "geometry", "the layer has no geometry column")]
    names = [column for column, _kind in columns
             if column != ORDER_COLUMN and column != geometry]
    selected = [sql.Identifier(column) for column in names]
    if spatial:
        selected += [sql.SQL("ST_AsBinary({0})").format(sql.Identifier(geometry)),
                     sql.SQL("ST_SRID({0})").format(sql.Identifier(geometry))]
    ordered = any(column == ORDER_COLUMN for column, _kind in columns)
    query = sql.SQL("SELECT {columns} FROM {table}{order}").format(
        columns=sql.SQL(", ").join(selected) if selected else sql.SQL("1"),
        table=sql.Identifier(schema, name),
        order=sql.SQL(" ORDER BY {0}").format(sql.Identifier(ORDER_COLUMN)) if ordered
        else sql.SQL(""))
    try:
        rows = connection.execute(query).fetchall()
    except psycopg.OperationalError:
        raise  # the server went away: the caller falls back on the offline copy
    except psycopg.DatabaseError as error:  # a permission, a broken view
        text = str(error).strip().splitlines()
        raise _LayerUnreadable(name, text[0][:200] if text else type(error).__name__) from error
    cells = _columns_of(rows, len(selected) if selected else 1)
    types = dict(columns)
    frame = pd.DataFrame({column: _column_values(cells[index], types[column])
                          for index, column in enumerate(names)},
                         index=pd.RangeIndex(len(rows)))
    if not spatial:
        return frame, []
    geometries = shapely.from_wkb(cells[len(names)])
    # Heights and measures (Z, M) mean nothing on the map, and a GeoPackage layer of the
    # schema's 2D type cannot keep them (the offline copy would fail): only x and y are read.
    if (shapely.get_coordinate_dimension(geometries) > 2).any():  # a Z or an M
        geometries = shapely.force_2d(geometries)
    srid = geometry_srids.get(f"{name}.{geometry}") or _row_srid(rows, len(names) + 1)
    crs, problem = _crs_of(connection, srid, name) if srid else (None, None)
    if problem is not None:
        return None, [problem]
    return _to_target_crs(gpd.GeoDataFrame(frame, geometry=geometries, crs=crs), name)


def _crs_of(connection, srid: int, layer: str):
    """The pyproj CRS the database means by ``srid``: its spatial_ref_sys row read as an
    authority code, else as WKT, else as PROJ text (PostGIS itself uses that last one); a
    Problem naming the SRID when none of them is a coordinate system PROJ knows."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        row = connection.execute("SELECT auth_name, auth_srid, srtext, proj4text FROM "
                                 "spatial_ref_sys WHERE srid = %s", [srid]).fetchone()
    except psycopg.OperationalError:
        raise  # the server went away: the caller falls back on the offline copy
    except psycopg.DatabaseError as error:  # no permission on spatial_ref_sys, say
        text = str(error).strip().splitlines()
        raise _LayerUnreadable(layer, f"SRID {srid}: " + (text[0][:200] if text else
                                                            type(error).__name__)) from error
    if row is None:
        return None, Problem(layer, "", "geometry", f"SRID {srid} is not in the database's "
                             "spatial_ref_sys: its coordinate system is unknown")
    auth_name, auth_srid, srtext, proj4text = row
    candidates = [f"{auth_name}:{auth_srid}" if auth_name and auth_srid else None,
                  srtext, proj4text]
    for candidate in candidates:
        if candidate and candidate.strip():
            try:
                return CRS.from_user_input(candidate.strip()), None
            except CRSError:
                continue
    return None, Problem(layer, "", "geometry", f"SRID {srid} ({auth_name or 'no authority'}:"
                         f"{auth_srid}) is not a coordinate system PROJ knows, and its "
                         "definition in spatial_ref_sys cannot be read")


class _LayerUnreadable(Exception):
    """A table that exists but cannot be read (turned into a Problem by the source)."""

    def __init__(self, layer: str, reason: str):
        super().__init__(f"{layer}: {reason}")
        self.problem = Problem(layer, "", "", f"cannot read the layer ({reason})")


def _row_srid(rows: list, index: int) -> int | None:
    """The one SRID the rows' geometries carry (a column declared without one), else None."""
    srids = {row[index] for row in rows if row[index]}
    return srids.pop() if len(srids) == 1 else None


PLAIN_KINDS = frozenset({"string", "integer", "floating", "mixed-integer-float", "boolean",
                         "empty"})
"""What pandas infers of a column whose cells are all text, numbers, booleans or missing
(``infer_dtype``, in C): such a column is taken as it is, without a look at each cell."""


PLAIN_TYPES = frozenset({"text", "character varying", "character", "smallint", "integer",
                         "bigint", "real", "double precision", "boolean"})
"""Column types whose cells psycopg gives as text, int, float or bool (or None): taken as
they are without asking pandas what they hold."""


def _columns_of(rows: list, width: int) -> list[np.ndarray]:
    """The rows' cells column by column, each an object array.

    One table of cells made in C, then sliced; cells that are sequences themselves (an array
    or JSON column) cannot be laid out so, and each stays one cell of a column made apart."""
    try:
        table = np.array(rows, dtype=object)
    except (ValueError, TypeError):  # cells of unequal length, sequences of sequences
        table = None
    if table is not None and table.shape == (len(rows), width):
        return [table[:, index].copy() for index in range(width)]
    cells = list(zip(*rows, strict=True)) or [()] * width
    return [np.fromiter(column, dtype=object, count=len(rows))  # a list stays one cell
            for column in cells]


def _column_values(cells: np.ndarray, sql_type: str) -> pd.Series:
    """A column as the GeoPackage reader gives it: whole numbers as int64 (float64 when some
    are missing), reals as float64, text as text; a Decimal is a float, a date its text.

    Almost every column holds only text, numbers or missing cells: those are known as such by
    their type or in C, so a table of a few hundred thousand rows is not converted cell by
    cell in Python."""
    if sql_type not in PLAIN_TYPES and (
            pd.api.types.infer_dtype(cells, skipna=True) not in PLAIN_KINDS):
        cells = np.fromiter(map(_plain_value, cells), dtype=object, count=len(cells))
    return pd.Series(cells, dtype=object).infer_objects()


def _plain_value(value):
    """One cell as the GeoPackage reader would give it: a Decimal is a float, a date (or any
    other type the server sends) its text, text, numbers and booleans as they are."""
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def write_tables(connection, schema: str, frames: dict[str, pd.DataFrame]) -> None:
    """Replace the schema layers in ``schema`` with ``frames``, all or nothing.

    One transaction: the schema is created when missing and marked as a Cluster Explorer
    dataset, each layer's table dropped and made again, its rows copied in; on any failure
    nothing changed. Tables of other names in the schema are left alone. A DatasetError, and
    nothing changed, when the schema holds tables of layer names that the app did not make.
    """
    with connection.transaction():
        connection.execute("SELECT set_config('statement_timeout', %s, true)",
                           [f"{WRITE_STATEMENT_TIMEOUT_S}s"])
        connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(
            sql.Identifier(schema)))
        # two copies into one schema at once: the second waits, then sees the first's mark
        connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                           [f"cluster-explorer {schema}"])
        _claim_schema(connection, schema)
        for layer in LAYERS:
            if layer.name in frames:
                _write_table(connection, schema, layer.name, frames[layer.name])


def _claim_schema(connection, schema: str) -> None:
    """Mark ``schema`` as a Cluster Explorer dataset, or refuse it when it holds relations of
    layer names and no mark: those belong to someone else."""
    present = {name for (name,) in connection.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", [schema])}
    if MARKER_TABLE not in present:
        foreign = [layer.name for layer in LAYERS if layer.name in present]
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more"
                                              if len(foreign) > 5 else "")
            raise DatasetError([Problem("", "", "", (
                f"the schema {schema!r} is not a Cluster Explorer dataset and already holds "
                f"{shown}: nothing was changed; copy into a schema of its own "
                "(?schema=name)"))])
        connection.execute(sql.SQL("CREATE TABLE {0} (key text PRIMARY KEY, value text)")
                           .format(sql.Identifier(schema, MARKER_TABLE)))
        connection.execute(sql.SQL("COMMENT ON TABLE {0} IS {1}").format(
            sql.Identifier(schema, MARKER_TABLE),
            sql.Literal("marks this schema as a Cluster Explorer dataset: the app replaces its "
                        "layer tables when a dataset is copied here")))
    connection.execute(sql.SQL(
        "INSERT INTO {0} (key, value) VALUES ('format', %s), ('written_at', now()::text)"
        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value").format(
        sql.Identifier(schema, MARKER_TABLE)), [MARKER_FORMAT])


def _write_table(connection, schema: str, name: str, frame: pd.DataFrame) -> None:
    layer = LAYERS_BY_NAME[name]
    table = sql.Identifier(schema, name)
    spatial = isinstance(frame, gpd.GeoDataFrame) and layer.geometry is not None
    geometry_name = frame.geometry.name if spatial else None
    names = [column for column in frame.columns
             if column != geometry_name and column != ORDER_COLUMN]
    types = {column: _column_type(name, column, frame[column]) for column in names}
    definitions = [sql.SQL("{0} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY").format(
        sql.Identifier(ORDER_COLUMN))]
    definitions += [sql.SQL("{0} {1}").format(sql.Identifier(column), sql.SQL(types[column]))
                    for column in names]
    if spatial:
        definitions.append(sql.SQL("{0} geometry({1}, {2})").format(
            sql.Identifier(GEOMETRY_COLUMN), sql.SQL(layer.geometry), sql.Literal(TARGET_SRID)))
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {0}").format(table))
    connection.execute(sql.SQL("CREATE TABLE {0} ({1})").format(
        table, sql.SQL(", ").join(definitions)))
    targets = [*names, GEOMETRY_COLUMN] if spatial else names
    columns = [_values_for(frame[column], types[column]) for column in names]
    if spatial:
        columns.append(_ewkb_hex(frame.to_crs(TARGET_SRID).geometry if frame.crs else
                                 frame.geometry))
    copy = sql.SQL("COPY {0} ({1}) FROM STDIN").format(
        table, sql.SQL(", ").join(sql.Identifier(column) for column in targets))
    with connection.cursor() as cursor, cursor.copy(copy) as rows:
        for row in zip(*columns, strict=True) if columns else [() for _ in range(len(frame))]:
            rows.write_row(row)
    if spatial:
        connection.execute(sql.SQL("CREATE INDEX ON {0} USING gist ({1})").format(
            table, sql.Identifier(GEOMETRY_COLUMN)))


def _column_type(layer: str, column: str, values: pd.Series) -> str:
    """The SQL type of a column: the schema's for its columns, else from the frame's dtype."""
    known = next((each for each in LAYERS_BY_NAME[layer].columns if each.name == column), None)
    if known is not None:
        return {INTEGER: "bigint", REAL: "double precision"}.get(known.kind, "text")
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "bigint"
    if pd.api.types.is_float_dtype(values):
        return "double precision"
    return "text"


def _values_for(values: pd.Series, sql_type: str) -> list:
    """The column's cells as COPY takes them: None for missing, whole numbers as int."""
    cells = []
    for value in values.tolist():
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            cells.append(None)
        elif sql_type == "bigint":
            cells.append(int(value))
        elif sql_type == "text":
            cells.append(str(value))
        else:
            cells.append(value)
    return cells


def _ewkb_hex(geometries: gpd.GeoSeries) -> list:
    """Each geometry as hex EWKB with SRID 4326 (what PostGIS's text input reads), or None."""
    stamped = shapely.set_srid(geometries.to_numpy(), TARGET_SRID)
    hexes = shapely.to_wkb(stamped, hex=True, include_srid=True)
    return [None if geometry is None else text for geometry, text in zip(
        geometries.to_numpy(), hexes, strict=True)]
