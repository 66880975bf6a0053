"""Fiscal years written as officials write them: 西暦 (2005年度) or the era (平成17年度), with
令和元年度 for FY2019 and 平成元年度 for FY1989 (see geodata/fiscal_years.py)."""

import pytest

from geodata.fiscal_years import (
    ERA,
    WESTERN,
    era_of,
    fiscal_year_short,
    fiscal_year_span,
    fiscal_year_text,
)


@pytest.mark.parametrize(("fiscal_year", "japanese", "english"), [
    (1988, "昭和63年度", "FY1988 (Showa 63)"),
    (1989, "平成元年度", "FY1989 (Heisei 1)"),
    (2005, "平成17年度", "FY2005 (Heisei 17)"),
    (2018, "平成30年度", "FY2018 (Heisei 30)"),
    (2019, "令和元年度", "FY2019 (Reiwa 1)"),
    (2020, "令和2年度", "FY2020 (Reiwa 2)"),
])
def test_the_era_names_each_fiscal_year_as_officials_do(fiscal_year, japanese, english):
    assert fiscal_year_text(fiscal_year, "ja", ERA) == japanese
    assert fiscal_year_text(fiscal_year, "en", ERA) == english


@pytest.mark.parametrize("fiscal_year", [1989, 2005, 2019, 2020])
def test_the_western_style_keeps_the_year(fiscal_year):
    assert fiscal_year_text(fiscal_year, "ja", WESTERN) == f"{fiscal_year}年度"
    assert fiscal_year_text(fiscal_year, "en", WESTERN) == f"FY{fiscal_year}"
    assert fiscal_year_text(fiscal_year, "ja") == f"{fiscal_year}年度"  # 西暦 by default


def test_before_showa_names_a_fiscal_year_the_western_way():
    """FY1926 (Showa began on 25 December 1926) was Taisho: not written by an era here."""
    assert era_of(1926) is None
    assert fiscal_year_text(1926, "ja", ERA) == "1926年度"
    assert era_of(1927)[1] == 2


def test_axes_and_spans():
    assert fiscal_year_short(2005) == "05"
    assert fiscal_year_short(2005, ERA) == "H17"
    assert fiscal_year_short(2019, ERA) == "R1"
    assert fiscal_year_span(2001, 2009, "ja", ERA) == "平成13年度～平成21年度"
    assert fiscal_year_span(2001, 2009, "en") == "FY2001–FY2009"
    assert fiscal_year_span(2010, None, "en") == "FY2010"
    assert fiscal_year_span(None, None, "ja") is None
