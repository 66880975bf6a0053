"""The painted export: Web Mercator framing as on screen, Leaflet's scale rule, one layout at
every scale, a legend of the fields shown, and no web engine behind it."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from desktop.export.map_frame import MapFrame, fitted_frame, nice_scale
from desktop.export.raster import png_bytes, render_image
from desktop.export.spec import ExportSpec
from desktop.export.vector import write_vector
from geodata import Filter, load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _svg_texts(path) -> list[str]:
    return ["".join(element.itertext()) for element in ET.parse(path).iter()
            if element.tag.endswith("text")]


def test_the_frame_shows_its_bounds_whole_north_up_and_the_americas_east():
    frame = MapFrame.fitted((128.0, 30.0, 146.0, 46.0), 800, 450, padding=12)
    xs, ys = frame.to_pixels([128.0, 146.0, 240.0], [30.0, 46.0, 38.0])
    assert 12 - 1e-6 <= xs[0] < xs[1] <= 800 - 12 + 1e-6
    assert 12 - 1e-6 <= ys[1] < ys[0] <= 450 - 12 + 1e-6, "north is up"
    assert xs[2] > xs[1], "a partner in America (lon -120, drawn at 240) lies east of Japan"
    assert 4 < frame.zoom < 6


def test_the_scale_bar_is_a_round_distance_at_most_160_pixels_wide(ds):
    for spec in (ExportSpec("a.png"), ExportSpec("b.png", Filter(bureau_id="kinki")),
                 ExportSpec("c.png", show_tieups=True)):
        width, label = nice_scale(fitted_frame(ds, spec))
        assert 64 <= width <= 160, (width, label)
        assert re.fullmatch(r"[1235]0* (km|m)", label), label


def test_a_2x_picture_is_the_1x_layout_with_twice_the_pixels(qapp, ds):
    spec = ExportSpec("m.png", Filter(bureau_id="tohoku"), size=(640, 360))
    color = ds.bureaus.set_index("bureau_id").loc["tohoku", "color"]
    selected = tuple(round(int(color[i:i + 2], 16) * 0.85 + 255 * 0.15) for i in (1, 3, 5))

    def tohoku_mask(picture: Image.Image) -> np.ndarray:
        return np.abs(np.asarray(picture, dtype=int) - selected).max(axis=2) <= 8

    single = tohoku_mask(_as_pil(render_image(ds, spec)))
    double = _as_pil(render_image(ds, ExportSpec("m.png", spec.filter, size=(640, 360),
                                                  scale=2)))
    assert double.size == (1280, 720)
    halved = tohoku_mask(double.resize((640, 360), Image.Resampling.BOX))
    overlap = (single & halved).sum() / (single | halved).sum()
    assert single.sum() > 640 * 360 * 0.05
    assert overlap > 0.9, f"the selected bureau moved between 1x and 2x (overlap {overlap:.2f})"


def test_the_legend_names_only_the_fields_shown_and_names_hide_when_zoomed_out(qapp, ds,
                                                                               tmp_path):
    out = tmp_path / "bio.svg"
    write_vector(ds, ExportSpec(out, Filter(fields=frozenset({"biotechnology"}))), out)
    texts = _svg_texts(out)
    assert any(text.startswith("Biotechnology") for text in texts)
    assert not any(text.startswith("Food") for text in texts)
    assert "Kinki" in texts
    world = tmp_path / "world.svg"
    write_vector(ds, ExportSpec(world, Filter(fields=frozenset({"biotechnology"})),
                                show_tieups=True), world)
    assert _svg_texts(world).count("Kinki") == 1, "bureau names shown at world scale (the " \
        "Japan inset names them once)"


def test_a_picture_holds_the_arcs_colour_only_with_tieups(qapp, ds):
    flt = Filter(fields=frozenset({"biotechnology"}))
    color = ds.field_colors["biotechnology"]
    rgb = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))

    def share(show_tieups: bool) -> int:
        image = _as_pil(render_image(ds, ExportSpec("t.png", flt, show_tieups=show_tieups,
                                                    size=(800, 450)), with_text=False))
        pixels = np.asarray(image, dtype=int)
        return int((np.abs(pixels - rgb).max(axis=2) <= 40).sum())

    assert share(True) > share(False) + 200, "no arcs drawn across the world"


def test_an_export_starts_no_web_engine(tmp_path):
    """A second web engine was 430 MB of memory per export; the painter needs none."""
    out = tmp_path / "plain.png"
    script = (
        "import sys\n"
        "from desktop.export.cli import add_export_parser, run_export\n"
        "import argparse\n"
        "parser = argparse.ArgumentParser(); commands = parser.add_subparsers()\n"
        "add_export_parser(commands)\n"
        f"code = run_export(parser.parse_args(['export', {str(out)!r}]))\n"
        "loaded = sorted(name for name in sys.modules if 'WebEngine' in name)\n"
        "print(code, loaded, flush=True)\n"
        "import os; os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=240)
    assert done.stdout.strip().endswith("0 []"), done.stdout + done.stderr
    assert Image.open(out).size == (1920, 1080)


def _as_pil(image) -> Image.Image:
    import io

    return Image.open(io.BytesIO(png_bytes(image))).convert("RGB")


def test_the_export_and_the_page_colour_markers_and_list_fields_alike(qapp, ds, tmp_path):
    """Under a field filter, a project of several fields takes the colour of the field it
    matched, on screen (page data + state) and in the export (cartography.py)."""
    from desktop.export.map_painter import MapPainter
    from desktop.map.page_data import page_json
    from desktop.map.page_state import map_state

    project, later_field = next((project_id, fields[1]) for project_id, fields
                                in zip(ds.projects["project_id"], ds.projects["fields"],
                                       strict=True) if len(fields) > 1)
    flt = Filter(fields=frozenset({later_field}))
    state = map_state(ds, flt, None, False, True)
    page = json.loads(page_json(ds))
    own_colors = {p["id"]: p["color"] for p in page["projects"]}
    on_screen = {project_id: state.marker_colors.get(project_id, own_colors[project_id])
                 for project_id in state.visible_projects}
    painter = MapPainter(ds, ExportSpec(tmp_path / "f.svg", flt))
    exported = dict(zip(painter.scope.projects["project_id"], painter.marker_colors(),
                        strict=True))
    assert exported == on_screen
    assert exported[project] == ds.field_colors[later_field]
    out = tmp_path / "f.svg"
    write_vector(ds, ExportSpec(out, flt), out)
    labels = {f["id"]: f["legend_label"] for f in page["fields"]}
    legend = [labels[field_id] for field_id in state.legend_fields]
    texts = _svg_texts(out)
    after_title = texts[texts.index(page["text"]["legend_title"]) + 1:]
    # (the SVG splits a line where the font changes: Latin, then Japanese)
    assert "".join(after_title).startswith("".join(legend))
