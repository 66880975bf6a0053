"""LoadedDataset: what the desktop derives from a dataset is made once and kept with it."""

import dataclasses
import os
import subprocess
import sys

import pytest

from desktop.app.loader import DatasetLoader
from desktop.common.loaded_dataset import LoadedDataset
from desktop.common.text import source_line
from desktop.map import page_cache
from geodata import Filter, load_dataset, run_query

LOADER_TIMEOUT_MS = 30_000


@pytest.fixture
def dataset(sample_gpkg):
    return load_dataset(sample_gpkg)


def _counted(calls: list, build):
    def counting(*args):
        calls.append(args)
        return build(*args)
    return counting


def test_derived_data_is_made_once_per_loaded_dataset_and_argument(dataset):
    calls = []
    rows = _counted(calls, lambda ds, layer: len(getattr(ds, layer)))
    loaded = LoadedDataset(dataset)
    assert loaded.derived(rows, "projects") == loaded.derived(rows, "projects") == len(
        dataset.projects)
    assert loaded.derived(rows, "tieups") == len(dataset.tieups)
    assert len(calls) == 2
    LoadedDataset(dataset).derived(rows, "projects")  # another opening: its own
    assert len(calls) == 3


def test_page_data_in_another_language_is_made_beside_the_loaders_own(dataset):
    """A language switch used to rewrite the loader's page data and language on the GUI
    thread; they stay as loaded, and the other language's page data is kept beside them."""
    calls = []
    build = _counted(calls, lambda ds, language: f"page in {language}")
    loaded = LoadedDataset(dataset, None, "loaded page", "en")
    assert loaded.page_json_in("en", build) == "loaded page"
    assert loaded.page_json_in("ja", build) == loaded.page_json_in("ja", build) == "page in ja"
    assert len(calls) == 1
    assert (loaded.page_json, loaded.language) == ("loaded page", "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.page_json = "rewritten"


def test_source_lines_are_made_once_per_dataset(dataset, monkeypatch):
    from desktop.common import text

    calls = []
    monkeypatch.setattr(text, "source_lines", _counted(calls, text.source_lines))
    loaded = LoadedDataset(dataset)
    source_id = dataset.sources["source_id"].iloc[0]
    assert source_line(loaded, source_id).startswith("Source: ")
    assert source_line(loaded, "no-such-source") == "Source: no-such-source"
    assert source_line(loaded, None) == "Source: not given"
    assert len(calls) == 1


def _load(qtbot, path, use_kept_page=False):
    loader = DatasetLoader(path, use_kept_page=use_kept_page)
    with qtbot.waitSignal(loader.sig_finished, timeout=LOADER_TIMEOUT_MS) as blocker:
        loader.start()
    return blocker.args[0]


def test_the_loader_makes_the_page_json_once_per_dataset(qtbot, sample_gpkg, monkeypatch):
    from desktop.map import page_data

    calls = []
    monkeypatch.setattr(page_data, "page_json", _counted(calls, page_data.page_json))
    loaded = _load(qtbot, sample_gpkg)
    assert isinstance(loaded, LoadedDataset) and loaded.dataset.path == sample_gpkg
    assert loaded.page_json and len(calls) == 1
    assert loaded.digest is None  # opened from File ▸ Open: its page is not kept at quit
    assert loaded.page_json == loaded.page_json and len(calls) == 1


def test_the_start_up_loader_reuses_the_page_json_kept_for_the_file(qtbot, sample_gpkg,
                                                                     monkeypatch):
    from desktop.map import page_data

    digest = page_cache.dataset_digest(sample_gpkg)
    kept = page_cache.CachedPage(digest, '{"kept": "at the last quit"}')
    monkeypatch.setattr(page_cache, "load",
                        lambda wanted, _language: kept if wanted == digest else None)
    calls = []
    monkeypatch.setattr(page_data, "page_json", _counted(calls, page_data.page_json))
    loaded = _load(qtbot, sample_gpkg, use_kept_page=True)
    assert (loaded.digest, loaded.page_json) == (digest, kept.page_json)
    assert calls == []


def test_the_data_layer_keeps_its_indexes_privately(dataset):
    """Queries index a dataset on first use; a replaced copy (other data) starts afresh."""
    assert dataset._indexes is None
    run_query(dataset, Filter())
    indexes = dataset._indexes
    assert indexes is not None
    run_query(dataset, Filter(fields=frozenset({"it"})))
    assert dataset._indexes is indexes
    assert dataclasses.replace(dataset)._indexes is None


def test_the_search_index_is_built_once_by_the_data_layers_own_indexes(dataset):
    """geodata/name_search used to write its index into queries' per-dataset object; now
    that object builds and keeps it, once, however many threads ask."""
    from concurrent.futures import ThreadPoolExecutor

    from geodata.name_search import search_index, search_index_ready
    from geodata.name_search.index import SearchIndex
    from geodata.queries import dataset_indexes

    assert not search_index_ready(dataset)
    with ThreadPoolExecutor(4) as pool:
        built = set(map(id, pool.map(lambda _: search_index(dataset), range(8))))
    assert len(built) == 1 and search_index_ready(dataset)
    assert dataset_indexes(dataset).built(SearchIndex) is search_index(dataset)


def test_the_maps_layers_are_made_once_per_dataset_and_live_with_it(dataset):
    """Label points and imported organisations were kept in module dictionaries keyed by
    id(dataset); they are kept with the dataset's own indexes, and a copy starts afresh."""
    from desktop.map.layers import bureau_label_points, imported_organisations

    points, organisations = bureau_label_points(dataset), imported_organisations(dataset)
    assert bureau_label_points(dataset) is points
    assert imported_organisations(dataset) is organisations
    copy = dataclasses.replace(dataset)
    assert bureau_label_points(copy) is not points and bureau_label_points(copy) == points


def test_the_export_painter_does_not_import_the_page_serialiser():
    script = ("import sys, desktop.export.map_painter; "
              "print('desktop.map.page_data' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "False", done.stdout + done.stderr
