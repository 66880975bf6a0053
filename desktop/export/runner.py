"""Run an export to the end, for the command line: one format dispatch, safe writes.

The command line is a batch tool, so it waits for the off-screen page with a local event
loop bounded by a timeout; the window never does this (see actions.py).
"""

import dataclasses
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer
from PySide6.QtGui import QImage

from desktop.export.raster import RasterRenderer
from desktop.export.safe_write import ExportError, write_atomically
from desktop.export.slides import Slide, write_slides
from desktop.export.spec import ExportSpec, default_title, source_caption
from desktop.export.vector import write_vector
from geodata import Dataset

RENDER_TIMEOUT_MS = 60_000


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("could not encode the PNG")
    return bytes(data.data())


def render_image(ds: Dataset, spec: ExportSpec, with_text: bool = True) -> QImage:
    """The PNG picture of ``spec``, waiting for the off-screen page (batch use only)."""
    renderer = RasterRenderer(ds, spec, with_text)
    loop = QEventLoop()
    outcome: dict = {}
    renderer.sig_done.connect(lambda image: (outcome.setdefault("image", image), loop.quit()))
    renderer.sig_failed.connect(lambda message: (outcome.setdefault("error", message),
                                                 loop.quit()))
    QTimer.singleShot(RENDER_TIMEOUT_MS, loop.quit)
    renderer.start()
    if not outcome:
        loop.exec()
    renderer.dispose()
    if "image" not in outcome:
        raise ExportError(f"the map page did not render: {outcome.get('error', 'timed out')}")
    return outcome["image"]


def slides_for(ds: Dataset, spec: ExportSpec) -> list[Slide]:
    specs = [spec]
    if spec.per_bureau:
        national = dataclasses.replace(spec, filter=spec.filter.evolve(bureau_id=None,
                                                                       project_id=None))
        specs = [national] + [
            dataclasses.replace(national, filter=national.filter.evolve(bureau_id=bureau_id),
                                title=None)
            for bureau_id in ds.bureaus["bureau_id"]]
    return [Slide(item.title or default_title(ds, item.filter),
                  source_caption(ds, item.filter, item.show_tieups),
                  png_bytes(render_image(ds, item, with_text=False)))
            for item in specs]


def run(ds: Dataset, spec: ExportSpec) -> Path:
    """Write the export of ``spec``; raises ExportError with a one-line reason."""
    if spec.format in (".svg", ".pdf"):
        return write_atomically(spec.out, lambda path: write_vector(ds, spec, path))
    if spec.format == ".png":
        image = render_image(ds, spec)
        return write_atomically(spec.out, lambda path: Path(path).write_bytes(png_bytes(image)))
    slides = slides_for(ds, spec)
    return write_atomically(spec.out, lambda path: write_slides(slides, path))
