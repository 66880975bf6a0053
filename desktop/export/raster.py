"""PNG and the clipboard: the painted map in an image of the spec's pixel size.

The image is painted at ``scale`` device pixels per CSS pixel, so a 1920x1080 export at scale 2
is exactly 3840x2160 with the same layout, twice as sharp.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPainter

from desktop.common.fonts import install_qt_font
from desktop.export.map_painter import MapPainter
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec
from geodata import Dataset


def render_image(ds: Dataset, spec: ExportSpec, with_text: bool = True,
                 shown_points: tuple[float, float] | None = None) -> QImage:
    """The picture of ``spec``; needs a QGuiApplication (fonts), no display and no web view.
    ``shown_points``: the size it is shown at, when not a whole slide (MapPainter)."""
    install_qt_font()
    width, height = spec.pixel_size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise ExportError(f"not enough memory for a {width}x{height} picture")
    image.setDevicePixelRatio(spec.scale)
    painter = QPainter(image)
    try:
        MapPainter(ds, spec, with_text, pixel_tolerance=0.25 / spec.scale,
                   shown_points=shown_points).paint(painter)
    finally:
        painter.end()
    image.setDevicePixelRatio(1)
    return image


def png_document(ds: Dataset, spec: ExportSpec) -> bytes:
    """The PNG file of ``spec`` (the writer desktop/export/formats.py registers for .png)."""
    return png_bytes(render_image(ds, spec))


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("could not encode the PNG")
    return bytes(data.data())
