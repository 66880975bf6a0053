"""The bundled Japanese font (IPAex Gothic, from the PyPI package matplotlib-fontja).

Officials' machines may have no Japanese font; without one Qt draws 近畿 as empty boxes. The
font file is located without importing the package (which would import matplotlib), and is
registered with Qt at start-up; the map page and exports use the same file.
"""

import importlib.util
from pathlib import Path

FONT_FAMILY = "IPAexGothic"


def japanese_font_path() -> Path:
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the package matplotlib-fontja (bundled Japanese font) is missing")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"bundled Japanese font not found: {path}")
    return path


def install_qt_font() -> str | None:
    """Register the font with Qt once (needs a QGuiApplication); returns its family name.

    Both the window and the exports ask for it; registering twice would load it twice.
    """
    from PySide6.QtGui import QFontDatabase

    if FONT_FAMILY in QFontDatabase.families():
        return FONT_FAMILY
    font_id = QFontDatabase.addApplicationFont(str(japanese_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None
