"""A field's glyph: the second carrier of a field beside its colour (issue 33), from the one rule
in cartography.py, the same on the page's markers, the exported markers and every legend."""

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPen

from desktop.export import map_painter, report
from desktop.export.map_painter import MapPainter, paint_field_swatch
from desktop.export.spec import ExportSpec
from desktop.map import cartography
from desktop.map.page_data import page_json
from desktop.map.page_state import map_state
from geodata import Filter, load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _contrast(first: str, second: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_field_has_its_own_glyph_in_an_ink_that_stands_out_on_its_colour(ds):
    glyphs = cartography.field_glyphs(cartography.in_legend_order(ds.fields)["field_id"])
    assert set(glyphs) == set(ds.fields["field_id"])
    assert len(set(glyphs.values())) == len(glyphs), "two fields share a glyph"
    for field_id, color in ds.field_colors.items():
        ink = cartography.glyph_ink(color)
        # WCAG's least contrast for graphical objects
        assert _contrast(ink, color) >= 3, (field_id, color, ink)


def test_the_page_and_the_painter_give_each_marker_the_same_glyph(qapp, ds):
    data = json.loads(page_json(ds))
    page_glyphs = {field["id"]: field["glyph"] for field in data["fields"]}
    assert page_glyphs == map_painter.field_glyphs(ds)
    assert data["glyphs"]["paths"] == cartography.GLYPHS
    assert all(field["ink"] == cartography.glyph_ink(field["color"]) for field in data["fields"])
    # with a field filter, a project of several fields takes the glyph of the field matched,
    # as it takes its colour
    project = next(row for row in ds.projects.itertuples() if len(row.fields) > 1)
    later = project.fields[1]
    flt = Filter(fields=frozenset({later}))
    state = map_state(ds, flt, None, False, True)
    assert state.marker_glyph_fields[project.project_id] == later
    painter = MapPainter(ds, ExportSpec("m.png", flt, size=(640, 360)))
    shown = painter.scope.projects["project_id"].tolist()
    assert painter.marker_fields[shown.index(project.project_id)] == later
    own = next(row for row in data["projects"] if row["id"] == project.project_id)
    assert own["field"] == project.fields[0]  # without a filter: its first field's glyph


def test_a_swatch_carries_its_glyph_and_no_two_fields_look_alike(qapp, ds):
    """Drawn in one grey, the swatches still differ: the glyph alone tells the fields apart."""
    glyphs = map_painter.field_glyphs(ds)
    pictures = {}
    for field_id, glyph in glyphs.items():
        image = QImage(40, 40, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_field_swatch(painter, 20, 20, 16, "#777777", glyph, QPen(Qt.GlobalColor.gray))
        painter.end()
        pixels = np.array([[image.pixelColor(x, y).lightness() for x in range(40)]
                           for y in range(40)])
        yy, xx = np.mgrid[0:40, 0:40]
        inside = np.hypot(xx - 19.5, yy - 19.5) < 13  # within the swatch, clear of its edge
        assert (pixels[inside] > 200).sum() >= 8, field_id  # the glyph's ink, white on grey
        pictures[field_id] = (pixels > 160) & inside
    fields = list(pictures)
    for i, first in enumerate(fields):
        for second in fields[i + 1:]:
            assert (pictures[first] != pictures[second]).sum() > 20, (first, second)


@pytest.mark.parametrize("module, draw", [
    (map_painter, lambda ds, tmp_path: _png(ds, tmp_path)),
    (report, lambda ds, tmp_path: report.report_pdf_bytes(ds, "kinki")),
], ids=["map legend", "report key"])
def test_every_legend_draws_each_field_with_its_glyph(qapp, ds, tmp_path, monkeypatch,
                                                      module, draw):
    drawn = []
    original = module.paint_field_swatch

    def recording(painter, x, y, radius, fill, glyph, edge):
        drawn.append((fill, glyph))
        original(painter, x, y, radius, fill, glyph, edge)

    monkeypatch.setattr(module, "paint_field_swatch", recording)
    draw(ds, tmp_path)
    glyphs = map_painter.field_glyphs(ds)
    by_color = {color: field_id for field_id, color in ds.field_colors.items()}
    assert drawn, "no field in the legend"
    for fill, glyph in drawn:
        assert glyph == glyphs[by_color[fill]]


def _png(ds, tmp_path):
    from desktop.export.raster import render_image

    render_image(ds, ExportSpec(tmp_path / "m.png", Filter(), size=(1280, 720)))


def _icon_pixels(icon, size: int = 32) -> np.ndarray:
    """The icon drawn on white at ``size`` px, as an (h, w, 3) sRGB array 0–1."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    icon.paint(painter, 0, 0, size, size)
    painter.end()
    return np.array([[image.pixelColor(x, y).getRgbF()[:3] for x in range(size)]
                     for y in range(size)])


def test_the_filters_panels_swatches_carry_the_maps_glyph_and_differ_without_colour(qtbot, ds):
    """Each field's swatch in the Filters panel holds the glyph the map gives the field, so
    two fields whose colours a reader cannot tell apart (deuteranopia, or a grey print) still
    look different: a plain square of colour did not (issue 33)."""
    from colorspacious import cspace_convert

    from desktop.common.glyph_drawing import field_swatch_icon
    from desktop.common.loaded_dataset import LoadedDataset
    from desktop.panels.filters import FilterPanel
    from desktop.panels.items import ID_ROLE
    from desktop.state import ExplorerState

    state = ExplorerState()
    panel = FilterPanel(state)
    qtbot.addWidget(panel)
    state.set_dataset(LoadedDataset(ds))
    glyphs = map_painter.field_glyphs(ds)
    seen = {}
    for item in panel.items("fields"):
        field_id = item.data(ID_ROLE)
        drawn = _icon_pixels(item.icon())
        # the map's glyph for this field, in its colour: the very swatch the legend draws
        expected = _icon_pixels(field_swatch_icon(ds.field_colors[field_id], glyphs[field_id]))
        assert np.abs(drawn - expected).max() < 1e-6, field_id
        deuteranopic = np.clip(cspace_convert(drawn, {"name": "sRGB1+CVD", "cvd_type":
                                                      "deuteranomaly", "severity": 100},
                                              "sRGB1"), 0, 1)
        seen[field_id] = cspace_convert(deuteranopic, "sRGB1", "CIELab")[..., 0]  # grey: L*
    assert set(seen) == set(glyphs)
    fields = list(seen)
    for i, first in enumerate(fields):
        for second in fields[i + 1:]:
            # pixels whose lightness differs clearly (ΔL* > 15) as seen in deuteranopia
            differing = (np.abs(seen[first] - seen[second]) > 15).sum()
            assert differing >= 12, (first, second, differing)
