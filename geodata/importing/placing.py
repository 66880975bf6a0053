"""Placing a row without coordinates: its prefecture and municipality (or its address) matched
against the gazetteer, the dataset's ``places`` layer (every municipality of Japan under its
official name and reading, with OpenStreetMap's and GeoNames' spellings).

Names are compared in Japanese, in kana (the official reading) or in Latin letters (``Fuchu``,
``Fuchū``, ``Fuchu-shi``). A municipal suffix (市 区 町 村, ``-shi``, ``city``, …) is matched
with or without it, and rules out a place whose own name has another one (府中市 is not
府中町). A name that fits more than one place is never decided here: the candidates are listed
for the user to choose (府中市 in Tokyo and in Hiroshima, 伊達市 in Hokkaido and Fukushima). No Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

JAPANESE_SUFFIXES = {"市": "city", "区": "ward", "町": "town", "村": "village"}
LATIN_SUFFIXES = {
    "shi": "city", "city": "city", "ku": "ward", "ward": "ward", "machi": "town",
    "cho": "town", "town": "town", "mura": "village", "son": "village", "village": "village",
}
MUNICIPAL_KINDS = frozenset(JAPANESE_SUFFIXES.values())
_LATIN_SUFFIX = re.compile(r"^(.+?)[\s-]+(" + "|".join(LATIN_SUFFIXES) + r")$")
_PREFECTURE_SUFFIX_LATIN = re.compile(r"[\s-]+(to|fu|ken|prefecture)$")
_POSTCODE = re.compile(r"^〒?\s*\d{3}-?\d{4}\s*")
_DISTRICT = re.compile(r"^[^\d市区町村]{1,6}?郡")
LONGEST_NAME = 12


def _is_japanese(text: str) -> bool:
    return any(unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA"))
               for char in text)


def japanese_key(text: str) -> str:
    """NFKC, no spaces, ケ and ヶ alike (茅ケ崎 and 茅ヶ崎)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("ケ", "ヶ")


def latin_key(text: str) -> str:
    """Case-folded letters without accents, spaces or hyphens (``Fuchū-chō`` → ``fuchucho``)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(char for char in decomposed if char.isalnum() and char.isascii())


def name_and_suffix(text: str) -> tuple[str, str | None, str | None]:
    """The name's key, its key without the municipal suffix (None if it has none) and the
    kind that suffix says (``府中市`` → ``府中市``, ``府中``, ``city``)."""
    if _is_japanese(text):
        key = japanese_key(text)
        if len(key) >= 3 and key[-1] in JAPANESE_SUFFIXES:
            return key, key[:-1], JAPANESE_SUFFIXES[key[-1]]
        return key, None, None
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    match = _LATIN_SUFFIX.match(folded)
    if match and latin_key(match[1]):
        return latin_key(folded), latin_key(match[1]), LATIN_SUFFIXES[match[2]]
    return latin_key(folded), None, None


@dataclass(frozen=True)
class Place:
    """One gazetteer entry, as a row is placed at it."""

    code: int
    """The local government code (全国地方公共団体コード), the place's identity."""
    name_en: str
    name_ja: str
    pref_code: int
    kind: str
    population: int | None
    lon: float
    lat: float
    geonameid: int | None = None
    """The GeoNames entry of the same place, when the gazetteer cross-checked one."""

    def label(self, prefecture_names: dict[int, str]) -> str:
        name = f"{self.name_ja} ({self.name_en})" if self.name_ja else self.name_en
        return f"{name}, {prefecture_names.get(self.pref_code, self.pref_code)}"


@dataclass
class Match:
    """Where a row's names lead: one place, several (the user chooses) or none."""

    candidates: list[Place]
    looked_for: str
    """The prefecture and municipality as read, for messages."""

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


