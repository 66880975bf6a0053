"""Reading a GeoPackage's layers into frames, turning every I/O failure into a Problem.

Only SQLite and shapely parse the file (geodata/geopackage.py): nothing in a dataset is ever
evaluated as code.
"""

import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata import geopackage
from geodata.errors import DatasetError, Problem
from geodata.schema import LAYERS, LAYERS_BY_NAME

SQLITE_HEADER_BYTES = 100
VALID_PAGE_SIZES = frozenset(2 ** power for power in range(9, 17))  # 512 B to 64 KiB
SQLITE_MAGIC = b"SQLite format 3\x00"
TARGET_CRS = "EPSG:4326"


def _file_problem(path: Path) -> str | None:
    """Say why ``path`` cannot be a GeoPackage before handing it to SQLite."""
    if not path.exists():
        return f"file not found: {path}"
    if not path.is_file():
        return f"not a file: {path}"
    try:
        with path.open("rb") as handle:
            head = handle.read(SQLITE_HEADER_BYTES)
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        return f"cannot read {path}: {error.strerror or error}"
    if not head:
        return f"the file is empty: {path}"
    if not head.startswith(SQLITE_MAGIC):
        return f"not a GeoPackage (no SQLite header): {path}"
    expected = _stated_size(head)
    if expected is not None and size < expected:
        return f"the file is cut short ({size:,} of {expected:,} bytes): {path}"
    return None


def _stated_size(head: bytes) -> int | None:
    """The size the SQLite header says the file has (page size × page count), or None when
    the header does not vouch for its page count (https://sqlite.org/fileformat.html: it is
    valid when the change counter equals the version-valid-for number). A file shorter than
    that was cut short: SQLite would fail only on reading a missing page, perhaps never."""
    if len(head) < SQLITE_HEADER_BYTES:
        return SQLITE_HEADER_BYTES  # not even the whole header
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(head[28:32], "big")
    if page_size not in VALID_PAGE_SIZES or page_count == 0 or head[24:28] != head[92:96]:
        return None  # a header of garbage: SQLite says the file is not readable
    return page_size * page_count


def list_layer_names(path: Path) -> list[str]:
    """Names of the layers in the file, or a DatasetError saying why it can't be opened."""
    problem = _file_problem(path)
    if problem:
        raise DatasetError([Problem("", "", "", problem)])
    try:
        return geopackage.layer_names(path)
    except (sqlite3.Error, UnicodeDecodeError) as error:  # not a database, not a GeoPackage
        raise DatasetError(
            [Problem("", "", "", f"not a readable GeoPackage: {path} ({_short(error)})")]
        ) from error


def read_layer(path: Path, name: str, spatial: bool,
               columns: Sequence[str] | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one layer; spatial layers come back in EPSG:4326 or with a Problem saying why not.

    ``columns`` (None: all) reads only those of its attribute columns, as a partial read of a
    file validated before does (``read_layers``)."""
    try:
        frame = geopackage.read_table(path, name, columns=columns, geometry=spatial)
    except (sqlite3.Error, UnicodeDecodeError, ValueError) as error:  # a truncated or
        # hand-broken table, text that is not UTF-8
        return None, [Problem(name, "", "", f"cannot read the layer ({_short(error)})")]
    if not spatial:
        return pd.DataFrame(frame), []
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame:
        return None, [Problem(name, "", "geometry", "the layer has no geometry column")]
    return _to_target_crs(frame, name)


def _undefined(crs) -> bool:
    """GeoPackage srs_id 0 and -1 mean "undefined" geographic/cartesian: no CRS at all."""
    return crs is None or str(getattr(crs, "name", "")).lower().startswith("undefined")


def _to_target_crs(frame: gpd.GeoDataFrame, name: str):
    if _undefined(frame.crs):
        return None, [
            Problem(name, "", "geometry", "the layer has no CRS; expected EPSG:4326 or any CRS "
                    "pyproj knows (it is reprojected)")
        ]
    try:
        if CRS.from_user_input(frame.crs) == CRS.from_user_input(TARGET_CRS):
            return frame.set_crs(TARGET_CRS, allow_override=True), []
        return frame.to_crs(TARGET_CRS), []
    except (CRSError, ValueError, RuntimeError) as error:
        return None, [Problem(name, "", "geometry", f"cannot reproject from {frame.crs}: "
                              f"{_short(error)}")]


def read_layers(path: Path, wanted: Mapping[str, Sequence[str] | None] | None = None,
                ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every schema layer present in the file; missing layers are Problems, except the
    optional ones (``places``), which read as empty.

    With ``wanted`` (layer name → the attribute columns to read, None for all of them and the
    geometry) only those layers are read, and with a list of columns without their geometry;
    every other layer reads as empty. For a file known to be valid as a whole: an export that
    draws three layers need not read 100,000 participants' names and places.
    """
    present = set(list_layer_names(path))
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for layer in LAYERS:
        if wanted is not None and layer.name not in wanted:
            frames[layer.name] = empty_layer(layer.name)
            continue
        if layer.name not in present:
            if layer.optional:
                frames[layer.name] = empty_layer(layer.name)
            else:
                problems.append(Problem(layer.name, "", "", "missing layer"))
            continue
        columns = None if wanted is None else wanted[layer.name]
        frame, layer_problems = read_layer(path, layer.name, columns=columns,
                                           spatial=layer.geometry is not None and columns is None)
        problems.extend(layer_problems)
        if frame is not None:
            frames[layer.name] = frame
    return frames, problems


def empty_layer(name: str) -> pd.DataFrame:
    """A layer with the schema's columns and no rows (a GeoDataFrame for a spatial layer)."""
    layer = LAYERS_BY_NAME[name]
    frame = pd.DataFrame({column.name: pd.Series(dtype="object") for column in layer.columns})
    if layer.geometry is None:
        return frame
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=TARGET_CRS))


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
