"""A digest of the code a kept result depends on, so that the result is made again when that
code changes.

Validated files, a database's offline copy and the export's bureau label points are each kept
under a digest of what made them. From a checkout or an installed wheel that is the modules'
source; a frozen app has no source files, so there it is the program itself (its path and
modification time), which changes with every new build.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from functools import cache
from pathlib import Path


@cache
def code_digest(module_names: tuple[str, ...]) -> str:
    """The SHA-256 of the named modules' files in order (or of the program, when frozen)."""
    digest = hashlib.sha256()
    for name in module_names:
        module = importlib.import_module(name)
        try:
            digest.update(Path(module.__file__).read_bytes())
        except (OSError, TypeError):  # frozen: the code lives inside the program
            program = Path(sys.executable)
            digest.update(f"{program} {program.stat().st_mtime_ns}".encode())
    return digest.hexdigest()