@dataclass
class Gazetteer:
    """The places, indexed by every name key, and the prefectures by theirs."""

    places: list[Place]
    prefecture_names: dict[int, str]
    """Prefecture code → its Japanese name, for labels."""
    _by_key: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _prefecture_keys: dict[str, int] = field(default_factory=dict, repr=False)
    _prefecture_prefixes: list[tuple[str, int]] = field(default_factory=list, repr=False)

    @classmethod
    def from_frames(cls, places: pd.DataFrame, prefectures: pd.DataFrame) -> Gazetteer:
        entries, names = [], []
        for row in places.itertuples(index=False):
            point = row.geometry
            geonameid = getattr(row, "geonameid", None)
            entries.append(Place(
                int(row.code), str(row.name_en),
                row.name_ja if isinstance(row.name_ja, str) else "", int(row.pref_code),
                str(row.kind), None if pd.isna(row.population) else int(row.population),
                float(point.x), float(point.y),
                None if geonameid is None or pd.isna(geonameid) else int(geonameid)))
            given = row.names.split(";") if isinstance(row.names, str) else []
            reading = getattr(row, "reading", None)
            names.append([row.name_en, *([row.name_ja] if isinstance(row.name_ja, str) else []),
                          *([reading] if isinstance(reading, str) else []), *given])
        gazetteer = cls(entries, {int(code): str(name) for code, name in
                                  zip(prefectures["pref_code"], prefectures["name_ja"],
                                      strict=True)})
        for position, place_names in enumerate(names):
            for name in place_names:
                key, stem, _kind = name_and_suffix(name)
                for each in {key, stem} - {None, ""}:
                    gazetteer._by_key.setdefault(each, []).append(position)
        gazetteer._index_prefectures(prefectures)
        return gazetteer

    def _index_prefectures(self, prefectures: pd.DataFrame) -> None:
        for code, name_en, name_ja in zip(prefectures["pref_code"], prefectures["name_en"],
                                          prefectures["name_ja"], strict=True):
            code = int(code)
            short_ja = re.sub(r"[都府県]$", "", name_ja) if len(name_ja) > 2 else name_ja
            for name in {japanese_key(name_ja), japanese_key(short_ja)}:
                self._prefecture_keys[name] = code
            self._prefecture_prefixes.append((japanese_key(name_ja), code))
            self._prefecture_keys[latin_key(name_en)] = code
        self._prefecture_prefixes.sort(key=lambda item: -len(item[0]))

    def prefecture_code(self, text: str | None) -> int | None:
        """The JIS code of a prefecture named in Japanese or English (``東京都``, ``東京``,
        ``Tokyo``, ``Tokyo-to``, ``Hyogo Prefecture``, ``13``), or None."""
        if not text:
            return None
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= 47:
            return int(text)
        if _is_japanese(text):
            return self._prefecture_keys.get(japanese_key(text))
        folded = _PREFECTURE_SUFFIX_LATIN.sub("", unicodedata.normalize("NFKC", text)
                                              .casefold().strip())
        return self._prefecture_keys.get(latin_key(folded))

    def split_address(self, address: str) -> tuple[int | None, str]:
        """An address's prefecture (when it starts with one) and the municipality it names
        next, read with the gazetteer's own names (``東京都府中市宮西町2-24`` → 13, ``府中市``)."""
        text = _POSTCODE.sub("", japanese_key(address))
        code = None
        for prefix, prefecture in self._prefecture_prefixes:
            if text.startswith(prefix):
                code, text = prefecture, text[len(prefix):]
                break
        municipality = self._leading_name(text)
        if not municipality:
            district = _DISTRICT.match(text)
            if district:
                municipality = self._leading_name(text[district.end():])
        return code, municipality

    def _leading_name(self, text: str) -> str:
        """The longest gazetteer name that starts ``text`` and ends there or at a suffix."""
        for length in range(min(len(text), LONGEST_NAME), 1, -1):
            head = text[:length]
            if head not in self._by_key:
                continue
            if head[-1] in JAPANESE_SUFFIXES:
                return head
            following = text[length:length + 1]
            if following in JAPANESE_SUFFIXES:
                return head + following
        return ""

    def match(self, prefecture: str | None, municipality: str | None,
              address: str | None) -> Match:
        """The places a row's prefecture, municipality and address fit."""
        pref_code = self.prefecture_code(prefecture)
        name = municipality or ""
        if _is_japanese(name) or not name:
            # a municipality cell may carry its prefecture (東京都府中市); an address does
            source = name or (address or "")
            from_text, leading = self.split_address(source) if source else (None, "")
            pref_code = pref_code or from_text
            name = leading or (name if name and from_text is None else "")
        looked_for = " ".join(part for part in (
            prefecture or "", municipality or (address or "")) if part)
        if not name:
            return Match([], looked_for)
        return Match(self.candidates(name, pref_code), looked_for)

    def candidates(self, name: str, pref_code: int | None) -> list[Place]:
        """Every place the municipality ``name`` may be, in ``pref_code`` when given."""
        key, stem, kind = name_and_suffix(name)
        positions = set(self._by_key.get(key, ())) | set(self._by_key.get(stem or key, ()))
        found = [self.places[position] for position in sorted(positions)]
        if pref_code is not None:
            found = [place for place in found if place.pref_code == pref_code]
        if kind is not None:  # a 市 is not the 町 of the same name; a place of no kind may be
            found = [place for place in found
                     if place.kind == kind or place.kind not in MUNICIPAL_KINDS]
        return sorted(found, key=lambda place: (place.pref_code, place.code))


def gazetteer_of(dataset) -> Gazetteer:
    """The gazetteer of a loaded dataset (its ``places`` and ``prefectures``)."""
    return Gazetteer.from_frames(dataset.places, dataset.prefectures)
