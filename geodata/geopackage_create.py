"""A new GeoPackage of the given layers, written through sqlite3 as GDAL writes one.

The tables, triggers and R-tree index are GDAL's own (3.x, GeoPackage 1.4: the statements
below are the ones its files hold), so the file opens in GDAL and QGIS as if GDAL had written
it, and a later import into it (geodata/importing/writing.py) keeps its counts and index whole
through those triggers. A copy of a dataset (geodata/copying.py) and the offline copy of a
database (geodata/sources/offline_copy.py) are written here at run time, without GDAL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geodata.geopackage import _quoted, connect, encode_geometries

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10400  # GeoPackage 1.4
FID = "fid"
GEOMETRY = "geom"

_CORE = """
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,srs_id INTEGER NOT NULL PRIMARY KEY,organization TEXT NOT NULL,organization_coordsys_id INTEGER NOT NULL,definition  TEXT NOT NULL,description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,data_type TEXT NOT NULL,identifier TEXT UNIQUE,description TEXT DEFAULT '',last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),min_x DOUBLE, min_y DOUBLE,max_x DOUBLE, max_y DOUBLE,srs_id INTEGER,CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_ogr_contents(table_name TEXT NOT NULL PRIMARY KEY,feature_count INTEGER DEFAULT NULL);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,geometry_type_name TEXT NOT NULL,srs_id INTEGER NOT NULL,z TINYINT NOT NULL,m TINYINT NOT NULL,CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),CONSTRAINT uk_gc_table_name UNIQUE (table_name),CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
"""  # noqa: E501 (GDAL's statements as its files hold them)

_WGS84 = ("WGS 84 geodetic", 4326, "EPSG", 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID['
          '"WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],'
          'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
          'AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY['
          '"EPSG","4326"]]', "longitude/latitude coordinates in decimal degrees on the WGS 84 "
          "spheroid")

_COUNT_TRIGGERS = """
CREATE TRIGGER "trigger_insert_feature_count_{name}" AFTER INSERT ON {table} BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower('{text}'); END;
CREATE TRIGGER "trigger_delete_feature_count_{name}" AFTER DELETE ON {table} BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower('{text}'); END;
"""  # noqa: E501

_RTREE_TRIGGERS = """
CREATE TRIGGER "{rtree}_insert" AFTER INSERT ON {table} WHEN (new."geom" NOT NULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO "{rtree}" VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END;
CREATE TRIGGER "{rtree}_update6" AFTER UPDATE OF "geom" ON {table} WHEN OLD."fid" = NEW."fid" AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) AND (OLD."geom" NOTNULL AND NOT ST_IsEmpty(OLD."geom")) BEGIN UPDATE "{rtree}" SET minx = ST_MinX(NEW."geom"), maxx = ST_MaxX(NEW."geom"),miny = ST_MinY(NEW."geom"), maxy = ST_MaxY(NEW."geom") WHERE id = NEW."fid";END;
CREATE TRIGGER "{rtree}_update7" AFTER UPDATE OF "geom" ON {table} WHEN OLD."fid" = NEW."fid" AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) AND (OLD."geom" ISNULL OR ST_IsEmpty(OLD."geom")) BEGIN INSERT INTO "{rtree}" VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END;
CREATE TRIGGER "{rtree}_update2" AFTER UPDATE OF "geom" ON {table} WHEN OLD."fid" = NEW."fid" AND (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{rtree}" WHERE id = OLD."fid"; END;
CREATE TRIGGER "{rtree}_update5" AFTER UPDATE ON {table} WHEN OLD."fid" != NEW."fid" AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{rtree}" WHERE id = OLD."fid"; INSERT OR REPLACE INTO "{rtree}" VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END;
CREATE TRIGGER "{rtree}_update4" AFTER UPDATE ON {table} WHEN OLD."fid" != NEW."fid" AND (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "{rtree}" WHERE id IN (OLD."fid", NEW."fid"); END;
CREATE TRIGGER "{rtree}_delete" AFTER DELETE ON {table} WHEN old."geom" NOT NULL BEGIN DELETE FROM "{rtree}" WHERE id = OLD."fid"; END;
"""  # noqa: E501


def write_layers(path: Path, layers: Sequence[tuple[str, pd.DataFrame, str | None]]) -> None:
    """Write a new GeoPackage at ``path`` (which must not exist) holding ``layers``: (name,
    frame, geometry type such as POINT or MULTIPOLYGON, None for a table without geometry).

    Columns are typed as GDAL types them (integers INTEGER, reals REAL, booleans BOOLEAN,
    anything else TEXT; a NaN is stored as NULL); a spatial frame's CRS is stored with it.
    The file is whole when this returns: one transaction, then closed."""
    sqlite3.connect(path).close()  # connect() opens an existing file only
    with closing(connect(path, write=True)) as db:
        # a new file, staged: nothing to roll back to, so no journal (file_replace syncs it)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA cache_size = -65536")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {USER_VERSION}")
        db.executescript(_CORE)
        with db:
            db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", _WGS84)
            for name, frame, geometry_type in layers:
                _write_layer(db, name, frame, geometry_type)


def _write_layer(db: sqlite3.Connection, name: str, frame: pd.DataFrame,
                 geometry_type: str | None) -> None:
    table, text = _quoted(name), name.replace("'", "''")
    spatial = geometry_type is not None
    attributes = [column for column in frame.columns
                  if not (spatial and column == frame.geometry.name)]
    kinds = [_sql_type(frame[column]) for column in attributes]
    listing = "".join(f", {_quoted(str(column))} {kind}"
                      for column, kind in zip(attributes, kinds, strict=True))
    geometry = f', "{GEOMETRY}" {geometry_type}' if spatial else ""
    db.execute(f'CREATE TABLE {table} ( "{FID}" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL'
               f"{geometry}{listing})")
    srs_id = _srs_id(db, frame.crs) if spatial else 0
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
               " srs_id) VALUES (?, ?, ?, '', ?)",
               (name, "features" if spatial else "attributes", name, srs_id))
    db.execute("INSERT INTO gpkg_ogr_contents VALUES (?, ?)", (name, len(frame)))
    geometries = np.asarray(frame.geometry.array, dtype=object) if spatial else None
    _insert_rows(db, table, frame, attributes, geometries, srs_id)
    if spatial:
        db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
                   (name, GEOMETRY, geometry_type, srs_id))
        _index(db, name, table, geometries)
    # the triggers come last: rows written here are counted and indexed at once, not one by
    # one through Python functions
    for statement in _COUNT_TRIGGERS.format(name=name.replace('"', '""'), table=table,
                                            text=text).strip().split(";\n"):
        db.execute(statement)


def _insert_rows(db, table: str, frame: pd.DataFrame, attributes: list, geometries,
                 srs_id: int) -> None:
    columns = [_cells(frame[column]) for column in attributes]
    names = [_quoted(str(column)) for column in attributes]
    if geometries is not None:
        columns.insert(0, encode_geometries(geometries, srs_id))
        names.insert(0, f'"{GEOMETRY}"')
    if not len(frame):
        return
    if names:
        marks = ", ".join("?" * len(names))
        db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                       zip(*columns, strict=True))
    else:
        db.executemany(f"INSERT INTO {table} DEFAULT VALUES", [()] * len(frame))


def _index(db, name: str, table: str, geometries: np.ndarray) -> None:
    """The layer's R-tree (GeoPackage's gpkg_rtree_index extension), filled from the bounds
    of its geometries, its triggers keeping it whole on later writes; its extent."""
    rtree = f"rtree_{name}_{GEOMETRY}".replace('"', '""')
    db.execute(f'CREATE VIRTUAL TABLE "{rtree}" USING rtree(id, minx, maxx, miny, maxy)')
    db.execute("INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index',"
               " 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
               (name, GEOMETRY))
    fids = [fid for (fid,) in db.execute(f'SELECT "{FID}" FROM {table} ORDER BY "{FID}"')]
    present = ~shapely.is_empty(geometries) & ~shapely.is_missing(geometries)
    if present.any():
        bounds = shapely.bounds(geometries[present].tolist())
        db.executemany(f'INSERT INTO "{rtree}" VALUES (?, ?, ?, ?, ?)',
                       ((fid, minx, maxx, miny, maxy) for fid, (minx, miny, maxx, maxy)
                        in zip(np.asarray(fids)[present].tolist(), bounds.tolist(),
                               strict=True)))
        minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
        maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
        db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?"
                   " WHERE table_name = ?", (float(minx), float(miny), float(maxx),
                                             float(maxy), name))
    for statement in _RTREE_TRIGGERS.format(rtree=rtree, table=table).strip().split(";\n"):
        db.execute(statement)


def _sql_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "BOOLEAN"
    if pd.api.types.is_integer_dtype(series):
        return "INTEGER"
    if pd.api.types.is_float_dtype(series):
        return "REAL"
    return "TEXT"


def _cells(series: pd.Series) -> list:
    """Python values sqlite3 stores: None for a missing value (NaN, NA, None)."""
    values = series.astype(object).where(series.notna(), None).tolist()
    if set(map(type, values)) <= {int, float, str, bytes, bool, type(None)}:
        return values
    return [None if value is None else _plain(value) for value in values]


def _plain(value):
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (int, float, str, bytes)):
        return value
    return str(value)


def _srs_id(db: sqlite3.Connection, crs) -> int:
    """The srs id of ``crs`` in the file, added when new (EPSG codes as their own id)."""
    from pyproj import CRS

    if crs is None:
        return 0
    crs = CRS.from_user_input(crs)
    if crs == CRS.from_epsg(4326):
        return 4326
    code = crs.to_epsg()
    srs_id = code if code else 100000 + db.execute(
        "SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id >= 100000").fetchone()[0]
    if db.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone():
        return srs_id
    db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)",
               (crs.name, srs_id, "EPSG" if code else "NONE", code or srs_id,
                crs.to_wkt("WKT1_GDAL")))
    return srs_id


def write_dataset(layers: dict[str, pd.DataFrame], path: Path) -> None:
    """Write the given schema layers, in schema order, as a new GeoPackage at ``path`` (staged
    by the caller: geodata/file_replace.py); a spatial layer's geometry type is the schema's."""
    from geodata.schema import LAYERS

    write_layers(path, [(layer.name, layers[layer.name], layer.geometry)
                        for layer in LAYERS if layer.name in layers])
