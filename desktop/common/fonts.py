"""The bundled Japanese font: IPAex Gothic, vendored in resources/fonts/ with its licence.

Officials' machines may have no Japanese font; without one Qt draws 近畿 as empty boxes. The
file ships with the app (the IPA Font License allows redistribution, see
resources/fonts/IPA_Font_License_Agreement_v1.0.txt) and is registered with Qt at start-up;
the map page and the exports use the same file. It came from the matplotlib-fontja package,
which also pulled in matplotlib (about 70 MB) for this one 6 MB file.

A PDF names each drawn glyph by a character (its ToUnicode map), and Qt takes the lowest code
point the font maps to that glyph. IPAex maps the Kangxi and CJK radicals to the glyphs of the
ideographs they look like (⼤ U+2F24 and 大 U+5927 share one glyph), so a PDF said "⻑野市" for
長野市 to search, copy and screen readers; likewise ̶ (a combining overlay) for the em dash of
every title. PDFs are therefore drawn with a copy of the font, made in memory, whose character
map leaves out such lesser code points (``text_layer_font_bytes``). The licence lets a user make
and use a modified font; it is never written to disk or shipped (resources/fonts/README.md).
"""

import io
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

from desktop.common.resources import resources_dir

FONT_FAMILY = "IPAexGothic"
FONT_FILE = "fonts/ipaexg.ttf"
FONT_LICENCE_FILE = "fonts/IPA_Font_License_Agreement_v1.0.txt"
# Kangxi Radicals and CJK Radicals Supplement: shapes of ideographs, never the ideograph itself.
RADICALS = range(0x2E80, 0x2FE0)
# Marks, modifier letters and format characters: a glyph they share belongs to another letter.
LESSER_CATEGORIES = frozenset({"Mn", "Lm", "Cf"})

_registered: dict[str, int] = {}
"""The application fonts this process registered: "file" (the vendored file as it is) or
"text layer" (the copy for PDFs), to their Qt font ids."""


def japanese_font_path() -> Path:
    path = resources_dir() / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"bundled Japanese font not found: {path}")
    return path


def install_qt_font() -> str | None:
    """Register the font with Qt once (needs a QGuiApplication); returns its family name.

    Both the window and the exports ask for it; registering twice would load it twice. Once a
    PDF has registered the text-layer copy, that copy serves (it draws the same glyphs).
    """
    from PySide6.QtGui import QFontDatabase

    if _registered or FONT_FAMILY in QFontDatabase.families():
        return FONT_FAMILY
    return _register("file", QFontDatabase.addApplicationFont(str(japanese_font_path())))


def install_pdf_font() -> str | None:
    """Register, in place of the vendored file, the copy whose character map names each glyph
    by the character it is drawn for (``text_layer_font_bytes``); returns its family name.

    For the PDF writers: Qt writes a PDF's ToUnicode map from the font registered when it
    draws. Costs about 0.2 s of CPU once per process, which pictures and the window never pay.
    """
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QFontDatabase

    if "text layer" in _registered:
        return FONT_FAMILY
    if "file" in _registered:
        QFontDatabase.removeApplicationFont(_registered.pop("file"))
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(text_layer_font_bytes()))
    return _register("text layer", font_id)


def _register(kind: str, font_id: int) -> str | None:
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    _registered[kind] = font_id
    return families[0]


@cache
def text_layer_font_bytes() -> bytes:
    """The vendored font with ``shadowing_code_points`` left out of its character map; every
    other table copied byte for byte (fontTools reads and writes the file)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.sfnt import SFNTWriter

    font = TTFont(io.BytesIO(japanese_font_path().read_bytes()), lazy=True)
    cmap = font["cmap"]
    dropped = shadowing_code_points(cmap.getBestCmap())
    for table in cmap.tables:
        if table.isUnicode() and table.format != 14:  # 14: variation sequences, no glyph map
            for code_point in dropped & table.cmap.keys():
                del table.cmap[code_point]
    reader = font.reader
    output = io.BytesIO()
    writer = SFNTWriter(output, len(reader.keys()), reader.sfntVersion, reader.flavor)
    for tag in sorted(reader.keys()):
        writer[tag] = cmap.compile(font) if tag == "cmap" else reader[tag]
    writer.close()
    return output.getvalue()


def shadowing_code_points(character_map: dict[int, str]) -> set[int]:
    """The code points that would name a glyph in a PDF instead of the character it is drawn
    for: of the code points sharing a glyph, those below the lowest ordinary one (a radical, a
    combining mark, a modifier letter or a format character is not ordinary)."""
    sharing: dict[str, list[int]] = defaultdict(list)
    for code_point, glyph in character_map.items():
        sharing[glyph].append(code_point)
    shadowing: set[int] = set()
    for code_points in sharing.values():
        ordinary = [point for point in code_points if not _lesser(point)]
        if len(code_points) > 1 and ordinary:
            shadowing.update(point for point in code_points if point < min(ordinary))
    return shadowing


def _lesser(code_point: int) -> bool:
    return (code_point in RADICALS
            or unicodedata.category(chr(code_point)) in LESSER_CATEGORIES)
