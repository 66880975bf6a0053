"""Export timings of the window's current state: PNG 1920x1080 at 1× and 2×, PPTX, SVG; the
export dialog's preview of a 1920x1080 PNG and of an A4 print at 3×, and the longest step
(one slide) of the per-bureau deck, which is how long the window waits between events."""

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSize

from benchmarks.measure import repeats, summarise, timed
from desktop.export.preview import preview_image
from desktop.export.runner import run
from desktop.export.slides import iter_slides
from desktop.export.spec import ExportSpec

PREVIEW_ROOM = QSize(640, 420)  # the export dialog's preview

EXPORT_REPEATS = repeats(3, 1)


def measure_exports(window, folder: Path) -> dict:
    ds = window.state.dataset
    base = ExportSpec(out=folder / "bench.png", filter=window.state.filter)
    cases = {
        "png_1920x1080": base,
        "png_1920x1080@2x": dataclasses.replace(base, scale=2),
        "pptx": dataclasses.replace(base, out=folder / "bench.pptx"),
        "svg": dataclasses.replace(base, out=folder / "bench.svg"),
    }
    results = {name: summarise([timed(lambda spec=spec: run(ds, spec))
                                for _ in range(EXPORT_REPEATS)])
               for name, spec in cases.items()}
    previews = {"preview_png_1920x1080": base,
                "preview_a4_print@3x": dataclasses.replace(base, size=(794, 1123), scale=3)}
    for name, spec in previews.items():
        results[name] = summarise([timed(lambda spec=spec: preview_image(ds, spec, PREVIEW_ROOM))
                                   for _ in range(EXPORT_REPEATS)])
    deck = iter_slides(ds, dataclasses.replace(base, out=folder / "deck.pptx", per_bureau=True))
    results["deck_slide_step"] = summarise([timed(lambda: next(deck))
                                            for _ in range(2 * EXPORT_REPEATS)])
    return results
