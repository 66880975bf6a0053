"""The name search: whole names and words, kana and romaji readings, widths, ranking.

Most tests run on the bundled dataset (what a user searches); the ranking tests on the small
sample with a few organisations added whose names differ in exactly how they match.
"""

import geopandas as gpd
import pandas as pd
import pytest
from factories import sample_layers, with_text, write_sample_dataset
from shapely.geometry import Point

from geodata import load_dataset, search
from geodata.name_search import index as index_module
from geodata.name_search import search_index
from geodata.name_search.index import (
    EXACT,
    PREFIX,
    READING_EXACT,
    READING_PREFIX,
    READING_WORD,
    RELATED,
    WORD,
    name_keys,
)
from geodata.name_search.kinds import SEARCHED_KINDS
from geodata.name_search.text import KEY_CHARS, MAX_NAME_WORDS, MAX_QUERY_CHARS


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


def labels(hits) -> list[str]:
    return [hit.label for hit in hits]


def biotechnology_projects(ds) -> set[str]:
    return {project_id for project_id, fields in zip(ds.projects["project_id"],
                                                     ds.projects["fields"], strict=True)
            if "biotechnology" in fields}


# --- what a user types, on the bundled dataset ---------------------------------------------

def test_kyoto_in_kanji_finds_kyoto_university_first_and_never_tokyo(bundled):
    hits = search(bundled, "京都")
    assert (hits[0].kind, hits[0].label, hits[0].item_id) == (
        "organisation", "Kyoto University", "kinki-kyoto-university")
    assert "Tokyo" not in labels(hits)  # 東京都 holds 京都, but not at a word start
    assert ("prefecture", "Kyoto") in [(hit.kind, hit.label) for hit in hits]


@pytest.mark.parametrize("text", ["きょうと", "キョウト", "キョート", "kyouto", "kyōto", "Kyoto",
                                  "ｋｙｏｔｏ"])
def test_every_spelling_of_kyoto_finds_the_kyoto_items(bundled, text):
    hits = search(bundled, text)
    assert {"Kyoto University", "Kyoto", "Kyoto Research Park Co., Ltd."} <= set(labels(hits))
    assert all("Kyoto" in label for label in labels(hits)), labels(hits)


@pytest.mark.parametrize("text", ["バイオ", "ばいお", "ﾊﾞｲｵ"])
def test_baio_finds_the_biotechnology_field_then_its_projects(bundled, text):
    hits = search(bundled, text)
    assert (hits[0].kind, hits[0].item_id) == ("field", "biotechnology")
    projects = {hit.project_id for hit in hits if hit.kind == "project"}
    assert projects == biotechnology_projects(bundled)
    assert all(hit.kind in ("field", "project") for hit in hits)


@pytest.mark.parametrize("text", ["TAMA", "tama", "たま", "タマ"])
def test_tama_finds_the_tama_bodies_and_not_saitama(bundled, text):
    hits = search(bundled, text)
    assert "Saitama" not in labels(hits)
    hits = [hit for hit in hits if hit.kind != "place"]  # Tama, Tamana…: GeoNames places
    assert set(labels(hits)) == {"TAMA Industrial Vitalization Association Inc.",
                                 "TAMA-TLO Ltd."}
    assert "Saitama" not in labels(hits)


def test_full_width_kobe_finds_kobe(bundled):
    hits = search(bundled, "ｋｏｂｅ")
    assert set(labels(hit for hit in hits if hit.kind != "place")) == {"Kobe City",
                                                                       "Kobe University"}
    assert hits[0].kind == "place" and hits[0].detail == "神戸市 · Hyogo"  # the exact name


def test_hamamatsu_in_kanji_finds_the_hamamatsu_project_by_its_reading(bundled):
    hits = search(bundled, "浜松")  # the project has no Japanese name: found by 浜松's reading
    (hit,) = [hit for hit in hits if hit.kind != "place"]
    assert (hit.kind, hit.label) == ("project", "Hamamatsu (optoelectronic equipment)")


def test_places_are_found_by_kanji_and_reading_with_their_prefecture(bundled):
    """Where Hamamatsu or Suwa is (GeoNames places); 府中 lists each Fuchū with its prefecture."""
    for text in ("浜松", "hamamatsu", "はままつ"):
        first_place = next(hit for hit in search(bundled, text) if hit.kind == "place")
        assert (first_place.label, first_place.detail) == ("Hamamatsu", "浜松市 · Shizuoka")
        assert first_place.lon is not None and first_place.lat is not None
    fuchu = {hit.detail.split(" · ")[-1] for hit in search(bundled, "府中") if hit.kind == "place"}
    assert {"Tokyo", "Hiroshima"} <= fuchu


