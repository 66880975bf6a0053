"""The map page's shell, made with folium: Leaflet, the page's JS API, and no data.

The shell does not depend on the dataset, so it is generated once, at development time, into
``resources/map/map.html`` (``make page``; a test checks the file matches this builder) and the
app only loads it: folium's import and rendering (~0.9 s on the reference machine) stay off the
start-up path, and the web engine starts loading the page before Python has read the dataset.
The dataset then arrives through ``clusterMap.setData`` (see page_data.py).

Every URL in the shell is relative to ``resources/map/`` or Qt's own ``qrc:``, so the page
works from a checkout, an installed package or a frozen build, and never asks the network.
"""

import sys
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from desktop.common.resources import resources_dir

SHELL_RELATIVE_PATH = "map/map.html"
LEAFLET_JS = "../vendor/leaflet/leaflet.js"
LEAFLET_CSS = "../vendor/leaflet/leaflet.css"
CONTENT_SECURITY_POLICY = ("default-src 'self' file: qrc: data: blob: 'unsafe-inline'; "
                           "connect-src 'none'")


class OfflineMap(folium.Map):
    """A folium map whose only scripts and styles are the vendored Leaflet files."""

    default_js = [("leaflet", LEAFLET_JS)]
    default_css = [("leaflet_css", LEAFLET_CSS)]


class ClusterLayers(MacroElement):
    """Loads the page's JS API (the project markers' layer, clusterMap, then the server-side
    organisations' layer) and hands folium's map to each one's init."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <link rel="stylesheet" href="cluster_map.css"/>
            <script src="qrc:///qtwebchannel/qwebchannel.js"></script>
            <script src="marker_layer.js"></script>
            <script src="cluster_map.js"></script>
            <script src="server_organisations.js"></script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            window.clusterMap.init({{ this._parent.get_name() }});
            window.serverOrganisations.init({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "ClusterLayers"


def build_shell_html() -> str:
    """The shell's HTML; element ids are fixed so the output is the same on every run."""
    # The zoom limits and the scale bar come with the data (cartography.py), set by the page.
    fmap = OfflineMap(location=[36.5, 137.0], zoom_start=5, tiles=None, zoom_control=True,
                      prefer_canvas=True, control_scale=False, zoom_snap=0.25,
                      world_copy_jump=False)
    fmap._id = "cluster"
    fmap.get_root()._id = "cluster_root"
    fmap.get_root().header.add_child(Element(
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'),
        name="csp")
    fmap.get_root().header.add_child(Element(_text_look_style()), name="cx_text_look")
    layers = ClusterLayers()
    layers._id = "cluster_layers"
    fmap.add_child(layers)
    return fmap.get_root().render()


def _text_look_style() -> str:
    """The text's look shared with the exports (cartography.TEXT_LOOK), as CSS custom
    properties that cluster_map.css uses."""
    from desktop.map.cartography import page_css_variables

    members = " ".join(f"{name}: {value};" for name, value in page_css_variables().items())
    return f"<style>:root {{ {members} }}</style>"


def shell_path() -> Path:
    return resources_dir() / SHELL_RELATIVE_PATH


def build_bundled_page(language: str = "en") -> str:
    """The bundled dataset's page data in ``language`` and its first state for a first start
    (no filters, no tie-ups, prefecture lines), in the format page_cache keeps at quit."""
    from desktop.map import page_cache
    from desktop.map.page_data import page_json
    from desktop.map.page_state import map_state
    from desktop.map.page_text import page_text
    from geodata import BUNDLED_DATASET, Filter, load_dataset

    ds = load_dataset(BUNDLED_DATASET)
    first = map_state(ds, Filter(), None, False, True)
    key = page_cache.state_key(set(), set(), False, True)
    cached = page_cache.CachedPage(page_cache.dataset_digest(BUNDLED_DATASET),
                                   page_json(ds, language, page_text(language)),
                                   {key: first.as_dict()}, language)
    return page_cache.entry_text(cached)


def main() -> int:
    """``python -m desktop.map.page_builder``: regenerate resources/map/map.html and the bundled
    dataset's page data in each language (resources/map/bundled-page*.json)."""
    from desktop.common.i18n import LANGUAGES
    from desktop.map.page_cache import shipped_path

    pages = [(shipped_path(language), build_bundled_page(language)) for language in LANGUAGES]
    for path, text in ((shell_path(), build_shell_html()), *pages):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
