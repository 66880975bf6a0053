"""The map page read back without Qt: the shell loads local files only, the data is safe JSON,
arcs are continuous."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import sample_layers, write_sample_dataset

from desktop.map import cartography
from desktop.map.page_builder import build_shell_html, shell_path
from desktop.map.page_data import great_circles, page_json
from desktop.map.page_state import MapState, map_state
from geodata import Filter, load_dataset


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def page_data(ds) -> dict:
    """What the page receives, read back."""
    return json.loads(page_json(ds))


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

    for language in ("en", "ja"):
        assert shipped_path(language).read_text(encoding="utf-8") == build_bundled_page(language)


def test_the_page_data_names_things_in_its_language():
    """Japanese page data: bureau labels, fields and the legend title in Japanese, where the
    dataset has the names; projects (no Japanese name in the sources) stay English."""
    from desktop.map.page_text import page_text

    ds = load_dataset()
    page = json.loads(page_json(ds, "ja", page_text("ja")))
    bureaus = {f["properties"]["id"]: f["properties"] for f in page["bureaus"]["features"]}
    assert (bureaus["kinki"]["name"], bureaus["kinki"]["local_name"]) == ("近畿", "")
    fields = {field["id"]: field for field in page["fields"]}
    assert fields["biotechnology"]["legend_label"] == "バイオテクノロジー"
    assert page["text"]["legend_title"] == "分野"
    assert page["language"] == "ja"
    assert all(project["name"] == project["name_en"] for project in page["projects"])
    english = json.loads(page_json(ds, "en", page_text("en")))
    kinki = next(f["properties"] for f in english["bureaus"]["features"]
                 if f["properties"]["id"] == "kinki")
    assert (kinki["name"], kinki["local_name"]) == ("Kinki", "近畿")
    assert english["text"]["legend_title"] == "Fields"


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


# --- the page applies the cartography it is sent, and holds none of its own ----------------
PAGE_SCRIPT = Path(__file__).parents[2] / "resources" / "map" / "cluster_map.js"
# Numbers the page may write itself: none is a look, a framing or a rule shared with exports.
PAGE_ONLY_NUMBERS = {
    "0", "1",                                  # indexes, counts, "not yet"
    "-1",                                      # a step back (the keyboard's focus ring)
    "150", "1000",                             # ms: debounce of view reports; longest size wait
    "200", "300", "350", "400", "420", "430", "440", "460", "470",  # the panes' z-index order
    "0.1",                                     # the canvas renderer's margin beyond the view
    "2",                                       # halves: a name centred on its point's row
}


def _page_code() -> str:
    """cluster_map.js without comments and with every string and regex literal emptied."""
    code = re.sub(r"/\*.*?\*/", "", PAGE_SCRIPT.read_text(encoding="utf-8"), flags=re.S)
    code = re.sub(r"//[^\n]*", "", code)
    code = re.sub(r"\.replace\(/(?:[^/\\\n]|\\.)+/g", ".replace(RE", code)
    return re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", '""', code)


def test_the_page_writes_no_colour_width_or_padding_of_its_own():
    """Looks, framing and the antimeridian come with the data (cartography.py); a number
    in the page's code is one of the few that concern only the page."""
    code = _page_code()
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", code), "a colour written in the page"
    numbers = set(re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?!\w)", code))
    assert numbers <= PAGE_ONLY_NUMBERS, f"numbers that belong in cartography.py: " \
                                         f"{sorted(numbers - PAGE_ONLY_NUMBERS)}"


def test_every_look_the_page_reads_is_in_the_data(bundled):
    style = page_data(bundled)["style"]
    assert style == cartography.MAP_STYLE
    paths = set(re.findall(r"data\.style((?:\.\w+)+)", _page_code()))
    assert len(paths) > 10
    for path in paths:
        value = style
        for key in path.strip(".").split("."):
            assert isinstance(value, dict) and key in value, f"data.style{path} is not sent"
            value = value[key]
    for looks in ("bureau", "project", "arc"):
        assert {"normal", "selected"} <= style[looks].keys()
    assert set(cartography.bureau_look(selected, shown) for selected in (True, False)
               for shown in (0, 3)) <= style["bureau"].keys()


