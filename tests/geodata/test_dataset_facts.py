"""The bundled dataset: the facts the five sources give, pinned, and geometry that covers Japan.

Every number here is checked against shared/seeds (the slide decks and the article) and
geodata/curated/NOTES.md; a change to the curated CSVs that breaks one of them must be a
deliberate decision, made visible by this file.
"""

import pandas as pd
import pytest
from shapely.geometry import Point

from geodata import Filter, load_dataset
from geodata.schema import LAYERS

TERM1 = {  # meti-2003-slides, the 19-project overview: project row -> (bureau, companies, univ.)
    "kyushu-k-rip": ("kyushu", 190, 18),
    "kyushu-silicon-cluster": ("kyushu", 150, 23),
    "hokkaido-cluster": ("hokkaido", 280, 15),
    "tohoku-aging-society": ("tohoku", 180, 19),
    "tohoku-recycling-society": ("tohoku", 200, 17),
    "kansai-bio-cluster": ("kinki", 220, 36),
    "kansai-front-runner": ("kinki", 360, 25),
    "kansai-it-business": ("kinki", 260, 4),
    "kansai-environment-business": ("kinki", 120, 20),
    "okinawa-industry-promotion": ("okinawa", 110, 1),
    "shikoku-techno-bridge": ("shikoku", 240, 5),
    "chugoku-next-generation": ("chugoku", 100, 10),
    "chugoku-recycling-environment": ("chugoku", 80, 9),
    "kanto-regional-industry-revitalization": ("kanto", 1590, 50),
    "kanto-bio-ventures": ("kanto", 170, 9),
    "kanto-it-ventures": ("kanto", 170, None),  # "IT field: About 170 companies" — no universities
    "tokai-monozukuri": ("chubu", 480, 28),
    "hokuriku-monozukuri": ("chubu", 120, 11),
    "chubu-digital-bit": ("chubu", 90, 10),
}
TERM2_ONLY = {"kyushu-bio-cluster": "kyushu", "tokai-bio-monozukuri": "chubu",
              "tohoku-manufacturing-corridor": "tohoku"}
TERM1_ONLY = {"tohoku-aging-society", "tohoku-recycling-society", "kansai-it-business",
              "chubu-digital-bit"}
TERM1_BY_BUREAU = {"hokkaido": 1, "tohoku": 2, "kanto": 3, "chubu": 3, "kinki": 4,
                   "chugoku": 2, "shikoku": 1, "kyushu": 2, "okinawa": 1}
TERM2_BY_BUREAU = {"hokkaido": 1, "tohoku": 1, "kanto": 3, "chubu": 3, "kinki": 3,
                   "chugoku": 2, "shikoku": 1, "kyushu": 3, "okinawa": 1}

BUREAU_OF_PREFECTURE = {
    **dict.fromkeys([1], "hokkaido"),
    **dict.fromkeys(range(2, 8), "tohoku"),
    **dict.fromkeys([8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 22], "kanto"),
    **dict.fromkeys([16, 17, 21, 23, 24], "chubu"),
    **dict.fromkeys([18, 25, 26, 27, 28, 29, 30], "kinki"),
    **dict.fromkeys(range(31, 36), "chugoku"),
    **dict.fromkeys(range(36, 40), "shikoku"),
    **dict.fromkeys(range(40, 47), "kyushu"),
    **dict.fromkeys([47], "okinawa"),
}
# the prefectures whose bureau the issue calls out, with their names as a check on the codes
CALLED_OUT = [(15, "Niigata", "kanto"), (19, "Yamanashi", "kanto"), (20, "Nagano", "kanto"),
              (22, "Shizuoka", "kanto"), (16, "Toyama", "chubu"), (17, "Ishikawa", "chubu"),
              (21, "Gifu", "chubu"), (23, "Aichi", "chubu"), (24, "Mie", "chubu"),
              (18, "Fukui", "kinki")]

