"""Replacing a file whole: written beside it, then renamed over it; one writer at a time.

Every file the app writes goes through ``replace_file`` (or ``replace_bytes``): the data
layer's datasets (an import's result, a copy, a database's offline copy), the exports
(``desktop/export/safe_write.py`` words its errors), a panel's table or chart saved, and the
page data kept for the next start. So all of them behave alike:

- The new file is written in a staging folder made for this write alone (``mkdtemp``: an
  unpredictable name, created exclusively, private), beside the target so that the final rename
  stays on one file system. Nothing planted in the folder (a symlink at a guessable name) can
  be written through, and SQLite's side files stay inside the staging folder.
- A symlink at the target stays a symlink: the file it points to is replaced, as exports do.
- A replaced file keeps its mode (and group, where the process may set it); ``private=True``
  makes it readable by its owner only.
- ``locked(target)`` holds a lock beside the target around read-modify-replace, so two imports
  into one file cannot lose each other's rows. It is the operating system's lock on a small
  file (``flock``, ``LockFileEx`` through msvcrt), released by the system when the process
  ends however it ends, so a killed import never blocks the next one; a write waits for the
  lock a bounded time and then says which file is busy.
- A staging folder a killed write left behind is removed by a later write into that folder
  once it is old enough that no running write still owns it.

No Qt. Errors are OSError with a one-line ``strerror`` for the caller to word.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

log = logging.getLogger(__name__)

STAGING_PREFIX = ".cluster-explorer-"
STAGING_SUFFIX = ".staging"
STAGING_NAME = re.compile(rf"{re.escape(STAGING_PREFIX)}[A-Za-z0-9_]{{8}}"
                          rf"{re.escape(STAGING_SUFFIX)}")
# A staging folder lives only while one write runs (seconds for the largest dataset), so one
# this old belongs to a write that was killed.
STALE_AFTER_SECONDS = 15 * 60
LOCK_SUFFIX = ".lock"
LOCK_WAIT_SECONDS = 30  # an import takes seconds; the import dialog waits with a busy cursor
LOCK_POLL_SECONDS = 0.1
MAX_LOCKED_NAME = 200  # a lock's name is the target's, cut so that it stays a legal name
PRIVATE_FILE_MODE = 0o600


class FileBusyError(OSError):
    """Another write into the same file still held its lock after the bounded wait."""

    def __str__(self) -> str:  # what a dialog shows: no "[Errno 16]"
        return f"{self.filename}: {self.strerror}"


def same_file(path: Path, other: Path) -> bool:
    """Whether ``path`` names the file ``other`` (through a symlink or a hard link too): a
    write must never replace the file it reads from, nor the bundled dataset."""
    if path.resolve() == other.resolve():
        return True
    try:
        return path.samefile(other)
    except OSError:
        return False


def final_path(target: Path | str) -> Path:
    """The file a write of ``target`` replaces: the target, or the file a symlink there points
    to (renaming onto the link would turn it into a plain file and leave the linked file as it
    was). IsADirectoryError when it is a folder."""
    final = Path(os.path.realpath(target))
    if final.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder has that name", str(target))
    return final


def replace_file(target: Path | str, write: Callable[[Path], None], *,
                 private: bool = False) -> Path:
    """Call ``write(staged)`` with a path in a fresh staging folder beside ``target`` (named
    like the target, absent), then move what it wrote over the target. The target is untouched
    when ``write`` raises, or when it wrote nothing. Returns the file replaced."""
    final = final_path(target)
    remove_stale_staging(final.parent)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, suffix=STAGING_SUFFIX,
                                    dir=final.parent))
    try:
        staged = staging / final.name
        write(staged)
        if not staged.is_file():
            raise FileNotFoundError(errno.ENOENT, "nothing was written", str(target))
        _sync(staged)
        if private:
            os.chmod(staged, PRIVATE_FILE_MODE)
        else:
            _keep_mode_and_group(final, staged)
        os.replace(staged, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def replace_bytes(target: Path | str, data: bytes, *, private: bool = False) -> Path:
    """Replace ``target`` with ``data`` (``replace_file``): every byte is written and synced
    before the rename, so a full disk leaves the old file as it was."""
    return replace_file(target, lambda staged: staged.write_bytes(data), private=private)


def remove_stale_staging(folder: Path) -> None:
    """Remove the staging folders killed writes left in ``folder``: ours by name (and owner,
    where the system has owners), and old enough that no running write still uses them."""
    try:
        names = [name for name in os.listdir(folder) if STAGING_NAME.fullmatch(name)]
    except OSError:
        return  # the write itself will say what is wrong with the folder
    cutoff = time.time() - STALE_AFTER_SECONDS
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        ours = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        if stat.S_ISDIR(info.st_mode) and ours and info.st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def locked(target: Path | str, wait_seconds: float | None = None) -> Iterator[Path]:
    """Hold the lock of ``target`` (the file a symlink there points to) while the block runs;
    FileBusyError when another process or thread keeps it longer than ``wait_seconds``
    (``LOCK_WAIT_SECONDS`` by default).

    The lock is a file beside the target, ``.<name>.lock``, removed when released.
    """
    final = final_path(target)
    lock_path = final.with_name(f".{final.name[:MAX_LOCKED_NAME]}{LOCK_SUFFIX}")
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    descriptor = _acquire(lock_path, final, wait)
    try:
        yield final
    finally:
        _release(lock_path, descriptor)


def _acquire(lock_path: Path, final: Path, wait_seconds: float) -> int | None:
    deadline = time.monotonic() + wait_seconds
    while True:
        descriptor = _open_lock_file(lock_path)
        if descriptor is None:
            return None  # a read-only folder: the write itself will say so
        if descriptor >= 0:
            try:
                if _try_lock(descriptor) and _still_named(descriptor, lock_path):
                    _readable_by_all(descriptor)
                    return descriptor
            except OSError as error:
                os.close(descriptor)
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    log.warning("%s cannot be locked (%s): written without a lock", final,
                                error)
                    return None
                raise
            os.close(descriptor)
        if time.monotonic() >= deadline:
            raise FileBusyError(errno.EBUSY, f"another import or copy is still writing it "
                                f"(waited {wait_seconds:.0f} s); try again when it ends",
                                str(final))
        _pause(LOCK_POLL_SECONDS)


def _open_lock_file(lock_path: Path) -> int | None:
    """The lock file opened (made if missing); never through a symlink planted at its name.
    -1 when it exists but cannot be opened (held by another account: wait), None when it
    cannot be made (a read-only folder)."""
    flags = os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_RDWR if sys.platform == "win32" else os.O_RDONLY  # flock needs no write
    for _attempt in range(3):
        try:
            return os.open(lock_path, flags, 0o666)
        except OSError as error:
            if error.errno == errno.ELOOP or (os.path.islink(lock_path)):
                lock_path.unlink(missing_ok=True)  # a symlink: removing it touches no file
                continue
            if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return -1 if os.path.lexists(lock_path) else None
            raise
    return None


def _readable_by_all(descriptor: int) -> None:
    """Let other accounts open the (empty) lock file to wait on it, whatever the umask."""
    if sys.platform != "win32":  # there a read-only file could not be removed on release
        with suppress(OSError):
            os.fchmod(descriptor, 0o444)


def _try_lock(descriptor: int) -> bool:
    """Take the lock without waiting; False when someone holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_named(descriptor: int, lock_path: Path) -> bool:
    """Whether the file locked is still the one at ``lock_path``: the holder before removes it
    when done, and the next writer must then lock the new file, not the removed one."""
    if sys.platform == "win32":
        return True  # an open file cannot be removed there
    try:
        named = os.stat(lock_path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _release(lock_path: Path, descriptor: int | None) -> None:
    if descriptor is None:
        return
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(descriptor)
        with suppress(OSError):  # another writer has it open and will remove it
            lock_path.unlink(missing_ok=True)
        return
    try:
        lock_path.unlink(missing_ok=True)  # while still held: see _still_named
    except OSError:
        pass  # a folder that lets us lock but not remove: the empty file stays
    finally:
        os.close(descriptor)  # closing releases the lock


def _pause(seconds: float) -> None:
    """Wait before asking for the lock again (a function, so a test can see a write wait)."""
    time.sleep(seconds)


def _sync(path: Path) -> None:
    """Flush the written bytes to the disk before the rename, so a crash cannot leave an
    empty file under the target's name."""
    # Windows flushes only a handle open for writing; POSIX syncs a read-only one
    mode = os.O_RDWR if sys.platform == "win32" else os.O_RDONLY
    handle = os.open(path, mode | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF):  # a file system that cannot sync
            raise
    finally:
        os.close(handle)


def _keep_mode_and_group(final: Path, staged: Path) -> None:
    """Give the new file the permissions of the file it replaces, if there is one."""
    try:
        old = os.stat(final)
    except FileNotFoundError:
        return
    new = os.stat(staged)
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        for owner in (old.st_uid, -1):  # the owner where allowed (root), else the group
            try:
                os.chown(staged, owner, old.st_gid)
                break
            except PermissionError:
                continue
    os.chmod(staged, stat.S_IMODE(old.st_mode))