def test_every_state_member_the_page_reads_is_sent(bundled):
    read = set(re.findall(r"\bstate\.(\w+)", _page_code()))
    assert read <= set(MapState.keys()), read - set(MapState.keys())


def test_a_field_filter_colours_a_multi_field_project_by_the_field_it_matched(bundled):
    project, later_field = _project_with_a_later_field(bundled)
    data = page_data(bundled)
    own = next(p for p in data["projects"] if p["id"] == project)
    assert own["color"] == bundled.field_colors[own["fields"][0]]
    unfiltered = map_state(bundled, Filter(), None, False, True)
    assert unfiltered.marker_colors == {}
    filtered = map_state(bundled, Filter(fields=frozenset({later_field})), None, False, True)
    assert filtered.marker_colors[project] == bundled.field_colors[later_field]
    # every project shown has the filter's field, so every marker takes its colour
    assert filtered.legend_fields == [later_field]


@pytest.mark.parametrize("flt", [Filter(), Filter(bureau_id="kinki"),
                                 Filter(programs=frozenset({"icp-term2"})),
                                 Filter(bureau_id="okinawa", programs=frozenset({"icp-term1"}))])
def test_the_legend_names_the_first_fields_of_the_projects_shown(bundled, flt):
    """With no field filter each marker takes its project's first field: the legend lists
    those of the projects shown, in the legend's order (kept per dataset as codes)."""
    from geodata import run_query

    firsts = {fields[0] for fields in run_query(bundled, flt.scope).projects["fields"]
              if len(fields)}
    order = cartography.in_legend_order(bundled.fields)["field_id"]
    state = map_state(bundled, flt, None, False, False)
    assert state.legend_fields == cartography.legend_fields(order, firsts)


def test_the_selected_bureau_and_the_empty_ones_have_their_looks(bundled):
    state = map_state(bundled, Filter(fields=frozenset({"biotechnology"}), bureau_id="kinki"),
                      None, False, True)
    assert state.bureau_looks["kinki"] == "selected"
    for bureau_id, count in state.bureau_counts.items():
        if bureau_id != "kinki":
            assert state.bureau_looks[bureau_id] == ("empty" if count == 0 else "normal")


def _project_with_a_later_field(ds) -> tuple[str, str]:
    """A project of several fields, and one of its fields that is not its first."""
    for project_id, fields in zip(ds.projects["project_id"], ds.projects["fields"],
                                  strict=True):
        if len(fields) > 1:
            return project_id, fields[1]
    raise AssertionError("the bundled dataset has no project of several fields")


def test_the_cartography_and_the_js_api_need_no_qt():
    """The exports and the page builder read them without a display or a web engine."""
    import subprocess
    import sys

    script = ("import sys, desktop.map.cartography, desktop.map.js_api, desktop.map.page_state\n"
              "print(sorted(name for name in sys.modules if name.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_page_takes_the_legend_and_halo_look_from_cartography():
    """The legend's box, the text colour, the halo and the text sizes were written in
    cluster_map.css and again in the painter; the page now reads them from the shell's
    custom properties, made from cartography.TEXT_LOOK, which the painter draws with."""
    css = (shell_path().parent / "cluster_map.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    used = set(re.findall(r"var\((--cx-[\w-]+)\)", rules))
    variables = cartography.page_css_variables()
    assert used == set(variables)
    shell = build_shell_html()
    for name, value in variables.items():
        assert f"{name}: {value};" in shell
    for literal in ("#222", "#999", "0.92", "#fff,", "font-size: 1"):
        assert literal not in rules, literal
    assert variables["--cx-text"] == cartography.TEXT_LOOK["text_color"]
