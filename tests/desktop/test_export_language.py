"""Exports in Japanese: ``cluster-explorer export --lang ja`` writes titles, names, legend and
the source caption in Japanese in every format, and the PowerPoint runs name an East Asian
font Office for Windows has."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from pptx import Presentation

from desktop.export.slide_text import SLIDE_FONT_EAST_ASIAN

CLI = [sys.executable, "-m", "desktop.cli", "export", "--lang", "ja"]
A_NAMESPACE = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLE = "バイオテクノロジーのクラスター — 近畿"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The same map (biotechnology, Kinki selected) in every format, exported in Japanese."""
    folder = tmp_path_factory.mktemp("ja")
    paths = {}
    for suffix in ("png", "svg", "pdf", "pptx"):
        out = folder / f"map.{suffix}"
        done = subprocess.run([*CLI, str(out), "--field", "biotechnology", "--bureau", "kinki",
                               "--size", "960x540"], capture_output=True, text=True,
                              timeout=240, env={**os.environ, "LANG": "C", "LC_ALL": "",
                                                "LC_MESSAGES": ""})
        assert done.returncode == 0, done.stderr
        assert "に出力しました" in done.stdout  # the command speaks the language asked for
        paths[suffix] = out
    return paths


def test_the_svg_has_the_japanese_title_legend_names_and_caption(exported):
    texts = "".join("".join(element.itertext()) for element in ET.parse(exported["svg"]).iter()
                    if element.tag.endswith("text"))
    assert TITLE in texts
    assert "分野バイオテクノロジー" in texts  # the legend: its title, then the field
    assert "近畿" in texts and "Kinki" not in texts  # the bureau labels name it once
    assert "出典：" in texts and "境界：Natural Earth。" in texts
    assert "Sources:" not in texts and "Fields" not in texts


def test_the_pptx_title_and_caption_are_japanese_in_an_east_asian_font(exported):
    slide = Presentation(exported["pptx"]).slides[0]
    assert slide.shapes.title.text == TITLE
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert any(text.startswith("出典：") for text in texts)
    with zipfile.ZipFile(exported["pptx"]) as package:
        xml = ET.fromstring(package.read("ppt/slides/slide1.xml"))
    japanese_runs = [run for run in xml.iter(f"{A_NAMESPACE}r")
                     if any("\u3040" <= char <= "\u9fff" for char in
                            run.findtext(f"{A_NAMESPACE}t", ""))]
    assert japanese_runs
    for run in japanese_runs:  # Office for Windows draws Japanese with the a:ea typeface
        east_asian = run.find(f"{A_NAMESPACE}rPr/{A_NAMESPACE}ea")
        assert east_asian is not None and east_asian.get("typeface") == SLIDE_FONT_EAST_ASIAN
    assert SLIDE_FONT_EAST_ASIAN in ("Meiryo", "Yu Gothic", "メイリオ", "游ゴシック")


def test_the_png_and_pdf_are_written(exported):
    assert exported["png"].read_bytes().startswith(b"\x89PNG")
    assert exported["png"].stat().st_size > 10_000
    assert exported["pdf"].read_bytes().startswith(b"%PDF")
    assert exported["pdf"].stat().st_size > 10_000


def test_the_pdf_title_is_japanese(qapp, exported):
    """The PDF's text, read back with QtPdf: the title and legend are Japanese text."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(exported["pdf"]))
    text = document.getAllText(0).text()
    # (QtPdf splits the caption where its font changes; the title and legend read whole)
    assert "バイオテクノロジーのクラスター" in text and "分野" in text and "Fields" not in text


def test_the_map_pictures_alt_text_is_japanese(exported):
    slide = Presentation(exported["pptx"]).slides[0]
    (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]  # PICTURE
    description = picture._element.nvPicPr.cNvPr.get("descr")
    assert description.startswith(f"地図：{TITLE}。")
    assert "近畿地域を強調表示。" in description
    assert "Map:" not in description and "Kinki" not in description
