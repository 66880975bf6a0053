"""The series behind the timeline, the charts and the comparison, pinned to the bundled data."""

import pandas as pd
import pytest

from geodata import Filter, figures, load_dataset, run_query, visible_project_ids
from geodata.names import country_name


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def projects_of(ds, program_id: str) -> set[str]:
    return {pid for pid, programs in zip(ds.projects["project_id"], ds.projects["programs"],
                                         strict=True) if program_id in programs}


def test_the_timeline_spans_the_dated_programmes(ds):
    assert figures.timeline_span(ds) == (2001, 2013)
    periods = figures.program_periods(ds).set_index("program_id")
    assert (periods.loc["icp-term1", "start_fy"], periods.loc["icp-term1", "end_fy"]) == (
        2001, 2005)
    assert periods.loc["icp-fy2010-bottomup", "open_end"]
    assert "unstated" not in periods.index


def test_fy2003_shows_exactly_term_i_and_fy2007_exactly_term_ii(ds):
    assert set(visible_project_ids(ds, Filter(fiscal_year=2003))) == projects_of(ds, "icp-term1")
    assert set(visible_project_ids(ds, Filter(fiscal_year=2007))) == projects_of(ds, "icp-term2")
    result = run_query(ds, Filter(fiscal_year=2007, bureau_id="kinki"))
    assert set(result.project_ids) == projects_of(ds, "icp-term2") & set(
        ds.projects.loc[ds.projects["bureau_id"] == "kinki", "project_id"])


def test_a_programme_whose_start_is_not_stated_is_never_active(ds):
    assert "mext-regional-innovation-cluster" not in figures.programs_active_in(ds, 2012)
    assert "icp-fy2010-topdown" in figures.programs_active_in(ds, 2012)


def test_projects_without_dated_programmes_say_years_not_stated(ds):
    years = figures.project_years(ds).set_index("project_id")
    undated = set(years.index[~years["years_stated"]])
    assert undated == projects_of(ds, "unstated") == {
        "kazusa-biotechnology", "hamamatsu-optoelectronics", "suwa-micro-machinery"}
    assert years.loc["kazusa-biotechnology", "years_label"] == figures.YEARS_NOT_STATED
    assert pd.isna(years.loc["kazusa-biotechnology", "first_fy"])
    assert years.loc["kyushu-k-rip", "years_label"] == "FY2001–FY2009"
    assert years.loc["hokkaido-food-cluster", "years_label"] == "from FY2010 (end not stated)"
    for year in range(2001, 2014):
        assert not undated & set(visible_project_ids(ds, Filter(fiscal_year=year)))


def test_years_stated_answers_as_the_projects_years_do(ds):
    """The timeline's quick per-row answer agrees with project_years, row for row (and with
    Term I's start taken away, the projects left without a dated programme follow)."""
    from dataclasses import replace

    assert figures.years_stated(ds).tolist() == figures.project_years(ds)["years_stated"].tolist()
    programs = ds.programs.copy()
    programs.loc[programs["program_id"] == "icp-term1", "start_fy"] = pd.NA
    changed = replace(ds, programs=programs)
    stated = figures.years_stated(changed)
    assert stated.tolist() == figures.project_years(changed)["years_stated"].tolist()
    assert stated.sum() < figures.years_stated(ds).sum()


def test_network_size_is_the_national_figures_in_their_order(ds):
    smes = figures.network_size(ds).query("series == 'network-smes'")
    assert smes["value"].tolist() == [5000.0, 5800.0, 10700.0, 10200.0]
    assert smes["period"].tolist() == ["c. 2003", "c. 2004", "FY2006", "FY2009"]
    assert smes["source_id"].tolist() == ["meti-2003-activating", "tsukamoto-2004-success",
                                          "hosoya-2010-policy", "hosoya-2011-initiatives"]
    assert smes["evidence_lines"].notna().all()
    # never a guessed year: the c. 2003 / c. 2004 figures keep no fiscal year
    assert smes["fiscal_year"].isna().tolist() == [True, True, False, False]
    assert smes["qualifier"].tolist()[0] == "about"


def test_new_businesses_over_70000(ds):
    rows = figures.new_businesses(ds)
    assert rows[["value", "qualifier", "period"]].values.tolist() == [[70000.0, "over", "FY2009"]]


def test_budgets_by_year_keep_both_sources_of_a_disputed_figure(ds):
    wide = figures.budgets_by_year(ds)
    assert wide.index.tolist() == [2002, 2003, 2009, 2010, 2011]
    assert wide.loc[2002, "Cluster plan initial"] == 35.3e9
    assert wide.loc[2003, "Cluster plan initial"] == 41.3e9
    assert wide.loc[2009, "Cluster subsidies (hosoya-2011-initiatives)"] == 1.14e9
    assert wide.loc[2009, "Cluster subsidies (hosoya-2010-policy)"] == 1.13e9
    assert wide.loc[2011, "MEXT support regional innovation"] == 11.1e9
    undated = figures.budgets(ds).query("fiscal_year.isna()", engine="python")
    assert undated["figure_id"].tolist() == ["budget-article-49bn"]
    assert "Cluster support" not in wide.columns