ISLANDS = [  # (name, lon, lat, pref_code, bureau_id)
    ("Sado", 138.40, 38.03, 15, "kanto"),
    ("Awaji", 134.83, 34.40, 28, "kinki"),
    ("Tsushima", 129.33, 34.42, 42, "kyushu"),
    ("Izu Oshima", 139.39, 34.74, 13, "kanto"),
    ("Hachijojima", 139.79, 33.11, 13, "kanto"),
    ("Chichijima", 142.22, 27.07, 13, "kanto"),
    ("Amami Oshima", 129.40, 28.30, 46, "kyushu"),
    ("Miyakojima", 125.33, 24.77, 47, "okinawa"),
    ("Ishigakijima", 124.18, 24.40, 47, "okinawa"),
    ("Rishiri", 141.24, 45.18, 1, "hokkaido"),
    ("Oki Dogo", 133.27, 36.26, 32, "chugoku"),
    ("Shodoshima", 134.27, 34.49, 37, "shikoku"),
    ("Yakushima", 130.50, 30.34, 46, "kyushu"),
]

TIEUP_COUNTRIES = {"CH", "CN", "DE", "DK", "FR", "GB", "ID", "IT", "KR", "NL", "NZ", "SA", "SE",
                   "TH", "US"}
FACT_LAYERS = {"programs", "projects", "participants", "participant_counts", "tieups",
               "achievements", "national_figures"}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def projects(ds):
    return ds.projects.set_index("project_id")


def _term(ds, program_id: str) -> pd.DataFrame:
    return ds.projects[ds.projects["programs"].map(lambda ids: program_id in ids)]


# --- the projects of the two terms --------------------------------------------------------------

def test_nineteen_term_one_projects_by_bureau(ds):
    term1 = _term(ds, "icp-term1")
    assert len(term1) == 19
    assert set(term1["project_id"]) == set(TERM1)
    assert term1.groupby("bureau_id").size().to_dict() == TERM1_BY_BUREAU


def test_eighteen_term_two_projects_by_bureau(ds):
    term2 = _term(ds, "icp-term2")
    assert len(term2) == 18
    assert set(term2["project_id"]) == (set(TERM1) - TERM1_ONLY) | set(TERM2_ONLY)
    assert term2.groupby("bureau_id").size().to_dict() == TERM2_BY_BUREAU


def test_each_project_has_its_bureau(projects):
    expected = {pid: bureau for pid, (bureau, _, _) in TERM1.items()} | TERM2_ONLY
    assert projects.loc[list(expected), "bureau_id"].to_dict() == expected


def test_a_project_of_both_terms_is_one_row_with_both_programs(ds, projects):
    assert ds.projects["project_id"].is_unique
    assert projects.loc["kyushu-k-rip", "programs"] == ["icp-term1", "icp-term2"]
    assert projects.loc["kyushu-k-rip", "name_en"].startswith("Kyushu Recycle")
    assert len(_term(ds, "icp-term1").merge(_term(ds, "icp-term2"), on="project_id")) == 15


def test_the_programs_give_the_term_years_and_counts(ds):
    programs = ds.programs.set_index("program_id")
    term1, term2 = programs.loc["icp-term1"], programs.loc["icp-term2"]
    assert (term1["start_fy"], term1["end_fy"], term1["project_count"]) == (2001, 2005, 19)
    assert (term2["start_fy"], term2["end_fy"], term2["project_count"]) == (2006, 2009, 18)
    assert programs.loc["mext-knowledge-cluster", "ministry"] == "MEXT"


# --- counts: nullable integers, never invented --------------------------------------------------

@pytest.mark.parametrize(("project_id", "companies", "universities"),
                         [(pid, c, u) for pid, (_, c, u) in TERM1.items()])
def test_term_one_counts_are_those_of_the_slides(projects, project_id, companies, universities):
    row = projects.loc[project_id]
    assert row["companies"] == companies
    if universities is None:
        assert row["universities"] is pd.NA
    else:
        assert row["universities"] == universities


def test_counts_the_sources_do_not_give_stay_empty(ds, projects):
    assert str(projects["companies"].dtype) == "Int64"
    assert str(projects["universities"].dtype) == "Int64"
    assert projects.loc["kanto-it-ventures", "companies"] == 170
    assert projects.loc["kanto-it-ventures", "universities"] is pd.NA
    without_counts = set(ds.projects["project_id"]) - set(TERM1)
    assert len(without_counts) == 8
    assert projects.loc[sorted(without_counts), ["companies", "universities"]].isna().all().all()
    assert not (projects[["companies", "universities"]] == 0).any().any()


