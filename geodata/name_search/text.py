"""How names and queries are folded before they are compared.

Two forms of every name are kept. The *written* form is what the user would type on a
keyboard set to the name's script: NFKC (full-width ｋｏｂｅ → kobe, half-width ﾊﾞｲｵ → バイオ),
case-folded, Latin accents dropped (Düsseldorf → dusseldorf), katakana folded to hiragana
(so ばいお finds バイオ), punctuation turned into spaces (K-RIP → k rip, 環境・リサイクル →
環境 りさいくる).
The *reading* form is romaji folded the way people spell Japanese in Latin letters without
macrons: only letters and digits, ``ou`` → ``o`` and doubled vowels made single, so きょうと,
キョート, kyouto, kyōto and Kyoto all become ``kyoto``.
"""

import re
import unicodedata

KEY_CHARS = 64
"""Keys and queries are compared on their first KEY_CHARS characters: bounds the index's memory
whatever the length of a name in the dataset."""
MAX_NAME_WORDS = 32
"""Words of one name indexed (from its start): an organisation's name has a dozen at most,
and one of 20,000 words once made the index take half a minute."""
MAX_NAME_CHARS = 1000
"""Characters of one name read for its words: the text the morpheme analyser sees is bounded
too."""
MAX_QUERY_CHARS = 4 * KEY_CHARS
"""Characters of a query read: more than any key compares, and a pasted page costs no more
than a name."""

_SEPARATORS = re.compile(r"[\W_]+")
_COMBINING_LATIN_MARKS = re.compile("[\u0300-\u036f]")  # not the kana voicing marks (U+3099)
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc]")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_NOT_ROMAJI = re.compile(r"[^a-z0-9]+")
_DOUBLED_VOWEL = re.compile(r"([aeiou])\1+")


def nfkc(text: str) -> str:
    """Full- and half-width forms folded to their usual ones."""
    return unicodedata.normalize("NFKC", text)


def chunks(text: str) -> list[str]:
    """``text`` (already NFKC) split at spaces and punctuation: the parts whose start is always
    a word start."""
    return [part for part in _SEPARATORS.split(text) if part]


def has_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def written(text: str) -> str:
    """The written form of one word or chunk (no separators inside)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", _COMBINING_LATIN_MARKS.sub("", text))
    return text.translate(_KATAKANA_TO_HIRAGANA)


def reading(romaji: str) -> str:
    """The folded form of romaji (or of any Latin text): kyōto, Kyouto, kyooto → kyoto."""
    text = romaji.casefold()
    if not text.isascii():
        text = _COMBINING_LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
    text = _NOT_ROMAJI.sub("", text).replace("ou", "o")
    return _DOUBLED_VOWEL.sub(r"\1", text)
