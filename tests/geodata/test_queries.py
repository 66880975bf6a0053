"""Pure queries behind every click: facets, selection, free text, counts, summaries, search.

Most tests run on the small sample (three projects, so every expected list is written out), with
two more tie-ups for Kansai IT — one per field of that two-field project — so that narrowing
tie-ups by field is visible. A few run on the bundled dataset to pin what a user sees.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from factories import sample_layers, write_sample_dataset
from shapely.geometry import Point

from geodata import (
    Filter,
    bureau_summaries,
    facet_counts,
    load_dataset,
    queries,
    run_query,
    search,
    visible_project_ids,
)
from geodata.queries import bureau_project_counts

EXTRA_TIEUPS = [  # both for kansai-it, whose fields are it and biotechnology
    {"tieup_id": "kansai-it-seoul", "partner": "Seoul IT Cluster", "partner_place": "Seoul",
     "country": "KR", "field": "it", "point": Point(126.98, 37.57)},
    {"tieup_id": "kansai-it-boston", "partner": "Boston Biotech", "partner_place": "Cambridge",
     "country": "US", "field": "biotechnology", "point": Point(-71.11, 42.37)},
]


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    layers = sample_layers()
    tieups = layers["tieups"]
    rows = [{**{column: None for column in tieups.columns if column != "geometry"},
             "project_id": "kansai-it", "bureau_id": "kinki", "location_basis": "source-city",
             "location_note": "test point", "source_id": "src-b",
             **{key: value for key, value in extra.items() if key != "point"}}
            for extra in EXTRA_TIEUPS]
    added = gpd.GeoDataFrame(rows, geometry=[extra["point"] for extra in EXTRA_TIEUPS],
                             crs=tieups.crs)
    layers["tieups"] = pd.concat([tieups, added], ignore_index=True)
    path = tmp_path_factory.mktemp("queries") / "sample.gpkg"
    return load_dataset(write_sample_dataset(path, layers))


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


def ids(frame: pd.DataFrame, column: str) -> list[str]:
    return frame[column].tolist()


# --- facets -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "expected"), [
    ({"it"}, ["tama", "kansai-it"]),
    ({"biotechnology"}, ["kinki-bio", "kansai-it"]),
    ({"it", "biotechnology"}, ["tama", "kinki-bio", "kansai-it"]),  # OR within the facet
    ({"nanotech"}, []),
    (set(), ["tama", "kinki-bio", "kansai-it"]),  # nothing ticked: no restriction
])
def test_filter_by_fields(ds, fields, expected):
    assert run_query(ds, Filter(fields=frozenset(fields))).project_ids == expected


@pytest.mark.parametrize(("programs", "expected"), [
    ({"icp-term1"}, ["tama", "kinki-bio"]),
    ({"icp-term2"}, ["tama", "kansai-it"]),
    ({"icp-term1", "icp-term2"}, ["tama", "kinki-bio", "kansai-it"]),
])
def test_filter_by_programs(ds, programs, expected):
    assert run_query(ds, Filter(programs=frozenset(programs))).project_ids == expected


@pytest.mark.parametrize(("fields", "programs", "expected"), [
    ({"biotechnology"}, {"icp-term2"}, ["kansai-it"]),
    ({"it"}, {"icp-term1"}, ["tama"]),
    ({"it", "biotechnology"}, {"icp-term1"}, ["tama", "kinki-bio"]),
    ({"biotechnology"}, {"icp-term1", "icp-term2"}, ["kinki-bio", "kansai-it"]),
])
def test_fields_and_programs_combine_with_and(ds, fields, programs, expected):
    flt = Filter(fields=frozenset(fields), programs=frozenset(programs))
    assert run_query(ds, flt).project_ids == expected


def test_evolve_freezes_the_sets_so_filters_stay_hashable():
    flt = Filter().evolve(fields={"it"}, programs=["icp-term1"])
    assert flt == Filter(fields=frozenset({"it"}), programs=frozenset({"icp-term1"}))
    assert hash(flt) == hash(Filter(fields=frozenset({"it"}),
                                    programs=frozenset({"icp-term1"})))


# --- selection ----------------------------------------------------------------------------------

def test_select_a_bureau(ds):
    result = run_query(ds, Filter(bureau_id="kinki"))
    assert result.project_ids == ["kinki-bio", "kansai-it"]
    assert ids(result.participants, "participant_id") == ["kinki-kyoto-u"]
    assert ids(result.tieups, "tieup_id") == ["kinki-berlin", "kansai-it-seoul",
                                              "kansai-it-boston"]
    assert ids(result.achievements, "achievement_id") == ["kinki-ventures"]
    assert result.participant_counts.empty


def test_select_a_project(ds):
    result = run_query(ds, Filter(project_id="tama"))
    assert result.project_ids == ["tama"]
    assert ids(result.participants, "participant_id") == ["tama-hachioji"]
    assert ids(result.participant_counts, "kind") == ["university"]
    assert ids(result.tieups, "tieup_id") == ["tama-shanghai"]
    assert result.achievements.empty
    assert result.source_ids == {"src-a"}


def test_the_sources_of_a_result_are_those_its_rows_cite(ds):
    assert run_query(ds, Filter(project_id="kinki-bio")).source_ids == {"src-a", "src-b"}


def test_the_selection_narrows_the_scope_and_the_map_ignores_it(ds):
    flt = Filter(fields=frozenset({"it"}), bureau_id="kinki")
    assert run_query(ds, flt).project_ids == ["kansai-it"]
    assert visible_project_ids(ds, flt) == ["tama", "kansai-it"]
    assert run_query(ds, Filter(fields=frozenset({"it"}), project_id="kinki-bio")).projects.empty


# --- tie-ups follow the field -------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "expected"), [
    ({"it"}, ["tama-shanghai", "kansai-it-seoul"]),
    ({"biotechnology"}, ["kinki-berlin", "kansai-it-boston"]),
    ({"it", "biotechnology"}, ["kinki-berlin", "tama-shanghai", "kansai-it-seoul",
                               "kansai-it-boston"]),
])
def test_tie_ups_are_narrowed_to_the_chosen_fields(ds, fields, expected):
    """Kansai IT is in both fields; each of its tie-ups shows only under its own field."""
    assert ids(run_query(ds, Filter(fields=frozenset(fields))).tieups, "tieup_id") == expected


# --- free text ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("tama project", ["tama"], id="project-name"),
    pytest.param("kyoto", ["kinki-bio"], id="participant-name"),
    pytest.param("八王子", ["tama"], id="participant-name-ja"),
    pytest.param("近畿", ["kinki-bio"], id="project-name-ja"),
    pytest.param("ＴＡＭＡ", ["tama"], id="full-width-latin"),
    pytest.param("ﾊﾞｲｵ", ["kinki-bio"], id="half-width-katakana"),
    pytest.param("  Berlin ", ["kinki-bio"], id="partner-with-spaces"),
    pytest.param("cambridge", ["kansai-it"], id="partner-place"),
    pytest.param("hachioji", ["tama"], id="areas"),
    pytest.param("no such thing", [], id="nothing"),
])
def test_free_text_matches_names_in_either_language(ds, text, expected):
    assert run_query(ds, Filter(text=text)).project_ids == expected


def test_free_text_combines_with_the_facets(ds):
    assert run_query(ds, Filter(text="kyoto", fields=frozenset({"it"}))).project_ids == []
    assert run_query(ds, Filter(text="i", programs=frozenset({"icp-term2"}))).project_ids == [
        "tama", "kansai-it"]


# --- counts and summaries -----------------------------------------------------------------------

def test_facet_counts_without_a_filter(ds):
    counts = facet_counts(ds, Filter())
    assert counts == {"fields": {"it": 2, "biotechnology": 2},
                      "programs": {"icp-term1": 2, "icp-term2": 2}}


def test_a_facet_count_ignores_its_own_facet_and_honours_the_others(ds):
    counts = facet_counts(ds, Filter(fields=frozenset({"it"}), programs=frozenset({"icp-term1"})))
    assert counts["fields"] == {"it": 1, "biotechnology": 1}  # within icp-term1
    assert counts["programs"] == {"icp-term1": 1, "icp-term2": 2}  # within it
    assert facet_counts(ds, Filter(text="kyoto"))["fields"] == {"it": 0, "biotechnology": 1}


def test_facet_counts_cover_every_field_and_program_of_the_dataset(bundled):
    counts = facet_counts(bundled, Filter())
    assert set(counts["fields"]) == set(bundled.fields["field_id"])
    assert set(counts["programs"]) == set(bundled.programs["program_id"])
    assert counts["programs"]["icp-term1"] == 19 and counts["programs"]["icp-term2"] == 18
    assert counts["programs"]["mext-city-area"] == 0  # a program no project is linked to


def test_bureau_summaries(ds):
    table = bureau_summaries(ds, Filter()).set_index("bureau_id")
    assert list(table.index) == ["kanto", "kinki"]
    columns = ["projects", "companies", "universities", "tieups", "achievements"]
    assert table.loc["kanto", columns].tolist() == [1, 260, 27, 1, 0]
    assert table.loc["kinki", columns].tolist() == [2, 220, 4, 3, 1]  # unknown counts skipped


def test_bureau_summaries_follow_the_scope_not_the_selection(ds):
    table = bureau_summaries(ds, Filter(fields=frozenset({"it"}), bureau_id="kanto"))
    kinki = table.set_index("bureau_id").loc["kinki"]
    assert (kinki["projects"], kinki["tieups"], kinki["achievements"]) == (1, 1, 0)
    assert kinki["companies"] is pd.NA and kinki["universities"] == 4  # unknown stays unknown
    empty = bureau_summaries(ds, Filter(text="kyoto")).set_index("bureau_id").loc["kanto"]
    assert (empty["projects"], empty["tieups"]) == (0, 0) and empty["companies"] is pd.NA


@pytest.mark.parametrize("flt", [Filter(), Filter(fields=frozenset({"it"})),
                                 Filter(text="kyoto"), Filter(programs=frozenset({"x"}))])
def test_bureau_project_counts_agree_with_the_summaries(ds, flt):
    table = bureau_summaries(ds, flt)
    assert bureau_project_counts(ds, flt) == dict(
        zip(table["bureau_id"], table["projects"], strict=True))


def test_bundled_summaries_count_the_terms_per_bureau(bundled):
    table = bureau_summaries(bundled, Filter(programs=frozenset({"icp-term1"})))
    assert dict(zip(table["bureau_id"], table["projects"], strict=True)) == {
        "hokkaido": 1, "tohoku": 2, "kanto": 3, "chubu": 3, "kinki": 4, "chugoku": 2,
        "shikoku": 1, "kyushu": 2, "okinawa": 1}
    assert bureau_summaries(bundled, Filter())["projects"].sum() == 27


# --- search -------------------------------------------------------------------------------------

def test_search_finds_a_project_at_its_point(ds):
    (hit,) = search(ds, "TAMA Project")
    assert (hit.kind, hit.label, hit.project_id, hit.bureau_id) == (
        "project", "TAMA Project", "tama", "kanto")
    assert (hit.lon, hit.lat) == (139.32, 35.66)


@pytest.mark.parametrize("text", ["京都大学", "kyoto university", "ＫＹＯＴＯ"])
def test_search_finds_an_organisation(ds, text):
    (hit,) = search(ds, text)
    assert (hit.kind, hit.label, hit.project_id, hit.bureau_id) == (
        "organisation", "Kyoto University", "kinki-bio", "kinki")
    assert hit.detail == "Kinki Bio Cluster"


def test_search_finds_a_partner_by_its_place(ds):
    (hit,) = search(ds, "Cambridge")
    assert (hit.kind, hit.label, hit.project_id, hit.bureau_id) == (
        "partner", "Boston Biotech (Cambridge)", "kansai-it", "kinki")
    assert (hit.lon, hit.lat) == (-71.11, 42.37)


@pytest.mark.parametrize("text", ["Osaka", "大阪"])
def test_search_finds_a_prefecture_in_its_bureau(ds, text):
    (hit,) = search(ds, text)
    assert (hit.kind, hit.label, hit.bureau_id, hit.project_id) == (
        "prefecture", "Osaka", "kinki", None)


def test_search_finds_a_bureau_by_its_office(ds):
    assert [(hit.kind, hit.bureau_id) for hit in search(ds, "kansai bureau")] == [
        ("bureau", "kinki")]


def test_search_of_nothing_finds_nothing_and_stops_at_the_limit(ds):
    assert search(ds, "   ") == [] and search(ds, "zzz") == []
    assert len(search(ds, "k")) > 3 and len(search(ds, "k", limit=3)) == 3  # word starts


@pytest.mark.parametrize(("text", "kind", "project_id", "bureau_id"), [
    ("K-RIP", "project", "kyushu-k-rip", "kyushu"),
    ("Amino Up", "organisation", "hokkaido-cluster", "hokkaido"),
    ("Wageningen", "partner", "kansai-bio-cluster", "kinki"),
    ("新潟", "prefecture", None, "kanto"),
])
def test_search_the_bundled_dataset(bundled, text, kind, project_id, bureau_id):
    hits = [hit for hit in search(bundled, text) if hit.kind != "place"]  # GeoNames: elsewhere
    assert [(hit.kind, hit.project_id, hit.bureau_id) for hit in hits] == [
        (kind, project_id, bureau_id)]


# --- answers kept per dataset and scope ---------------------------------------------------------

KEPT_ANSWERS = [  # each kept per scope, and the same worked out afresh (queries' _private)
    (queries.scope_mask, lambda ds, flt: queries._scope_mask(ds, flt.scope)),
    (queries.facet_counts, lambda ds, flt: queries._facet_counts(ds, flt.scope)),
    (queries.bureau_counts, lambda ds, flt: queries._bureau_counts(ds, flt.scope)),
    (queries.bureau_project_counts,
     lambda ds, flt: queries._bureau_project_counts(ds, flt.scope)),
]


def _same(kept, fresh) -> bool:
    return bool(np.array_equal(kept, fresh)) if isinstance(fresh, np.ndarray) else kept == fresh


@pytest.mark.parametrize(("kept", "fresh"), KEPT_ANSWERS)
def test_a_kept_answer_follows_the_filter_it_was_asked_with(ds, kept, fresh):
    """Asked in turn for filters that differ (a toggle on and off, another program, a year,
    a text, a bureau picked), each answer is that filter's: none is the previous filter's."""
    filters = [Filter(), Filter(fields=frozenset({"it"})), Filter(),
               Filter(programs=frozenset({"icp-term1"})), Filter(fiscal_year=2007),
               Filter(text="bio"), Filter(fields=frozenset({"it"}), bureau_id="kinki"),
               Filter(fields=frozenset({"it"}))]
    for flt in filters:
        assert _same(kept(ds, flt), fresh(ds, flt)), flt


def test_answers_differ_between_filters_where_the_data_does(ds):
    """The stale-answer check has teeth: these filters' answers are not all alike."""
    everything, it = Filter(), Filter(fields=frozenset({"it"}))
    assert queries.visible_project_count(ds, everything) == 3
    assert queries.visible_project_count(ds, it) == 2
    assert facet_counts(ds, everything) != facet_counts(ds, Filter(programs=frozenset(
        {"icp-term1"})))


