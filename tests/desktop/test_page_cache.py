"""The page data kept for the next start: keyed by the file's bytes, damage ignored, few kept."""

import json
import os
import shutil

from desktop.map import page_cache
from geodata.bundled import BUNDLED_DATASET


def test_an_edited_file_gets_another_key(tmp_path):
    copy = tmp_path / "copy.gpkg"
    shutil.copyfile(BUNDLED_DATASET, copy)
    assert page_cache.dataset_digest(copy) == page_cache.dataset_digest(BUNDLED_DATASET)
    with open(copy, "ab") as data:
        data.write(b"\0")
    assert page_cache.dataset_digest(copy) != page_cache.dataset_digest(BUNDLED_DATASET)


def test_kept_data_and_states_come_back_by_their_filters():
    digest = "a" * 64
    key = page_cache.state_key({"it"}, set(), False, True)
    page_cache.store(digest, '{"projects": []}', key, {"visible_projects": ["p1"]})
    other = page_cache.state_key(set(), {"icp-term1"}, True, True)
    page_cache.store(digest, '{"projects": []}', other, {"visible_projects": []})
    kept = page_cache.load(digest)
    assert kept.page_json == '{"projects": []}'
    assert kept.states == {key: {"visible_projects": ["p1"]}, other: {"visible_projects": []}}


def test_a_damaged_or_foreign_entry_is_ignored():
    for digest, text in (("b" * 64, '{"format": 1, "page_json": "{}", "sta'),
                         ("c" * 64, json.dumps({"format": 99, "page_json": "{}", "states": {}})),
                         ("d" * 64, json.dumps(["not", "an", "entry"]))):
        target = page_cache.cache_dir() / f"page-{digest}-en.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        assert page_cache.load(digest) is None
    assert page_cache.load("e" * 64) is None  # never kept


def test_only_the_latest_entries_are_kept():
    for number in range(page_cache.KEPT_ENTRIES + 3):
        digest = f"{number:064x}"
        page_cache.store(digest, "{}", "[]", {})
        entry = page_cache.cache_dir() / f"page-{digest}-en.json"
        os.utime(entry, (1_000_000 + number, 1_000_000 + number))
    page_cache.store("f" * 64, "{}", "[]", {})
    entries = sorted(page_cache.cache_dir().glob("page-*.json"))
    assert len(entries) == page_cache.KEPT_ENTRIES
    assert page_cache.cache_dir() / f"page-{'f' * 64}-en.json" in entries


def test_the_page_data_is_kept_per_language():
    """A switch of language must never draw the other language's names from the cache."""
    digest = "9" * 64
    key = page_cache.state_key(set(), set(), False, True)
    page_cache.store(digest, '{"language": "ja"}', key, {}, "ja")
    assert page_cache.load(digest, "en") is None
    kept = page_cache.load(digest, "ja")
    assert (kept.page_json, kept.language) == ('{"language": "ja"}', "ja")
    page_cache.store(digest, '{"language": "en"}', key, {}, "en")
    assert page_cache.load(digest, "ja").page_json == '{"language": "ja"}'


def test_the_shipped_page_data_is_taken_whole_in_each_language():
    """The page data shipped for the bundled dataset (make page) is accepted as it is: a
    member the cache does not know (a new layer) had it refused, and a first start rebuilt
    it."""
    from desktop.map.page_data import page_json

    digest = page_cache.dataset_digest(BUNDLED_DATASET)
    for language in ("en", "ja"):
        kept = page_cache.load(digest, language)
        assert kept is not None, language
        assert json.loads(kept.page_json).keys() == page_cache.PAGE_KEYS
    from geodata import load_dataset

    assert json.loads(page_json(load_dataset())).keys() == page_cache.PAGE_KEYS
