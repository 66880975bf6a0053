"""Run an export to the end: one format dispatch, safe writes; used by the command line,
the window and the bench alike (every format is drawn synchronously by MapPainter)."""

import dataclasses
from pathlib import Path

from desktop.export.raster import png_bytes, render_image
from desktop.export.safe_write import write_bytes_atomically
from desktop.export.slides import Slide, slides_bytes
from desktop.export.spec import ExportSpec, caption_for, title_for
from desktop.export.vector import vector_bytes
from geodata import Dataset


def slides_for(ds: Dataset, spec: ExportSpec) -> list[Slide]:
    specs = [spec]
    if spec.per_bureau:
        national = dataclasses.replace(spec, filter=spec.filter.evolve(bureau_id=None,
                                                                       project_id=None))
        specs = [national] + [
            dataclasses.replace(national, filter=national.filter.evolve(bureau_id=bureau_id),
                                title=None, bounds=None)
            for bureau_id in ds.bureaus["bureau_id"]]
    return [Slide(title_for(ds, item), caption_for(ds, item),
                  png_bytes(render_image(ds, item, with_text=False)))
            for item in specs]


def run(ds: Dataset, spec: ExportSpec) -> Path:
    """Write the export of ``spec``; raises ExportError with a one-line reason.

    Every format is made in memory first and written by one checked write, so a full disk
    fails the export whatever the format, and the old file stays.
    """
    if spec.format in (".svg", ".pdf"):
        document = vector_bytes(ds, spec)
    elif spec.format == ".png":
        document = png_bytes(render_image(ds, spec))
    else:
        document = slides_bytes(slides_for(ds, spec))
    return write_bytes_atomically(spec.out, document)
