"""Run an export to the end: one format dispatch, safe writes; used by the command line,
the window and the bench alike (every format is drawn synchronously by MapPainter)."""

import dataclasses
from pathlib import Path

from desktop.export.raster import png_bytes, render_image
from desktop.export.safe_write import write_atomically
from desktop.export.slides import Slide, write_slides
from desktop.export.spec import ExportSpec, default_title, source_caption
from desktop.export.vector import write_vector
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
