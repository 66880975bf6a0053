"""The frozen app's ICU data holds root, English and Japanese only (packaging/icu_data.py), and
Qt answers with it as with the full data: the dataset's names sorted by QCollator, Japanese
text cut into words, lines and sentences, QLocale's formats (packaging/icu_probe.py). Data
without Japanese answers otherwise, so the comparison would see a missing item."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
ICU_DATA = Path(PySide6.__file__).resolve().parent / "Qt" / "lib" / "libicudata.so.73"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, CHECKOUT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def probe(preload: Path | None = None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run([sys.executable, str(CHECKOUT / "packaging" / "icu_probe.py")],
                          cwd=CHECKOUT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def reduced(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("icu") / ICU_DATA.name
    _load("icu_data").reduce_library(ICU_DATA, out)
    return out


@pytest.mark.parametrize(("item", "kept"), [
    ("ja.res", True), ("coll/ja.res", True), ("en_GB.res", True), ("root.res", True),
    ("brkitr/ja.res", True), ("ja_JP_TRADITIONAL.res", True), ("coll/en_US_POSIX.res", True),
    ("brkitr/cjdict.dict", True), ("brkitr/line_cj.brk", True), ("coll/ucadata.icu", True),
    ("uts46.nrm", True), ("ibm-943_P15A-2003.cnv", True), ("pool.res", True),
    ("zone/pool.res", True), ("zoneinfo64.res", True), ("supplementalData.res", True),
    ("likelySubtags.res", True), ("units.res", True), ("translit/root.res", True),
    ("zh.res", False), ("coll/zh_Hant.res", False), ("coll/de__PHONEBOOK.res", False),
    ("coll/de_.res", False), ("curr/sr_Latn_BA.res", False), ("yue_Hant_HK.res", False),
    ("es_419.res", False), ("enm.res", False),
])
def test_only_other_locales_items_are_removed(item, kept):
    assert _load("icu_data").kept(item) is kept


def test_the_reduced_library_exports_the_symbol_qt_links_and_needs_nothing(reduced):
    icu_data = _load("icu_data")
    name, _address, size = icu_data.data_symbol(reduced)
    assert name == icu_data.data_symbol(ICU_DATA)[0] == "icudt73_dat"
    assert reduced.stat().st_size < ICU_DATA.stat().st_size / 2
    assert size < reduced.stat().st_size
    dynamic = subprocess.run(["readelf", "-d", str(reduced)], capture_output=True, text=True,
                             check=True).stdout
    assert "Library soname: [libicudata.so.73]" in dynamic and "NEEDED" not in dynamic


def test_qt_answers_the_same_with_the_reduced_data(reduced):
    full, trimmed = probe(), probe(reduced)
    assert full.pop("libicudata") == str(ICU_DATA)
    assert trimmed.pop("libicudata") == str(reduced)
    assert full["counts"][0] > 3000 and full["sorted ja ja_JP"] != full["sorted ja en_US"]
    assert trimmed == full


def test_data_without_japanese_would_be_seen(tmp_path):
    without = tmp_path / ICU_DATA.name
    _load("icu_data").reduce_library(ICU_DATA, without, languages=("en",))
    full, trimmed = probe(), probe(without)
    assert trimmed["sorted ja ja_JP"] != full["sorted ja ja_JP"]
