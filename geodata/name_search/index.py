"""The search index of one dataset: sorted keys, so a keystroke costs a few binary searches.

Every searched row is an *entity*. Each of its names gives keys in four sorted tables:

- ``names``: the whole name, written form (exact and prefix matches);
- ``words``: the name from each later word start on (Kyoto University → ``university``;
  京都大学 → ``大学``);
- ``readings``: the whole name's folded romaji (京都大学 → ``kyotodaigaku``);
- ``reading_words``: the folded romaji from each later word start (``daigaku``).

A query is folded the same two ways; each table answers with the range of keys that start
with it (``bisect``), and the entities of those keys get the table's rank. Nothing scans the
names, and of what matched only the best few are sorted: at 100,000 participants a keystroke
takes ~3 ms (median; 12 ms p95), where the substring scan it replaced took 0.2-2 s
(``python -m benchmarks.search``).

The build is the slow part: ~2 s at 100,000 participants, a Python pass over every name (and
cutlet for the Japanese ones: ~60 µs per distinct Japanese chunk, kept per chunk). It happens
once per dataset, on the first search; the search box starts it off the GUI thread when it
gets focus. A name gives keys for its first MAX_NAME_WORDS words only, each key joined from
just the words it holds, so a name's cost is linear in its length and bounded (one participant
named with 20,000 words once took the build 34 s); a query is read up to MAX_QUERY_CHARS.
"""

import re
from bisect import bisect_left, bisect_right
from itertools import islice

import numpy as np

from geodata.dataset import Dataset
from geodata.name_search.kinds import LIST_SEPARATOR, SEARCHED_KINDS, HitContext
from geodata.name_search.readings import chunk_words
from geodata.name_search.text import (
    KEY_CHARS,
    MAX_NAME_CHARS,
    MAX_NAME_WORDS,
    MAX_QUERY_CHARS,
    chunks,
    nfkc,
    reading,
)
from geodata.values import SearchHit

EXACT, PREFIX, WORD, READING_EXACT, READING_PREFIX, READING_WORD, RELATED = range(7)
"""Ranks, best first: the whole name; the name's start; a later word's start; the same three
on the reading; a project of a matched field or program."""

_LAST_CHAR = "\U0010ffff"
TABLES = ("names", "words", "readings", "reading_words")


_ASCII_WORDS = re.compile(r"[a-z0-9]+")
_ASCII_READINGS: dict[str, str] = {}


def _ascii_reading(word: str) -> str:
    sound = _ASCII_READINGS.get(word)
    if sound is None:
        sound = _ASCII_READINGS[word] = reading(word)
    return sound


def name_words(name: str) -> list[tuple[str, str, bool]]:
    """The first MAX_NAME_WORDS words of ``name`` (of its first MAX_NAME_CHARS characters) as
    (written form, reading, starts a chunk), a chunk being the text between spaces or
    punctuation (so its words are written together)."""
    name = name[:MAX_NAME_CHARS]
    if name.isascii():  # most names of a large dataset: no Unicode folding, no morphemes
        return [(word, _ascii_reading(word), True) for word in
                islice(_ASCII_WORDS.findall(name.lower()), MAX_NAME_WORDS)]
    words = (
        (text, sound, at == 0) for chunk in chunks(nfkc(name))
        for at, (text, sound) in enumerate(chunk_words(chunk)))
    return list(islice(words, MAX_NAME_WORDS))


def name_keys(name: str) -> tuple[list[str], list[str]]:
    """(written keys, reading keys) of ``name``: the whole name first, then the name from each
    later word start; each at most KEY_CHARS long, each joined from only the words it holds
    (so the keys of a name cost time linear in its words)."""
    words = name_words(name)
    # A later word is written after a space when it starts a chunk (京都 大学), else joined.
    written_parts = [" " + text if starts_chunk else text for text, _, starts_chunk in words]
    sounds = [sound for _, sound, _ in words]
    written_keys, reading_keys = [], []
    for start, (text, _, _) in enumerate(words):
        written_keys.append(_joined_key(text, written_parts, start + 1))
        reading_keys.append(_joined_key("", sounds, start))
    return written_keys, reading_keys


