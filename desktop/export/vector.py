"""SVG and PDF: the painted map as true vectors, text kept as text in the bundled font.

The same MapPainter as the PNG draws on a QSvgGenerator or a QPdfWriter at 96 dpi, so one CSS
pixel of the page is one unit of the drawing and the vector export matches the picture. A PDF
is drawn with the font's text-layer copy (common/fonts.py), so its text extracts as written.

Both are drawn into memory and written by Python: QSvgGenerator and QPdfWriter writing a file
themselves report nothing when the disk fills, and a truncated file replaced the old one.
"""

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from desktop.common.fonts import install_pdf_font, install_qt_font
from desktop.export.map_painter import MapPainter
from desktop.export.safe_write import ExportError, write_bytes_atomically
from desktop.export.spec import ExportSpec, title_for
from geodata import Dataset

CSS_DPI = 96
POINTS_PER_INCH = 72
VECTOR_TOLERANCE_PX = 0.1  # finer than a picture's: a slide may enlarge the drawing
# How each document ends when its writer finished it: anything else is an incomplete drawing.
DOCUMENT_ENDS = {".svg": b"</svg>", ".pdf": b"%%EOF"}


def _svg_device(spec: ExportSpec, output: QIODevice, title: str) -> QSvgGenerator:
    width, height = spec.size
    generator = QSvgGenerator()
    generator.setOutputDevice(output)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(CSS_DPI)
    generator.setTitle(title)
    generator.setDescription("Cluster Explorer map export")
    return generator


def _pdf_device(spec: ExportSpec, output: QIODevice, title: str) -> QPdfWriter:
    width, height = spec.size
    writer = QPdfWriter(output)
    writer.setResolution(CSS_DPI)
    page = QPageSize(QSizeF(width * POINTS_PER_INCH / CSS_DPI, height * POINTS_PER_INCH / CSS_DPI),
                     QPageSize.Unit.Point, "map")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setTitle(title)
    writer.setCreator("Cluster Explorer")
    return writer


def vector_bytes(ds: Dataset, spec: ExportSpec) -> bytes:
    """The spec's map as an SVG or PDF document (by spec.format)."""
    if spec.format == ".pdf":
        install_pdf_font()
    else:
        install_qt_font()
    output = QBuffer()
    output.open(QIODevice.OpenModeFlag.WriteOnly)
    make_device = _svg_device if spec.format == ".svg" else _pdf_device
    device = make_device(spec, output, title_for(ds, spec))
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(f"could not start drawing {spec.out.name}")
    try:
        MapPainter(ds, spec, pixel_tolerance=VECTOR_TOLERANCE_PX).paint(painter)
    finally:
        painter.end()
    document = bytes(output.data().data())
    if not document.rstrip().endswith(DOCUMENT_ENDS[spec.format]):
        raise ExportError(f"could not finish drawing {spec.out.name}")
    return document


def write_vector(ds: Dataset, spec: ExportSpec, path: Path) -> None:
    """Draw the spec's map as SVG or PDF (by spec.format) and write it safely to ``path``."""
    write_bytes_atomically(Path(path), vector_bytes(ds, spec))
