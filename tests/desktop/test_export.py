"""Exports: exact PNG sizes, vector text, PDF, PPTX, one-line errors, safe writes, window."""

import errno
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from desktop.export.safe_write import ExportError, write_atomically
from desktop.export.spec import ExportSpec
from desktop.export.vector import write_vector
from geodata import Filter, load_dataset

CLI = [sys.executable, "-m", "desktop.cli", "export"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _blend(hex_color: str, alpha: float) -> tuple[int, int, int]:
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(c * alpha + 255 * (1 - alpha)) for c in rgb)


def test_png_is_exactly_the_size_asked_and_shows_the_selected_bureau(tmp_path, ds):
    out = tmp_path / "kinki.png"
    done = run_cli(str(out), "--bureau", "kinki", "--size", "800x450")
    assert done.returncode == 0, done.stderr
    image = Image.open(out).convert("RGB")
    assert image.size == (800, 450)
    colors = image.getcolors(maxcolors=800 * 450)
    assert len(colors) > 50, "the picture is blank"
    kinki = ds.bureaus.set_index("bureau_id").loc["kinki", "color"]
    expected = _blend(kinki, 0.85)
    close = sum(count for count, rgb in colors
                if all(abs(a - b) <= 6 for a, b in zip(rgb, expected, strict=True)))
    assert close > 800 * 450 * 0.05, "the selected bureau's colour does not fill the frame"


def test_png_scale_two_doubles_the_pixels(tmp_path):
    out = tmp_path / "map@2x.png"
    done = run_cli(str(out), "--size", "640x360", "--scale", "2", "--field", "biotechnology")
    assert done.returncode == 0, done.stderr
    assert Image.open(out).size == (1280, 720)


def test_pptx_per_bureau_has_a_national_slide_and_nine_bureaus(tmp_path):
    out = tmp_path / "deck.pptx"
    done = run_cli(str(out), "--per-bureau", "--size", "640x360", "--title", "産業クラスター")
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    assert len(deck.slides) == 19  # the national map, then per bureau its map and figures
    first = deck.slides[0]
    kinds = [shape.shape_type for shape in first.shapes]
    assert 13 in kinds  # a picture
    texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
    assert "産業クラスター" in texts
    assert any(text.startswith("Sources:") for text in texts)
    later = [shape.text_frame.text for shape in deck.slides[5].shapes if shape.has_text_frame]
    assert any("—" in text for text in later)


def test_svg_keeps_text_as_text_with_japanese_names(qapp, tmp_path, ds):
    out = tmp_path / "map.svg"
    spec = ExportSpec(out, Filter(fields=frozenset({"biotechnology"}), bureau_id="kinki"),
                      title="Biotechnology clusters — Kinki")
    write_vector(ds, spec, out)
    texts = ["".join(element.itertext()) for element in ET.parse(out).iter()
             if element.tag.endswith("text")]
    assert "Biotechnology clusters — Kinki" in texts
    assert any("近畿" in text for text in texts)
    assert any(text.startswith("Sources:") for text in texts)


