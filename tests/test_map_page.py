"""The map page as built, read back without Qt: local assets only, safe data, continuous arcs."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import sample_layers, write_sample_dataset

from desktop.page_builder import build_map_page, data_script, great_circle, page_data
from geodata import load_dataset


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory):
    ds = load_dataset()
    return ds, build_map_page(ds, tmp_path_factory.mktemp("page"))


def test_the_page_loads_only_local_files_that_exist(bundled_page):
    _ds, page = bundled_page
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.urls, "the page loads nothing"
    for url in parser.urls:
        assert url.startswith(("file://", "qrc:///")), url
        if url.startswith("file://"):
            assert Path(url.removeprefix("file://")).is_file(), url
    assert not re.search(r"https?://", page.read_text(encoding="utf-8").split("<body>")[-1])


def test_the_data_holds_every_project_and_tieup(bundled_page):
    ds, page = bundled_page
    text = (page.parent / "data.js").read_text(encoding="ascii")
    data = json.loads(text.removeprefix("window.CX_DATA = ").rstrip().rstrip(";"))
    assert {p["id"] for p in data["projects"]} == set(ds.projects["project_id"])
    assert {t["id"] for t in data["tieups"]} == set(ds.tieups["tieup_id"])
    assert len(data["bureaus"]["features"]) == 9


def test_an_injected_name_cannot_close_the_script(tmp_path):
    layers = sample_layers()
    layers["projects"].loc[0, "name_en"] = "</script><script>alert(1)</script>\u2028"
    ds = load_dataset(write_sample_dataset(tmp_path / "hostile.gpkg", layers))
    script = data_script(page_data(ds))
    assert "</script" not in script and "\u2028" not in script
    decoded = json.loads(script.removeprefix("window.CX_DATA = ").rstrip().rstrip(";"))
    assert decoded["projects"][0]["name_en"] == "</script><script>alert(1)</script>\u2028"


def test_an_arc_to_america_crosses_the_pacific_eastwards():
    arc = great_circle(135.19, 34.69, -79.99, 40.44)  # Kobe → Pittsburgh
    longitudes = [lon for _lat, lon in arc]
    assert longitudes == sorted(longitudes)
    assert longitudes[-1] == pytest.approx(280.01, abs=0.01)


def test_the_americas_are_drawn_east_of_japan(bundled_page):
    ds, _page = bundled_page
    data = page_data(ds)
    usa = next(f for f in data["countries"]["features"] if f["properties"]["iso_a2"] == "US")
    xs = [x for polygon in usa["geometry"]["coordinates"] for ring in polygon for x, _y in ring]
    assert min(xs) > 150
