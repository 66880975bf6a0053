"""The policy over time and side by side, as tidy tables for charts, timelines and comparisons.

Every function is pure and returns a DataFrame whose rows each carry the ``source_id`` (and
``evidence_lines`` where the layer has them) they come from, so a chart can name its sources
and a reader can find every number. Years are the sources' own: a project is active in a
fiscal year only through a programme the sources date, and a figure without a fiscal year is
labelled by its ``as_of`` text ("c. 2003") — never placed on a guessed year.

No Qt here, and no import of ``geodata.queries`` (which imports this module for its year
filter): functions that follow the filters take the projects or query results the caller
already has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geodata.names import country_name, names_by_id

if TYPE_CHECKING:
    from geodata.dataset import Dataset

YEARS_NOT_STATED = "years not stated"
"""How a project, budget or figure whose fiscal years the sources do not give is labelled."""

NETWORK_SERIES = ("network-smes", "network-universities")
NEW_BUSINESS_SERIES = ("new-businesses",)
BUDGET_PREFIX = "budget-"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _year(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _frame(rows: list[dict], columns: list[str], years: tuple[str, ...]) -> pd.DataFrame:
    """``rows`` as a frame whose year columns are nullable integers (NA: not stated)."""
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({column: "Int64" for column in years})


# --- programme periods and the years a project is active -----------------------------------
def program_periods(ds: Dataset) -> pd.DataFrame:
    """The programmes the sources date, one row each: what the timeline strip draws.

    Columns: program_id, name_en, name_ja, ministry, start_fy, end_fy (NA where not stated),
    open_end (started, end not stated), source_id, evidence_lines.
    """
    rows = []
    for row in ds.filter_programs.itertuples(index=False):
        start, end = _year(row.start_fy), _year(row.end_fy)
        if start is None and end is None:
            continue
        rows.append({"program_id": row.program_id, "name_en": row.name_en,
                     "name_ja": getattr(row, "name_ja", None),
                     "ministry": row.ministry, "start_fy": start, "end_fy": end,
                     "open_end": start is not None and end is None,
                     "source_id": row.source_id,
                     "evidence_lines": _text(getattr(row, "evidence_lines", None))})
    columns = ["program_id", "name_en", "name_ja", "ministry", "start_fy", "end_fy", "open_end",
               "source_id", "evidence_lines"]
    return _frame(rows, columns, ("start_fy", "end_fy"))


def timeline_span(ds: Dataset) -> tuple[int, int] | None:
    """The first and last fiscal year any programme's dates name (FY2001–FY2013 bundled);
    None when no programme is dated."""
    periods = program_periods(ds)
    years = pd.concat([periods["start_fy"], periods["end_fy"]]).dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def programs_active_in(ds: Dataset, fiscal_year: int) -> frozenset[str]:
    """Programmes running in ``fiscal_year`` as the sources date them.

    A programme runs from its start to its end year; one whose end the sources do not state
    runs from its start on (the sources describe it as current). One whose start is not
    stated is never active: its years before the end are unknown.
    """
    active = set()
    for row in program_periods(ds).itertuples(index=False):
        if pd.isna(row.start_fy) or fiscal_year < row.start_fy:
            continue
        if pd.isna(row.end_fy) or fiscal_year <= row.end_fy:
            active.add(row.program_id)
    return frozenset(active)


def project_years(ds: Dataset, projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per project, the fiscal years its programmes are dated to.

    Columns: project_id, name_en, bureau_id, first_fy, last_fy (NA: end not stated),
    years_label ("FY2001–FY2009", "from FY2010 (end not stated)" or "years not stated"),
    years_stated, source_id — the source of the programme dates when stated, else the
    project's own.
    """
    projects = ds.projects if projects is None else projects
    dated = _dated_programs_per_project(ds, projects)
    by_project = dated.groupby("project_id", sort=False)
    first = by_project["start_fy"].min()
    open_end = by_project["open_end"].any()
    last = by_project["end_fy"].max().where(~open_end)
    sources = (dated.drop_duplicates(["project_id", "source_id"])
               .sort_values(["project_id", "source_id"])
               .groupby("project_id", sort=False)["source_id"].agg(";".join))
    ids = projects["project_id"]
    firsts = [None if pd.isna(value) else int(value) for value in ids.map(first)]
    lasts = [None if pd.isna(value) else int(value) for value in ids.map(last)]
    frame = pd.DataFrame({
        "project_id": ids.to_numpy(), "name_en": projects["name_en"].to_numpy(),
        "bureau_id": projects["bureau_id"].to_numpy(), "first_fy": firsts, "last_fy": lasts,
        "years_stated": [value is not None for value in firsts],
        "years_label": [_years_label(a, b) for a, b in zip(firsts, lasts, strict=True)],
        "source_id": ids.map(sources).fillna(projects["source_id"]).to_numpy(),
    })
    return frame.astype({"first_fy": "Int64", "last_fy": "Int64"})