def test_counts_per_bureau_sum_what_is_reported_and_follow_the_filter(ds):
    table = figures.counts_per_bureau(ds, ds.projects).set_index("bureau_id")
    kinki = ds.projects[ds.projects["bureau_id"] == "kinki"]
    assert table.loc["kinki", "companies"] == kinki["companies"].sum() == 960
    assert table.loc["kinki", "projects"] == 4
    assert table.loc["kinki", "source_ids"]
    term2 = run_query(ds, Filter(fiscal_year=2007)).projects
    table = figures.counts_per_bureau(ds, term2).set_index("bureau_id")
    assert table.loc["kinki", "projects"] == 3
    assert pd.isna(figures.counts_per_bureau(ds, term2.iloc[:0]).loc[0, "companies"])


def test_comparison_equals_per_bureau_queries(ds):
    results = {bureau: run_query(ds, Filter(bureau_id=bureau)) for bureau in ("kinki", "kanto")}
    table = figures.compare_bureaus(ds, results)
    assert table.columns.tolist() == ["Kinki", "Kanto"]
    for bureau, name in (("kinki", "Kinki"), ("kanto", "Kanto")):
        expected = results[bureau]
        assert table.loc["Projects", name] == len(expected.projects)
        assert table.loc["Tie-ups", name] == len(expected.tieups)
        assert table.loc["Achievements", name] == expected.outcome_count
        assert table.loc["Named: university", name] == (
            expected.participants["kind"] == "university").sum()


def _per_project(ds, project_ids, flt) -> dict:
    """What the compare panel passes: each project queried in the filter's scope."""
    return {project_id: run_query(ds, flt.scope.evolve(project_id=project_id))
            for project_id in project_ids}


def test_project_comparison_equals_per_project_queries(ds):
    chosen = ["kyushu-k-rip", "kazusa-biotechnology"]
    flt = Filter(bureau_id="kinki")  # the selection is not the scope: both are compared
    table = figures.compare_projects(ds, _per_project(ds, chosen, flt))
    assert table.columns.tolist() == [ds.project_names[pid] for pid in chosen]
    for project_id in chosen:
        expected = run_query(ds, Filter(project_id=project_id))
        name = ds.project_names[project_id]
        assert table.loc["Projects", name] == len(expected.projects) == 1
        assert table.loc["Tie-ups", name] == len(expected.tieups)
        assert table.loc["Achievements", name] == expected.outcome_count
        countries = expected.tieups["country"].value_counts()
        for country, count in countries.items():
            assert f"{country_name(country, 'en')} {count}" in table.loc[
                figures.TIEUPS_BY_COUNTRY, name]
    assert table.index[-1] == "Sources"
    assert pd.isna(table.loc["Companies (reported)", ds.project_names["kazusa-biotechnology"]])


def test_comparison_charts_leave_unreported_figures_empty_on_one_axis(ds):
    table = figures.compare_projects(
        ds, _per_project(ds, ["kyushu-k-rip", "kazusa-biotechnology"], Filter()))
    charts = figures.comparison_charts(table)
    assert [chart.categories for chart in charts] == [
        ("Projects", "Companies", "Universities", "Tie-ups", "Achievements")] * 2
    kazusa = next(iter(charts[1].series.values()))
    assert kazusa[1] is None and kazusa[2] is None  # not reported: no bar, not 0
    assert figures.shared_axis_maximum(charts) == max(
        value for chart in charts for value in next(iter(chart.series.values()))
        if value is not None)


def test_comparing_nothing_gives_an_empty_table_not_an_error():
    """Unticking every region in Compare raised KeyError 'Sources' inside the panel."""
    ds = load_dataset()
    table = figures.with_tieup_breakdown(ds, figures.compare_bureaus(ds, {}), {})
    assert table.empty


def test_a_summary_lists_one_row_per_outcome(ds):
    """The Hokkaido cluster's 15 achievement rows state 7 outcomes: a summary lists 7 lines,
    the first row of each (the article's 29 ventures, not also the slides' 32 and their split)."""
    rows = run_query(ds, Filter(project_id="hokkaido-cluster")).achievements
    listed = figures.outcome_rows(rows)
    assert len(listed) == figures.outcome_count(rows) == 7 < len(rows)
    assert "hokkaido-university-ventures-29" in set(listed["achievement_id"])
    assert not {"hokkaido-university-ventures-32", "hokkaido-university-ventures-it",
                "hokkaido-public-assistance-investment-cases"} & set(listed["achievement_id"])


def test_tieups_by_country_name_countries_in_the_readers_language_not_iso_codes():
    """The comparison's "Tie-ups by country" read "CN 3, DE 1" in Japanese too."""
    ds = load_dataset()
    results = {bureau_id: run_query(ds, Filter(bureau_id=bureau_id))
               for bureau_id in ("kanto", "kinki")}
    table = figures.with_tieup_breakdown(ds, figures.compare_bureaus(ds, results, "ja"),
                                         results, "ja")
    row = " ".join(table.loc[figures.TIEUPS_BY_COUNTRY])
    assert "中国" in row or "ドイツ" in row
    assert not any(code in row.split() for code in ds.tieups["country"].unique())
