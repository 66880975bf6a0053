"""Every export format in one registry: its suffix, how the Save dialog and the command line
name it, whether it is drawn as one picture, and its writer.

The spec check, the runner, the window's Save dialog and the command line's help all read the
registry, so a new format is a writer module and one ``register_format`` line at the end of
this file. A writer is named by ``"module:function"`` and imported on the first export: the
drawing modules pull in Qt, the painter, pandas and python-pptx (over a second), which neither
``cluster-explorer validate`` (whose parser holds the export help) nor the window's start-up
should pay for. No Qt here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.export.spec import ExportSpec
    from geodata import Dataset

Writer = Callable[["Dataset", "ExportSpec"], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One kind of export file."""

    suffix: str
    """The lower-case file suffix that chooses the format, e.g. ``.png``."""
    name: str
    """Short name for lists of formats, e.g. ``PNG``."""
    dialog_filter: str
    """The Save dialog's filter, e.g. ``PNG image (*.png)``."""
    help: str
    """One line for ``cluster-explorer export --help``: what the file holds."""
    raster: bool
    """Drawn whole as pixels in memory: ``--scale`` applies and the megapixel cap guards it."""
    write: Writer | str
    """``(dataset, spec) -> bytes`` of the whole file, or ``"module:function"`` naming it."""
    per_bureau: bool = False
    """Can hold a national page and one per bureau (``--per-bureau``)."""

    def document(self, ds: Dataset, spec: ExportSpec) -> bytes:
        """The whole file of ``spec``, made in memory for one checked write."""
        write = self.write
        if isinstance(write, str):
            module, function = write.split(":")
            write = getattr(importlib.import_module(module), function)
        return write(ds, spec)


_REGISTRY: dict[str, ExportFormat] = {}


def register_format(export_format: ExportFormat) -> ExportFormat:
    """Offer ``export_format`` everywhere the app exports; a suffix is registered once."""
    suffix = export_format.suffix
    if suffix != suffix.lower() or not suffix.startswith("."):
        raise ValueError(f"a format suffix is lower case with a dot: {suffix!r}")
    if suffix in _REGISTRY:
        raise ValueError(f"the format {suffix} is registered already")
    _REGISTRY[suffix] = export_format
    return export_format


def unregister_format(suffix: str) -> None:
    """Withdraw the format of ``suffix`` (for tests and plug-ins that registered one)."""
    del _REGISTRY[suffix]


def export_formats() -> list[ExportFormat]:
    """The registered formats, in the order they were registered (the order users see)."""
    return list(_REGISTRY.values())


def format_for(suffix: str) -> ExportFormat | None:
    """The format a file with ``suffix`` is written in, or None when there is none."""
    return _REGISTRY.get(suffix.lower())


def suffixes() -> list[str]:
    return list(_REGISTRY)


def spoken_list(items: list[str], last_joint: str = "or") -> str:
    """'a, b or c': how help texts and messages list formats."""
    return f" {last_joint} ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


# The formats the app ships. A new format: its writer module, and one line here.
register_format(ExportFormat(
    ".png", "PNG", "PNG image (*.png)", "a picture of WIDTHxHEIGHT × scale pixels",
    raster=True, write="desktop.export.raster:png_document"))
register_format(ExportFormat(
    ".svg", "SVG", "SVG vector (*.svg)", "a vector drawing, its text kept as text",
    raster=False, write="desktop.export.vector:vector_bytes"))
register_format(ExportFormat(
    ".pdf", "PDF", "PDF (*.pdf)", "a one-page vector document, its text kept as text",
    raster=False, write="desktop.export.vector:vector_bytes"))
register_format(ExportFormat(
    ".pptx", "PPTX", "PowerPoint slide (*.pptx)",
    "a 16:9 PowerPoint slide: the map as a picture, title and sources as text boxes",
    raster=True, write="desktop.export.slides:pptx_document", per_bureau=True))