def test_projects_keep_no_japanese_name(bundled):
    assert bundled.projects["name_ja"].isna().all()  # so a kana query reaches them by reading


@pytest.mark.parametrize(("text", "expected"), [
    ("東京都", [("prefecture", "Tokyo")]),
    ("新潟", [("prefecture", "Niigata")]),
    # 東北町 (Aomori) is a municipality of that reading: a place, after the bureau
    ("touhoku", [("bureau", "Tohoku"), ("place", "Tohoku"),
                 ("project", "TOHOKU Manufacturing Corridor")]),
    ("dusseldorf", [("partner", "Dusseldorf (Düsseldorf)")]),
    ("半導体", [("field", "Semiconductors"), ("project", "Kyushu Silicon Cluster Project")]),
])
def test_bundled_searches(bundled, text, expected):
    assert [(hit.kind, hit.label) for hit in search(bundled, text)][:len(expected)] == expected


def test_a_japanese_query_matches_at_word_starts_only(bundled):
    universities = labels(search(bundled, "大学"))  # 京都|大学: 大学 starts a word
    assert {"Kyoto University", "Osaka University", "Kobe University"} <= set(universities)
    kyo = labels(search(bundled, "京"))  # starts 京都大学; inside 東京都 and 東京農工大学 only
    assert "Kyoto University" in kyo and not [label for label in kyo if "Tokyo" in label]
    assert "Tokyo" not in labels(search(bundled, "京都府"))


def test_every_kind_is_found_by_its_own_name(bundled):
    for kind in SEARCHED_KINDS:
        frame = getattr(bundled, kind.layer)
        name = frame[kind.names[0]].iloc[0]
        found = [hit.kind for hit in search(bundled, name, limit=500)]
        assert kind.kind in found, (kind.kind, name)


def test_a_field_hit_names_its_field_and_has_no_place(bundled):
    (hit, *_) = search(bundled, "Biotechnology")
    assert (hit.kind, hit.item_id, hit.detail, hit.lon, hit.lat) == (
        "field", "biotechnology", "バイオテクノロジー", None, None)


def test_a_program_is_found_in_japanese_with_its_projects(bundled):
    hits = search(bundled, "知的クラスター")
    assert (hits[0].kind, hits[0].item_id) == ("program", "mext-knowledge-cluster")


def test_the_index_and_its_readings_are_made_once_per_dataset(bundled):
    index = search_index(bundled)
    search(bundled, "きょうと")
    assert search_index(bundled) is index


# --- ranking --------------------------------------------------------------------------------

RANKED_NAMES = [  # (participant_id, name_en, name_ja), each matching "mito" one way
    ("word", "Kita Mito Works", None),
    ("prefix", "Mito Works", None),
    ("exact", "Mito", None),
    ("reading-exact", "Water Gate", "水戸"),
    ("reading-prefix", "Water Gate City", "水戸市"),
    ("reading-word", "North Water Gate", "北水戸"),
    ("elsewhere", "Komito", None),
]


@pytest.fixture(scope="module")
def ranked_ds(tmp_path_factory):
    layers = sample_layers()
    participants = layers["participants"]
    template = participants.iloc[0].drop("geometry").to_dict()
    rows = [{**template, "participant_id": pid, "name_en": name_en, "name_ja": name_ja}
            for pid, name_en, name_ja in RANKED_NAMES]
    added = gpd.GeoDataFrame(rows, geometry=[Point(139.32, 35.66)] * len(rows),
                             crs=participants.crs)
    layers["participants"] = pd.concat([participants, added], ignore_index=True)
    path = tmp_path_factory.mktemp("search") / "ranked.gpkg"
    return load_dataset(write_sample_dataset(path, layers))


def test_exact_before_prefix_before_word_before_reading(ranked_ds):
    assert [hit.item_id for hit in search(ranked_ds, "mito")] == [
        "exact", "prefix", "word", "reading-exact", "reading-prefix", "reading-word"]


def test_the_ranks_are_the_documented_ones(ranked_ds):
    index = search_index(ranked_ds)
    entities, ranks = index.ranked("mito", limit=50)
    assert ranks.tolist() == [EXACT, PREFIX, WORD, READING_EXACT, READING_PREFIX, READING_WORD]
    assert [index.hit(int(entity)).item_id for entity in entities][0] == "exact"


