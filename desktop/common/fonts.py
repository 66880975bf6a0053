"""The bundled Japanese font: IPAex Gothic, vendored in resources/fonts/ with its licence.

Officials' machines may have no Japanese font; without one Qt draws 近畿 as empty boxes. The
file ships with the app (the IPA Font License allows redistribution, see
resources/fonts/IPA_Font_License_Agreement_v1.0.txt) and is registered with Qt at start-up;
the map page and the exports use the same file. It came from the matplotlib-fontja package,
which also pulled in matplotlib (about 70 MB) for this one 6 MB file.
"""

from pathlib import Path

from desktop.common.resources import resources_dir

FONT_FAMILY = "IPAexGothic"
FONT_FILE = "fonts/ipaexg.ttf"
FONT_LICENCE_FILE = "fonts/IPA_Font_License_Agreement_v1.0.txt"


def japanese_font_path() -> Path:
    path = resources_dir() / FONT_FILE
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
