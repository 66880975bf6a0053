"""Dataset names in the reader's language: Japanese where the dataset has it, else English."""

import pandas as pd
from factories import sample_layers

from geodata.names import display_name, display_names, names_by_id


def test_japanese_where_the_row_has_it_else_english():
    frame = pd.DataFrame({"project_id": ["a", "b", "c"], "name_en": ["A", "B", "C"],
                          "name_ja": ["甲", None, "  "]})
    assert names_by_id(frame, "project_id", "ja") == {"a": "甲", "b": "B", "c": "C"}
    assert names_by_id(frame, "project_id", "en") == {"a": "A", "b": "B", "c": "C"}
    rows = list(frame.itertuples(index=False))
    assert [display_name(row, "ja") for row in rows] == ["甲", "B", "C"]
    assert display_name({"name_en": "A", "name_ja": "甲"}, "ja") == "甲"
    assert display_name(frame.iloc[0], "en") == "A"


def test_a_layer_without_japanese_names_gives_english():
    countries = pd.DataFrame({"iso_a2": ["FR"], "name_en": ["France"]})
    assert display_names(countries, "ja").tolist() == ["France"]


def test_the_sample_bureaus_by_their_japanese_names():
    bureaus = sample_layers()["bureaus"]
    assert names_by_id(bureaus, "bureau_id", "ja")["kinki"] == "近畿"
