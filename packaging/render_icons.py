"""Render the app icon's SVG to the PNG sizes desktops ask for, and to a Windows .ico.

Run after editing resources/icons/cluster-explorer.svg (``python packaging/render_icons.py``);
the renders are committed, so neither the app nor a build needs this step.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.common.resources import ICON_NAME, ICON_SIZES  # noqa: E402

ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - painting needs it
    renderer = QSvgRenderer(str(ICONS / f"{ICON_NAME}.svg"))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"{ICON_NAME}-{size}.png"))
    largest = Image.open(ICONS / f"{ICON_NAME}-{max(ICON_SIZES)}.png")
    largest.save(ICONS / f"{ICON_NAME}.ico", sizes=[(size, size) for size in ICO_SIZES])


if __name__ == "__main__":
    main()
