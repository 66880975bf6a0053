"""The Qt bindings keep Python's reference counts: a binding that returns None without a
reference (PySide6 6.12.0 on Python 3.11) aborts the app after enough calls, mid-session."""

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

CALLS = 2000


def test_void_qt_calls_leave_the_count_of_none_alone(qapp):
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    path = QPainterPath()
    polygon = QPolygonF([QPointF(1, 2), QPointF(3, 4)])
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        path.addPolygon(polygon)
        painter.setPen(QPen(QColor("red"), 1))
        painter.drawPath(path)
    after = sys.getrefcount(None)
    painter.end()
    assert after > before - CALLS // 10, (
        f"None lost {before - after} references in {3 * CALLS} Qt calls: the installed PySide6 "
        "has the None refcount bug (see pyproject.toml)")