def test_programs_and_fields_are_python_lists_of_known_ids(ds):
    programs = set(ds.programs["program_id"])
    fields = set(ds.fields["field_id"])
    for row in ds.projects.itertuples():
        assert type(row.programs) is list and row.programs and set(row.programs) <= programs
        assert type(row.fields) is list and row.fields and set(row.fields) <= fields
    projects = ds.projects.set_index("project_id")
    assert projects.loc["kansai-environment-business", "fields"] == ["energy", "environment"]
    assert projects.loc["hokkaido-cluster", "programs"] == ["icp-term1", "icp-term2"]


# --- tie-ups ------------------------------------------------------------------------------------

def test_tie_up_countries(ds):
    assert set(ds.tieups["country"]) == TIEUP_COUNTRIES
    assert len(ds.tieups) == 35
    assert ds.tieups["source_id"].value_counts().to_dict() == {
        "hosoya-2011-initiatives": 33, "tsukamoto-2004-success": 2}


def test_the_two_mous_of_the_article(ds):
    mous = ds.tieups[ds.tieups["source_id"] == "tsukamoto-2004-success"].set_index("tieup_id")
    assert sorted(mous.index) == ["kansai-bio-berlin", "kansai-bio-pittsburgh"]
    assert mous.loc["kansai-bio-pittsburgh", ["country", "partner", "kind"]].tolist() == [
        "US", "Pittsburgh", "MoU"]
    assert mous.loc["kansai-bio-berlin", ["country", "project_id", "bureau_id"]].tolist() == [
        "DE", "kansai-bio-cluster", "kinki"]


@pytest.mark.parametrize(("tieup_id", "project_id", "country", "field"), [
    ("kazusa-uk", "kazusa-biotechnology", "GB", "biotechnology"),
    ("hamamatsu-jena", "hamamatsu-optoelectronics", "DE", "photonics"),
    ("suwa-geneva", "suwa-micro-machinery", "CH", "manufacturing"),
    ("tama-shanghai", "kanto-regional-industry-revitalization", "CN", "manufacturing"),
    ("shikoku-west-java", "shikoku-techno-bridge", "ID", "environment"),
    ("chugoku-recycling-saudi-arabia", "chugoku-recycling-environment", "SA", "environment"),
    ("hokkaido-bio-new-zealand", "hokkaido-cluster", "NZ", "food"),
])
def test_sample_tie_ups_of_the_hosoya_list(ds, tieup_id, project_id, country, field):
    row = ds.tieups.set_index("tieup_id").loc[tieup_id]
    assert (row["project_id"], row["country"], row["field"], row["source_id"]) == (
        project_id, country, field, "hosoya-2011-initiatives")


def test_a_tie_up_sits_in_the_bureau_of_its_project(ds):
    bureau_of = ds.projects.set_index("project_id")["bureau_id"]
    assert (ds.tieups["project_id"].map(bureau_of) == ds.tieups["bureau_id"]).all()


# --- participants and achievements with their sources -------------------------------------------

@pytest.mark.parametrize(("participant_id", "project_id", "kind", "source_id"), [
    ("tama-hachioji-city", "kanto-regional-industry-revitalization", "local-government",
     "meti-2003-slides"),
    ("tama-industrial-vitalization-association", "kanto-regional-industry-revitalization",
     "promoter", "tsukamoto-2004-success"),
    ("hokkaido-amino-up-chemical", "hokkaido-cluster", "company", "meti-2003-slides"),
    ("hokkaido-university", "hokkaido-cluster", "university", "meti-2003-slides"),
    ("kinki-kyoto-university", "kansai-bio-cluster", "university", "meti-2003-slides"),
    ("kinki-riken-cdb", "kansai-bio-cluster", "research-institute", "meti-2003-slides"),
    ("aircraft-nagoya-university", "next-generation-aircraft", "university",
     "hosoya-2011-initiatives"),
    ("kanto-utokyo-kashiwa-incubator", "kanto-regional-industry-revitalization", "incubator",
     "meti-2003-activating"),
])
def test_sample_participants_with_their_sources(ds, participant_id, project_id, kind, source_id):
    row = ds.participants.set_index("participant_id").loc[participant_id]
    assert (row["project_id"], row["kind"], row["source_id"]) == (project_id, kind, source_id)