def test_pdf_opens_with_one_page(qapp, tmp_path, ds):
    out = tmp_path / "map.pdf"
    write_vector(ds, ExportSpec(out, Filter(bureau_id="kyushu")), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == 1


@pytest.mark.parametrize(("args", "fragment"), [
    (["out.png", "--field", "nanotech"], "unknown field nanotech; valid: aerospace"),
    (["out.png", "--program", "icp-term9"], "unknown program icp-term9; valid:"),
    (["out.png", "--bureau", "kansai"], "unknown bureau kansai; valid: chubu"),
    (["out.png", "--size", "big"], "bad size 'big'"),
    (["out.gif"], "unknown format '.gif'"),
    (["out.png", "--per-bureau"], "--per-bureau needs a .pptx"),
])
def test_bad_requests_exit_2_with_one_line(tmp_path, args, fragment):
    args[0] = str(tmp_path / args[0])
    done = run_cli(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert "Traceback" not in done.stderr + done.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_vanished_folder_fails_in_one_line_and_leaves_nothing(tmp_path):
    out = tmp_path / "gone" / "map.svg"
    done = run_cli(str(out))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"cluster-explorer export: cannot export to {out}: the folder does not exist"]
    assert not (tmp_path / "gone").exists()


def test_a_full_disk_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "map.pdf"
    target.write_bytes(b"previous export")

    def fill_disk(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(ExportError, match="the disk is full"):
        write_atomically(target, fill_disk)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf"]


def test_a_folder_in_the_way_is_refused(tmp_path):
    (tmp_path / "map.png").mkdir()
    with pytest.raises(ExportError, match="a folder has that name"):
        write_atomically(tmp_path / "map.png", lambda path: path.write_bytes(b"x"))


@pytest.mark.webengine
def test_window_export_and_copy_actions(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QFileDialog
    from webpage import open_window, wait_drawn

    window = open_window(qtbot, tmp_path)
    wait_drawn(qtbot, window, lambda: window.state.select_bureau("kinki"))
    target = tmp_path / "from-window.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "PNG image (*.png)"))
    window.exporter.export_action.trigger()  # the export dialog, once the page gave its area
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None, timeout=30_000)
    dialog = window.exporter.export_dialog
    assert dialog.window_area.isEnabled() and dialog.window_area.isChecked()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".png"))
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findData("16:9"))
    with qtbot.waitSignal(window.exporter.sig_exported, timeout=60_000):
        dialog.export_button.click()
    assert Image.open(target).size == (1920, 1080)
    with qtbot.waitSignal(window.exporter.sig_copied, timeout=60_000):
        window.exporter.copy_action.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasImage()
    assert bytes(mime.data("image/png")).startswith(b"\x89PNG")


@pytest.mark.webengine
def test_a_failed_window_export_says_why_and_the_window_stays_usable(qtbot, tmp_path):
    from webpage import open_window, wait_drawn

    window = open_window(qtbot, tmp_path)
    target = tmp_path / "vanished" / "map.png"
    with qtbot.waitSignal(window.exporter.sig_failed, timeout=60_000) as failed:
        window.exporter.export_to(target)
    assert failed.args == [f"cannot export to {target}: the folder does not exist"]
    assert window.exporter.error_dialog.isVisible()
    assert not target.parent.exists()
    markers = wait_drawn(qtbot, window, lambda: window.state.set_field("it", True))
    assert markers > 0


@pytest.mark.parametrize("places", [True, False])
def test_place_names_are_drawn_and_credited_only_when_asked(qapp, tmp_path, ds, places):
    """GeoNames' places (CC BY 4.0): named on the map and credited in the caption of the SVG
    and of the slide; ``--no-places`` leaves out both."""
    from desktop.export.runner import run

    kanto = Filter(bureau_id="kanto")
    svg = tmp_path / "map.svg"
    write_vector(ds, ExportSpec(svg, kanto, show_places=places), svg)
    texts = ["".join(element.itertext()) for element in ET.parse(svg).iter()
             if element.tag.endswith("text")]
    assert ("Yokohama" in texts) == places
    assert ("GeoNames (CC BY 4.0)" in " ".join(texts)) == places
    assert ("© OpenStreetMap contributors (ODbL)" in " ".join(texts)) == places

    deck = tmp_path / "deck.pptx"
    run(ds, ExportSpec(deck, kanto, show_places=places, size=(1280, 720)))
    captions = [shape.text_frame.text for shape in Presentation(str(deck)).slides[0].shapes
                if shape.has_text_frame and shape.text_frame.text.startswith("Sources:")]
    assert len(captions) == 1
    assert captions[0].endswith(
        "Places: © OpenStreetMap contributors (ODbL), GeoNames (CC BY 4.0).") == places
    assert ("GeoNames" in captions[0]) == places