def years_stated(ds: Dataset) -> np.ndarray:
    """Per row of the projects layer, whether its years are stated (``project_years``'
    ``years_stated``: one of its programmes has a stated start), without the labels and
    sources: the timeline asks for it when a dataset arrives, where building every project's
    years took 4.8 s of the window's thread at 100,000 projects."""
    periods = program_periods(ds)
    dated = frozenset(periods.loc[periods["start_fy"].notna(), "program_id"])
    return np.fromiter((not dated.isdisjoint(programs) for programs in ds.projects["programs"]),
                       dtype=bool, count=len(ds.projects))


def _dated_programs_per_project(ds: Dataset, projects: pd.DataFrame) -> pd.DataFrame:
    """One row per (project, programme with a stated start): vectorised, as the timeline asks
    for every project when a dataset arrives (one lookup per project took 3.5 s at 10,000)."""
    periods = program_periods(ds)
    periods = periods[periods["start_fy"].notna()]
    memberships = (projects[["project_id", "programs"]].explode("programs")
                   .rename(columns={"programs": "program_id"}).dropna(subset=["program_id"]))
    return memberships.merge(periods[["program_id", "start_fy", "end_fy", "open_end",
                                      "source_id"]], on="program_id", how="inner")


def _years_label(first: int | None, last: int | None) -> str:
    if first is None:
        return YEARS_NOT_STATED
    if last is None:
        return f"from FY{first} (end not stated)"
    return f"FY{first}" if first == last else f"FY{first}–FY{last}"


# --- national series ------------------------------------------------------------------------
def national_series(ds: Dataset, series: tuple[str, ...]) -> pd.DataFrame:
    """The ``national_figures`` rows of ``series``, in the dataset's order (the curators'
    chronological order), each with the label its point takes on a chart's axis.

    Columns: figure_id, series, label, value, qualifier, unit, fiscal_year (NA: not
    stated), as_of, period (axis label: "FY2006", or the ``as_of`` text such as "c. 2003",
    or "years not stated"), source_id, evidence_lines.
    """
    figures = ds.national_figures
    chosen = figures[figures["series"].isin(series)]
    rows = []
    for row in chosen.itertuples(index=False):
        fiscal_year = _year(row.fiscal_year)
        as_of = _text(row.as_of)
        rows.append({
            "figure_id": row.figure_id, "series": row.series, "label": row.label,
            "value": float(row.value), "qualifier": _text(row.qualifier), "unit": row.unit,
            "fiscal_year": fiscal_year, "as_of": as_of,
            "period": f"FY{fiscal_year}" if fiscal_year is not None
            else (as_of or YEARS_NOT_STATED),
            "source_id": row.source_id,
            "evidence_lines": _text(getattr(row, "evidence_lines", None)),
        })
    columns = ["figure_id", "series", "label", "value", "qualifier", "unit", "fiscal_year",
               "as_of", "period", "source_id", "evidence_lines"]
    return _frame(rows, columns, ("fiscal_year",))


def network_size(ds: Dataset) -> pd.DataFrame:
    """SMEs and universities in the cluster networks over time (see ``national_series``)."""
    return national_series(ds, NETWORK_SERIES)


def new_businesses(ds: Dataset) -> pd.DataFrame:
    """New businesses the programme reports launched (see ``national_series``)."""
    return national_series(ds, NEW_BUSINESS_SERIES)


def series_title(series_id: str) -> str:
    """A readable name for a series id: 'budget-mext-city-area' → 'MEXT city area'."""
    words = series_id.removeprefix(BUDGET_PREFIX).split("-")
    spelled = {"mext": "MEXT", "meti": "METI", "smes": "SMEs", "rd": "R&D"}
    shown = [spelled.get(word, word) for word in words]
    title = " ".join(shown)
    return title[:1].upper() + title[1:]