@pytest.mark.parametrize(("achievement_id", "project_id", "value", "unit", "source_id"), [
    ("hokkaido-university-ventures-29", "hokkaido-cluster", 29, "companies",
     "tsukamoto-2004-success"),
    ("hokkaido-university-ventures-32", "hokkaido-cluster", 32, "companies",
     "meti-2003-slides"),
    ("tama-alliances", "kanto-regional-industry-revitalization", 40, "alliances",
     "tsukamoto-2004-success"),
    ("kinki-joint-rd", "kansai-bio-cluster", 130, "activities", "tsukamoto-2004-success"),
    ("kinki-bio-ventures", "kansai-bio-cluster", 15, "companies", "tsukamoto-2004-success"),
    ("hokkaido-public-assistance-investment", "hokkaido-cluster", 2.18e9, "yen",
     "meti-2003-slides"),
    ("food-fcnw-members", "hokkaido-food-cluster", 800, "members", "hosoya-2011-initiatives"),
])
def test_sample_achievements_with_their_sources(ds, achievement_id, project_id, value, unit,
                                                source_id):
    row = ds.achievements.set_index("achievement_id").loc[achievement_id]
    assert (row["project_id"], row["value"], row["unit"], row["source_id"]) == (
        project_id, value, unit, source_id)


def test_an_achievement_without_a_figure_has_no_value(ds):
    row = ds.achievements.set_index("achievement_id").loc["hokkaido-chondroitin-sulfate"]
    assert row["value"] is pd.NA and row["kind"] == "product"


@pytest.mark.parametrize(("figure_id", "value", "source_id"), [
    ("network-smes-c2004", 5800, "tsukamoto-2004-success"),
    ("network-smes-2007", 10700, "hosoya-2010-policy"),
    ("network-smes-2010", 10200, "hosoya-2011-initiatives"),
    ("budget-fy2003-initial", 41.3e9, "meti-2003-activating"),
])
def test_sample_national_figures_with_their_sources(ds, figure_id, value, source_id):
    row = ds.national_figures.set_index("figure_id").loc[figure_id]
    assert (row["value"], row["source_id"]) == (value, source_id)


def test_every_fact_cites_a_known_source(ds):
    assert {layer.name for layer in LAYERS if layer.fact} == FACT_LAYERS
    known = set(ds.sources["source_id"])
    assert known == {"meti-2003-activating", "tsukamoto-2004-success", "meti-2003-slides",
                     "hosoya-2011-initiatives", "hosoya-2010-policy"}
    for name in sorted(FACT_LAYERS):
        cited = getattr(ds, name)["source_id"]
        assert cited.notna().all() and set(cited) <= known, name


# --- prefectures, bureaus, countries ------------------------------------------------------------

def test_forty_seven_prefectures_in_their_bureaus(ds):
    prefectures = ds.prefectures.set_index("pref_code")
    assert sorted(prefectures.index) == list(range(1, 48))
    assert prefectures["bureau_id"].to_dict() == BUREAU_OF_PREFECTURE


@pytest.mark.parametrize(("pref_code", "name_en", "bureau_id"), CALLED_OUT)
def test_the_prefectures_the_issue_calls_out(ds, pref_code, name_en, bureau_id):
    row = ds.prefectures.set_index("pref_code").loc[pref_code]
    assert (row["name_en"], row["bureau_id"]) == (name_en, bureau_id)


def test_bureaus_are_the_dissolve_of_their_prefectures(ds):
    assert ds.bureaus.crs.to_epsg() == 4326 and ds.bureaus.is_valid.all()
    assert sorted(ds.bureaus["bureau_id"]) == sorted(set(BUREAU_OF_PREFECTURE.values()))
    dissolved = ds.prefectures.dissolve("bureau_id").geometry
    for row in ds.bureaus.itertuples():
        assert row.geometry.area == pytest.approx(dissolved[row.bureau_id].area, rel=1e-6)
        assert row.geometry.symmetric_difference(dissolved[row.bureau_id]).area < 1e-6


