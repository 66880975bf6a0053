"""The charts panel's PNG and SVG of the shown chart, and the per-bureau deck's figures slides."""

import errno
import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pptx import Presentation

from desktop.common.loaded_dataset import LoadedDataset
from desktop.export.plain_text import printable
from desktop.export.slides import ChartSlide, Slide, slides_bytes, slides_for
from desktop.export.spec import ExportSpec
from desktop.panels.charts import ChartsPanel, chart_png_bytes, chart_svg_bytes
from desktop.state import ExplorerState
from geodata import Filter, load_dataset, run_query

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def panel(qtbot, ds, qapp):
    state = ExplorerState()
    state.set_dataset(LoadedDataset(ds))
    charts = ChartsPanel(state)
    qtbot.addWidget(charts)
    charts.resize(640, 480)
    charts.show()
    charts.choose("per-bureau")
    return charts


def test_the_png_is_the_chart_at_twice_the_view_size(panel):
    from PySide6.QtGui import QImage

    data = chart_png_bytes(panel.chart_view)
    assert data.startswith(PNG_SIGNATURE)
    image = QImage.fromData(data, "PNG")
    view = panel.chart_view.size()
    assert (image.width(), image.height()) == (2 * view.width(), 2 * view.height())


def test_the_svg_parses_and_keeps_the_title_as_text(panel):
    root = ET.fromstring(chart_svg_bytes(panel.chart_view))
    assert root.tag.endswith("svg")
    texts = "".join(root.itertext())
    assert "Companies and universities per bureau" in texts


def test_save_chart_writes_the_suffix_s_format(panel, tmp_path):
    assert panel.save_chart(tmp_path / "chart.png")
    assert panel.save_chart(tmp_path / "chart.svg")
    assert (tmp_path / "chart.png").read_bytes().startswith(PNG_SIGNATURE)
    ET.parse(tmp_path / "chart.svg")


def test_a_failed_save_says_why(panel, tmp_path):
    assert not panel.save_chart(tmp_path / "gone" / "chart.png")
    assert "No such file" in panel.error_dialog.text()


def test_a_chart_saved_on_a_full_disk_keeps_the_old_file(panel, tmp_path, monkeypatch):
    """The panel wrote the chart in place: a full disk left half a file under its name."""
    target = tmp_path / "chart.png"
    target.write_bytes(b"the chart saved before")
    real_write = Path.write_bytes

    def full_disk(path, data):
        real_write(path, data[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    assert not panel.save_chart(target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the chart saved before"
    assert [path.name for path in tmp_path.iterdir()] == ["chart.png"]


def test_the_per_bureau_deck_follows_each_bureau_map_with_its_figures(ds, qapp, tmp_path):
    spec = ExportSpec(tmp_path / "deck.pptx", size=(320, 180), per_bureau=True)
    slides = slides_for(ds, spec)
    bureau_ids = list(ds.bureaus["bureau_id"])
    assert len(slides) == 1 + 2 * len(bureau_ids)
    assert isinstance(slides[0], Slide)  # the national slide has no figures slide
    assert [type(slide) for slide in slides[1:]] == [Slide, ChartSlide] * len(bureau_ids)
    deck = Presentation(io.BytesIO(slides_bytes(slides)))
    assert len(deck.slides) == 1 + 2 * len(bureau_ids)
    for position, bureau_id in enumerate(bureau_ids):
        figures_slide = deck.slides[2 + 2 * position]
        charts = [shape.chart for shape in figures_slide.shapes if shape.has_chart]
        assert len(charts) == 1
        names = run_query(ds, Filter(bureau_id=bureau_id)).projects["name_en"]
        assert list(charts[0].plots[0].categories) == [printable(name, 80) for name in names]
        assert ds.bureau_names[bureau_id] in figures_slide.shapes.title.text_frame.text