def budgets(ds: Dataset) -> pd.DataFrame:
    """Every yen budget of ``national_figures`` (series ``budget-…``), one row per figure.

    Columns as ``national_series`` plus ``program`` (a readable series name) and ``bar``: the
    bar set a chart draws it in. Two sources giving the same series and year differently
    (FY2009 cluster subsidies: ¥1.14 bn and ¥1.13 bn) get one bar each, named by source,
    rather than a sum or a silent choice. Rows whose year is not stated keep
    ``fiscal_year`` NA: a chart by year leaves them out and says so.
    """
    figures = ds.national_figures
    ids = figures.loc[figures["series"].str.startswith(BUDGET_PREFIX)
                      & (figures["unit"] == "yen"), "series"]
    table = national_series(ds, tuple(dict.fromkeys(ids)))
    table["program"] = table["series"].map(series_title)
    doubled = (table.duplicated(["series", "fiscal_year"], keep=False)
               & table["fiscal_year"].notna())
    table["bar"] = [BAR_BY_SOURCE.format(program=program, source=source) if twice else program
                    for program, source, twice
                    in zip(table["program"], table["source_id"], doubled, strict=True)]
    return table


def budgets_by_year(ds: Dataset) -> pd.DataFrame:
    """Dated budgets as a table for a bar chart: one row per fiscal year (ascending), one
    column per bar set, NaN where that programme has no figure that year."""
    table = budgets(ds)
    dated = table[table["fiscal_year"].notna()]
    wide = dated.pivot_table(index="fiscal_year", columns="bar", values="value",
                             aggfunc="first", sort=False)
    return wide.sort_index()[list(dict.fromkeys(dated["bar"]))]


# --- per project and per bureau ---------------------------------------------------------------
def counts_per_project(projects: pd.DataFrame) -> pd.DataFrame:
    """Companies and universities per project as reported; NA stays NA (not reported).

    Columns: project_id, name_en, bureau_id, companies, companies_qualifier, universities,
    universities_qualifier, counts_as_of, source_id, evidence_lines.
    """
    columns = ["project_id", "name_en", "bureau_id", "companies", "companies_qualifier",
               "universities", "universities_qualifier", "counts_as_of", "source_id",
               "evidence_lines"]
    present = [column for column in columns if column in projects]
    return pd.DataFrame(projects[present]).reset_index(drop=True)


def counts_per_bureau(ds: Dataset, projects: pd.DataFrame) -> pd.DataFrame:
    """Companies and universities per bureau: sums of the counts the sources report.

    One row per bureau of the dataset, in its order. Columns: bureau_id, name_en, projects,
    companies, universities (NA when no project of the bureau has a count), projects_counted
    (projects with a company count), source_ids (the sources of the summed rows, ``;``-joined).
    """
    rows = []
    for bureau in ds.bureaus.itertuples(index=False):
        own = projects[projects["bureau_id"] == bureau.bureau_id]
        counted = own[own["companies"].notna() | own["universities"].notna()]
        rows.append({
            "bureau_id": bureau.bureau_id, "name_en": bureau.name_en, "projects": len(own),
            "companies": own["companies"].sum(min_count=1),
            "universities": own["universities"].sum(min_count=1),
            "projects_counted": int(own["companies"].notna().sum()),
            "source_ids": ";".join(sorted(set(counted["source_id"]))),
        })
    table = pd.DataFrame(rows, columns=["bureau_id", "name_en", "projects", "companies",
                                        "universities", "projects_counted", "source_ids"])
    for column in ("companies", "universities"):
        table[column] = table[column].astype("Int64")
    return table


def outcome_count(achievements: pd.DataFrame) -> int:
    """How many outcomes ``achievements`` states: rows sharing an ``outcome_id`` (one outcome
    stated by two sources, or the further figures of one outcome) count once; a row without
    one is an outcome of its own. Counting rows counted one listing twice when two sources
    state it."""
    return int(outcome_keys(achievements).nunique())


