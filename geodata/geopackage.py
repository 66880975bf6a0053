"""GeoPackage tables read and appended to through Python's sqlite3, geometries through shapely.

A GeoPackage is an SQLite database; a feature's geometry is a blob of a short header (``GP``,
version, flags, srs id, an optional envelope) followed by plain WKB (OGC 12-128r18,
"GeoPackageBinary"). Reading a layer is one SELECT fetched a chunk at a time, the header
lengths read from the flags and every WKB decoded at once by ``shapely.from_wkb``; nothing in
the file is evaluated as code.
The frames are built as pyogrio builds them (the same columns, dtypes, values and CRS, tested
against it), so the app needs no GDAL at run time: the frozen app leaves out pyogrio and the
80 MB of GDAL it carries.

Why not a library: fudgeo 1.5.10 (MIT; 0.7 MB, and bottleneck's 1.7 MB, which it requires) reads
and writes GeoPackages on sqlite3 too, but turns each geometry into a Python object of its own
through a converter it registers for every sqlite3 connection of the process, so a frame needs
a second pass into shapely, and its R-tree functions parse geometries in Python on every row
written. Reading the bench's large dataset's 100,000 participants (id, English name, point;
median of 5, load 5-6) took 1.49 s through its converters, 1.08 s through its cursor into its
own objects with no frame built yet, 0.45 s into a GeoDataFrame here. The frames, the CRS and
the hostile cells would be ours either way; what it would add beyond them, the ``ST_*``
functions GDAL's R-tree triggers call, is a dozen lines here.
"""

from __future__ import annotations

import sqlite3
import struct
import warnings
from collections.abc import Sequence
from contextlib import closing, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geodata.cycle_collection import collector_paused

GEOMETRY_TYPES = frozenset({
    "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
    "MULTIPOLYGON", "GEOMETRYCOLLECTION", "CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON",
    "MULTICURVE", "MULTISURFACE", "CURVE", "SURFACE"})
"""Geometry type names of a GeoPackage column (OGC 12-128r18, table 31 and annex E)."""
INTEGER_TYPES = frozenset({"BOOLEAN", "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER"})
REAL_TYPES = frozenset({"FLOAT", "DOUBLE", "REAL"})
TEXT_TYPES = frozenset({"TEXT", "DATE", "DATETIME"})
"""DATE and DATETIME are read as their text: the schema has none, and text is what is stored."""
ENVELOPE_BYTES = (0, 32, 48, 48, 64)
"""Bytes of the envelope after the 8-byte header, by the flags' envelope indicator (bits 1-3)."""
HEADER = struct.Struct("<2sBB")
TEXT_OR_NULL = frozenset({str, type(None)})
CHUNK_ROWS = 4096
"""Rows fetched at a time (see _fetched_columns): on the bench's large dataset 1,024 keeps no
less memory and 16,384 keeps 5 MB more."""
UNDEFINED_SRS = (0, -1)


def connect(path: Path | str, write: bool = False) -> sqlite3.Connection:
    """A connection to the file (read-only unless ``write``), with the SQL functions GDAL's
    R-tree triggers call, so that a row written here keeps the spatial index whole."""
    uri = f"{Path(path).resolve().as_uri()}?mode={'rw' if write else 'ro'}"
    db = sqlite3.connect(uri, uri=True, isolation_level=None if not write else "DEFERRED")
    for name, function in _ST_FUNCTIONS.items():
        db.create_function(name, 1, function, deterministic=True)
    return db


def layer_names(path: Path | str) -> list[str]:
    """The layers of the file as GDAL lists them: the tables ``gpkg_contents`` registers as
    features or attributes that exist (a registered table that does not is left out)."""
    with closing(connect(path)) as db:
        return [name for (name,) in db.execute(
            "SELECT c.table_name FROM gpkg_contents AS c"
            " JOIN sqlite_master AS m ON m.name = c.table_name AND m.type IN ('table', 'view')"
            " WHERE c.data_type IN ('features', 'attributes')"
            " ORDER BY c.data_type <> 'features', c.rowid")]


