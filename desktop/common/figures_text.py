"""Figures in the reader's language: the one formatter of qualified counts, money and dates.

The dataset writes a figure as the sources do, in English words from a fixed vocabulary
(geodata/SCHEMA.md): a ``qualifier`` (``about``, ``over``, ``more than``…), a ``unit``
(``companies``, ``yen``, ``cases``…) and dates (``c. 2003``, ``FY2001–2002``, ``Sept 2002``,
``as of 31 Dec 2010``). Panels, tooltips, charts, the report and every export show them
through this module, so a reader of Japanese reads 約120社, 220人以上, 2003年頃, 490億円 and a
reader of English "about 120 companies", "¥49 billion". Each word of the vocabulary is a
translated template (context "Figures" of resources/i18n/*.ts), plural forms through Qt's
English plural forms; a word outside the vocabulary is data and stays as the source wrote it.

Japanese numbers follow Japanese conventions: money in 万/億/兆 円, fiscal years as 年度 (or the
era, geodata/fiscal_years.py); English ones English conventions (¥49 billion, FY2005).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.i18n import JAPANESE, Speaker, speaker
from geodata.fiscal_years import WESTERN, fiscal_year_text

CONTEXT = "Figures"
EMPTY = "—"

QUALIFIERS = {
    "about": QT_TRANSLATE_NOOP("Figures", "about {figure}"),
    "around": QT_TRANSLATE_NOOP("Figures", "around {figure}"),
    "approximately": QT_TRANSLATE_NOOP("Figures", "approximately {figure}"),
    "some": QT_TRANSLATE_NOOP("Figures", "some {figure}"),
    "over": QT_TRANSLATE_NOOP("Figures", "over {figure}"),
    "more than": QT_TRANSLATE_NOOP("Figures", "more than {figure}"),
}
"""SCHEMA.md's qualifiers, each a template around the figure (約{figure}, {figure}以上)."""


def _counted_units(words: Speaker, n: int) -> dict[str, str]:
    """SCHEMA.md's units of counts (achievements, national figures), each written for ``n``
    (``%n``): English says 1 company, 2 companies; Japanese has one form (%n社). Two source
    strings per unit, as pyside6-lupdate finds no plural forms in a module function."""
    one = n == 1
    return {
        "companies": words.translate("Figures", "%n company") if one
        else words.translate("Figures", "%n companies"),
        "universities": words.translate("Figures", "%n university") if one
        else words.translate("Figures", "%n universities"),
        "cases": words.translate("Figures", "%n case") if one
        else words.translate("Figures", "%n cases"),
        "participants": words.translate("Figures", "%n participant") if one
        else words.translate("Figures", "%n participants"),
        "organisations": words.translate("Figures", "%n organisation") if one
        else words.translate("Figures", "%n organisations"),
        "alliances": words.translate("Figures", "%n alliance") if one
        else words.translate("Figures", "%n alliances"),
        "members": words.translate("Figures", "%n member") if one
        else words.translate("Figures", "%n members"),
        "activities": words.translate("Figures", "%n activity") if one
        else words.translate("Figures", "%n activities"),
        "SMEs": words.translate("Figures", "%n SME") if one
        else words.translate("Figures", "%n SMEs"),
        "businesses": words.translate("Figures", "%n business") if one
        else words.translate("Figures", "%n businesses"),
        "researchers": words.translate("Figures", "%n researcher") if one
        else words.translate("Figures", "%n researchers"),
        "officials": words.translate("Figures", "%n official") if one
        else words.translate("Figures", "%n officials"),
        "regions": words.translate("Figures", "%n region") if one
        else words.translate("Figures", "%n regions"),
        "areas": words.translate("Figures", "%n area") if one
        else words.translate("Figures", "%n areas"),
        "districts": words.translate("Figures", "%n district") if one
        else words.translate("Figures", "%n districts"),
        "clusters": words.translate("Figures", "%n cluster") if one
        else words.translate("Figures", "%n clusters"),
        "products per year": words.translate("Figures", "%n product per year") if one
        else words.translate("Figures", "%n products per year"),
        "issues per year": words.translate("Figures", "%n issue per year") if one
        else words.translate("Figures", "%n issues per year"),
        "hits per day": words.translate("Figures", "%n hit per day") if one
        else words.translate("Figures", "%n hits per day"),
        "hits per month": words.translate("Figures", "%n hit per month") if one
        else words.translate("Figures", "%n hits per month"),
        "coordinator dispatches": words.translate("Figures", "%n coordinator dispatch") if one
        else words.translate("Figures", "%n coordinator dispatches"),
        "applications per award": words.translate("Figures", "%n application per award") if one
        else words.translate("Figures", "%n applications per award"),
    }

