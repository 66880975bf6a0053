"""Names of dataset rows in the reader's language: the one place that picks ``name_ja`` or
``name_en``.

Bureaus, prefectures, fields, programmes, projects and participants carry an English name and
may carry the Japanese one the sources give (``name_ja``, SCHEMA.md). A reader of Japanese sees
the Japanese name wherever the dataset has one and the English name otherwise; nothing is
translated here and no Japanese name is ever made up (projects have none in the sources, so
they stay English). Languages are the interface's codes, ``"ja"`` and ``"en"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no pandas at import: the window's start-up modules use this module
    import pandas as pd

JAPANESE = "ja"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def display_name(row, language: str) -> str:
    """``row``'s name for a reader of ``language``: its ``name_ja`` in Japanese when it has
    one, else its ``name_en``. ``row`` is a namedtuple (``itertuples``), a Series or a dict."""
    get = row.get if hasattr(row, "get") else (  # a dict or Series; else a namedtuple
        lambda column, default=None: getattr(row, column, default))
    if language == JAPANESE:
        japanese = _text(get("name_ja", None))
        if japanese is not None:
            return japanese
    english = get("name_en", None)
    return english if isinstance(english, str) else ""


def display_names(frame: pd.DataFrame, language: str) -> pd.Series:
    """Every row's ``display_name``, aligned with ``frame`` (a frame without ``name_ja``,
    such as the countries, gives its English names)."""
    english = frame["name_en"].astype(object)
    if language != JAPANESE or "name_ja" not in frame:
        return english
    japanese = frame["name_ja"].map(_text)
    return japanese.where(japanese.notna(), english)


def names_by_id(frame: pd.DataFrame, id_column: str, language: str) -> dict[str, str]:
    """``{id: display name}`` for a layer (``bureaus``/``bureau_id``, ``fields``/``field_id``…)."""
    return dict(zip(frame[id_column], display_names(frame, language), strict=True))


def country_name(iso_a2: object, language: str, fallback: str | None = None) -> str:
    """The country of an ISO 3166-1 alpha-2 code in ``language``, from CLDR (Babel's
    territory names, shipped in its wheel: no network): ``CN`` → 中国 / China. A code CLDR
    does not know gives ``fallback`` (the dataset's English name), else the code itself."""
    from babel import Locale  # its CLDR data loads on first use, not at the window's start

    code = str(iso_a2).strip().upper() if isinstance(iso_a2, str) else ""
    territories = Locale.parse(language).territories
    return territories.get(code) or fallback or (code or str(iso_a2))