def read_table(path: Path | str, layer: str, columns: Sequence[str] | None = None,
               geometry: bool = True) -> pd.DataFrame:
    """Every row of ``layer``, as pyogrio reads it with ``SELECT *``: the attribute columns in
    the table's order (None: all), then ``geometry`` when the layer has one and ``geometry``
    is true (a GeoDataFrame with the layer's CRS, a pyproj CRS or None when undefined).

    Text columns hold str or None; an integer column int64 (float64 when it has a null), a
    real one float64, a blob one bytes. A cell of another type than its column's is kept as
    stored (the column becomes object): the validator names it instead of reading an invented
    0. A column of a type the GeoPackage standard does not know is read as text, with a
    warning naming it, as GDAL reads it.
    """
    with closing(connect(path)) as db, collector_paused():
        fields, geometry_column, srs_id = _layout(db, layer)
        if columns is not None:
            fields = [(name, kind) for name, kind in fields if name in set(columns)]
        selected = [name for name, _kind in fields]
        if geometry and geometry_column is not None:
            selected.append(geometry_column)
        listing = ", ".join(_quoted(name) for name in selected) or "NULL"
        texts = [kind is str for _name, kind in fields] + [False] * (len(selected) - len(fields))
        values = _fetched_columns(db.execute(f"SELECT {listing} FROM {_quoted(layer)}"),
                                  texts or [False])
        crs = _crs(db, srs_id) if geometry and geometry_column is not None else None
        data = {name: _column(kind, cells)
                for (name, kind), cells in zip(fields, values, strict=False)}
    frame = pd.DataFrame(data, columns=[name for name, _kind in fields])
    if not geometry or geometry_column is None:
        return frame
    import geopandas as gpd

    frame["geometry"] = decode_geometries(values[-1])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=crs)


def _fetched_columns(cursor: sqlite3.Cursor, texts: Sequence[bool]) -> list[list]:
    """The cursor's rows as one list per column, fetched a chunk at a time, the text columns'
    equal strings kept as one object each (the first read).

    sqlite3 makes a new str for every text cell; in a list of 100,000 participants most are
    repeats (a project id, a kind, a source), 35 MB of the 62 MB they take. Kept, every repeat is
    live until the frame is dropped; dropped after the whole table is read, they leave
    pymalloc's arenas partly used and the process no smaller. Dropped a chunk at a time, a
    chunk's repeats are freed before the next chunk is read, which reuses their memory: the
    window on the bench's large dataset peaks at 572 MB instead of 620 (whole process tree),
    reading no slower."""
    columns: list[list] = [[] for _ in texts]
    pools: list[dict | None] = [{} if text else None for text in texts]
    while chunk := cursor.fetchmany(CHUNK_ROWS):
        for column, pool, cells in zip(columns, pools, zip(*chunk, strict=True), strict=True):
            if pool is None:
                column.extend(cells)
            elif set(map(type, cells)) <= TEXT_OR_NULL:
                column.extend(map(pool.setdefault, cells, cells))
            else:  # only str shares: 1 and 1.0 are equal keys but different cells
                column.extend([pool.setdefault(cell, cell) if type(cell) is str else cell
                               for cell in cells])
        del chunk
    return columns


def _layout(db: sqlite3.Connection, layer: str):
    """The layer's attribute columns (name, kind), its geometry column and srs id."""
    found = db.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns"
                       " WHERE table_name = ?", (layer,)).fetchone()
    geometry_column, srs_id = found if found else (None, None)
    table = db.execute(f"PRAGMA table_info({_quoted(layer)})").fetchall()
    if not table:
        raise sqlite3.OperationalError(f"no such table: {layer}")
    fields = []
    for _cid, name, declared, _notnull, _default, primary in table:
        kind = _kind(declared)
        if primary and kind is int:
            continue  # the fid, which pyogrio makes the index
        if name == geometry_column:
            continue
        if kind is None:
            warnings.warn(f"column {name!r} of {layer!r} has a type a GeoPackage cannot hold"
                          f" ({declared!r}): it is read as text", RuntimeWarning, stacklevel=3)
            kind = str
        fields.append((name, kind))
    return fields, geometry_column, srs_id


def _kind(declared: str):
    """int, float, str or bytes for a column's declared type; None for one the standard
    lacks (read as text, as GDAL reads it in the result of a query)."""
    base = declared.strip().upper().split("(", 1)[0].strip()
    if base in INTEGER_TYPES:
        return int
    if base in REAL_TYPES:
        return float
    if base in TEXT_TYPES or base == "":
        return str
    return bytes if base == "BLOB" else None