def test_a_kana_query_ranks_the_japanese_name_above_the_english_ones(ranked_ds):
    assert [hit.item_id for hit in search(ranked_ds, "水戸")] == [
        "reading-exact", "reading-prefix", "reading-word", "exact", "prefix", "word"]


def test_a_fields_projects_come_after_every_match_by_name(ranked_ds):
    hits = search(ranked_ds, "バイオ")  # the sample's field is called バイオ
    assert [(hit.kind, hit.item_id) for hit in hits] == [
        ("field", "biotechnology"), ("project", "kinki-bio"), ("project", "kansai-it")]
    # 近畿|バイオ: the project's own name matches at a word start, so it leads the projects
    index = search_index(ranked_ds)
    assert index.ranked("バイオ", limit=50)[1].tolist() == [EXACT, WORD, RELATED]


def test_equal_matches_go_by_kind_then_length(ranked_ds):
    # Kinki is a bureau and starts Kinki Bio Cluster (a project): the bureau's exact name first
    assert [(hit.kind, hit.label) for hit in search(ranked_ds, "kinki")] == [
        ("bureau", "Kinki"), ("project", "Kinki Bio Cluster")]


def test_the_limit_keeps_the_best(ranked_ds):
    assert [hit.item_id for hit in search(ranked_ds, "mito", limit=2)] == ["exact", "prefix"]
    assert search(ranked_ds, "mito", limit=0) == []


@pytest.mark.parametrize("text", ["", "   ", "・・", "--", "zzz", "\u200b"])
def test_nothing_finds_nothing(ranked_ds, text):
    assert search(ranked_ds, text) == []


# --- hostile text ---------------------------------------------------------------------------

def test_a_huge_name_is_searchable_and_its_keys_are_bounded(ranked_ds):
    long_name = "Mega " + "Consortium " * 5000
    ds = with_text(ranked_ds, "participants", "participant_id", "exact", "name_en", long_name)
    hits = search(ds, "mega consortium")
    assert [hit.item_id for hit in hits][:1] == ["exact"]
    written, reading = name_keys(long_name)
    assert max(map(len, written + reading)) <= KEY_CHARS


def test_item23_14_a_name_of_thousands_of_words_gives_keys_for_its_first_words_only(
        ranked_ds):
    """One participant named with thousands of words made the index quadratic (20,000
    words: `search` 34 s): its keys are those of its first MAX_NAME_WORDS words."""
    words = [f"word{number}" for number in range(5000)]
    written, reading = name_keys(" ".join(words))
    assert len(written) == len(reading) == MAX_NAME_WORDS
    assert written[1].startswith("word1 word2") and max(map(len, written)) <= KEY_CHARS
    ds = with_text(ranked_ds, "participants", "participant_id", "exact", "name_en",
                   " ".join(words))
    assert [hit.item_id for hit in search(ds, "word0 word1")][:1] == ["exact"]
    assert "exact" in [hit.item_id for hit in search(ds, "word20")]
    assert "exact" not in [hit.item_id for hit in search(ds, f"word{MAX_NAME_WORDS + 10}")]


def test_item23_14_japanese_names_are_cut_to_their_first_words_too():
    written, reading = name_keys("京都大学 " * 3000)
    assert len(written) == len(reading) == MAX_NAME_WORDS
    assert written[0].startswith("京都大学 京都大学") and reading[1].startswith("daigakukyoto")


def test_item23_low_a_10000_character_query_is_read_up_to_its_bound(ranked_ds, monkeypatch):
    asked = []
    keys_of = index_module.name_keys
    monkeypatch.setattr(index_module, "name_keys",
                        lambda text: asked.append(len(text)) or keys_of(text))
    hits = search(ranked_ds, "mito" + " mito" * 2500)
    assert asked and max(asked) <= MAX_QUERY_CHARS
    assert hits == []  # no name is "mito mito mito…" (the first KEY_CHARS are compared)


def test_the_search_command_prints_ranked_hits_one_a_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "desktop.cli", "search", "京都", "--limit", "3"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0].split("\t")
    assert first[:3] == ["organisation", "kinki-kyoto-university", "Kyoto University"]
    assert "Tokyo" not in done.stdout
    nothing = subprocess.run([sys.executable, "-m", "desktop.cli", "search", "zzzz"],
                             capture_output=True, text=True, timeout=120)
    assert nothing.returncode == 1 and nothing.stdout == ""
