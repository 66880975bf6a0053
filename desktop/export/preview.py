"""The export dialog's preview: the export's own drawing, made small.

The map is painted by the export's MapPainter at the spec's size in CSS pixels onto a small
image whose device pixel ratio is below one, so the layout (text sizes, what is elided, where
the legend sits) is exactly the export's and only the pixels are fewer: a 1920x1080 preview
costs about half of the export's drawing, not a full picture scaled down. A slide is shown as
PowerPoint lays it out (export/slides.py): the title, the map picture without its own text,
the caption.
"""

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.common.fonts import install_qt_font
from desktop.export.captions import caption_for
from desktop.export.formats import format_for
from desktop.export.map_painter import MapPainter, pixel_font
from desktop.export.spec import ExportSpec, subtitle_for, title_for
from geodata import Dataset

SLIDE_BACKGROUND = "#ffffff"
POINTS_PER_INCH = 72
EMU_PER_INCH = 914400


def preview_image(ds: Dataset, spec: ExportSpec, room: QSize) -> QImage:
    """The export of ``spec`` as it will look, at most ``room`` device pixels big."""
    export_format = format_for(spec.format)
    if export_format is not None and export_format.slides:
        return _slide_preview(ds, spec, room)
    return map_image(ds, spec, room)


def _fit(width: float, height: float, room: QSize) -> float:
    return min(room.width() / width, room.height() / height)


def map_image(ds: Dataset, spec: ExportSpec, room: QSize, with_text: bool = True) -> QImage:
    """The map of ``spec`` painted at its CSS size into an image fitting ``room``."""
    install_qt_font()
    width, height = spec.size
    ratio = _fit(width, height, room)
    image = QImage(max(1, round(width * ratio)), max(1, round(height * ratio)),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    try:
        MapPainter(ds, spec, with_text, pixel_tolerance=0.25 / ratio).paint(painter)
    finally:
        painter.end()
    image.setDevicePixelRatio(1)
    return image


def _slide_preview(ds: Dataset, spec: ExportSpec, room: QSize) -> QImage:
    """The slide of ``spec`` in the default deck's geometry (a template's master may place
    the title elsewhere; its picture and text are the same)."""
    from desktop.export.pptx_template import MARGIN, SLIDE_HEIGHT, SLIDE_WIDTH, TITLE_HEIGHT
    from desktop.export.slides import CAPTION_HEIGHT, SUBTITLE_HEIGHT

    ratio = _fit(SLIDE_WIDTH, SLIDE_HEIGHT, room)  # device pixels per EMU
    image = QImage(round(SLIDE_WIDTH * ratio), round(SLIDE_HEIGHT * ratio),
                   QImage.Format.Format_RGB32)
    image.fill(QColor(SLIDE_BACKGROUND))
    inner = (SLIDE_WIDTH - 2 * MARGIN) * ratio
    top = (MARGIN + TITLE_HEIGHT) * ratio
    subtitle = subtitle_for(spec)
    if subtitle:
        top += SUBTITLE_HEIGHT * ratio
    caption_top = (SLIDE_HEIGHT - MARGIN - CAPTION_HEIGHT) * ratio
    picture_room = QRectF(MARGIN * ratio, top, inner, caption_top - top)
    picture = map_image(ds, spec, picture_room.size().toSize(), with_text=False)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        left = picture_room.left() + (picture_room.width() - picture.width()) / 2
        painter.drawImage(QRectF(left, picture_room.top() + (picture_room.height()
                                                               - picture.height()) / 2,
                                 picture.width(), picture.height()), picture)
        pixels_per_point = EMU_PER_INCH / POINTS_PER_INCH * ratio
        texts = [(title_for(ds, spec), 28, True, MARGIN * ratio, TITLE_HEIGHT * ratio, "#1d2b3a")]
        if subtitle:
            texts.append((subtitle, 16, False, (MARGIN + TITLE_HEIGHT) * ratio,
                          SUBTITLE_HEIGHT * ratio, "#444444"))
        texts.append((caption_for(ds, spec), 10, False, caption_top, CAPTION_HEIGHT * ratio,
                      "#444444"))
        for text, points, bold, text_top, text_height, color in texts:
            painter.setFont(pixel_font(points * pixels_per_point, bold))
            painter.setPen(QColor(color))
            painter.drawText(QRectF(MARGIN * ratio, text_top, inner, text_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                             | Qt.TextFlag.TextWordWrap, text)
    finally:
        painter.end()
    return image
