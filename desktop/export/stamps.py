"""Many small marks on a picture of pixels, stamped: each look drawn once, then copied.

A national export draws 100,000 project markers, each an antialiased circle and a glyph:
drawn one by one they took about 2 s of its 5. Here each look (selected or not, colour,
glyph) is drawn once per sub-pixel offset into one image, an atlas, and every mark is a copy
of its cell, in the order given (the last on top, as when drawn one by one). A mark lies at
most 1/16 of a device pixel from where it would be drawn (STEPS), and it is composed on
transparency, then over the map: only antialiased edges differ, by at most 32 levels of 255
in the bench's exports (most by under 8): the same picture.

Only a picture of pixels (a QImage, drawn straight or scaled) is stamped: an SVG or a PDF
keeps each mark as vectors, drawn one by one.
"""

from collections.abc import Callable, Hashable, Sequence

import numpy as np
from PySide6.QtGui import QImage, QPainter, QTransform

STEPS = 8
"""Sub-pixel positions per device pixel and axis: a mark is at most 1/(2·STEPS) px off.
Each step more costs more cells to draw (up to STEPS² per look): 16 took a third of a large
export's markers time in drawing its 3,400 cells."""
MARGIN = 2
"""Device pixels of a cell beyond a mark's reach: antialiasing and the sub-pixel offset."""

DrawMark = Callable[[QPainter, float, float, Hashable], None]
"""Draws one mark of a look centred at (x, y) in the painter's coordinates."""


def paint_marks(painter: QPainter, xs: np.ndarray, ys: np.ndarray, kinds: np.ndarray,
                looks: Sequence[Hashable], draw: DrawMark, reach: float) -> None:
    """Each mark ``draw(painter, x, y, looks[kind])`` would draw, in order, at (xs, ys) with
    ``kinds`` (indexes into ``looks``): stamped on a picture of pixels, drawn one by one on
    any other device. ``reach``: how far a mark goes from its centre, in the painter's units
    (its pen included)."""
    scale = _pixel_scale(painter)
    kinds = np.asarray(kinds, dtype=np.int64)
    if scale is None or not len(kinds):
        for x, y, kind in zip(np.asarray(xs).tolist(), np.asarray(ys).tolist(), kinds.tolist(),
                              strict=True):
            draw(painter, x, y, looks[kind])
        return
    to_device = painter.deviceTransform()
    whole_x, sub_x = _split(np.asarray(xs, dtype=float) * to_device.m11() + to_device.dx())
    whole_y, sub_y = _split(np.asarray(ys, dtype=float) * to_device.m22() + to_device.dy())
    cells, cell_of = np.unique((kinds * STEPS + sub_y) * STEPS + sub_x, return_inverse=True)
    half = int(np.ceil(reach * scale)) + MARGIN
    size = 2 * half + 1
    atlas = _atlas(cells, looks, draw, scale, half, size)
    columns = atlas.width() // size
    left = ((cell_of % columns) * size).tolist()
    top = ((cell_of // columns) * size).tolist()
    painter.save()
    try:
        _device_pixels(painter)
        for x, y, sx, sy in zip((whole_x - half).tolist(), (whole_y - half).tolist(), left, top,
                                strict=True):
            painter.drawImage(x, y, atlas, sx, sy, size, size)
    finally:
        painter.restore()


def _pixel_scale(painter: QPainter) -> float | None:
    """Device pixels per unit of ``painter``, when it paints a picture of pixels with no
    rotation nor shear (None otherwise: draw each mark)."""
    if not isinstance(painter.device(), QImage):
        return None
    to_device = painter.deviceTransform()
    if to_device.type().value > QTransform.TransformationType.TxScale.value:
        return None
    if to_device.m11() <= 0 or abs(to_device.m11() - to_device.m22()) > 1e-9:
        return None
    return to_device.m11()


def _split(device: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whole device pixels and the nearest of STEPS offsets within one."""
    whole = np.floor(device)
    sub = np.rint((device - whole) * STEPS).astype(np.int64)
    carry = sub == STEPS
    return (whole + carry).astype(np.int64), np.where(carry, 0, sub)


def _atlas(cells: np.ndarray, looks: Sequence[Hashable], draw: DrawMark, scale: float, half: int,
           size: int) -> QImage:
    """One transparent image holding each cell's mark, its centre at (half + offset) of the
    cell, drawn at ``scale`` device pixels a unit as on the picture."""
    columns = max(1, min(len(cells), 4096 // size))
    rows = -(-len(cells) // columns)
    atlas = QImage(columns * size, rows * size, QImage.Format.Format_ARGB32_Premultiplied)
    atlas.fill(0)
    painter = QPainter(atlas)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for cell, key in enumerate(cells.tolist()):
            sub_x, rest = key % STEPS, key // STEPS
            sub_y, code = rest % STEPS, rest // STEPS
            left, top = (cell % columns) * size, (cell // columns) * size
            painter.setTransform(QTransform(scale, 0, 0, scale, left + half + sub_x / STEPS,
                                            top + half + sub_y / STEPS))
            draw(painter, 0.0, 0.0, looks[code])
    finally:
        painter.end()
    return atlas


def _device_pixels(painter: QPainter) -> None:
    """Make the painter's units device pixels (its picture's pixel ratio undone)."""
    painter.resetTransform()
    ratio = painter.device().devicePixelRatio()
    if ratio != 1:
        painter.scale(1 / ratio, 1 / ratio)
