"""Pure queries over the small sample dataset, and CRS handling of user files."""

import pytest
from factories import sample_layers, write_sample_dataset

from geodata import Filter, bureau_summaries, facet_counts, load_dataset, run_query, search


@pytest.fixture
def ds(sample_gpkg):
    return load_dataset(sample_gpkg)


def test_fields_combine_with_or_and_facets_with_and(ds):
    assert run_query(ds, Filter(fields=frozenset({"it"}))).project_ids == ["tama", "kansai-it"]
    both = Filter(fields=frozenset({"it", "biotechnology"}))
    assert len(run_query(ds, both).projects) == 3
    anded = Filter(fields=frozenset({"biotechnology"}), programs=frozenset({"icp-term2"}))
    assert run_query(ds, anded).project_ids == ["kansai-it"]


def test_selection_narrows_and_tieups_follow_the_field(ds):
    assert run_query(ds, Filter(bureau_id="kinki")).project_ids == ["kinki-bio", "kansai-it"]
    assert run_query(ds, Filter(project_id="tama")).tieups["tieup_id"].tolist() == [
        "tama-shanghai"]
    bio = run_query(ds, Filter(fields=frozenset({"biotechnology"})))
    assert bio.tieups["tieup_id"].tolist() == ["kinki-berlin"]


@pytest.mark.parametrize(("text", "expected"), [
    ("kyoto", ["kinki-bio"]), ("八王子", ["tama"]), ("ＴＡＭＡ", ["tama"]),
    ("berlin", ["kinki-bio"]), ("no such thing", []),
])
def test_free_text_matches_names_in_either_language(ds, text, expected):
    assert run_query(ds, Filter(text=text)).project_ids == expected


def test_facet_counts_and_bureau_summaries(ds):
    counts = facet_counts(ds, Filter(programs=frozenset({"icp-term1"})))
    assert counts["fields"] == {"it": 1, "biotechnology": 1}
    summary = bureau_summaries(ds, Filter()).set_index("bureau_id")
    assert summary.loc["kinki", ["projects", "tieups", "achievements"]].tolist() == [2, 1, 1]
    assert summary.loc["kanto", "companies"] == 260


def test_bureau_project_counts_agree_with_the_summaries(ds):
    from geodata.queries import bureau_project_counts

    for flt in (Filter(), Filter(fields=frozenset({"it"})), Filter(text="kyoto")):
        table = bureau_summaries(ds, flt)
        assert bureau_project_counts(ds, flt) == dict(
            zip(table["bureau_id"], table["projects"], strict=True))


def test_search_finds_projects_organisations_partners_and_places(ds):
    kinds = {hit.kind for hit in search(ds, "o")}
    assert {"project", "organisation", "prefecture"} <= kinds
    assert [hit.kind for hit in search(ds, "Shanghai")] == ["partner"]
    assert search(ds, "京都大学")[0].project_id == "kinki-bio"


@pytest.mark.parametrize("crs", ["EPSG:6668", "EPSG:6677", "EPSG:3857"])
def test_other_crs_are_reprojected_on_load(tmp_path, crs):
    layers = sample_layers()
    for name in ("bureaus", "prefectures", "projects", "participants"):
        layers[name] = layers[name].to_crs(crs)
    ds = load_dataset(write_sample_dataset(tmp_path / "other.gpkg", layers))
    assert ds.projects.crs.to_epsg() == 4326
    tama = ds.projects.set_index("project_id").loc["tama", "geometry"]
    assert tama.x == pytest.approx(139.32, abs=1e-6) and tama.y == pytest.approx(35.66, abs=1e-6)