def _column(kind, cells: Sequence) -> np.ndarray:
    """A column's cells as pyogrio gives them, odd cells as stored (see read_table)."""
    types = set(map(type, cells))
    if kind is bytes:
        return np.array(cells, dtype=object)
    if kind is str:
        if types <= {str, type(None)}:
            return np.array(cells, dtype=object)
        return np.array([_as_text(cell) for cell in cells], dtype=object)
    if not types <= {int, float, type(None)}:
        return _as_stored(kind, cells)
    if kind is int:
        if float in types and any(isinstance(cell, float) and not cell.is_integer()
                                  for cell in cells):
            return _as_stored(kind, cells)
        if None in cells:
            return np.array([np.nan if cell is None else cell for cell in cells], dtype=float)
        try:
            return np.array(cells, dtype=np.int64)
        except OverflowError:
            return _as_stored(kind, cells)
    return np.array([np.nan if cell is None else cell for cell in cells], dtype=float)


def _as_text(cell):
    """A text column's cell: numbers as their text, a blob as its bytes up to the first NUL
    read as UTF-8 (as GDAL reads them: bytes that are not UTF-8 fail the layer's read)."""
    if cell is None or isinstance(cell, str):
        return cell
    if isinstance(cell, bytes):
        return cell.split(b"\0", 1)[0].decode("utf-8")
    return format(cell, ".15g") if isinstance(cell, float) else str(cell)


def _as_stored(kind, cells: Sequence) -> np.ndarray:
    """An object column: numbers as the column's kind where exact, text that reads as a
    number as that number (a float), anything else as stored, a blob as its text."""
    def one(cell):
        if cell is None:
            return np.nan
        if isinstance(cell, bytes):
            cell = cell.decode("utf-8", errors="replace")
        if isinstance(cell, str):
            number = pd.to_numeric(cell, errors="coerce")
            return cell if pd.isna(number) else float(number)
        if kind is float or float(cell).is_integer():
            return kind(cell) if kind is float or abs(cell) < 2 ** 63 else cell
        return cell
    return np.array([one(cell) for cell in cells], dtype=object)


def decode_geometries(blobs: Sequence) -> np.ndarray:
    """shapely geometries of GeoPackage blobs; None for a null, an empty one, or a cell that is
    no GeoPackage geometry (no ``GP`` header, a cut WKB), as GDAL reads them."""
    offsets: dict[bytes, int | None] = {}  # by the blob's first four bytes
    wkb = np.empty(len(blobs), dtype=object)
    for index, blob in enumerate(blobs):
        if type(blob) is bytes:
            head = blob[:4]
            offset = offsets.get(head, -1)
            if offset == -1:
                offset = offsets[head] = _wkb_offset(head)
            if offset is not None:
                wkb[index] = blob[offset:]
    return shapely.from_wkb(wkb, on_invalid="ignore")


def _wkb_of(blob) -> bytes | None:
    """The WKB of one blob, None when it has none (see decode_geometries)."""
    offset = _wkb_offset(blob[:4]) if isinstance(blob, bytes) else None
    return None if offset is None else blob[offset:]


def _wkb_offset(head: bytes) -> int | None:
    """Where the WKB starts in a blob beginning with ``head``, None when it has no WKB."""
    if len(head) < HEADER.size:
        return None
    magic, _version, flags = HEADER.unpack_from(head)
    envelope = (flags >> 1) & 0b111
    if magic != b"GP" or envelope >= len(ENVELOPE_BYTES) or flags & 0b10_0000:
        return None  # not GeoPackageBinary, or an extended (non-standard) geometry
    if flags & 0b1_0000:
        return None  # flagged empty
    return 8 + ENVELOPE_BYTES[envelope]


def encode_geometries(geometries: Sequence, srs_id: int) -> list[bytes | None]:
    """GeoPackage blobs of shapely geometries, as GDAL writes them: little-endian ISO WKB after
    a header with the srs id, an envelope for all but points, None for a missing geometry."""
    shapes = np.asarray(geometries, dtype=object)
    wkb = shapely.to_wkb(shapes, byte_order=1, flavor="iso")
    empty = shapely.is_empty(shapes).tolist()
    point = (shapely.get_type_id(shapes) == 0).tolist()
    bounds = shapely.bounds(shapes).tolist()
    srs = struct.pack("<i", srs_id)
    plain, flagged_empty = HEADER.pack(b"GP", 0, 0b1) + srs, HEADER.pack(b"GP", 0, 0b1_0001) + srs
    enveloped = HEADER.pack(b"GP", 0, 0b11) + srs
    out: list[bytes | None] = []
    for body, is_empty, is_point, (minx, miny, maxx, maxy) in zip(wkb.tolist(), empty, point,
                                                                  bounds, strict=True):
        if body is None:
            out.append(None)
        elif is_empty:
            out.append(flagged_empty + body)
        elif is_point:
            out.append(plain + body)
        else:
            out.append(enveloped + struct.pack("<4d", minx, maxx, miny, maxy) + body)
    return out


