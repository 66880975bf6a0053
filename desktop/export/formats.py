"""Every export format in one registry: its suffix, how the Save dialog and the command line
name it, whether it is drawn as one picture, and its writer.

The spec check, the runner, the window's Save dialog and the command line's help all read the
registry, so a new format is a writer module and one ``register_format`` line at the end of
this file. Its name, dialog filter and help are English marked for translation (context
``ExportFormats``); each consumer shows them in its language. A writer is named by
``"module:function"`` and imported on the first export: the
drawing modules pull in Qt, the painter, pandas and python-pptx (over a second), which neither
``cluster-explorer validate`` (whose parser holds the export help) nor the window's start-up
should pay for. No Qt here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.common.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from geodata import Dataset

Writer = Callable[["Dataset", Any], bytes]
"""``(dataset, spec) -> bytes``; the spec is an ``export/spec.py`` ExportSpec, which reads
this registry (so it is not imported here)."""
CONTEXT = "ExportFormats"


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
    slides: bool = False
    """A slide deck: it takes a PowerPoint template (``--template``) and chart slides
    (``--charts``), is previewed as a slide, and holds the saved views exported together."""

    def document(self, ds: Dataset, spec: Any) -> bytes:
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


def slide_format() -> ExportFormat | None:
    """The first registered slide-deck format (what the saved views are exported to)."""
    return next((each for each in export_formats() if each.slides), None)


# The formats the app ships. A new format: its writer module, and one line here.
register_format(ExportFormat(
    ".png", QT_TRANSLATE_NOOP("ExportFormats", "PNG"),
    QT_TRANSLATE_NOOP("ExportFormats", "PNG image (*.png)"),
    QT_TRANSLATE_NOOP("ExportFormats", "a picture of WIDTHxHEIGHT × scale pixels"),
    raster=True, write="desktop.export.raster:png_document"))
register_format(ExportFormat(
    ".svg", QT_TRANSLATE_NOOP("ExportFormats", "SVG"),
    QT_TRANSLATE_NOOP("ExportFormats", "SVG vector (*.svg)"),
    QT_TRANSLATE_NOOP("ExportFormats", "a vector drawing, its text kept as text"),
    raster=False, write="desktop.export.vector:vector_bytes"))
register_format(ExportFormat(
    ".pdf", QT_TRANSLATE_NOOP("ExportFormats", "PDF"),
    QT_TRANSLATE_NOOP("ExportFormats", "PDF (*.pdf)"),
    QT_TRANSLATE_NOOP("ExportFormats", "a one-page vector document, its text kept as text"),
    raster=False, write="desktop.export.vector:vector_bytes"))
register_format(ExportFormat(
    ".pptx", QT_TRANSLATE_NOOP("ExportFormats", "PPTX"),
    QT_TRANSLATE_NOOP("ExportFormats", "PowerPoint slide (*.pptx)"),
    QT_TRANSLATE_NOOP("ExportFormats", "a 16:9 PowerPoint slide: the map as a picture, title "
                      "and sources as text boxes"),
    raster=True, write="desktop.export.slides:pptx_document", per_bureau=True, slides=True))
