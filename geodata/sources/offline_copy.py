"""The offline copy of a database dataset: a GeoPackage per connection in the user's cache.

Each time a PostGIS dataset opens, what was read is also kept as a GeoPackage, so the app
still opens it without the network (an office PC on a train, a server down for maintenance)
and says how old it is. The file is named after the database, the schema and a digest of the
connection without its password (``DatabaseLocation.key``): no password is ever part of a name.

A copy holds what the database holds, which a password may guard: the folder is private to the
account (0700) and each copy is 0600. A copy that another account could have written (planted
in a folder others may write, or writable by others) is not trusted when offline, and copies
not refreshed for PRUNE_AFTER_DAYS are removed when another copy is saved.

A copy is written only when what the server gave differs from what it holds: the copy keeps a
digest of the tables it was written from (``DIGEST_TABLE``, a plain SQLite table that no layer
listing sees), and an open that reads the same tables only marks the copy as refreshed. The
window defers the write (``deferred_writes``) until the map is shown: it is off the open's
critical path, and as atomic as any write (``replace_file``): quitting meanwhile leaves the
old copy whole.
No Qt: the folder is found the way Qt's GenericCacheLocation finds it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from geodata.code_digest import code_digest
from geodata.sources.connection import DatabaseLocation

FOLDER = Path("cluster-explorer") / "databases"
KEY_CHARACTERS = 16
UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
COPY_NAME = re.compile(rf".*-[0-9a-f]{{{KEY_CHARACTERS}}}(\.gpkg|\.organisations\.sqlite)")
"""An offline copy's name, or that of the organisations it keeps beside it
(geodata/server_side/offline.py): both are pruned alike."""
PRIVATE_FOLDER_MODE = 0o700
PRUNE_AFTER_DAYS = 180
DIGEST_TABLE = "cluster_explorer_offline_copy"
"""The copy's own record of the tables it was written from (one row: ``digest``)."""
DIGEST_FORMAT = 1

log = logging.getLogger(__name__)
_deferred: ContextVar[list[Callable[[], None]] | None] = ContextVar(
    "offline_copy_deferred", default=None)


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


def keep(frames: dict[str, pd.DataFrame], path: Path, shown: str) -> bool:
    """Keep ``frames`` (the tables just read from the database ``shown``) as the copy at
    ``path``: now, or, within ``deferred_writes``, when the caller runs what it queued (then
    True; each queued job returns None when the copy is kept, else why it is not). A copy that
    cannot be written is logged, not raised: the dataset opened all the same."""
    def job() -> str | None:
        try:
            refresh(frames, path)
        except Exception as error:  # a full disk, a read-only cache: the dataset still opens
            log.warning("could not keep the offline copy of %s in %s: %s", shown, path, error)
            return getattr(error, "strerror", None) or str(error) or type(error).__name__
        return None

    pending = _deferred.get()
    if pending is None:
        job()
        return False
    pending.append(job)
    return True


@contextmanager
def deferred_writes() -> Iterator[list[Callable[[], str | None]]]:
    """Within, a copy to keep is queued in the list given rather than written: the caller runs
    each once what it waits for (the map) is shown (each says why it failed, or None)."""
    pending: list[Callable[[], str | None]] = []
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)


def refresh(frames: dict[str, pd.DataFrame], path: Path) -> bool:
    """Write ``frames`` as the copy at ``path`` unless it holds them already (then only mark
    it refreshed, so that it is not pruned); True when it was written."""
    digest = frames_digest(frames)
    if untrusted_reason(path) is None and stored_digest(path) == digest:
        os.utime(path)
        prune(path.parent, keep=path)
        return False
    save(frames, path, digest)
    return True


def save(frames: dict[str, pd.DataFrame], path: Path, digest: str | None = None) -> None:
    """Write ``frames`` as the GeoPackage ``path``, atomically and privately: a reader sees the
    old copy or the new one, never half of one; the old copy stays when writing fails."""
    from geodata.file_replace import replace_file
    from geodata.geopackage_create import write_dataset

    def write(staged: Path) -> None:
        write_dataset(frames, staged)
        with sqlite3.connect(staged) as db:
            db.execute(f"CREATE TABLE {DIGEST_TABLE} (digest TEXT NOT NULL)")
            db.execute(f"INSERT INTO {DIGEST_TABLE} VALUES (?)",
                       [digest or frames_digest(frames)])
        db.close()

    _private_folder(path.parent)
    replace_file(path, write, private=True)
    prune(path.parent, keep=path)


def frames_digest(frames: dict[str, pd.DataFrame]) -> str:
    """A digest of every table read: names, columns, types and each cell (pandas' row hashes),
    with the writing code's own digest, so that a copy written by other code is written
    again."""
    digest = hashlib.sha256(f"{DIGEST_FORMAT} {_writer_digest()}".encode())
    for name in sorted(frames):
        frame = frames[name]
        digest.update(f"\n{name} {len(frame)} {list(frame.columns)!r} "
                      f"{[str(dtype) for dtype in frame.dtypes]!r}\n".encode())
        if len(frame.columns):
            rows = pd.util.hash_pandas_object(frame, index=False)
            digest.update(rows.to_numpy().tobytes())
    return digest.hexdigest()


def stored_digest(path: Path) -> str | None:
    """The digest the copy at ``path`` was written with; None when it has none or cannot be
    read (then it is written again)."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute(f"SELECT digest FROM {DIGEST_TABLE}").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _writer_digest() -> str:
    """A digest of the module that writes the copy (its source; in a frozen app, the program,
    so that a new build with another writer writes the copy again)."""
    return code_digest(("geodata.geopackage_create",))


def untrusted_reason(path: Path) -> str | None:
    """Why the copy at ``path`` may not be what this account saved (None when it is): not a
    regular file, another account's, or writable by others (itself or its folder)."""
    try:
        info = os.lstat(path)
        folder = os.stat(path.parent)
    except OSError as error:
        return error.strerror or str(error)
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if not hasattr(os, "geteuid"):
        return None  # Windows: the folder is under the account's own profile
    if info.st_uid != os.geteuid() or folder.st_uid != os.geteuid():
        return "it belongs to another account"
    if info.st_mode & 0o022 or folder.st_mode & 0o022:
        return "other accounts may write it"
    return None


def prune(folder: Path, keep: Path | None = None,
          older_than_days: float = PRUNE_AFTER_DAYS) -> list[Path]:
    """Remove this account's offline copies in ``folder`` not refreshed for ``older_than_days``
    (their database has not been opened since); returns those removed."""
    cutoff = time.time() - older_than_days * 86_400
    removed = []
    try:
        names = [name for name in os.listdir(folder) if COPY_NAME.fullmatch(name)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
            ours = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
            if (path != keep and stat.S_ISREG(info.st_mode) and ours
                    and info.st_mtime < cutoff):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing, and leave it readable by this account
    only (a folder made readable by an older version is closed)."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    info = os.stat(folder)
    if (stat.S_IMODE(info.st_mode) & 0o077
            and (not hasattr(os, "geteuid") or info.st_uid == os.geteuid())):
        os.chmod(folder, PRIVATE_FOLDER_MODE)


def age_text(saved: datetime, now: datetime | None = None) -> str:
    """How old a copy is, in English words (the window says it through tr())."""
    seconds = max(0, int(((now or datetime.now(UTC)) - saved).total_seconds()))
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} old"
    return "less than a minute old"