def test_the_kyushu_bureau_sits_in_fukuoka(ds):
    kyushu = ds.bureaus.set_index("bureau_id").loc["kyushu"]
    assert kyushu["seat_city"] == "Fukuoka"
    assert kyushu["geometry"].contains(Point(kyushu["seat_lon"], kyushu["seat_lat"]))


@pytest.mark.parametrize(("name", "lon", "lat", "pref_code", "bureau_id"), ISLANDS,
                         ids=[island[0] for island in ISLANDS])
def test_island_points_fall_in_the_right_prefecture_and_bureau(ds, name, lon, lat, pref_code,
                                                                bureau_id):
    point = Point(lon, lat)
    assert ds.prefectures[ds.prefectures.contains(point)]["pref_code"].tolist() == [pref_code]
    assert ds.bureaus[ds.bureaus.contains(point)]["bureau_id"].tolist() == [bureau_id]


def test_every_project_point_lies_in_a_prefecture_of_its_bureau(ds):
    joined = ds.projects.sjoin(ds.prefectures, predicate="within", how="left",
                               lsuffix="project", rsuffix="prefecture")
    assert joined["pref_code"].notna().all(), joined.loc[joined["pref_code"].isna(), "project_id"]
    assert (joined["bureau_id_project"] == joined["bureau_id_prefecture"]).all()


def test_project_points_carry_how_they_were_placed(ds):
    assert ds.projects["location_basis"].isin({"source-city", "source-place", "bureau-seat",
                                               "region-main-city", "curator-choice"}).all()
    assert ds.projects["location_note"].str.len().min() > 5
    assert not ds.projects.geometry.duplicated().any()


def test_a_world_countries_layer_with_every_tie_up_country(ds):
    codes = set(ds.countries["iso_a2"].dropna())
    assert {"JP", "US", "DE", "CN"} <= codes
    assert set(ds.tieups["country"]) <= codes
    assert len(ds.countries) > 150 and ds.countries.crs.to_epsg() == 4326


def test_each_tie_up_point_lies_in_its_country(ds):
    countries = ds.countries[ds.countries["iso_a2"].isin(TIEUP_COUNTRIES)].dissolve("iso_a2")
    for row in ds.tieups.itertuples():
        assert countries.geometry[row.country].contains(row.geometry), row.tieup_id


# --- the corrections of the line-by-line reading (every fact as the sources state it) ---------

def _cooperation(ds, program_id: str) -> set[str]:
    cooperating = ds.projects["cooperates_with"]  # loaded as id lists, like programs
    return set(ds.projects.loc[cooperating.map(lambda ids: program_id in ids), "project_id"])


def test_cooperation_with_mext_and_special_zones_is_not_membership(ds):
    assert _term(ds, "mext-knowledge-cluster").empty
    assert _term(ds, "special-zones").empty
    assert _cooperation(ds, "mext-knowledge-cluster") == {"hokkaido-cluster",
                                                          "kansai-bio-cluster"}
    assert _cooperation(ds, "special-zones") == {"hokkaido-cluster", "kansai-bio-cluster",
                                                 "kyushu-k-rip"}


def test_the_aircraft_cluster_cites_the_aerospace_example_not_a_missing_heading(projects):
    row = projects.loc["next-generation-aircraft"]
    assert row["programs"] == ["icp-fy2010-topdown"]
    heading = "Case of top-down initiatives promoting international competitive clusters"
    assert heading not in row["note"] and heading not in row["description"]
    assert "ex. aerospace" in row["note"] and isinstance(row["judgement"], str)


def test_sources_and_places_say_only_what_the_texts_say(ds, projects):
    sources = ds.sources.set_index("source_id")
    assert "cooperation with MEXT" not in sources.loc["meti-2003-activating", "description"]
    areas = projects.loc["kansai-bio-cluster", "areas"]
    assert "Saito Project;" in areas and "Saito Project (" not in areas
    notes = " ".join(ds.projects["location_note"]) + " ".join(ds.participants["location_note"])
    assert "-based" not in notes and "Sapporo area" not in notes
    programs = ds.programs.set_index("program_id")
    assert programs.loc["special-zones", "ministry"] == "Not stated"


