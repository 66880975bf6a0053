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
given to the page as one string argument, exactly as freshly made page data is; a damaged
entry is ignored. Uses QtCore only (QStandardPaths), so it runs before the data layer loads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop.resources import resources_dir

log = logging.getLogger(__name__)

FORMAT = 1
KEPT_ENTRIES = 4  # start-up datasets remembered; older entries are removed
# The code that makes the page data and the states: a change to any of it is a new key.
_SHAPING_CODE = ("desktop/page_data.py", "desktop/map_style.py", "desktop/map_state.py",
                 "geodata/queries.py")


def cache_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(base or tempfile.gettempdir()) / "cluster-explorer"


def dataset_digest(path: Path) -> str:
    """Key of the page data for ``path``: its bytes, the format, and the shaping code."""
    digest = hashlib.sha256(f"page-cache {FORMAT}\n".encode())
    top = Path(__file__).resolve().parent.parent
    for name in _SHAPING_CODE:
        digest.update((top / name).read_bytes())
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def state_key(fields, programs, show_tieups: bool, show_prefectures: bool) -> str:
    """Which first state: the filters and layers the window restores at start."""
    return json.dumps([sorted(fields), sorted(programs), bool(show_tieups),
                       bool(show_prefectures)])


@dataclass
class CachedPage:
    """The page data of one dataset file, and first states by ``state_key``."""

    digest: str
    page_json: str
    states: dict[str, dict] = field(default_factory=dict)


def _entry_path(digest: str) -> Path:
    return cache_dir() / f"page-{digest}.json"


def shipped_path() -> Path:
    """The bundled dataset's page data, made by ``make page``, so even the first start after
    installing draws at once."""
    return resources_dir() / "map" / "bundled-page.json"


def load(digest: str) -> CachedPage | None:
    """The page data kept for ``digest`` (this user's, else the shipped one), or None if
    absent or not in the expected shape."""
    return _read_entry(_entry_path(digest), digest) or _read_entry(shipped_path(), digest)


def _read_entry(path: Path, digest: str) -> CachedPage | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(entry, dict) and entry.get("format") == FORMAT
            and entry.get("digest") == digest
            and isinstance(entry.get("page_json"), str) and isinstance(entry.get("states"), dict)):
        return None
    states = {key: value for key, value in entry["states"].items() if isinstance(value, dict)}
    return CachedPage(digest, entry["page_json"], states)


def entry_text(cached: CachedPage) -> str:
    return json.dumps({"format": FORMAT, "digest": cached.digest, "page_json": cached.page_json,
                       "states": cached.states}, sort_keys=True)


def store(digest: str, page_json: str, key: str, state: dict) -> None:
    """Keep the page data and the state for ``key``; never fails the caller (logs instead)."""
    cached = load(digest) or CachedPage(digest, page_json)
    cached.states[key] = state
    target = _entry_path(digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         suffix=".part", delete=False) as part:
            try:
                part.write(entry_text(cached))
            except BaseException:
                Path(part.name).unlink(missing_ok=True)
                raise
        os.replace(part.name, target)
        _prune(target.parent)
    except OSError as error:
        log.warning("could not keep the map data for the next start: %s", error)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("page-*.json"), key=lambda path: path.stat().st_mtime,
                     reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        old.unlink(missing_ok=True)
