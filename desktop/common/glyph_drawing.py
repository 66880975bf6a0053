"""A field's glyph stroked with QPainter: in a map marker, a legend swatch, an item's icon and
a chart's bars, so each view draws the one rule of ``desktop/common/field_cues.py`` alike.

The page strokes the same paths in its canvas (``L.PointMarkerLayer.strokeGlyph``); the
exports (``export/map_painter.py``, ``export/report.py``), the Filters panel and the charts
panel call these.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)

from desktop.common.field_cues import GLYPH, GLYPHS, glyph_ink

SWATCH_EDGE = "#999999"
"""A swatch's rim, as the legends draw it: a light fill still shows its round shape."""


def glyph_pen(fill: str, width: float = GLYPH["weight"]) -> QPen:
    """The pen a glyph is stroked with on ``fill``: its ink (glyph_ink), round ends."""
    pen = QPen(QColor(glyph_ink(fill)), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def paint_glyph(painter: QPainter, x: float, y: float, radius: float, glyph: str,
                fill: str, width: float = GLYPH["weight"]) -> None:
    """A field's glyph inside a marker of ``radius`` at (x, y) whose fill is ``fill``, as the
    page strokes it."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_shared_glyph_pen(fill, width))
    painter.drawPath(glyph_path(glyph, radius).translated(x, y))


@lru_cache(maxsize=256)
def _shared_glyph_pen(fill: str, width: float) -> QPen:
    """glyph_pen made once per fill and width (the painter copies what it is given): making
    it for each of 10,000 markers cost 0.15 s of a large export."""
    return glyph_pen(fill, width)


@lru_cache(maxsize=64)
def glyph_path(glyph: str, radius: float) -> QPainterPath:
    """A glyph's strokes around (0, 0), made once per glyph and marker size and moved to each
    marker: building the path for each of 10,000 markers cost 0.44 s of a large export."""
    size = GLYPH["scale"] * radius
    path = QPainterPath()
    for line in GLYPHS[glyph]:
        path.moveTo(line[0][0] * size, line[0][1] * size)
        for px, py in line[1:]:
            path.lineTo(px * size, py * size)
    return path


def paint_field_swatch(painter: QPainter, x: float, y: float, radius: float, fill: str,
                       glyph: str | None, edge: QPen) -> None:
    """A legend's swatch of a field: a small marker of its colour with its glyph, as the map
    draws the field's markers (every legend: the map's, a report's key, the Filters panel)."""
    painter.setPen(edge)
    painter.setBrush(QColor(fill))
    painter.drawEllipse(QPointF(x, y), radius, radius)
    if glyph is not None:
        paint_glyph(painter, x, y, radius, glyph, fill)


def field_swatch_image(fill: str, glyph: str | None, size: int = 16,
                       ratio: float = 1) -> QImage:
    """A field's swatch (its colour and glyph, a marker as the map draws it) on a clear
    ground, ``size`` px across at ``ratio`` device pixels per pixel."""
    image = QImage(round(size * ratio), round(size * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_field_swatch(painter, size / 2, size / 2, size / 2 - 1, fill, glyph,
                       QPen(QColor(SWATCH_EDGE), 1))
    painter.end()
    return image


def field_swatch_icon(fill: str, glyph: str | None, size: int = 16) -> QIcon:
    """An item's icon for a field: its swatch, drawn at twice the size too so a scaled screen
    shows it sharp."""
    icon = QIcon()
    for ratio in (1, 2):
        icon.addPixmap(QPixmap.fromImage(field_swatch_image(fill, glyph, size, ratio)))
    return icon


def glyph_pattern_brush(fill: str, glyph: str, tile: int = 10) -> QBrush:
    """A fill of ``fill`` hatched with ``glyph``: the glyph spans a tile of ``tile`` px, edge
    to edge, and the tile repeats, so its strokes join into a hatching (stripes for the bars,
    a grid for the plus, diagonals for the slash) that shows in a bar a few pixels wide. A bar
    carries its glyph as a marker does, and is told apart without its colour."""
    pixmap = QPixmap(tile, tile)
    pixmap.fill(QColor(fill))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_glyph(painter, tile / 2, tile / 2, tile / 2 / GLYPH["scale"], glyph, fill)
    painter.end()
    return QBrush(pixmap)
