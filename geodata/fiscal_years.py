"""Japanese fiscal years written the two ways officials write them: 西暦 or the era (和暦).

A Japanese fiscal year (年度) runs from April to the next March and is named by the calendar
year it starts in: FY2005 is April 2005 – March 2006, written ``2005年度`` or, with the era,
``平成17年度``. The first year of an era is 元 (``元年度``).

An era can begin inside a fiscal year. Which name a fiscal year takes is then the officials'
usage, not arithmetic on 1 April: FY2019 began under Heisei (Reiwa began on 1 May 2019) yet
ministries write ``令和元年度`` for it, as for every later year of the budget; FY1989 (Heisei
began on 8 January 1989) is ``平成元年度``, FY1988 ``昭和63年度``. So each era below is used from
the fiscal year its ``first_fiscal_year`` names, and the year within the era counts from the
calendar year the era began. Showa began on 25 December 1926, so FY1926 is still Taisho:
years before FY1927 are written the Western way whatever the style (the sources date nothing
that early).

No Qt here: the window, the command line and the exports all format through
``fiscal_year_text``.
"""

from __future__ import annotations

from dataclasses import dataclass

WESTERN, ERA = "western", "era"
YEAR_STYLES = (WESTERN, ERA)
"""西暦 (FY2005 / 2005年度), the default; and the Japanese era (平成17年度)."""
JAPANESE = "ja"


@dataclass(frozen=True)
class Era:
    name_ja: str
    name_en: str
    began: int
    """The calendar year the era began: its year 1 (元年)."""
    first_fiscal_year: int
    """The first fiscal year written with this era (see the module's docstring)."""


ERAS = (  # newest first
    Era("令和", "Reiwa", 2019, 2019),
    Era("平成", "Heisei", 1989, 1989),
    Era("昭和", "Showa", 1926, 1927),
)


def era_of(fiscal_year: int) -> tuple[Era, int] | None:
    """(the era, the year within it) that names ``fiscal_year``; None before FY1927."""
    for era in ERAS:
        if fiscal_year >= era.first_fiscal_year:
            return era, fiscal_year - era.began + 1
    return None


def fiscal_year_text(fiscal_year: int, language: str, style: str = WESTERN) -> str:
    """``fiscal_year`` as a reader of ``language`` expects it in ``style``.

    Japanese: ``2005年度`` / ``平成17年度`` (``令和元年度``). English: ``FY2005`` /
    ``FY2005 (Heisei 17)``, the Western year kept first so an English reader can still
    compare years.
    """
    fiscal_year = int(fiscal_year)
    named = era_of(fiscal_year) if style == ERA else None
    if language == JAPANESE:
        if named is None:
            return f"{fiscal_year}年度"
        era, year = named
        return f"{era.name_ja}{'元' if year == 1 else year}年度"
    if named is None:
        return f"FY{fiscal_year}"
    era, year = named
    return f"FY{fiscal_year} ({era.name_en} {year})"


def fiscal_year_span(first: int | None, last: int | None, language: str,
                     style: str = WESTERN) -> str | None:
    """A project's years, ``FY2001–FY2009`` / ``2001年度～2009年度``; one year alone when
    they are equal; None when the start is not stated (the caller says so in its words)."""
    if first is None:
        return None
    start = fiscal_year_text(first, language, style)
    if last is None or last == first:
        return start
    dash = "～" if language == JAPANESE else "–"
    return f"{start}{dash}{fiscal_year_text(last, language, style)}"


def fiscal_year_short(fiscal_year: int, style: str = WESTERN) -> str:
    """A fiscal year on a crowded axis: ``05`` (the last two digits) or, by era, ``H17`` /
    ``R1`` (the era's initial, as officials abbreviate it in tables)."""
    fiscal_year = int(fiscal_year)
    named = era_of(fiscal_year) if style == ERA else None
    if named is None:
        return f"{fiscal_year % 100:02d}"
    era, year = named
    return f"{era.name_en[0]}{year}"