def outcome_rows(achievements: pd.DataFrame) -> pd.DataFrame:
    """One row per outcome, the first that states it: what a summary lists, one line per
    achievement it counts."""
    return achievements[~outcome_keys(achievements).duplicated().to_numpy()]


def outcome_keys(achievements: pd.DataFrame) -> pd.Series:
    """Per achievement row, the outcome it states: its ``outcome_id``, else its own id."""
    if "outcome_id" not in achievements:
        return achievements["achievement_id"]
    return achievements["outcome_id"].fillna(achievements["achievement_id"])


def compare_bureaus(ds: Dataset, results: dict, language: str = "en") -> pd.DataFrame:
    """Bureaus side by side: one row per measure, one column per bureau (``results`` maps a
    bureau_id to its QueryResult, in the order to show), named in ``language``
    (geodata/names.py).

    Measures: projects, companies, universities (reported sums), participants named by kind,
    tie-ups, tie-up countries, achievements (outcomes, ``outcome_count``). The ``source_ids``
    row lists every source behind a column.
    """
    kinds = sorted(set(ds.participants["kind"]) - {"map-label"})
    bureau_names = names_by_id(ds.bureaus, "bureau_id", language)
    columns = {}
    for bureau_id, result in results.items():
        projects = result.projects
        named = result.participants["kind"].value_counts()
        column = {
            "Projects": len(projects),
            "Companies (reported)": projects["companies"].sum(min_count=1),
            "Universities (reported)": projects["universities"].sum(min_count=1),
            **{f"Named: {kind.replace('-', ' ')}": int(named.get(kind, 0)) for kind in kinds},
            "Tie-ups": len(result.tieups),
            "Tie-up countries": int(result.tieups["country"].nunique()),
            "Achievements": outcome_count(result.achievements),
            "Sources": "; ".join(sorted(result.source_ids)),
        }
        columns[bureau_names.get(bureau_id, bureau_id)] = column
    table = pd.DataFrame(columns)
    table.index.name = "measure"
    return table


# --- charts: the same data for the window's charts and the PowerPoint export -----------------
@dataclass(frozen=True)
class Chart:
    """One chart as plain data: what the charts panel draws and the PPTX export writes.

    ``series`` maps a series name to one value per category; None where the sources give no
    figure (drawn as a gap, never as 0). ``axes`` names each series' value axis ("left" or
    "right") when two scales share a chart. ``notes`` are plain lines shown under the chart
    (rows left out and why).
    """

    key: str
    title: str
    kind: str  # "line" or "bar"
    categories: tuple[str, ...]
    series: dict[str, tuple[float | None, ...]]
    unit: str
    source_ids: tuple[str, ...]
    axes: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


CHART_TITLES = {
    "network": "Network size over time",
    "new-businesses": "New businesses launched",
    "budgets": "Budgets by programme and fiscal year",
    "per-bureau": "Companies and universities per bureau",
    "per-project": "Companies and universities per project",
}


# Text geodata writes from a template (chart notes, a bar set named by its source): the
# template is the key a reader's language writes it again from (template_values).
BAR_BY_SOURCE = "{program} ({source})"
UNDATED_BUDGET_NOTE = "Not by year ({years}): {label} — ¥{billions} bn [{source}]"
UNREPORTED_NOTE = "{missing} of {total} projects: counts not reported"
TEMPLATES = (UNDATED_BUDGET_NOTE, UNREPORTED_NOTE, BAR_BY_SOURCE)


def _template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
                              for index, part in enumerate(parts)), re.DOTALL)


_TEMPLATE_PATTERNS = tuple((template, _template_pattern(template)) for template in TEMPLATES)


def template_values(text: str) -> tuple[str, dict[str, str]] | None:
    """The template of ``TEMPLATES`` that ``text`` was written from and the values filled in
    (None: not one of them): the desktop writes the same note in the reader's language."""
    for template, pattern in _TEMPLATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return template, match.groupdict()
    return None


