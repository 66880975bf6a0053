"""Export timings of the window's current state: PNG 1920x1080 at 1× and 2×, PPTX, SVG."""

import dataclasses
from pathlib import Path

from benchmarks.measure import summarise, timed
from desktop.export.runner import run
from desktop.export.spec import ExportSpec

EXPORT_REPEATS = 3


def measure_exports(window, folder: Path) -> dict:
    ds = window.state.dataset
    base = ExportSpec(out=folder / "bench.png", filter=window.state.filter)
    cases = {
        "png_1920x1080": base,
        "png_1920x1080@2x": dataclasses.replace(base, scale=2),
        "pptx": dataclasses.replace(base, out=folder / "bench.pptx"),
        "svg": dataclasses.replace(base, out=folder / "bench.svg"),
    }
    return {name: summarise([timed(lambda spec=spec: run(ds, spec))
                             for _ in range(EXPORT_REPEATS)])
            for name, spec in cases.items()}
