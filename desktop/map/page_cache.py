"""The map page's data for the start-up dataset, kept on disk so the next start draws at once.

Most of a cold start is Python importing pandas and geopandas and reading and validating the
GeoPackage (about 1.4 s of 1.9 s on the 2-core reference machine). None of that is needed to
*draw* a dataset the app has drawn before: the page needs only its JSON and the first state.
So at quit the app keeps both, under a key made of the file's bytes and of the code that
shapes them; the next start hands them to the page while the data layer still loads, and the
full dataset follows for the panels. The bundled dataset's entry also ships with the app
(``make page``), so even the first start after installing draws at once.

Content-addressed, so an edited file or a new app version never shows stale data: any
difference gives another key. The cache holds our own JSON, read with ``json`` and
given to the page as one string argument, exactly as freshly made page data is. An entry is
used only whole: its checksum must match and its page data must parse to the page's object
(an entry cut short inside an intact wrapper once gave a blank map on every start, and quit
wrote it back). A damaged entry of this user's is removed and made again from the dataset at
the next quit; the shipped one is only ever read. Uses QtCore only (QStandardPaths), so it
runs before the data layer loads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop import __version__
from desktop.common.resources import resources_dir
from geodata.file_replace import replace_bytes

log = logging.getLogger(__name__)

FORMAT = 6  # 2: entries carry a checksum; 3: the style sent with the page data is cartography's;
# 4: the page data names things in one language, part of an entry's key; 5: no arcs (sent
# apart, when the tie-ups are shown); 6: imported organisations and the fields' glyphs
# The members of the page data (desktop/map/page_data.py makes them; a test keeps the two in step).
PAGE_KEYS = frozenset({"bureaus", "prefectures", "countries", "projects", "tieups", "fields",
                       "places", "organisations", "glyphs", "japan_bounds", "style",
                       "language", "text"})
KEPT_ENTRIES = 4  # start-up datasets remembered; older entries are removed


def cache_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(base or tempfile.gettempdir()) / "cluster-explorer"


def dataset_digest(path: Path) -> str:
    """Key of the page data for ``path``: the identity its data source gives (a GeoPackage's:
    the sha256 of its bytes), the entry format and the app's version.

    The version stands for the code that shapes the page data: an installed or frozen app has
    no source files to hash, and a release that changes the page data is a new version. (In a
    checkout, ``make page`` and a test keep the shipped entry in step with the code.) Raises
    OSError when the location cannot be read or is not a regular file: the source checks that
    before reading a byte (a FIFO or /dev/zero once hung start-up here).
    """
    from geodata.errors import DatasetError
    from geodata.sources import identity_of  # light: no pandas, no shapely

    try:
        identity = identity_of(path)
    except DatasetError as error:
        raise OSError(str(error)) from error
    return hashlib.sha256(f"page-cache {FORMAT} {__version__}\n{identity}".encode()).hexdigest()


def state_key(fields, programs, show_tieups: bool, show_prefectures: bool) -> str:
    """Which first state: the filters and layers the window restores at start."""
    return json.dumps([sorted(fields), sorted(programs), bool(show_tieups),
                       bool(show_prefectures)])


@dataclass
class CachedPage:
    """The page data of one dataset file in one language, and first states by ``state_key``."""

    digest: str
    page_json: str
    states: dict[str, dict] = field(default_factory=dict)
    language: str = "en"
    """The language the page data names things in (desktop/map/page_data.py): an entry is
    kept per file *and* language, so a switch of language never draws the other's names."""


def _entry_path(digest: str, language: str) -> Path:
    return cache_dir() / f"page-{digest}-{language}.json"


def shipped_path(language: str = "en") -> Path:
    """The bundled dataset's page data in ``language``, made by ``make page``, so even the
    first start after installing draws at once."""
    name = "bundled-page.json" if language == "en" else f"bundled-page-{language}.json"
    return resources_dir() / "map" / name


