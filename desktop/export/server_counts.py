"""A national organisation list kept on its server, in an export: drawn as the window draws it.

In server-side mode (desktop/sources/server_side.py) the window's map shows the list as counts
per bureau, per prefecture or per grid cell, or the organisations themselves, depending on the
zoom (geodata/server_side/organisation_map.py). An export of that map asks the same question
of the same source for each frame it draws — the whole picture and each inset, at their own
bounds and zoom — and draws the answer with the page's look (organisation_map.LOOK): a count
as a warm red circle sized by the count, with the count in it; an organisation as a dot.

``ExportSpec.organisations_from`` opens the source (the server, on a connection of the
exporting thread, or what the offline copy kept); without it nothing here runs.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from desktop.common.fonts import FONT_FAMILY
from desktop.export.map_frame import MapFrame
from desktop.sources.organisation_map import FILL_COLOR, FILL_OPACITY, FONT_PX, LOOK
from geodata.server_side.organisation_map import Anchors, map_answer


class ServerCounts:
    """The organisations' answer for each frame an export draws, from one opened source."""

    def __init__(self, source, anchors: Anchors, bureau_id: str | None):
        """``source``: what ``organisations_from`` opened (its ``organisations`` answers as
        OrganisationQueries or OfflineOrganisations do; ``close()`` ends it)."""
        self.source = source
        self.anchors = anchors
        self.bureau_id = bureau_id

    def answer(self, frame: MapFrame) -> dict:
        """What the window's map would draw at ``frame``'s bounds and zoom."""
        return map_answer(self.source.organisations, self.anchors, frame.degree_bounds(),
                          frame.zoom, self.bureau_id)

    def close(self) -> None:
        self.source.close()


def paint_answer(painter: QPainter, frame: MapFrame, answer: dict, ui: float) -> int:
    """Draw ``answer``'s items in ``frame`` (pixels; ``ui`` the picture's scale of a CSS
    pixel); returns how many were drawn."""
    items = answer["items"]
    if not items:
        return 0
    xs, ys = frame.to_pixels([item["lon"] for item in items], [item["lat"] for item in items])
    if answer["level"] == "points":
        pen = QPen(QColor(LOOK["stroke"]), ui)
        fill = QColor(LOOK["point_fill"])
        fill.setAlphaF(0.9)
        painter.setPen(pen)
        painter.setBrush(fill)
        radius = LOOK["point_radius"] * ui
        for x, y in zip(xs, ys, strict=True):
            painter.drawEllipse(QPointF(x, y), radius, radius)
        return len(items)
    largest = max(item["count"] for item in items)
    fill = QColor(*FILL_COLOR)
    fill.setAlphaF(FILL_OPACITY)
    edge = QPen(QColor(LOOK["stroke"]), LOOK["stroke_width"] * ui)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(FONT_PX * ui)))
    font.setWeight(QFont.Weight.DemiBold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    painter.setFont(font)
    for item, x, y in zip(items, xs, ys, strict=True):
        radius = bubble_radius(item["count"], largest) * ui
        painter.setPen(edge)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(x, y), radius, radius)
        painter.setPen(QColor(LOOK["text"]))
        painter.drawText(QRectF(x - 4 * radius, y - radius, 8 * radius, 2 * radius),
                         Qt.AlignmentFlag.AlignCenter, f"{item['count']:,}")
    return len(items)


def bubble_radius(count: int, largest: int) -> float:
    """A count's radius in CSS pixels, as the page sizes it (server_organisations.js)."""
    return LOOK["min_radius"] + (LOOK["max_radius"] - LOOK["min_radius"]) * math.sqrt(
        count / max(largest, 1))
