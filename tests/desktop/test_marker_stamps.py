"""Stamped markers (desktop/export/stamps.py): on a picture of pixels, the same picture as
markers drawn one by one, in the same order; in an SVG, still one vector shape each."""

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator

from desktop.export.stamps import paint_marks

COLORS = ("#1b7837", "#d95f02", "#7570b3")


def _draw(painter: QPainter, x: float, y: float, color: str) -> None:
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    fill = QColor(color)
    fill.setAlphaF(0.9)
    painter.setBrush(fill)
    painter.drawEllipse(QPointF(x, y), 6.5, 6.5)
    painter.setPen(QPen(QColor("#ffffff"), 1.2))
    painter.drawLine(QPointF(x - 3, y - 3), QPointF(x + 3, y + 3))


def _picture(stamped: bool, ratio: float, xs, ys, looks, offset=(0.0, 0.0)) -> np.ndarray:
    image = QImage(round(200 * ratio), round(120 * ratio), QImage.Format.Format_RGB32)
    image.fill(QColor("#f3f1d8"))
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(QRectF(10, 10, 170, 95))
    painter.translate(*offset)
    if stamped:
        kinds = [COLORS.index(look) for look in looks]
        paint_marks(painter, xs, ys, kinds, COLORS, _draw, reach=8.5)
    else:
        for x, y, look in zip(xs, ys, looks, strict=True):
            _draw(painter, x, y, look)
    painter.end()
    width, height = image.width(), image.height()
    bits = np.frombuffer(image.constBits(), dtype=np.uint8)
    return bits.reshape(height, image.bytesPerLine())[:, :width * 4].reshape(
        height, width, 4)[:, :, :3].astype(int)


@pytest.mark.parametrize(("ratio", "offset"), [(1, (0.0, 0.0)), (2, (3.3, -1.7)),
                                               (1.5, (0.25, 0.6))])
def test_stamped_markers_are_the_markers_drawn_one_by_one(qapp, ratio, offset):
    rng = np.random.default_rng(7)
    xs, ys = rng.uniform(0, 200, 400), rng.uniform(0, 120, 400)
    looks = [COLORS[i % 3] for i in range(400)]
    stamped = _picture(True, ratio, xs, ys, looks, offset)
    drawn = _picture(False, ratio, xs, ys, looks, offset)
    difference = np.abs(stamped - drawn).max(axis=2)
    # Dense on purpose (400 markers on 200x120): half of it is antialiased edges, which move
    # by up to 1/16 px; what a marker out of place or of another colour gives is 100 or more.
    assert difference.max() <= 32, "a marker moved or changed colour"
    assert (difference > 16).mean() < 0.01, "more than antialiased edges differ"
    assert difference.mean() < 2.5
    clipped = np.zeros(difference.shape, dtype=bool)
    clipped[:round(9 * ratio)], clipped[:, :round(9 * ratio)] = True, True
    assert not np.abs(stamped - [216, 241, 243])[clipped].any(), "drawn outside the clip"


def test_the_last_marker_is_stamped_on_top(qapp):
    xs, ys = np.array([60.0, 63.0, 66.0]), np.array([50.0, 50.0, 50.0])
    picture = _picture(True, 1, xs, ys, list(COLORS))
    later = QColor(COLORS[2])
    assert np.abs(picture[50, 70] - [later.blue(), later.green(), later.red()]).max() <= 30


def test_an_svg_keeps_each_marker_a_vector_shape(qapp):
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    svg = QSvgGenerator()
    svg.setOutputDevice(buffer)
    svg.setSize(QSize(200, 120))
    painter = QPainter(svg)
    paint_marks(painter, np.array([20.0, 40.0]), np.array([30.0, 30.0]), np.array([0, 1]),
                COLORS, _draw, reach=8.5)
    painter.end()
    text = bytes(data.data()).decode()
    assert "<image" not in text
    assert text.count("<path") + text.count("<ellipse") + text.count("<circle") >= 2