def load(digest: str, language: str = "en") -> CachedPage | None:
    """The page data kept for ``digest`` in ``language`` (this user's, else the shipped
    one), or None.

    This user's entry, when damaged or not ours, is removed (the next quit keeps fresh data
    in its place); the shipped one is never touched.
    """
    return (_whole_entry(_entry_path(digest, language), digest, language, removable=True)
            or (_whole_entry(shipped_path(language), digest, language, removable=False)
                if _shipped_for(digest, language) else None))


SHIPPED_HEAD_CHARS = 200
"""Enough of an entry's text to hold its checksum and digest, written first (sorted keys)."""


def _shipped_for(digest: str, language: str) -> bool:
    """Whether the shipped entry is for ``digest``, read from its head: any other file
    started with reading and parsing the whole bundled page data, only to find it was
    another dataset's (and to log it as damaged)."""
    try:
        with shipped_path(language).open(encoding="utf-8") as shipped:
            head = shipped.read(SHIPPED_HEAD_CHARS)
    except (OSError, ValueError):
        return False
    return json.dumps({"digest": digest})[1:-1] in head


def _whole_entry(path: Path, digest: str, language: str, removable: bool) -> CachedPage | None:
    """The entry at ``path`` if it is whole; a damaged one is logged, and removed when
    ``removable``."""
    try:
        return _read_entry(path, digest, language)
    except (ValueError, RecursionError) as damage:  # RecursionError: JSON nested too deep
        log.warning("ignored the kept map data %s: %s", path, damage)
    if removable:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove the damaged map data %s: %s", path, error)
    return None


def _read_entry(path: Path, digest: str, language: str) -> CachedPage | None:
    """The entry at ``path``; None when there is none (or it cannot be read), ValueError
    saying why when it is not whole page data for ``digest``."""
    try:
        text = path.read_text(encoding="utf-8")  # UnicodeDecodeError is a ValueError
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("could not read the kept map data %s: %s", path, error)
        return None
    return _checked_entry(json.loads(text), digest, language)


def _checked_entry(entry, digest: str, language: str) -> CachedPage:
    """The entry as a CachedPage, or ValueError: the wrapper, then the checksum of what it
    holds, then the page data itself (a planted entry can carry a correct checksum)."""
    if not (isinstance(entry, dict) and entry.get("format") == FORMAT
            and entry.get("digest") == digest and entry.get("language") == language):
        raise ValueError("not an entry of this format for this file and language")
    page_json, states = entry.get("page_json"), entry.get("states")
    if not (isinstance(page_json, str) and isinstance(states, dict)
            and all(isinstance(state, dict) for state in states.values())):
        raise ValueError("no page data or states")
    if entry.get("checksum") != _checksum(page_json, states):
        raise ValueError("its checksum does not match: cut short or changed")
    page = json.loads(page_json)
    if not isinstance(page, dict) or not page.keys() <= PAGE_KEYS:
        raise ValueError("its page data is not the map page's")
    return CachedPage(digest, page_json, states, language)


def _checksum(page_json: str, states: dict) -> str:
    """sha256 of what an entry gives the page; the states as canonical JSON (read back from
    an entry, they dump to the same text)."""
    states_text = json.dumps(states, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(page_json.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + states_text.encode())
    return digest.hexdigest()


def entry_text(cached: CachedPage) -> str:
    return json.dumps({"format": FORMAT, "digest": cached.digest, "language": cached.language,
                       "page_json": cached.page_json,
                       "states": cached.states,
                       "checksum": _checksum(cached.page_json, cached.states)}, sort_keys=True)


def store(digest: str, page_json: str, key: str, state: dict, language: str = "en") -> None:
    """Keep the page data (in ``language``) and the state for ``key``; never fails the caller
    (logs instead).

    The states kept before stay only with the very same page data: what is written is always
    the page data the dataset made now.
    """
    kept = load(digest, language)
    cached = CachedPage(digest, page_json,
                        dict(kept.states) if kept and kept.page_json == page_json else {},
                        language)
    cached.states[key] = state
    target = _entry_path(digest, language)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(target, entry_text(cached).encode("utf-8"))
        _prune(target.parent)
    except OSError as error:
        log.warning("could not keep the map data for the next start: %s", error)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("page-*.json"), key=lambda path: path.stat().st_mtime,
                     reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        old.unlink(missing_ok=True)