YEN, DOLLARS = "yen", "dollars"
ENGLISH_MONEY = ((12, "trillion"), (9, "billion"), (6, "million"))
"""English groups digits by 10^3: ¥49 billion, ¥910 million (English conventions, no catalogue)."""
JAPANESE_MONEY = ((12, "兆"), (8, "億"), (4, "万"))
"""Japanese groups digits by 10^4: 490億円, 9.1億円, 5,000万円 (the script, not a translation)."""

MONTHS = {name: number for number, names in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), start=1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = (  # the head of a date as SCHEMA.md's examples write it, and its template
    (re.compile(r"c\. (?P<year>\d{4})"), QT_TRANSLATE_NOOP("Figures", "c. {year}")),
    (re.compile(rf"(?P<day>\d{{1,2}}) (?P<month>{_MONTH})\.? (?P<year>\d{{4}})"),
     QT_TRANSLATE_NOOP("Figures", "{day} {month} {year}")),
    (re.compile(rf"(?P<month>{_MONTH})\.? (?P<year>\d{{4}})"),
     QT_TRANSLATE_NOOP("Figures", "{month} {year}")),
)
FISCAL_YEARS = re.compile(r"FY(?P<first>\d{4})(?:[–-](?P<last>\d{4}))?")
RELATIVE = (  # "as of …", "since …", "up to …", "end of …": a date inside a template
    (re.compile(r"as of (?P<date>.+)"), QT_TRANSLATE_NOOP("Figures", "as of {date}")),
    (re.compile(r"since (?P<date>.+)"), QT_TRANSLATE_NOOP("Figures", "since {date}")),
    (re.compile(r"up to (?P<date>.+)"), QT_TRANSLATE_NOOP("Figures", "up to {date}")),
    (re.compile(r"end of (?P<date>.+)"), QT_TRANSLATE_NOOP("Figures", "end of {date}")),
)


