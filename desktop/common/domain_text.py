"""The data layer's own words (chart titles, comparison rows, participant kinds…) in the
reader's language.

geodata stays free of Qt and writes these in English; the English text is the key, as in
Qt's own catalogues, so the words are translated like every interface string (context
"Domain" of resources/i18n/*.ts, checked by test_translations) and geodata needs no
language parameter. Text that is not in the vocabulary (data: names, sources) comes back
unchanged. Fiscal years written ``FY2005`` become the reader's year style (2005年度,
平成17年度), and a chart's bureau names the dataset's names in the reader's language.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.common.figures_text import date_text, number_text
from desktop.common.i18n import JAPANESE, speaker
from geodata.fiscal_years import WESTERN, fiscal_year_text
from geodata.names import names_by_id

if TYPE_CHECKING:
    from geodata import Dataset
    from geodata.figures import Chart

CONTEXT = "Domain"
BILLIONS_OF_YEN, HUNDRED_MILLIONS_OF_YEN = "¥ billion", "¥100 million"
FISCAL_YEAR = re.compile(r"FY(\d{4})")
NAMED = "Named: "

VOCABULARY = (
    # geodata.figures.CHART_TITLES
    QT_TRANSLATE_NOOP("Domain", "Network size over time"),
    QT_TRANSLATE_NOOP("Domain", "New businesses launched"),
    QT_TRANSLATE_NOOP("Domain", "Budgets by programme and fiscal year"),
    QT_TRANSLATE_NOOP("Domain", "Companies and universities per bureau"),
    QT_TRANSLATE_NOOP("Domain", "Companies and universities per project"),
    # comparison rows (geodata.figures.compare_bureaus, with_tieup_breakdown) and small multiples
    QT_TRANSLATE_NOOP("Domain", "Projects"),
    QT_TRANSLATE_NOOP("Domain", "Companies (reported)"),
    QT_TRANSLATE_NOOP("Domain", "Universities (reported)"),
    QT_TRANSLATE_NOOP("Domain", "Tie-ups"),
    QT_TRANSLATE_NOOP("Domain", "Tie-up countries"),
    QT_TRANSLATE_NOOP("Domain", "Achievements"),
    QT_TRANSLATE_NOOP("Domain", "Sources"),
    QT_TRANSLATE_NOOP("Domain", "Tie-ups by country"),
    QT_TRANSLATE_NOOP("Domain", "Tie-ups by field"),
    QT_TRANSLATE_NOOP("Domain", "Companies"),
    QT_TRANSLATE_NOOP("Domain", "Universities"),
    QT_TRANSLATE_NOOP("Domain", "Named: {kind}"),
    # units of the charts
    QT_TRANSLATE_NOOP("Domain", "organisations (as reported)"),
    QT_TRANSLATE_NOOP("Domain", "count"),
    QT_TRANSLATE_NOOP("Domain", "¥ billion"),
    QT_TRANSLATE_NOOP("Domain", "¥100 million"),
    # participant kinds: geodata.vocabulary.PARTICIPANT_KIND_LABELS, _SINGULAR, and the
    # comparison's "Named: …" rows (the kind id with spaces)
    QT_TRANSLATE_NOOP("Domain", "Public research institutes"),
    QT_TRANSLATE_NOOP("Domain", "Local governments"),
    QT_TRANSLATE_NOOP("Domain", "Business incubators"),
    QT_TRANSLATE_NOOP("Domain", "Finance"),
    QT_TRANSLATE_NOOP("Domain", "Promoting organisations"),
    QT_TRANSLATE_NOOP("Domain", "Support organisations"),
    QT_TRANSLATE_NOOP("Domain", "Places labelled on a source map (not participants)"),
    QT_TRANSLATE_NOOP("Domain", "Company"),
    QT_TRANSLATE_NOOP("Domain", "University"),
    QT_TRANSLATE_NOOP("Domain", "Public research institute"),
    QT_TRANSLATE_NOOP("Domain", "Local government"),
    QT_TRANSLATE_NOOP("Domain", "Business incubator"),
    QT_TRANSLATE_NOOP("Domain", "Promoting organisation"),
    QT_TRANSLATE_NOOP("Domain", "Support organisation"),
    QT_TRANSLATE_NOOP("Domain", "Place labelled on a source map"),
    QT_TRANSLATE_NOOP("Domain", "company"),
    QT_TRANSLATE_NOOP("Domain", "university"),
    QT_TRANSLATE_NOOP("Domain", "research institute"),
    QT_TRANSLATE_NOOP("Domain", "local government"),
    QT_TRANSLATE_NOOP("Domain", "incubator"),
    QT_TRANSLATE_NOOP("Domain", "finance"),
    QT_TRANSLATE_NOOP("Domain", "promoter"),
    QT_TRANSLATE_NOOP("Domain", "support organisation"),
    QT_TRANSLATE_NOOP("Domain", "map label"),
    # achievement kinds: geodata.vocabulary.ACHIEVEMENT_KINDS
    QT_TRANSLATE_NOOP("Domain", "venture"),
    QT_TRANSLATE_NOOP("Domain", "listing"),
    QT_TRANSLATE_NOOP("Domain", "alliance"),
    QT_TRANSLATE_NOOP("Domain", "joint-rd"),
    QT_TRANSLATE_NOOP("Domain", "product"),
    QT_TRANSLATE_NOOP("Domain", "activity"),
    QT_TRANSLATE_NOOP("Domain", "investment"),
    QT_TRANSLATE_NOOP("Domain", "network"),
    # (the data sources' files_title are marked in their own modules, geodata/sources/)
    # geodata.figures.YEARS_NOT_STATED
    QT_TRANSLATE_NOOP("Domain", "years not stated"),
    # series of the national charts (geodata.figures.series_title of the bundled dataset's
    # series) and their units
    QT_TRANSLATE_NOOP("Domain", "Network SMEs"),
    QT_TRANSLATE_NOOP("Domain", "Network universities"),
    QT_TRANSLATE_NOOP("Domain", "New businesses"),
    QT_TRANSLATE_NOOP("Domain", "Cluster plan initial"),
    QT_TRANSLATE_NOOP("Domain", "Cluster plan supplementary"),
    QT_TRANSLATE_NOOP("Domain", "Cluster subsidies"),
    QT_TRANSLATE_NOOP("Domain", "Joint R&D"),
    QT_TRANSLATE_NOOP("Domain", "New business facilities act"),
    QT_TRANSLATE_NOOP("Domain", "Regional competitive edge"),
    QT_TRANSLATE_NOOP("Domain", "MEXT knowledge cluster"),
    QT_TRANSLATE_NOOP("Domain", "MEXT city area"),
    QT_TRANSLATE_NOOP("Domain", "MEXT regional innovation cluster"),
    QT_TRANSLATE_NOOP("Domain", "MEXT support regional innovation"),
    QT_TRANSLATE_NOOP("Domain", "SMEs / universities"),
    QT_TRANSLATE_NOOP("Domain", "businesses"),
    # geodata.figures.TEMPLATES: chart notes and bar sets named by their source
    QT_TRANSLATE_NOOP("Domain", "Not by year ({years}): {label} — ¥{billions} bn [{source}]"),
    QT_TRANSLATE_NOOP("Domain", "{missing} of {total} projects: counts not reported"),
    QT_TRANSLATE_NOOP("Domain", "{program} ({source})"),
)


def domain_text(text: str, language: str, year_style: str = WESTERN) -> str:
    """``text`` from geodata in ``language``: a vocabulary word translated, ``FY2005`` in the
    year style, a comparison's ``Named: company`` row by its parts; anything else as it is."""
    words = speaker(language)
    year = FISCAL_YEAR.fullmatch(text)
    if year:
        return fiscal_year_text(int(year.group(1)), language, year_style)
    dated = date_text(text, language, year_style)
    if dated != text:  # c. 2003 → 2003年頃, as of 31 Dec 2010 → 2010年12月31日時点
        return dated
    if text.startswith(NAMED):
        return words.translate(CONTEXT, "Named: {kind}").format(
            kind=words.translate(CONTEXT, text.removeprefix(NAMED)))
    return words.translate(CONTEXT, text)


