"""The libraries a build keeps only because something it leaves out links them.

PyInstaller collects each binary's dependencies, so a plugin the spec then leaves out (Qt's
GTK 3 theme: cairo, pango, gdk-pixbuf, harfbuzz, …) leaves its libraries behind. Walking the
``NEEDED`` entries (``readelf -d``) of everything kept finds them: a library linked by a removed
binary is an orphan when no kept binary reaches it, directly or through other libraries. Every
kept binary the removed ones do not link counts as reached, whatever loads it (the bootloader
opens libpython by name, NSS its modules), so only what the removed binaries brought can go.

Used by packaging/cluster-explorer.spec on Linux.
"""

import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def needed(path: str) -> list[str]:
    """The sonames an ELF file links (none for a file readelf cannot read)."""
    done = subprocess.run(["readelf", "-d", path], capture_output=True, text=True)
    return NEEDED.findall(done.stdout) if done.returncode == 0 else []


def _name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def _reached(starts: Iterable[str], links: Mapping[str, list[str]],
             by_name: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        for soname in links.get(stack.pop(), ()):
            for dest in by_name.get(soname, ()):
                if dest not in seen:
                    seen.add(dest)
                    stack.append(dest)
    return seen


def orphaned(links: Mapping[str, list[str]], removed: set[str]) -> set[str]:
    """The kept binaries (``links``' keys not in ``removed``, by destination path) that only
    removed ones link; ``links`` maps each binary to the sonames it needs."""
    by_name: dict[str, list[str]] = {}
    for dest in links:
        by_name.setdefault(_name(dest), []).append(dest)
    candidates = _reached(removed, links, by_name) - removed
    roots = set(links) - removed - candidates
    return candidates - _reached(roots, links, by_name)


def orphans_of(toc: list[tuple], removed: set[str]) -> set[str]:
    """``orphaned`` for a PyInstaller TOC of ``(dest, source, kind)`` entries."""
    return orphaned({entry[0]: needed(entry[1]) for entry in toc}, removed)
