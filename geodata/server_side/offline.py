"""What an offline copy keeps of a national organisation list: the count per prefecture (the
aggregate) and the rows of one bureau's prefectures (the user's own), never the million rows.

Saved beside the dataset's offline copy (offline_copy.py) in a SQLite file of its own, written
privately and atomically as the copy is; read back with the very questions the server answers
(``OfflineOrganisations``: ``by_prefecture``, ``count``, ``page``, ``panel_action``), so the
window's panel works on either. A bureau whose rows were not kept has its count (from the
aggregate) and no rows (``has_rows`` says which bureau has them).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from geodata.server_side.organisations import PAGE_COLUMNS
from geodata.server_side.queries import MAX_PAGE_SIZE, PAGE_SIZE, Page

SUFFIX = ".organisations.sqlite"


def organisations_copy_path(location: str) -> Path:
    """Where the offline organisations of the database dataset at ``location`` are kept:
    beside its offline copy, under the same password-free name."""
    from geodata.sources.connection import parse_location
    from geodata.sources.offline_copy import copy_path

    copy = copy_path(parse_location(location))
    return copy.with_name(copy.stem + SUFFIX)


def save_organisations(organisations, path: Path, bureau_id: str | None) -> int:
    """Keep at ``path`` the counts per prefecture that ``organisations`` (an
    OrganisationQueries) gives and, with ``bureau_id``, that bureau's rows, read from the
    server 5,000 at a time. Returns the rows kept."""
    from geodata.file_replace import replace_file
    from geodata.sources.offline_copy import _private_folder

    counts = organisations.connection.execute(
        *organisations.by_prefecture_statement(None)).fetchall()  # (code, bureau, count)
    kept = 0

    def write(staged: Path) -> None:
        nonlocal kept
        with sqlite3.connect(staged) as database:
            database.execute("CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT)")
            database.executemany("INSERT INTO about VALUES (?, ?)", [
                ("bureau_id", bureau_id or ""),
                ("saved_at", datetime.now(UTC).isoformat(timespec="seconds"))])
            database.execute("CREATE TABLE per_prefecture (pref_code INTEGER PRIMARY KEY,"
                             " bureau_id TEXT, n INTEGER NOT NULL)")
            database.executemany("INSERT INTO per_prefecture VALUES (?, ?, ?)", counts)
            names = ", ".join(PAGE_COLUMNS)
            database.execute(f"CREATE TABLE organisations (fid INTEGER PRIMARY KEY, {names})")
            marks = ", ".join("?" * (len(PAGE_COLUMNS) + 1))
            after = 0  # a page at a time: a bureau of 300,000 rows is never all in memory
            while bureau_id is not None and (
                    batch := organisations.keyed_rows(bureau_id, after)):
                database.executemany(f"INSERT INTO organisations VALUES ({marks})", batch)
                kept += len(batch)
                after = batch[-1][0]
        database.close()

    _private_folder(path.parent)
    replace_file(path, write, private=True)
    return kept


class OfflineOrganisations:
    """The organisations an offline copy kept, asked as the server is asked."""

    def __init__(self, path: Path):
        self.path = path
        self.database = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                        check_same_thread=False)
        about = dict(self.database.execute("SELECT key, value FROM about"))
        self.bureau_id = about.get("bureau_id") or None
        """The bureau whose rows were kept (None: only the counts)."""
        self.saved_at = datetime.fromisoformat(about["saved_at"])

    def close(self) -> None:
        self.database.close()

    def has_rows(self, bureau_id: str | None) -> bool:
        return bureau_id is not None and bureau_id == self.bureau_id

    def by_prefecture(self, bureau_id: str | None = None) -> dict[int, int]:
        rows = self.database.execute(
            "SELECT pref_code, n FROM per_prefecture WHERE ? IS NULL OR bureau_id = ?"
            " ORDER BY pref_code", [bureau_id, bureau_id])
        return {int(code): int(count) for code, count in rows}

    def count(self, bureau_id: str | None = None) -> int:
        return sum(self.by_prefecture(bureau_id).values())

    def page(self, bureau_id: str | None = None, after: int = 0,
             limit: int = PAGE_SIZE) -> Page:
        """The kept rows of ``bureau_id`` after the key ``after`` (none for another bureau)."""
        limit = max(1, min(int(limit), MAX_PAGE_SIZE))
        if not self.has_rows(bureau_id):
            return Page(PAGE_COLUMNS, [], None)
        rows = self.database.execute(
            f"SELECT fid, {', '.join(PAGE_COLUMNS)} FROM organisations WHERE fid > ?"
            " ORDER BY fid LIMIT ?", [int(after), limit]).fetchall()
        return Page(PAGE_COLUMNS, [tuple(row[1:]) for row in rows],
                    rows[-1][0] if len(rows) == limit else None)

    def panel_action(self, bureau_id: str | None = None,
                     limit: int = PAGE_SIZE) -> tuple[int, Page]:
        return self.count(bureau_id), self.page(bureau_id, limit=limit)