def chart_text(text: str, language: str, year_style: str = WESTERN) -> str:
    """A chart's series name or note in ``language``: a text geodata wrote from one of its
    templates (``8 of 27 projects: counts not reported``) is written again from the
    template's translation, its values through ``domain_text``; other text as domain_text.
    """
    from geodata.figures import template_values  # pandas: not at window import

    filled = template_values(text)
    if filled is None:
        return domain_text(text, language, year_style)
    template, values = filled
    shown = {name: domain_text(value, language, year_style) for name, value in values.items()}
    if "billions" in values and language == JAPANESE:  # Japanese counts yen in 億: ×10
        shown["billions"] = number_text(float(values["billions"]) * 10)
    return speaker(language).translate(CONTEXT, template).format(**shown)


def localized_chart(chart: Chart, ds: Dataset, language: str,
                    year_style: str = WESTERN) -> Chart:
    """``chart`` (geodata.figures) with its title, series, unit and categories in
    ``language``: years in the year style, bureau names the dataset's in that language."""
    bureaus = dict(zip(ds.bureaus["name_en"], names_by_id(ds.bureaus, "bureau_id",
                                                          language).values(), strict=True))

    def word(text: str) -> str:
        return domain_text(text, language, year_style)

    categories = tuple(bureaus.get(category, word(category)) if chart.key == "per-bureau"
                       else word(category) for category in chart.categories)
    def label(text: str) -> str:
        return chart_text(text, language, year_style)

    series = {label(name): values for name, values in chart.series.items()}
    unit = word(chart.unit)
    if chart.unit == BILLIONS_OF_YEN and language == JAPANESE:
        # 490億円, never 49十億円: Japanese groups digits by 10^4 (figures_text.money_text)
        series = {name: tuple(None if value is None else value * 10 for value in values)
                  for name, values in series.items()}
        unit = speaker(language).translate(CONTEXT, HUNDRED_MILLIONS_OF_YEN)
    axes = {label(name): axis for name, axis in chart.axes.items()}
    return dataclasses.replace(chart, title=word(chart.title), categories=categories,
                               series=series, unit=unit, axes=axes,
                               notes=tuple(map(label, chart.notes)))
