"""The offline copy of a database dataset: a GeoPackage per connection in the user's cache.

Each time a PostGIS dataset opens, what was read is also kept as a GeoPackage, so the app
still opens it without the network (an office PC on a train, a server down for maintenance)
and says how old it is. The file is named after the database, the schema and a digest of the
connection without its password (``DatabaseLocation.key``): no password is ever part of a name.
No Qt: the folder is found the way Qt's GenericCacheLocation finds it.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from geodata.sources.connection import DatabaseLocation

FOLDER = Path("cluster-explorer") / "databases"
KEY_CHARACTERS = 16
UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def cache_dir() -> Path:
    """The user's cache folder for offline copies (XDG_CACHE_HOME, ~/Library/Caches or
    %LOCALAPPDATA%\\cache, as Qt's GenericCacheLocation)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / FOLDER


def copy_path(database: DatabaseLocation) -> Path:
    """Where the offline copy of ``database`` is kept (a readable name, a password-free key)."""
    readable = UNSAFE.sub("_", f"{database.database}-{database.schema}")[:60]
    return cache_dir() / f"{readable}-{database.key[:KEY_CHARACTERS]}.gpkg"


def saved_at(path: Path) -> datetime | None:
    """When the copy at ``path`` was last written (UTC), or None when there is none."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def save(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """Write ``frames`` as the GeoPackage ``path``, atomically: a reader sees the old copy or
    the new one, never half of one; the old copy stays when writing fails."""
    from geodata.build.assemble import write_geopackage

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".copy-", suffix=".gpkg", dir=path.parent)
    os.close(descriptor)
    staged = Path(temporary)
    try:
        staged.unlink()  # GDAL creates the file itself
        write_geopackage(frames, staged)
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
        staged.with_suffix(".tmp.gpkg").unlink(missing_ok=True)


def age_text(saved: datetime, now: datetime | None = None) -> str:
    """How old a copy is, in English words (the window says it through tr())."""
    seconds = max(0, int(((now or datetime.now(UTC)) - saved).total_seconds()))
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} old"
    return "less than a minute old"