def _value(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _series_chart(key: str, rows: pd.DataFrame, axes: dict[str, str] | None = None) -> Chart:
    periods = tuple(dict.fromkeys(rows["period"]))
    series = {}
    for series_id, own in rows.groupby("series", sort=False):
        by_period = dict(zip(own["period"], own["value"], strict=True))
        series[series_title(series_id)] = tuple(_value(by_period.get(period))
                                                for period in periods)
    units = " / ".join(dict.fromkeys(rows["unit"]))
    return Chart(key, CHART_TITLES[key], "line" if len(periods) > 1 else "bar", periods,
                 series, units, tuple(sorted(set(rows["source_id"]))), axes or {})


def network_chart(ds: Dataset) -> Chart:
    """SMEs (left axis) and universities (right axis) in the networks, by period."""
    rows = network_size(ds)
    axes = {series_title(series_id): "right" if series_id == "network-universities" else "left"
            for series_id in NETWORK_SERIES}
    return _series_chart("network", rows, axes)


def new_businesses_chart(ds: Dataset) -> Chart:
    return _series_chart("new-businesses", new_businesses(ds))


def budgets_chart(ds: Dataset) -> Chart:
    """Dated budgets in ¥ billion, one bar set per programme (per source where two differ)."""
    wide = budgets_by_year(ds)
    table = budgets(ds)
    undated = table[table["fiscal_year"].isna()]
    notes = tuple(UNDATED_BUDGET_NOTE.format(years=YEARS_NOT_STATED, label=row.label,
                                             billions=f"{row.value / 1e9:g}",
                                             source=row.source_id)
                  for row in undated.itertuples(index=False))
    series = {bar: tuple(None if pd.isna(value) else float(value) / 1e9 for value in wide[bar])
              for bar in wide.columns}
    dated_sources = table.loc[table["fiscal_year"].notna(), "source_id"]
    return Chart("budgets", CHART_TITLES["budgets"], "bar",
                 tuple(f"FY{year}" for year in wide.index), series, "¥ billion",
                 tuple(sorted(set(dated_sources))), notes=notes)


def per_bureau_chart(ds: Dataset, projects: pd.DataFrame) -> Chart:
    """Reported companies and universities per bureau, for ``projects`` (the filter's)."""
    table = counts_per_bureau(ds, projects)
    sources = {source for joined in table["source_ids"] for source in joined.split(";") if source}
    return Chart("per-bureau", CHART_TITLES["per-bureau"], "bar", tuple(table["name_en"]),
                 {"Companies": tuple(map(_value, table["companies"])),
                  "Universities": tuple(map(_value, table["universities"]))},
                 "organisations (as reported)", tuple(sorted(sources)),
                 notes=_unreported_note(projects))


def per_project_chart(projects: pd.DataFrame) -> Chart:
    """Reported companies and universities per project of ``projects`` (the selection's)."""
    table = counts_per_project(projects)
    return Chart("per-project", CHART_TITLES["per-project"], "bar", tuple(table["name_en"]),
                 {"Companies": tuple(map(_value, table["companies"])),
                  "Universities": tuple(map(_value, table["universities"]))},
                 "organisations (as reported)", tuple(sorted(set(table["source_id"]))),
                 notes=_unreported_note(projects))


def _unreported_note(projects: pd.DataFrame) -> tuple[str, ...]:
    missing = int((projects["companies"].isna() & projects["universities"].isna()).sum())
    return ((UNREPORTED_NOTE.format(missing=missing, total=len(projects)),) if missing
            else ())


def national_charts(ds: Dataset) -> list[Chart]:
    """The national series as the sources give them: the same whatever the filter, so a
    window makes them once per dataset rather than on every click."""
    return [network_chart(ds), new_businesses_chart(ds), budgets_chart(ds)]


def all_charts(ds: Dataset, scope_projects: pd.DataFrame, selected_projects: pd.DataFrame,
               national: list[Chart] | None = None) -> list[Chart]:
    """Every chart: national series as the sources give them (``national``, when already
    made), counts for the filter's scope (per bureau) and selection (per project)."""
    return [*(national if national is not None else national_charts(ds)),
            per_bureau_chart(ds, scope_projects), per_project_chart(selected_projects)]


# --- comparing projects, tie-ups by country and field, small multiples ------------------------
TIEUPS_BY_COUNTRY = "Tie-ups by country"
TIEUPS_BY_FIELD = "Tie-ups by field"
SMALL_MULTIPLE_MEASURES = {"Projects": "Projects", "Companies (reported)": "Companies",
                           "Universities (reported)": "Universities", "Tie-ups": "Tie-ups",
                           "Achievements": "Achievements"}
"""The table rows each small multiple draws, and the short name on its category axis."""


def compare_projects(ds: Dataset, results: dict, language: str = "en") -> pd.DataFrame:
    """Projects side by side, as ``compare_bureaus`` compares bureaus (the same measures,
    plus tie-ups by country and field): one column per project of ``results`` (project id →
    its QueryResult), named by it in ``language``.

    The caller queries each column as the filter's scope with that project selected, so a
    project outside the scope shows no rows rather than figures the filter hides.
    """
    table = compare_bureaus(ds, results)
    project_names = names_by_id(ds.projects, "project_id", language)
    table.columns = [project_names.get(project_id, project_id) for project_id in results]
    return with_tieup_breakdown(ds, table, results, language)


def with_tieup_breakdown(ds: Dataset, table: pd.DataFrame, results: dict,
                         language: str = "en") -> pd.DataFrame:
    """``table`` (from ``compare_bureaus``) with two rows before its sources: the tie-ups by
    country and by field of each column, as compact text ("CN 3, NL 2"; "—" for none).

    ``results`` are the query results behind the columns, in the columns' order. One cell
    per measure keeps the table short whichever countries and fields the columns hold; the
    fields are named in ``language``, the countries by CLDR's names (geodata/names.py).
    """
    if not results:  # nothing compared (every box unticked): no rows to add to
        return table
    field_names = names_by_id(ds.fields, "field_id", language)
    by_country, by_field = [], []
    for result in results.values():
        tieups = result.tieups
        by_country.append(_counted(tieups["country"].map(
            lambda code: country_name(code, language))))
        by_field.append(_counted(tieups["field"].map(lambda field_id: field_names.get(
            field_id, field_id))))
    rows = pd.DataFrame([by_country, by_field], index=[TIEUPS_BY_COUNTRY, TIEUPS_BY_FIELD],
                        columns=table.columns)
    before_sources = table.drop(index="Sources")
    joined = pd.concat([before_sources, rows, table.loc[["Sources"]]])
    joined.index.name = table.index.name
    return joined


def _counted(values: pd.Series) -> str:
    """'CN 3, NL 2': each value with how often it occurs, most first (ties by name)."""
    counts = values.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return ", ".join(f"{value} {count}" for value, count in ordered) or "—"


def comparison_charts(table: pd.DataFrame) -> list[Chart]:
    """One small bar chart per column of a comparison table (``compare_bureaus`` or
    ``compare_projects``): projects, companies, universities, tie-ups, achievements.

    A figure the sources do not give (no reported count) is None: no bar, never 0.
    """
    measures = [measure for measure in SMALL_MULTIPLE_MEASURES if measure in table.index]
    charts = []
    for column in table.columns:
        values = tuple(_value(table.loc[measure, column]) for measure in measures)
        sources = str(table.loc["Sources", column]) if "Sources" in table.index else ""
        charts.append(Chart(f"compare:{column}", str(column), "bar",
                            tuple(SMALL_MULTIPLE_MEASURES[measure] for measure in measures),
                            {str(column): values}, "count",
                            tuple(source for source in sources.split("; ") if source)))
    return charts


def measure_charts(table: pd.DataFrame) -> list[Chart]:
    """One small bar chart per measure of a comparison table (projects, companies,
    universities, tie-ups, achievements), a bar per compared column: each measure on its own
    axis, so 10 universities stay visible beside 285 companies. A figure the sources do not
    give is None: no bar, never 0."""
    sources = sorted({source for column in table.columns for source in
                      str(table.loc["Sources", column]).split("; ") if source}
                     ) if "Sources" in table.index else []
    return [Chart(f"compare:{measure}", SMALL_MULTIPLE_MEASURES[measure], "bar",
                  tuple(str(column) for column in table.columns),
                  {SMALL_MULTIPLE_MEASURES[measure]: tuple(
                      _value(table.loc[measure, column]) for column in table.columns)},
                  "count", tuple(sources))
            for measure in SMALL_MULTIPLE_MEASURES if measure in table.index]


def shared_axis_maximum(charts: list[Chart]) -> float:
    """The largest value any of ``charts`` draws (at least 1): the one value-axis maximum
    small multiples share, so their bars can be compared by eye."""
    values = [value for chart in charts for series in chart.series.values()
              for value in series if value is not None]
    return max([1.0, *values])
