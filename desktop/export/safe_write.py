"""Write an export to a temporary file beside the target and rename it over the target at the end.

A failed export (unwritable or vanished folder, full disk, an error while drawing) leaves no
partial file, and an existing file of that name is replaced only on success. The result looks
as if the file had been written in place: a new file gets the mode the umask allows, a
replaced one keeps its mode (and group, where the process may set it), and a symlink stays a
symlink, its target replaced.

The temporary name is short and fixed in length, so any name the file system allows works,
and distinctive, so the temporaries a killed export left behind can be found and removed by
the next export into that folder.
"""

import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

TEMPORARY_PREFIX = ".cluster-explorer-"
TEMPORARY_SUFFIX = ".tmp"
TEMPORARY_NAME = re.compile(rf"{re.escape(TEMPORARY_PREFIX)}[0-9a-f]{{8}}"
                            rf"{re.escape(TEMPORARY_SUFFIX)}")
# A temporary lives only while its bytes are written (drawing happens before), so one this old
# belongs to an export that was killed, not to one still running.
STALE_AFTER_SECONDS = 15 * 60
NEW_FILE_MODE = 0o666  # less the umask, as for any file a program creates


class ExportError(RuntimeError):
    """An export that could not be written; the message is one line for the user."""


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EFBIG, errno.EDQUOT):
        return "the file is larger than the disk or this account may hold"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    if error.errno == errno.ENOENT:
        return "the folder does not exist"
    if error.errno == errno.EISDIR:
        return "a folder has that name"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return error.strerror or str(error)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` and move the result to ``target`` when it succeeded."""
    target = Path(target)
    try:
        final = _final_path(target)
        _remove_stale_temporaries(final.parent)
        temporary = _new_temporary(final.parent)
    except OSError as error:
        raise ExportError(f"cannot export to {target}: {_reason(error)}") from error
    try:
        write(temporary)
        _sync(temporary)
        _keep_mode_and_group(final, temporary)
        os.replace(temporary, final)
    except OSError as error:
        raise ExportError(f"cannot export to {target}: {_reason(error)}") from error
    finally:
        temporary.unlink(missing_ok=True)
    return target


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    """Write ``data`` as ``target``; every byte is checked written before the file replaces
    the old one (Qt's writers report nothing when the disk fills, Python's writes do)."""
    return write_atomically(target, lambda path: path.write_bytes(data))


def _final_path(target: Path) -> Path:
    """The file to replace: the target, or the file a symlink at the target points to.

    Renaming onto the link itself would turn it into a regular file and leave the file it
    points to as it was.
    """
    final = Path(os.path.realpath(target))
    try:
        if stat.S_ISDIR(os.stat(final).st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    except FileNotFoundError:
        pass
    return final


def _new_temporary(folder: Path) -> Path:
    """An empty file of ours in ``folder``, created with the mode a new file gets there."""
    while True:
        temporary = folder / f"{TEMPORARY_PREFIX}{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             NEW_FILE_MODE))
        except FileExistsError:
            continue
        return temporary


def _sync(path: Path) -> None:
    """Flush the written bytes to the disk before the rename, so a crash cannot leave an
    empty file under the target's name; some file systems report a full disk only here."""
    handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _keep_mode_and_group(final: Path, temporary: Path) -> None:
    """Give the temporary the permissions of the file it replaces, if there is one."""
    try:
        old = os.stat(final)
    except FileNotFoundError:
        return
    new = os.stat(temporary)
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        _change_owner(temporary, old.st_uid, old.st_gid)
    os.chmod(temporary, stat.S_IMODE(old.st_mode))  # after chown, which may clear set-id bits


def _change_owner(path: Path, uid: int, gid: int) -> None:
    """Keep the owner where the process may (root), else at least the group (a member may);
    a file that can be replaced but not given back its group is still written."""
    for owner in (uid, -1):
        try:
            os.chown(path, owner, gid)
            return
        except PermissionError:
            continue


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporaries killed exports left in ``folder``: ours by name and owner, and
    old enough that no running export is still writing them."""
    try:
        names = [name for name in os.listdir(folder) if TEMPORARY_NAME.fullmatch(name)]
    except OSError:
        return  # the export itself will say what is wrong with the folder
    cutoff = time.time() - STALE_AFTER_SECONDS
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
            if (stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
                    and info.st_mtime < cutoff):
                path.unlink()
        except OSError:
            continue  # removed by another export meanwhile, or not ours to remove