def test_location_bases_say_what_was_done(ds, projects):
    assert projects.loc["tokai-monozukuri", "location_basis"] == "bureau-seat"
    assert projects.loc["tokai-bio-monozukuri", "location_basis"] == "bureau-seat"
    assert projects.loc["hokuriku-monozukuri", "location_basis"] == "region-main-city"
    # the source names only "Kazusa": Kazusa Akademia Park is the curators' identification
    assert projects.loc["kazusa-biotechnology", "location_basis"] == "curator-choice"
    assert "Kazusa Akademia Park" in projects.loc["kazusa-biotechnology", "judgement"]
    tieups = ds.tieups.set_index("tieup_id")
    assert tieups.loc["kansai-bio-life-science-corridor", "location_basis"] == "curator-choice"
    assert tieups.loc["tama-veneto", "location_basis"] == "region-main-city"


def test_inferred_successions_are_marked_inferred(projects):
    inferred = set(projects.index[projects["succession"] == "inferred"])
    assert inferred == {"kansai-front-runner", "kansai-environment-business",
                        "chugoku-next-generation", "chugoku-recycling-environment"}
    assert projects["former_names"].notna().le(projects["succession"].notna()).all()


def test_term_one_is_cited_from_a_source_that_gives_its_years_and_count(ds):
    term1 = ds.programs.set_index("program_id").loc["icp-term1"]
    assert (term1["source_id"], term1["evidence_lines"]) == ("hosoya-2010-policy", "22;72")


def test_the_two_finance_bodies_are_two_rows(ds):
    programs = ds.programs.set_index("program_id")
    assert programs.loc["conference-financial-institutions", "source_id"] == "meti-2003-activating"
    assert programs.loc["financial-forum", "source_id"] == "tsukamoto-2004-success"


def test_incubators_carry_no_campus_name_as_their_japanese_name(ds):
    incubators = ds.participants.set_index("participant_id").loc[[
        "tama-waseda-honjo-incubator", "kanto-utokyo-kashiwa-incubator",
        "kinki-kyoto-university-katsura-incubator"]]
    assert incubators["name_ja"].isna().all()


def test_a_count_the_source_does_not_state_is_not_recorded(ds):
    counts = ds.participant_counts
    hokkaido = counts[(counts["project_id"] == "hokkaido-cluster")
                      & (counts["kind"] == "local-government")]
    assert hokkaido.empty


def test_the_national_bodies_and_activities_the_sources_state(ds):
    programs = ds.programs.set_index("program_id")
    assert (programs.loc["iinj", "kind"], programs.loc["iinj", "started"]) == (
        "national-body", "April 2009")
    cooperating = programs[(programs["parent_id"] == "iinj")
                           & (programs["relation"] == "cooperates with")]
    assert sorted(cooperating.index) == ["aist", "jetro", "jilc", "jst", "smrj"]
    assert (programs["parent_id"] == "iinj").sum() == 11  # 5 bodies, 5 activities, 1 tie-up
    assert programs.loc["technopolis", "started"] == "1983"
    assert programs.loc["gnt-study-group", "started"] == "November 2010"
    assert programs.loc["incubation-manager-development", "kind"] == "measure"
    assert set(programs["kind"]) == {"program", "policy-phase", "national-body", "measure",
                                     "activity"}


@pytest.mark.parametrize(("figure_id", "value", "unit"), [
    ("mext-knowledge-cluster-first-stage-ended", 15, "regions"),
    ("mext-knowledge-cluster-first-stage-active", 3, "regions"),
    ("mext-knowledge-cluster-second-stage-active", 9, "regions"),
    ("mext-city-area-ended", 50, "areas"),
    ("mext-city-area-active", 30, "areas"),
    ("budget-article-441m-dollars", 441e6, "dollars"),
    ("kinki-bio-university-researchers", 2000, "researchers"),
    ("network-university-researchers-c2004", 220, "researchers"),
])
def test_the_figures_added_from_the_sources(ds, figure_id, value, unit):
    row = ds.national_figures.set_index("figure_id").loc[figure_id]
    assert (row["value"], row["unit"]) == (value, unit)


