"""SVG and PDF: the painted map as true vectors, text kept as text in the bundled font.

The same MapPainter as the PNG draws on a QSvgGenerator or a QPdfWriter at 96 dpi, so one CSS
pixel of the page is one unit of the drawing and the vector export matches the picture.
"""

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from desktop.export.map_painter import MapPainter
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec, default_title
from desktop.fonts import install_qt_font
from geodata import Dataset

CSS_DPI = 96
POINTS_PER_INCH = 72
VECTOR_TOLERANCE_PX = 0.1  # finer than a picture's: a slide may enlarge the drawing


def _svg_device(spec: ExportSpec, path: Path, title: str) -> QSvgGenerator:
    width, height = spec.size
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(CSS_DPI)
    generator.setTitle(title)
    generator.setDescription("Cluster Explorer map export")
    return generator


def _pdf_device(spec: ExportSpec, path: Path, title: str) -> QPdfWriter:
    width, height = spec.size
    writer = QPdfWriter(str(path))
    writer.setResolution(CSS_DPI)
    page = QPageSize(QSizeF(width * POINTS_PER_INCH / CSS_DPI, height * POINTS_PER_INCH / CSS_DPI),
                     QPageSize.Unit.Point, "map")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setTitle(title)
    writer.setCreator("Cluster Explorer")
    return writer


def write_vector(ds: Dataset, spec: ExportSpec, path: Path) -> None:
    """Draw the spec's map as SVG or PDF (by spec.format) into ``path``."""
    install_qt_font()
    title = spec.title or default_title(ds, spec.filter)
    make_device = _svg_device if spec.format == ".svg" else _pdf_device
    device = make_device(spec, Path(path), title)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(f"could not start drawing {Path(path).name}")
    try:
        MapPainter(ds, spec, pixel_tolerance=VECTOR_TOLERANCE_PX).paint(painter)
    finally:
        painter.end()
