"""An export written whole or not at all, its failure said in one line.

The file is made by ``geodata/file_replace.replace_file``, the one writer of every file the
app writes: staged beside the target and renamed over it at the end, so a failed export
(unwritable or vanished folder, full disk, an error while drawing) leaves no partial file and
an existing file of that name is replaced only on success; a replaced file keeps its mode (and
group), and a symlink stays a symlink, its target replaced. This module turns an OSError into
the ExportError the user reads.
"""

import errno
from collections.abc import Callable
from pathlib import Path

from geodata.file_replace import replace_file


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
    """Call ``write(staged_path)`` and move the result to ``target`` when it succeeded."""
    target = Path(target)
    try:
        replace_file(target, write)
    except OSError as error:
        raise ExportError(f"cannot export to {target}: {_reason(error)}") from error
    return target


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    """Write ``data`` as ``target``; every byte is checked written before the file replaces
    the old one (Qt's writers report nothing when the disk fills, Python's writes do)."""
    return write_atomically(target, lambda path: path.write_bytes(data))