def test_kawagoe_is_a_map_label_not_a_participant(ds):
    row = ds.participants.set_index("participant_id").loc["tama-kawagoe-city-map-label"]
    assert (row["kind"], row["source_id"]) == ("map-label", "meti-2003-slides")


def test_only_programs_a_project_can_belong_to_are_offered_as_filters():
    """National bodies, measures and policy phases are facts of the sources, not filters."""
    ds = load_dataset()
    offered = set(ds.filter_programs["program_id"])
    assert {"icp-term1", "icp-term2", "mext-knowledge-cluster"} <= offered
    assert "gnt-study-group" not in offered
    assert set(ds.filter_programs["kind"].dropna()) == {"program"}
    listed = {program for programs in ds.projects["programs"] for program in programs}
    assert listed <= offered


def test_cooperation_is_a_list_apart_from_membership():
    ds = load_dataset()
    cooperating = {project for project, ids in zip(ds.projects["project_id"],
                                                    ds.projects["cooperates_with"], strict=True)
                   if "mext-knowledge-cluster" in ids}
    members = {project for project, ids in zip(ds.projects["project_id"],
                                                ds.projects["programs"], strict=True)
               if "mext-knowledge-cluster" in ids}
    assert cooperating and not cooperating & members


# --- issue 31: the last mile of data truth -------------------------------------------------------

def test_the_tama_map_labels_notes_names_are_in_the_kanto_areas(projects):
    """NOTES.md §1 says the TAMA page's map labels are in ``areas``; Tokyo, Saitama and
    Kanagawa (meti-2003-slides lines 218, 235, 237) were missing."""
    areas = projects.loc["kanto-regional-industry-revitalization", "areas"]
    for label in ("Tokyo", "Saitama", "Kanagawa", "Kawagoe City", "Route 16",
                  "Metropolitan Inter-City Expressway", "Honjo Campus of Waseda University"):
        assert label in areas


def test_hokkaido_fields_follow_the_cited_line(projects):
    """meti-2003-slides line 114 says "Biotechnology/IT fields"; the first field colours the
    marker."""
    assert projects.loc["hokkaido-cluster", "fields"] == ["biotechnology", "it"]


def test_hokkaido_labels_claim_no_more_than_a_list_of_labels(ds):
    """meti-2003-slides lines 361-376 list labels only: no map of participants, no "other
    participating universities"."""
    participants = ds.participants.set_index("participant_id")
    for participant_id in ("hokkaido-obihiro-university", "hokkaido-asahikawa-medical-college",
                           "hokkaido-sapporo-medical-university", "hokkaido-tokai-university"):
        role = participants.loc[participant_id, "role"]
        assert "participating universities" not in role and "361-376" in role


def test_spring_8_in_the_sources_words(ds):
    """meti-2003-slides lines 473-475 give "Harima Science Garden City ・Spring-8" and nothing
    about what it is."""
    row = ds.participants.set_index("participant_id").loc["kinki-spring-8"]
    assert row["name_en"] == "Spring-8" and pd.isna(row["name_ja"])
    assert "ynchrotron" not in row["role"] and "Harima Science Garden City" in row["role"]


def test_the_competitive_rate_unit_is_marked_as_a_reading(ds):
    rates = ds.national_figures[ds.national_figures["series"]
                                == "competitive-rate-practical-technology"]
    assert len(rates) == 3
    for unit, judgement in zip(rates["unit"], rates["judgement"], strict=True):
        assert unit == "applications per award" and "unit" in judgement and "reading" in judgement


