"""Where each bureau's name goes (desktop/map/layers.bureau_label_points), kept on disk for
the next export.

Placing the names clear of 10,000 markers takes about 0.4 s, a third of a large export's
drawing, and a command-line export starts a new process each time. The points depend only on
the bureaus' shapes, the projects' places and the placing code, so they are kept under a
digest of exactly those (not of the file: a dataset changed in memory, or a file changed
since it was read, misses the entry), in the user's cache beside the page data
(desktop/map/page_cache.py). A cache that cannot be read or written only costs the placing.
"""

import contextlib
import hashlib
import json
from pathlib import Path

import numpy as np
import shapely

from desktop.map import layers
from desktop.map.page_cache import cache_dir
from geodata import Dataset
from geodata.code_digest import code_digest
from geodata.file_replace import replace_bytes

PLACING_MODULES = ("desktop.map.labels", "desktop.map.layers", "geodata.mainland")
"""The modules whose code decides where a name goes: a change to one places them again."""
KEPT_ENTRIES = 8
PREFIX = "label-points-"


def bureau_label_points(ds: Dataset) -> tuple:
    """layers.bureau_label_points of ``ds``, read from disk when kept there, else placed
    (or taken from what this process placed: the window's page data) and kept."""
    inputs = layers.label_inputs(ds)
    path = cache_dir() / f"{PREFIX}{_digest(inputs)}.json"
    kept = _read(path, len(inputs))
    if kept is not None:
        return kept
    points = layers.bureau_label_points(ds, inputs)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(path, json.dumps([[point.x, point.y] for point in points]).encode())
        _prune(path.parent)
    return points


def _digest(inputs: list[tuple]) -> str:
    """Of the placing code and of each bureau's shape and markers."""
    digest = hashlib.sha256(code_digest(PLACING_MODULES).encode())
    for shape, lons, lats in inputs:
        digest.update(shapely.to_wkb(shape, hex=False) if shape is not None else b"-")
        digest.update(np.asarray(lons, dtype="float64").tobytes())
        digest.update(b"|")
        digest.update(np.asarray(lats, dtype="float64").tobytes())
        digest.update(b"/")
    return digest.hexdigest()[:40]




def _read(path: Path, count: int) -> tuple | None:
    """The points kept at ``path``, or None when there are none or they do not fit."""
    try:
        pairs = json.loads(path.read_bytes())
        points = tuple(shapely.Point(float(x), float(y)) for x, y in pairs)
    except (OSError, ValueError, TypeError):
        return None
    return points if len(points) == count else None


def _prune(folder: Path) -> None:
    """Keep the newest KEPT_ENTRIES entries."""
    entries = sorted(folder.glob(f"{PREFIX}*.json"), key=_modified, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
