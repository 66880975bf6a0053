"""The one formatter of figures: qualifiers, units, money and dates in the reader's language
(desktop/common/figures_text.py), as issue 27 lists them."""

import pytest

from desktop.common.figures_text import (
    date_text,
    figure_text,
    money_text,
    qualifier_word,
    short_date_text,
)
from geodata import load_dataset


@pytest.mark.parametrize(("value", "qualifier", "unit", "japanese", "english"), [
    (120, "about", "companies", "約120社", "about 120 companies"),
    (220, "over", "participants", "220人以上", "over 220 participants"),
    (1, None, "companies", "1社", "1 company"),
    (1590, "about", None, "約1,590", "about 1,590"),
    (49e9, None, "yen", "490億円", "¥49 billion"),
    (9.1e8, None, "yen", "9.1億円", "¥910 million"),
    (5e8, "approximately", "yen", "約5億円", "approximately ¥500 million"),
    (3, "more than", "cases", "3件超", "more than 3 cases"),
    (None, "about", "companies", "—", "—"),
])
def test_figures_in_japanese_follow_japanese_conventions(qapp, value, qualifier, unit,
                                                         japanese, english):
    assert figure_text(value, qualifier, unit, "ja") == japanese
    assert figure_text(value, qualifier, unit, "en") == english


def test_a_unit_or_qualifier_outside_the_vocabulary_stays_as_the_source_wrote_it(qapp):
    assert figure_text(7, "roughly", "widgets", "ja") == "roughly 7 widgets"


@pytest.mark.parametrize(("text", "japanese"), [
    ("c. 2003", "2003年頃"),
    ("c. 2003 (meti-2003-slides; slide undated)", "2003年頃 (meti-2003-slides; slide undated)"),
    ("FY2002", "2002年度"),
    ("FY2001–2002", "2001年度–2002年度"),
    ("Sept 2002", "2002年9月"),
    ("19 May 2010", "2010年5月19日"),
    ("as of 31 Dec 2010", "2010年12月31日時点"),
    ("end of FY2009", "2009年度末"),
    ("since January 2011", "2011年1月以降"),
    ("past three years (article c. 2004)", "past three years (article c. 2004)"),
])
def test_dates_the_sources_word_read_in_japanese(qapp, text, japanese):
    assert date_text(text, "ja") == japanese
    assert date_text(text, "en") == text.replace("FY2001–2002", "FY2001–FY2002")


def test_the_short_date_of_an_as_of_is_its_date_in_the_readers_language(qapp):
    assert short_date_text("c. 2003 (meti-2003-slides; activities FY2002)", "ja") == "2003年頃"


def test_every_qualifier_and_unit_of_the_bundled_dataset_is_in_the_vocabulary(qapp):
    """No figure of the bundled dataset shows an English qualifier or unit in Japanese."""
    ds = load_dataset()
    rows = [(row.value, row.qualifier, row.unit) for frame in (ds.achievements,
                                                               ds.national_figures)
            for row in frame.itertuples() if row.unit != "dollars"]
    for value, qualifier, unit in rows:
        shown = figure_text(value, qualifier, unit, "ja")
        assert not any(letter.isascii() and letter.isalpha() for letter in shown), shown


def test_money_text_groups_by_ten_thousand_in_japanese(qapp):
    assert money_text(2.18e9, "ja") == "21.8億円"
    assert money_text(5e7, "ja") == "5,000万円"
    assert money_text(1.2e12, "ja") == "1.2兆円"


def test_a_qualifier_alone_reads_in_japanese(qapp):
    assert qualifier_word("about", "ja") == "約"
    assert qualifier_word("over", "ja") == "以上"
    assert qualifier_word("about", "en") == "about"
    assert qualifier_word("roughly", "ja") == "roughly"
