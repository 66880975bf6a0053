"""The bundled dataset: the facts the sources give, pinned; geometry that covers the islands."""

import pandas as pd
import pytest
from shapely.geometry import Point

from geodata import load_dataset

TERM1_BY_BUREAU = {"hokkaido": 1, "tohoku": 2, "kanto": 3, "chubu": 3, "kinki": 4,
                   "chugoku": 2, "shikoku": 1, "kyushu": 2, "okinawa": 1}
TERM2_BY_BUREAU = {"hokkaido": 1, "tohoku": 1, "kanto": 3, "chubu": 3, "kinki": 3,
                   "chugoku": 2, "shikoku": 1, "kyushu": 3, "okinawa": 1}
ISLANDS = [  # (name, lon, lat, pref_code, bureau_id)
    ("Sado", 138.40, 38.03, 15, "kanto"), ("Awaji", 134.83, 34.40, 28, "kinki"),
    ("Tsushima", 129.33, 34.42, 42, "kyushu"), ("Izu Oshima", 139.39, 34.74, 13, "kanto"),
    ("Hachijojima", 139.79, 33.11, 13, "kanto"), ("Chichijima", 142.22, 27.07, 13, "kanto"),
    ("Amami Oshima", 129.40, 28.30, 46, "kyushu"), ("Miyakojima", 125.33, 24.77, 47, "okinawa"),
    ("Ishigakijima", 124.18, 24.40, 47, "okinawa"), ("Rishiri", 141.24, 45.18, 1, "hokkaido"),
    ("Oki Dogo", 133.27, 36.26, 32, "chugoku"), ("Shodoshima", 134.27, 34.49, 37, "shikoku"),
    ("Yakushima", 130.50, 30.34, 46, "kyushu"),
]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _term(ds, program_id):
    return ds.projects[ds.projects["programs"].map(lambda ids: program_id in ids)]


def test_nineteen_term_one_and_eighteen_term_two_projects_by_bureau(ds):
    assert _term(ds, "icp-term1").groupby("bureau_id").size().to_dict() == TERM1_BY_BUREAU
    assert _term(ds, "icp-term2").groupby("bureau_id").size().to_dict() == TERM2_BY_BUREAU


def test_a_project_of_both_terms_is_one_row_with_both_programs(ds):
    k_rip = ds.projects.set_index("project_id").loc["kyushu-k-rip"]
    assert {"icp-term1", "icp-term2"} <= set(k_rip["programs"])
    assert ds.projects["project_id"].is_unique


def test_counts_are_nullable_integers_never_invented(ds):
    projects = ds.projects.set_index("project_id")
    assert projects.loc["kanto-it-ventures", "companies"] == 170
    assert projects.loc["kanto-it-ventures", "universities"] is pd.NA
    assert projects.loc["kansai-bio-cluster", ["companies", "universities"]].tolist() == [220, 36]
    assert str(projects["companies"].dtype) == "Int64"
    assert isinstance(projects.loc["hokkaido-cluster", "fields"], list)


def test_tie_up_countries_and_the_article_mous(ds):
    assert set(ds.tieups["country"]) == {"CH", "CN", "DE", "DK", "FR", "GB", "ID", "IT", "KR",
                                         "NL", "NZ", "SA", "SE", "TH", "US"}
    mous = ds.tieups[ds.tieups["source_id"] == "tsukamoto-2004-success"]
    assert set(mous["country"]) == {"US", "DE"}
    assert set(mous["project_id"]) == {"kansai-bio-cluster"}
    assert set(ds.tieups["country"]) <= set(ds.countries["iso_a2"])


@pytest.mark.parametrize(("participant_id", "project_id", "kind", "source_id"), [
    ("tama-hachioji-city", "kanto-regional-industry-revitalization", "local-government",
     "meti-2003-slides"),
    ("hokkaido-amino-up-chemical", "hokkaido-cluster", "company", "meti-2003-slides"),
    ("kinki-kyoto-university", "kansai-bio-cluster", "university", "meti-2003-slides"),
])
def test_sample_participants_with_their_sources(ds, participant_id, project_id, kind, source_id):
    row = ds.participants.set_index("participant_id").loc[participant_id]
    assert (row["project_id"], row["kind"], row["source_id"]) == (project_id, kind, source_id)


@pytest.mark.parametrize(("achievement_id", "value", "source_id"), [
    ("hokkaido-university-ventures-29", 29, "tsukamoto-2004-success"),
    ("hokkaido-university-ventures-32", 32, "meti-2003-slides"),
    ("tama-alliances", 40, "tsukamoto-2004-success"),
    ("hokkaido-public-assistance-investment", 2.18e9, "meti-2003-slides"),
])
def test_sample_achievements_with_their_sources(ds, achievement_id, value, source_id):
    row = ds.achievements.set_index("achievement_id").loc[achievement_id]
    assert (row["value"], row["source_id"]) == (value, source_id)


def test_every_fact_cites_a_known_source(ds):
    known = set(ds.sources["source_id"])
    for frame in (ds.programs, ds.projects, ds.participants, ds.participant_counts, ds.tieups,
                  ds.achievements, ds.national_figures):
        assert set(frame["source_id"]) <= known


def test_prefectures_and_bureau_membership(ds):
    prefectures = ds.prefectures.set_index("pref_code")
    assert sorted(prefectures.index) == list(range(1, 48))
    for code in (15, 19, 20, 22):  # Niigata, Yamanashi, Nagano, Shizuoka
        assert prefectures.loc[code, "bureau_id"] == "kanto"
    for code in (16, 17, 21, 23, 24):
        assert prefectures.loc[code, "bureau_id"] == "chubu"
    assert prefectures.loc[18, "bureau_id"] == "kinki"  # Fukui


def test_bureaus_are_the_dissolve_of_their_prefectures(ds):
    areas = ds.prefectures.groupby("bureau_id").geometry.apply(lambda g: g.union_all().area)
    for row in ds.bureaus.itertuples():
        assert row.geometry.area == pytest.approx(areas[row.bureau_id], rel=1e-6)
    assert ds.bureaus.crs.to_epsg() == 4326 and ds.bureaus.is_valid.all()


@pytest.mark.parametrize(("name", "lon", "lat", "pref_code", "bureau_id"), ISLANDS)
def test_island_points_fall_in_the_right_prefecture_and_bureau(ds, name, lon, lat, pref_code,
                                                                bureau_id):
    point = Point(lon, lat)
    prefecture = ds.prefectures[ds.prefectures.contains(point)]
    bureau = ds.bureaus[ds.bureaus.contains(point)]
    assert prefecture["pref_code"].tolist() == [pref_code], name
    assert bureau["bureau_id"].tolist() == [bureau_id], name


def test_project_points_carry_how_they_were_placed(ds):
    assert ds.projects["location_basis"].notna().all()
    assert ds.projects["location_note"].str.len().min() > 5
