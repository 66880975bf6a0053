"""A Japanese PDF's text layer says the characters drawn: search, copy and screen readers read
長野市, not the Kangxi radical ⻑ that IPAex draws with the same glyph (issue 23 item 16).

The text is read back with QtPdf (PDFium, shipped with PySide6), as test_report.py does.
"""

import io
import subprocess
import sys

from fontTools.ttLib import TTFont

from desktop.common.fonts import shadowing_code_points, text_layer_font_bytes

RADICAL_BLOCKS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr


def _pdf_text(path) -> str:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    return "".join(document.getAllText(page).text() for page in range(document.pageCount()))


def _radicals(text: str) -> str:
    return "".join(sorted({char for char in text if ord(char) in RADICAL_BLOCKS}))


def test_a_japanese_map_pdf_extracts_its_place_names_and_title_as_written(qapp, tmp_path):
    out = tmp_path / "kanto.pdf"
    _cli("export", str(out), "--bureau", "kanto", "--lang", "ja")
    text = _pdf_text(out)
    assert _radicals(text) == ""
    # (the legend lists the fields drawn on Kanto's map: 食品 is Hokkaido's)
    for drawn in ("関東", "長野市", "富山市", "航空宇宙"):
        assert drawn in text
    assert "—" in text  # the title's em dash, not the combining overlay ̶ (U+0336)
    assert "\u0336" not in text


def test_a_japanese_region_report_extracts_as_written(qapp, tmp_path):
    out = tmp_path / "report.pdf"
    _cli("report", "--bureau", "kanto", "--lang", "ja", str(out))
    text = _pdf_text(out)
    assert _radicals(text) == ""
    # 長 and 大 each have a radical's code point the text layer must not use; which places a
    # report names follows the labelling, these two it always draws
    for drawn in ("長野市", "大学数"):
        assert drawn in text


def test_the_text_layer_copy_leaves_out_only_code_points_that_shadow_a_character():
    character_map = TTFont(io.BytesIO(text_layer_font_bytes()))["cmap"].getBestCmap()
    assert 0x5927 in character_map and 0x2F24 not in character_map  # 大 kept, ⼤ left out
    assert 0x9577 in character_map and 0x2ED1 not in character_map  # 長 kept, ⻑ left out
    assert 0x2014 in character_map and 0x0336 not in character_map  # — kept, ̶ left out
    assert all(code_point in character_map for code_point in range(0x20, 0x7F))
    # a glyph of its own is never touched, even a radical's
    assert shadowing_code_points({0x2F24: "a", 0x5927: "a", 0x2F00: "b"}) == {0x2F24}


def test_after_a_pdf_the_window_font_is_the_text_layer_copy_under_the_same_name(qapp):
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    from desktop.common.fonts import FONT_FAMILY, install_pdf_font, install_qt_font

    assert install_qt_font() == FONT_FAMILY
    assert install_pdf_font() == FONT_FAMILY
    assert install_qt_font() == FONT_FAMILY  # the copy serves: nothing registered twice
    assert QFontDatabase.families().count(FONT_FAMILY) == 1
    assert QFontInfo(QFont(FONT_FAMILY)).family() == FONT_FAMILY
