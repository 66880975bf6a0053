"""The map page read back without Qt: the shell loads local files only, the data is safe JSON,
arcs are continuous."""

import json
import re
from html.parser import HTMLParser

import pytest
from factories import sample_layers, write_sample_dataset

from desktop.map.page_builder import build_shell_html, shell_path
from desktop.map.page_data import great_circles, page_data, page_json
from geodata import load_dataset


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


def test_the_bundled_shell_is_what_the_builder_makes():
    """resources/map/map.html is generated; `python -m desktop.map.page_builder` refreshes it."""
    assert shell_path().read_text(encoding="utf-8") == build_shell_html()


def test_the_shipped_page_data_is_the_bundled_datasets():
    """resources/map/bundled-page.json (the first start's page data) is generated too; after
    a change to the dataset or to page_data.py / map_style.py, `make page` refreshes it."""
    from desktop.map.page_builder import build_bundled_page
    from desktop.map.page_cache import shipped_path

    assert shipped_path().read_text(encoding="utf-8") == build_bundled_page()


def test_the_shell_loads_only_local_files_that_exist():
    html = shell_path().read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    assert len(parser.urls) >= 4, parser.urls
    for url in parser.urls:
        assert not re.match(r"[a-z]+://", url) or url.startswith("qrc:///"), url
        if not url.startswith("qrc:"):
            assert (shell_path().parent / url).resolve().is_file(), url
    assert not re.search(r"https?://", html)
    assert "Content-Security-Policy" in html and "connect-src 'none'" in html


def test_the_data_holds_every_project_and_tieup(bundled):
    data = json.loads(page_json(bundled))
    assert {p["id"] for p in data["projects"]} == set(bundled.projects["project_id"])
    assert {t["id"] for t in data["tieups"]} == set(bundled.tieups["tieup_id"])
    assert len(data["bureaus"]["features"]) == 9
    assert "font_url" not in data, "the page data must not name a path of this machine"


def test_an_injected_name_cannot_close_a_script_and_comes_back_intact(tmp_path):
    layers = sample_layers()
    layers["projects"].loc[0, "name_en"] = "</script><script>alert(1)</script>\u2028"
    ds = load_dataset(write_sample_dataset(tmp_path / "hostile.gpkg", layers))
    text = page_json(ds)
    assert "</script" not in text and "\u2028" not in text and text.isascii()
    decoded = json.loads(text)
    assert decoded["projects"][0]["name_en"] == "</script><script>alert(1)</script>\u2028"


def test_an_arc_to_america_crosses_the_pacific_eastwards():
    (arc,) = great_circles([135.19], [34.69], [-79.99], [40.44])  # Kobe → Pittsburgh
    longitudes = [lon for _lat, lon in arc]
    assert longitudes == sorted(longitudes)
    assert longitudes[-1] == pytest.approx(280.01, abs=0.01)


def test_the_americas_are_drawn_east_of_japan(bundled):
    data = page_data(bundled)
    usa = next(f for f in data["countries"]["features"] if f["properties"]["iso_a2"] == "US")
    xs = [x for polygon in usa["geometry"]["coordinates"] for ring in polygon for x, _y in ring]
    assert min(xs) > 150


def test_the_backdrop_keeps_japans_neighbours_whole_and_every_country(bundled):
    import numpy as np
    import shapely

    from desktop.map.page_data import NEAR_JAPAN, backdrop_countries

    countries = np.asarray(bundled.countries.geometry.array)
    backdrop = backdrop_countries(countries)
    near = shapely.intersects(countries, NEAR_JAPAN)
    assert near.sum() >= 5  # China, the Koreas, Russia, Taiwan…
    assert all(shapely.equals_exact(a, b) for a, b in zip(countries[near], backdrop[near],
                                                          strict=True))
    assert not shapely.is_empty(backdrop).any(), "a small country vanished from the map"
    far_before = shapely.get_num_coordinates(countries[~near]).sum()
    far_after = shapely.get_num_coordinates(backdrop[~near]).sum()
    assert far_after < far_before * 0.6
