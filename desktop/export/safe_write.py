"""Write an export to a temporary file beside the target and rename it at the end.

A failed export (unwritable or vanished folder, full disk, an error while drawing) leaves no
partial file, and an existing file of that name is replaced only on success.
"""

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class ExportError(RuntimeError):
    """An export that could not be written; the message is one line for the user."""


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    if error.errno == errno.ENOENT:
        return "the folder does not exist"
    if error.errno == errno.EISDIR:
        return "a folder has that name"
    return error.strerror or str(error)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` and move the result to ``target`` when it succeeded."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"cannot export to {target}: a folder has that name")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                             dir=target.parent)
        os.close(handle)
    except OSError as error:
        raise ExportError(f"cannot export to {target}: {_reason(error)}") from error
    temporary_path = Path(temporary)
    try:
        write(temporary_path)
        os.replace(temporary_path, target)
    except OSError as error:
        raise ExportError(f"cannot export to {target}: {_reason(error)}") from error
    finally:
        temporary_path.unlink(missing_ok=True)
    return target