def test_hokkaido_achievements_count_outcomes_not_rows(ds):
    """One outcome stated by two sources is one achievement (the five IT listings of
    tsukamoto line 37 and the slides line 540; the 29 and the 32 ventures), the further
    figures of one outcome are not more achievements, and a forecast is none."""
    from geodata.queries import bureau_summaries, run_query

    hokkaido = run_query(ds, Filter(project_id="hokkaido-cluster"))
    outcomes = {"hokkaido-university-ventures", "hokkaido-it-listings",
                "hokkaido-chondroitin-sulfate", "hokkaido-public-assistance-investment",
                "hokkaido-technology-database", "hokkaido-exchange-meetings",
                "hokkaido-support-networks"}
    stated = hokkaido.achievements["outcome_id"].fillna(hokkaido.achievements["achievement_id"])
    assert set(stated) == outcomes
    assert hokkaido.outcome_count == 7 and len(hokkaido.achievements) > 7
    summaries = bureau_summaries(ds, Filter()).set_index("bureau_id")
    assert summaries.loc["hokkaido", "achievements"] == 10  # with the food cluster's three
    listings = ds.achievements[ds.achievements["outcome_id"] == "hokkaido-it-listings"]
    assert set(listings["source_id"]) == {"tsukamoto-2004-success", "meti-2003-slides"}
    assert not ds.achievements["description"].str.contains("expected to go public").any()


def test_the_figures_of_an_outcome_are_rows_of_it(ds):
    """The investment boxes' cases, companies and universities, the ventures' IT/bio split,
    the 55 companies coordinators went to and the 40 venture capital companies are queryable."""
    rows = ds.achievements.set_index("achievement_id")
    for achievement_id, outcome_id, value, unit in [
        ("hokkaido-public-assistance-investment-cases", "hokkaido-public-assistance-investment",
         56, "cases"),
        ("tama-public-assistance-investment-universities", "tama-public-assistance-investment",
         17, "universities"),
        ("kinki-public-assistance-investment-companies", "kinki-public-assistance-investment",
         81, "companies"),
        ("hokkaido-university-ventures-it", "hokkaido-university-ventures", 12, "companies"),
        ("hokkaido-university-ventures-bio", "hokkaido-university-ventures", 15, "companies"),
        ("tama-coordinator-companies", "tama-coordinator-dispatches", 55, "companies"),
        ("hokkaido-support-networks-venture-capital", "hokkaido-support-networks", 40,
         "companies")]:
        row = rows.loc[achievement_id]
        assert (row["outcome_id"], row["value"], row["unit"]) == (outcome_id, value, unit)


def test_rows_of_one_outcome_belong_to_one_project(ds):
    projects = ds.achievements.dropna(subset=["outcome_id"]).groupby("outcome_id")["project_id"]
    assert (projects.nunique() == 1).all()


@pytest.mark.parametrize(("program_id", "parent_id", "source_id"), [
    ("future-international-exchanges", "icp-term1", "meti-2003-slides"),
    ("future-coordinators", "icp-term1", "meti-2003-slides"),
    ("future-confidentiality-agreements", "icp-term1", "meti-2003-slides"),
    ("future-basic-technology-smes", "icp-term1", "meti-2003-slides"),
    ("future-support-service-networks", "icp-term1", "meti-2003-slides"),
    ("future-market-cultivation", "icp-term1", "meti-2003-slides"),
    ("bureaus-as-network-hub", "icp-term1", "tsukamoto-2004-success"),
    ("high-risk-venture-development", "icp-term1", "tsukamoto-2004-success"),
    ("university-incubators", "icp-term1", "tsukamoto-2004-success"),
    ("challenge-cooperation-mext-local", "icp-term1", "tsukamoto-2004-success"),
    ("challenge-inter-cluster-exchange", "icp-term1", "tsukamoto-2004-success"),
    ("gnt-dnt-to-gnt", None, "hosoya-2011-initiatives"),
])
def test_the_measures_the_sources_state_are_rows(ds, program_id, parent_id, source_id):
    """Each is quoted in its description from its evidence lines (test_quotes.py checks the
    words), and is a measure, never a programme a project could belong to."""
    row = ds.programs.set_index("program_id").loc[program_id]
    assert row["kind"] == "measure" and row["source_id"] == source_id
    assert (row["parent_id"] if isinstance(row["parent_id"], str) else None) == parent_id
    assert isinstance(row["evidence_lines"], str) and "'" in row["description"]