def test_answers_are_kept_per_dataset(ds, bundled):
    """A dataset opened after another is answered from its own rows (its own kept answers)."""
    flt = Filter()
    assert queries.visible_project_count(ds, flt) == len(ds.projects)
    assert queries.visible_project_count(bundled, flt) == len(bundled.projects)
    assert len(bundled.projects) != len(ds.projects)
    assert queries.bureau_counts(bundled, flt) == queries._bureau_counts(bundled, flt)


def test_a_selection_leaves_the_kept_scope_as_it_was(ds):
    """A bureau or project picked narrows its query's masks, never the scope's kept mask
    (the map's markers): the mask is copied before the selection narrows it."""
    scope = Filter(fields=frozenset({"it"}))
    before = queries.scope_mask(ds, scope).copy()
    picked = run_query(ds, scope.evolve(bureau_id="kinki"))
    assert picked.project_count < int(before.sum())
    assert np.array_equal(queries.scope_mask(ds, scope), before)
    assert run_query(ds, scope).project_count == int(before.sum())


def test_kept_masks_cannot_be_changed_by_a_caller(ds):
    with pytest.raises(ValueError, match="read-only"):
        queries.scope_mask(ds, Filter())[0] = False


def test_the_window_memo_answers_as_the_query_worked_out_whole(ds):
    flt = Filter(programs=frozenset({"icp-term2"}), bureau_id="kinki")
    kept, whole = run_query(ds, flt), queries._run_query(ds, flt)
    assert kept.project_ids == whole.project_ids
    assert kept.project_count == len(whole.projects)
    assert kept.tieup_count == len(whole.tieups)
    assert kept.column("tieups", "tieup_id").tolist() == whole.tieups["tieup_id"].tolist()


def test_rows_by_project_groups_each_layer_in_its_order(bundled):
    for layer in queries.CHILD_LAYERS:
        frame = getattr(bundled, layer)
        order, bounds = queries.rows_by_project(bundled, layer)
        for position, project_id in enumerate(bundled.projects["project_id"]):
            rows = order[bounds[position]:bounds[position + 1]]
            expected = np.flatnonzero((frame["project_id"] == project_id).to_numpy())
            assert rows.tolist() == expected.tolist(), (layer, project_id)