def _joined_key(first: str, parts: list[str], start: int) -> str:
    """``first`` and ``parts[start:]`` joined, cut at KEY_CHARS; joins no part past the cut."""
    taken, length = [first], len(first)
    for part in islice(parts, start, None):
        if length >= KEY_CHARS:
            break
        taken.append(part)
        length += len(part)
    return "".join(taken)[:KEY_CHARS]


class _Table:
    """Sorted keys and, aligned with them, the entity each key belongs to."""

    def __init__(self, keys: list[str], entities: list[int]):
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self.keys = [keys[at] for at in order]
        self.entities = np.asarray(entities, dtype=np.int64)[order]

    def starting_with(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """(entities whose key is ``query``, entities whose key only starts with it)."""
        low = bisect_left(self.keys, query)
        exact = bisect_right(self.keys, query, lo=low)
        high = bisect_left(self.keys, query + _LAST_CHAR, lo=exact)
        return self.entities[low:exact], self.entities[exact:high]


class SearchIndex:
    """Built once per dataset (readings included); answers every keystroke after that."""

    def __init__(self, ds: Dataset):
        self.context = HitContext(
            ds, dict(zip(ds.projects["project_id"], ds.projects["bureau_id"], strict=True)),
            dict(zip(ds.prefectures["pref_code"], ds.prefectures["name_en"], strict=True)))
        self._kinds = list(SEARCHED_KINDS)
        self._frames = [getattr(ds, kind.layer) for kind in self._kinds]
        self._first_entity = np.cumsum([0, *(len(frame) for frame in self._frames)])
        self.entity_kinds = np.repeat(np.arange(len(self._kinds), dtype=np.int64),
                                      [len(frame) for frame in self._frames])
        self.entity_rows = np.concatenate([np.arange(len(frame), dtype=np.int64)
                                           for frame in self._frames])
        keys: dict[str, tuple[list[str], list[int]]] = {table: ([], []) for table in TABLES}
        labels: list[str] = []
        for kind, frame, first in zip(self._kinds, self._frames, self._first_entity,
                                      strict=False):
            columns = [column for column in kind.names if column in frame]
            if not columns:
                labels.extend("" for _ in range(len(frame)))
                continue
            for row, values in enumerate(zip(*(frame[column] for column in columns),
                                             strict=True)):
                labels.append(values[0] if isinstance(values[0], str) else "")
                for name in self._names(values):
                    self._add_keys(keys, int(first) + row, name)
        self.tables = {name: _Table(*pair) for name, pair in keys.items()}
        self.entity_order = self._order(labels)
        self.entity_at_order = np.argsort(self.entity_order)
        self.related_projects = self._related_projects(ds)
        self.has_related = np.zeros(len(labels), dtype=bool)
        self.has_related[list(self.related_projects)] = True

    @staticmethod
    def _names(values) -> list[str]:
        names: list[str] = []
        for value in values:
            if isinstance(value, str):
                names.extend(value.split(LIST_SEPARATOR) if LIST_SEPARATOR in value else (value,))
        return names

    @staticmethod
    def _add_keys(keys, entity: int, name: str) -> None:
        written_keys, reading_keys = name_keys(name)
        for (whole, later), found in ((("names", "words"), written_keys),
                                      (("readings", "reading_words"), reading_keys)):
            for table, table_keys in ((whole, found[:1]), (later, found[1:])):
                texts, entities = keys[table]
                for key in table_keys:
                    if key:
                        texts.append(key)
                        entities.append(entity)

    def _order(self, labels: list[str]) -> np.ndarray:
        """Each entity's place among equally ranked matches: by kind (SEARCHED_KINDS' order),
        then the shorter label (the closer match), then alphabetically."""
        lengths = np.fromiter((len(label) for label in labels), dtype=np.int64,
                              count=len(labels))
        alphabetical = np.empty(len(labels), dtype=np.int64)
        alphabetical[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(len(labels))
        order = np.lexsort((alphabetical, lengths, self.entity_kinds))
        places = np.empty(len(labels), dtype=np.int64)
        places[order] = np.arange(len(labels))
        return places

    def _related_projects(self, ds: Dataset) -> dict[int, np.ndarray]:
        """Per field or program entity, the entities of the projects that list it."""
        project_codes = [code for code, kind in enumerate(self._kinds)
                         if kind.layer == "projects"]
        if not project_codes:
            return {}
        first_project = int(self._first_entity[project_codes[0]])
        related: dict[int, np.ndarray] = {}
        for code, kind in enumerate(self._kinds):
            if kind.projects_column is None or kind.projects_column not in ds.projects:
                continue
            members: dict[str, list[int]] = {}
            for position, ids in enumerate(ds.projects[kind.projects_column]):
                for item in ids if isinstance(ids, list | tuple) else ():
                    members.setdefault(item, []).append(first_project + position)
            first = int(self._first_entity[code])
            for row, item in enumerate(self._frames[code][kind.id_column]):
                if item in members:
                    related[first + row] = np.asarray(members[item], dtype=np.int64)
        return related

    # --- asking ----------------------------------------------------------------------------
    def ranked(self, query: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """(entities, ranks): the best ``limit`` matches of ``query``, best first, each entity
        once at its best rank.

        Ranks are taken best first and the search stops once ``limit`` entities are found:
        typing "o" among 100,000 "Organisation …" names ranks the names that start with it
        and never looks at the words and readings further down.
        """
        written_keys, reading_keys = name_keys(query[:MAX_QUERY_CHARS])
        written, sound = written_keys[:1], reading_keys[:1]
        tiers = []
        if written:
            tiers += [(EXACT, "names", written[0], True), (PREFIX, "names", written[0], False),
                      (WORD, "words", written[0], None)]
        if sound:
            tiers += [(READING_EXACT, "readings", sound[0], True),
                      (READING_PREFIX, "readings", sound[0], False),
                      (READING_WORD, "reading_words", sound[0], None)]
        chosen = np.zeros(len(self.entity_order), dtype=bool)
        picked: list[tuple[np.ndarray, int]] = []
        matched: list[np.ndarray] = []
        remaining = limit
        for rank, table, key, exact in tiers:
            if remaining <= 0:
                break
            exact_entities, prefix_entities = self.tables[table].starting_with(key)
            entities = (exact_entities if exact else prefix_entities if exact is False
                        else np.concatenate((exact_entities, prefix_entities)))
            matched.append(entities)
            remaining -= self._pick(entities, rank, chosen, picked, remaining)
        if remaining > 0 and matched:
            found = np.concatenate(matched)
            related = [self.related_projects[int(entity)]
                       for entity in np.unique(found[self.has_related[found]])]
            if related:
                self._pick(np.concatenate(related), RELATED, chosen, picked, remaining)
        if not picked:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return (np.concatenate([entities for entities, _ in picked]),
                np.concatenate([np.full(len(entities), rank) for entities, rank in picked]))

    def _pick(self, entities: np.ndarray, rank: int, chosen: np.ndarray, picked: list,
              wanted: int) -> int:
        """Add to ``picked`` the best ``wanted`` of ``entities`` not chosen yet; how many.

        Only the best few places are sorted (``np.partition``): typing "o" matches 100,000
        organisations, of which 50 are shown.
        """
        places = self.entity_order[entities]
        take = wanted + int(chosen.sum()) + 8
        while True:
            best_places = places if take >= len(places) else np.partition(places, take)[:take]
            best_places = np.sort(best_places)
            best_places = best_places[np.r_[True, best_places[1:] != best_places[:-1]]] \
                if len(best_places) else best_places
            best = self.entity_at_order[best_places]
            best = best[~chosen[best]][:wanted]
            if len(best) == wanted or take >= len(places):
                break
            take *= 2
        chosen[best] = True
        picked.append((best, rank))
        return len(best)

    def hit(self, entity: int) -> SearchHit:
        code = int(self.entity_kinds[entity])
        row = self._frames[code].iloc[int(self.entity_rows[entity])]
        return self._kinds[code].hit(self.context, row)
