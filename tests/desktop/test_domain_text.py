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
    assert shown - set(VOCABULARY) == set()


def test_words_years_and_named_rows_in_japanese():
    assert domain_text("Companies (reported)", "ja") == "企業数(報告値)"
    assert (domain_text("Named: research institute", "ja")
            == "名称の判明している参加機関：公的研究機関")
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
    assert budgets.categories[0].startswith("平成") and budgets.unit == "十億円"
