"""Which column of a list holds which field of the schema, guessed from the headers in English
or Japanese (名称, 種別, 所在地, 市区町村, 緯度, 経度, …); the user confirms or changes it."""

from __future__ import annotations

import re
import unicodedata

# The fields a list can fill, in the order the dialog shows them, with what they mean.
FIELDS = {
    "name_ja": "name (Japanese)",
    "name_en": "name (English)",
    "kind": "kind of organisation",
    "project": "project",
    "role": "role",
    "prefecture": "prefecture",
    "municipality": "municipality",
    "address": "address",
    "lat": "latitude",
    "lon": "longitude",
}

# Normalised header words (see header_key) for each field, most specific first.
HEADER_WORDS = {
    "name_ja": ("名称", "名前", "組織名", "機関名", "団体名", "企業名", "会社名", "法人名",
                "参加機関名", "機関", "組織", "namejapanese", "japanesename", "nameja"),
    "name_en": ("英語名", "英文名", "英文名称", "名称英語", "英語名称", "nameen",
                "englishname", "nameenglish", "name", "organisation", "organization",
                "organisationname", "organizationname"),
    "kind": ("種別", "区分", "分類", "種類", "属性", "機関種別", "kind", "type", "category"),
    "project": ("プロジェクト", "プロジェクトid", "事業", "クラスター", "クラスター名", "project",
                "projectid", "cluster"),
    "role": ("役割", "役職", "role"),
    "prefecture": ("都道府県", "県", "都道府県名", "prefecture", "pref"),
    "municipality": ("市区町村", "市町村", "市区町村名", "municipality", "city", "town"),
    "address": ("所在地", "住所", "address", "location"),
    "lat": ("緯度", "lat", "latitude", "y"),
    "lon": ("経度", "lon", "lng", "long", "longitude", "x"),
}

_NOISE = re.compile(r"[\s_\-・()（）\[\]【】:：/.]+")


def header_key(header: str) -> str:
    """A header as compared: NFKC (full-width to half-width), case-folded, without spaces,
    brackets and punctuation, so ``名称（英語）`` and ``Name (English)`` read as words."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", header).casefold())


def guess_columns(headers: list[str]) -> dict[str, int]:
    """Field → column index for the fields whose header is recognised; each column is used
    once, and for each field the most specific word wins."""
    keys = [header_key(header) for header in headers]
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for field, words in HEADER_WORDS.items():
        for word in words:
            index = next((i for i, key in enumerate(keys) if key == word and i not in taken),
                         None)
            if index is not None:
                mapping[field] = index
                taken.add(index)
                break
    return mapping


HEADER_SEARCH_ROWS = 20
"""How many non-empty rows from the top may hold the header (title rows, notes and merged
banners come above it)."""
MAX_HEADER_ROWS = 3

_KNOWN_HEADERS = frozenset(word for words in HEADER_WORDS.values() for word in words)


def known_headers(cells: list[str | None]) -> int:
    """How many of ``cells`` name a field of the schema."""
    return sum(1 for cell in cells if cell and header_key(cell) in _KNOWN_HEADERS)


def find_header_rows(rows: list[list[str | None]], numbers: list[int]) -> tuple[int, int] | None:
    """The first and last index, among the first HEADER_SEARCH_ROWS of ``rows`` (non-empty
    rows, top first, at spreadsheet rows ``numbers``), of the header: the row naming the most
    fields (名称, 都道府県, Name, …; the first of equals), with the rows right above and below
    it that name at least two (a header of two rows, 所在地 merged over 都道府県 and 市区町村).
    None when no row names any: the caller says the header was not found rather than take a
    title such as 「参加機関一覧（令和6年度）」 for it."""
    counts = [known_headers(cells) for cells in rows[:HEADER_SEARCH_ROWS]]
    if not counts or max(counts) == 0:
        return None
    best = counts.index(max(counts))
    first = last = best
    while (first > 0 and counts[first - 1] >= 2 and numbers[first - 1] == numbers[first] - 1
           and best - first < MAX_HEADER_ROWS - 1):
        first -= 1
    while (last + 1 < len(counts) and counts[last + 1] >= 2
           and numbers[last + 1] == numbers[last] + 1 and last - first < MAX_HEADER_ROWS - 1):
        last += 1
    return first, last


def merged_header(rows: list[list[str | None]]) -> list[str | None]:
    """One header from a header of several rows: each column named by its lowest cell (a
    merged cell above names the columns below it that have no name of their own)."""
    width = max(len(cells) for cells in rows)
    header: list[str | None] = [None] * width
    for cells in rows:
        for column, cell in enumerate(cells):
            if cell:
                header[column] = cell
    return header
