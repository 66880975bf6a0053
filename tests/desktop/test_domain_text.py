"""geodata's English words (chart titles, comparison rows, participant kinds) reach the
reader in Japanese through desktop/common/domain_text.py, which keeps geodata free of Qt."""

from desktop.common.domain_text import VOCABULARY, domain_text, localized_chart
from geodata import figures, load_dataset
from geodata.vocabulary import (
    PARTICIPANT_KIND_LABELS,
    PARTICIPANT_KIND_SINGULAR,
    PARTICIPANT_KINDS,
)


def test_every_word_geodata_shows_is_in_the_vocabulary():
    """A word added to geodata without its entry here would stay English in Japanese."""
    shown = {*figures.CHART_TITLES.values(), *figures.SMALL_MULTIPLE_MEASURES,
             *figures.SMALL_MULTIPLE_MEASURES.values(), figures.TIEUPS_BY_COUNTRY,
             figures.TIEUPS_BY_FIELD, figures.YEARS_NOT_STATED,
             *PARTICIPANT_KIND_LABELS.values(), *PARTICIPANT_KIND_SINGULAR.values(),
             *(kind.replace("-", " ") for kind in PARTICIPANT_KINDS)}
    # the sources' file titles are marked in their own modules: test_dataset_files
    assert shown - set(VOCABULARY) == set()


def test_every_series_and_template_of_the_bundled_charts_is_in_the_vocabulary():
    ds = load_dataset()
    charts = figures.all_charts(ds, ds.projects, ds.projects)
    units = {chart.unit for chart in charts}
    series = {figures.template_values(name)[1]["program"] if figures.template_values(name)
              else name for chart in charts for name in chart.series}
    assert (units | series | set(figures.TEMPLATES)) - set(VOCABULARY) == set()


def test_words_years_and_named_rows_in_japanese():
    assert domain_text("Companies (reported)", "ja") == "企業数(報告値)"
    assert (domain_text("Named: research institute", "ja")
            == "公的研究機関（名称の判明している参加機関）")
    assert domain_text("FY2005", "ja", "era") == "平成17年度"
    assert domain_text("FY2005", "en") == "FY2005"
    assert domain_text("Kinki Bio Cluster", "ja") == "Kinki Bio Cluster"  # data stays as it is


def test_a_chart_in_japanese_names_bureaus_and_years_as_the_reader_reads_them(qapp):
    ds = load_dataset()
    chart = localized_chart(figures.per_bureau_chart(ds, ds.projects), ds, "ja")
    assert chart.title == "経済産業局別の企業数及び大学数"
    assert "近畿" in chart.categories and "Kinki" not in chart.categories
    assert set(chart.series) == {"企業数", "大学数"}
    budgets = localized_chart(figures.budgets_chart(ds), ds, "ja", "era")
    assert budgets.categories[0].startswith("平成") and budgets.unit == "億円"


def test_budgets_in_japanese_count_yen_in_oku_not_ten_oku(qapp):
    """The charts deck wrote a budget "49十億円": Japanese groups by 10^4 (490億円)."""
    ds = load_dataset()
    english = figures.budgets_chart(ds)
    japanese = localized_chart(english, ds, "ja")
    assert japanese.unit == "億円"
    for (name, values), shown in zip(english.series.items(), japanese.series.values(),
                                     strict=True):
        assert shown == tuple(None if value is None else value * 10 for value in values), name
    assert "十億" not in " ".join(japanese.notes)
    assert japanese.notes[0].endswith("— 490億円 [tsukamoto-2004-success]")


def test_chart_series_and_notes_in_japanese_keep_the_data(qapp):
    ds = load_dataset()
    network = figures.network_chart(ds)
    japanese = localized_chart(network, ds, "ja")
    assert list(japanese.series) == ["ネットワークの中小企業数", "ネットワークの大学数"]
    assert list(japanese.series.values()) == list(network.series.values())
    assert japanese.axes == {"ネットワークの中小企業数": "left", "ネットワークの大学数": "right"}
    per_bureau = localized_chart(figures.per_bureau_chart(ds, ds.projects), ds, "ja")
    assert per_bureau.notes == ("プロジェクト 27件中 8件：企業数及び大学数の報告なし",)
    budgets = localized_chart(figures.budgets_chart(ds), ds, "ja")
    assert "産業クラスターの補助金（hosoya-2010-policy）" in budgets.series
    assert budgets.notes[0].startswith("年度別に含めないもの（年度は出典に記載なし）：")
    assert budgets.notes[0].endswith("— 490億円 [tsukamoto-2004-success]")
    assert localized_chart(network, ds, "en") == network  # English: the chart as it is