def _blank(value: object) -> bool:
    if value is None or type(value).__name__ == "NAType":
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def number_text(value: float) -> str:
    """1,590 / 21.8: grouped, at most two decimals, no trailing zeros (both languages)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def money_text(yen: float, language: str) -> str:
    """An amount of yen: 490億円 / 9.1億円 in Japanese, ¥49 billion / ¥910 million in English."""
    if language == JAPANESE:
        for power, word in JAPANESE_MONEY:
            if abs(yen) >= 10 ** power:
                return f"{number_text(round(yen / 10 ** power, 2))}{word}円"
        return f"{number_text(yen)}円"
    for power, word in ENGLISH_MONEY:
        if abs(yen) >= 10 ** power:
            return f"¥{number_text(round(yen / 10 ** power, 2))} {word}"
    return f"¥{number_text(yen)}"


def counted_text(value: float, unit: object, language: str) -> str:
    """``value`` with its unit in ``language``: '120 companies' / '120社', ¥ amounts as
    money_text; a unit outside the vocabulary is written after the figure as the source
    wrote it."""
    if unit == YEN:
        return money_text(value, language)
    shown = number_text(value)
    if _blank(unit):
        return shown
    plural_of = int(value) if float(value).is_integer() else 2  # 1.5 companies: the plural
    written = _counted_units(speaker(language), plural_of).get(str(unit))
    if written is None:
        return f"${shown}" if unit == DOLLARS else f"{shown} {unit}"
    return written.replace("%n", shown, 1)  # 1,590: grouped as number_text


def qualified_text(shown: str, qualifier: object, language: str) -> str:
    """``shown`` (a figure already written) with the source's qualifier in ``language``;
    a qualifier outside the vocabulary before it, as the source wrote it."""
    if _blank(qualifier):
        return shown
    template = QUALIFIERS.get(str(qualifier).strip().lower())
    if template is None:
        return f"{qualifier} {shown}"
    return speaker(language).translate(CONTEXT, template).format(figure=shown)


def qualifier_word(qualifier: object, language: str) -> str:
    """The source's qualifier alone in ``language`` (a saved table's column): 約, 以上;
    a word outside the vocabulary as written."""
    if _blank(qualifier):
        return ""
    template = QUALIFIERS.get(str(qualifier).strip().lower())
    if template is None:
        return str(qualifier)
    return speaker(language).translate(CONTEXT, template).replace("{figure}", "").strip()


def figure_text(value: object, qualifier: object = None, unit: object = None,
                language: str = "en") -> str:
    """A figure as a reader of ``language`` reads it: 約120社 / about 120 companies, 220人以上,
    約5億円; a dash where the sources give none (never 0)."""
    if _blank(value):
        return EMPTY
    return qualified_text(counted_text(float(value), unit, language), qualifier, language)


def fiscal_years_text(first: int, last: int | None, language: str,
                      year_style: str = WESTERN) -> str:
    shown = fiscal_year_text(first, language, year_style)
    if last is None:
        return shown
    return f"{shown}–{fiscal_year_text(last, language, year_style)}"


def date_text(text: object, language: str, year_style: str = WESTERN) -> str:
    """A date the sources word (``as_of``, ``period``, a chart's category) in ``language``:
    its head (before a parenthesis or ``;``) from the vocabulary's templates — 2003年頃,
    2002年9月, 2001年度–2002年度, 2010年12月31日時点 — the rest (the curators' note) as written.
    English keeps the source's words, fiscal years in the year style."""
    if _blank(text):
        return ""
    whole = str(text).strip()
    cut = min((position for position in (whole.find(" ("), whole.find(";"))
               if position > 0), default=len(whole))
    head, rest = whole[:cut], whole[cut:]
    shown = _date_head(head, language, year_style)
    return whole if shown is None else shown + rest


def _date_head(head: str, language: str, year_style: str) -> str | None:
    fiscal = FISCAL_YEARS.fullmatch(head)
    if fiscal:
        last = fiscal.group("last")
        return fiscal_years_text(int(fiscal.group("first")), last and int(last), language,
                                 year_style)
    words = speaker(language)
    for pattern, template in RELATIVE:
        found = pattern.fullmatch(head)
        if found:
            inner = _date_head(found.group("date"), language, year_style)
            if inner is None:
                return None
            return words.translate(CONTEXT, template).format(date=inner)
    for pattern, template in DATE_PATTERNS:
        found = pattern.fullmatch(head)
        if found:
            if language != JAPANESE:
                return head  # the source's own English words
            parts = found.groupdict()
            if "month" in parts:
                parts["month"] = str(MONTHS[parts["month"]])
            return words.translate(CONTEXT, template).format(**parts)
    return None


def short_date_text(text: object, language: str, year_style: str = WESTERN,
                    width: int = 24) -> str:
    """Only the date of ``text`` ('2003年頃' of 'c. 2003 (meti-2003-slides; …)'), short enough
    for a narrow column; the whole of it belongs in the tooltip."""
    if _blank(text):
        return ""
    whole = str(text)
    head = whole.split("(", 1)[0].split(";", 1)[0].strip()
    shown = date_text(head, language, year_style)
    return shown if len(shown) <= width else shown[:width - 1] + "…"
