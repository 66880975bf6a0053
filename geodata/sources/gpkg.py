"""The GeoPackage source: a .gpkg file that follows SCHEMA.md, read through sqlite3
(geodata/geopackage.py).

It also takes any other location that exists on disk (a file of another name, a folder, a
FIFO), asked after every other source: the GeoPackage is the format the app reads, and its
reader says in one line why something is not one ("not a file", "no SQLite header").
"""

import hashlib
import os
import stat
from pathlib import Path

from geodata.sources import QT_TRANSLATE_NOOP, DataSource, Location, register_source

SUFFIX = ".gpkg"
READ_BLOCK = 1 << 20


def handles_geopackage(location: Location) -> bool:
    """A name ending .gpkg (present or not: the reader says it is missing), or anything that
    exists on disk."""
    return str(location).lower().endswith(SUFFIX) or os.path.lexists(location)


def open_geopackage(location: Location):
    """The validated Dataset in the GeoPackage at ``location`` (pandas and shapely load here)."""
    from geodata.reading import read_layers
    from geodata.sources.tables import checked_dataset

    path = Path(location)
    frames, read_problems = read_layers(path)
    return checked_dataset(path, frames, read_problems)


def geopackage_identity(location: Location) -> str:
    """The sha256 of the file's bytes; OSError when it cannot be read or is not a regular file."""
    digest = hashlib.sha256()
    with open_regular_file(Path(location)) as data:
        for block in iter(lambda: data.read(READ_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def open_regular_file(path: Path):
    """``path`` open to read, or OSError when it is not a regular file.

    Checked on the opened file, before a byte is read: reading a FIFO waits for a writer
    forever and /dev/zero never ends. Opened without blocking, so a FIFO cannot hold the open
    itself.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"not a regular file: {path}")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


register_source(DataSource(
    name="GeoPackage",
    description="a GeoPackage (.gpkg) that follows geodata/SCHEMA.md",
    handles=handles_geopackage,
    open=open_geopackage,
    identity=geopackage_identity,
    priority=-1,  # takes anything on disk: asked after sources that know their files
    suffixes=(SUFFIX,),
    files_title=QT_TRANSLATE_NOOP("Domain", "GeoPackage"),
))