def _crs(db: sqlite3.Connection, srs_id):
    """The layer's CRS: EPSG by code where the file names one, else its WKT; None when the
    srs is undefined (0, -1) or missing, or its definition is no CRS (as GDAL reads it)."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if srs_id is None or srs_id in UNDEFINED_SRS:
        return None
    found = db.execute("SELECT organization, organization_coordsys_id, definition"
                       " FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone()
    if found is None:
        return None
    organization, code, definition = found
    if str(organization).upper() == "EPSG" and code:
        with suppress(CRSError):
            return CRS.from_epsg(code)
    try:
        return CRS.from_wkt(definition)
    except CRSError:
        return None


def _bounds(blob):
    geometry = decode_geometries([blob])[0]
    return None if geometry is None else shapely.bounds(geometry)


def _is_empty(blob):
    return None if blob is None else int(_wkb_of(blob) is None)


_ST_FUNCTIONS = {
    "ST_IsEmpty": _is_empty,
    "ST_MinX": lambda blob: None if (b := _bounds(blob)) is None else float(b[0]),
    "ST_MinY": lambda blob: None if (b := _bounds(blob)) is None else float(b[1]),
    "ST_MaxX": lambda blob: None if (b := _bounds(blob)) is None else float(b[2]),
    "ST_MaxY": lambda blob: None if (b := _bounds(blob)) is None else float(b[3]),
}
"""The SpatiaLite functions GDAL's R-tree triggers (gpkg_rtree_index) call on every write."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def layer_crs(db: sqlite3.Connection, layer: str):
    """The layer's geometry column, srs id and CRS (None when undefined)."""
    found = db.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns"
                       " WHERE table_name = ?", (layer,)).fetchone()
    if found is None:
        raise sqlite3.OperationalError(f"{layer} has no geometry column")
    column, srs_id = found
    return column, srs_id, _crs(db, srs_id)


def append_rows(db: sqlite3.Connection, layer: str, rows: Sequence[dict],
                geometries: Sequence | None = None) -> None:
    """Insert ``rows`` (column → value) into ``layer``, with their shapely ``geometries`` in
    the layer's CRS when it has one, inside the caller's transaction.

    GDAL's triggers keep ``gpkg_ogr_contents`` counted and the R-tree whole (their ST_*
    functions are the connection's: see connect); the layer's extent and change time in
    ``gpkg_contents`` are widened and stamped here, as GDAL does on a write."""
    if not rows:
        return
    names = list(rows[0])
    values = [[row[name] for name in names] for row in rows]
    if geometries is not None:
        column, srs_id, _crs_of_layer = layer_crs(db, layer)
        names.append(column)
        for row_values, blob in zip(values, encode_geometries(geometries, srs_id), strict=True):
            row_values.append(blob)
        _widen_extent(db, layer, geometries)
    listing = ", ".join(_quoted(name) for name in names)
    marks = ", ".join("?" * len(names))
    db.executemany(f"INSERT INTO {_quoted(layer)} ({listing}) VALUES ({marks})", values)
    db.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
               " WHERE table_name = ?", (layer,))


def _widen_extent(db: sqlite3.Connection, layer: str, geometries: Sequence) -> None:
    present = [geometry for geometry in geometries
               if geometry is not None and not shapely.is_empty(geometry)]
    if not present:
        return
    minx, miny, maxx, maxy = shapely.total_bounds(present)
    db.execute("UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?1), ?1),"
               " min_y = min(coalesce(min_y, ?2), ?2), max_x = max(coalesce(max_x, ?3), ?3),"
               " max_y = max(coalesce(max_y, ?4), ?4) WHERE table_name = ?5",
               (float(minx), float(miny), float(maxx), float(maxy), layer))
