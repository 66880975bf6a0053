"""In-process measurements: filter round trips, the naive baseline, queries, exports, memory."""

import json
import os
import re
import statistics
import sys
import time
import timeit
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before QApplication
from PySide6.QtWidgets import QApplication

from benchmarks.measure import idle, repeats, summarise, timed, wait_for
from desktop.common.lifecycle import dispose
from desktop.common.resources import resource_url
from geodata import Filter, load_dataset, run_query
from geodata.queries import _run_query  # the query without the window's memo

FILTER_REPEATS = repeats(30, 6)
SETTLE_MS = 150
BASELINE_REPEATS = repeats(5, 1)
QUERY_REPEATS = repeats(200, 20)


def _round_trip(window, action) -> tuple[float, float]:
    """Seconds from a Python state change to the page acknowledging its redraw, and to the
    side panels having refreshed too (they fill once the map has drawn).

    Each click starts from a settled window, as a person's clicks do (hundreds of ms apart);
    the settle time is not measured.
    """
    controller = window.map_controller
    start = time.perf_counter()
    action()
    wanted = controller.seq
    wait_for(controller.sig_drawn, lambda seq, _markers: seq >= wanted)
    drawn = time.perf_counter() - start
    wait_for(controller.sig_caught_up)
    caught_up = time.perf_counter() - start
    idle(SETTLE_MS)
    return drawn, caught_up


def filter_round_trips(window) -> tuple[dict, dict]:
    """Map round trips per kind of click, and click-to-panels-filled times."""
    drawn, panels = click_times(window, FILTER_REPEATS)
    return ({kind: summarise(values) for kind, values in drawn.items()},
            {kind: summarise(values) for kind, values in panels.items()})


def click_times(window, repeats_each: int) -> tuple[dict, dict]:
    """Seconds per kind of click ("field toggle", "program toggle", "bureau select") to the
    map drawn and to the panels filled, ``repeats_each`` of each, the window left as it
    was."""
    state = window.state
    field_id = state.dataset.fields["field_id"].iloc[0]
    program_id = state.dataset.programs["program_id"].iloc[0]
    bureau_ids = state.dataset.bureaus["bureau_id"].tolist()
    kinds = ("field toggle", "program toggle", "bureau select")
    drawn: dict = {kind: [] for kind in kinds}
    panels: dict = {kind: [] for kind in kinds}
    for repeat in range(repeats_each):
        on = repeat % 2 == 0
        bureau = bureau_ids[repeat % len(bureau_ids)]
        actions = (lambda on=on: state.set_field(field_id, on),
                   lambda on=on: state.set_program(program_id, on),
                   lambda bureau=bureau: state.select_bureau(bureau))
        for kind, action in zip(kinds, actions, strict=True):
            map_s, panels_s = _round_trip(window, action)
            drawn[kind].append(map_s)
            panels[kind].append(panels_s)
    state.clear_filters()
    state.clear_selection()
    return drawn, panels


def naive_rebuild_and_reload(ds, folder: Path) -> list[float]:
    """The naive way: rebuild the whole folium map with explore() and reload it per change."""
    view = QWebEngineView()
    view.resize(1200, 800)
    view.show()
    field_ids = ds.fields["field_id"].tolist()
    samples = []
    for repeat in range(BASELINE_REPEATS):
        flt = Filter(fields=frozenset({field_ids[repeat % len(field_ids)]}))

        def rebuild_and_reload(flt=flt, repeat=repeat):
            result = run_query(ds, flt)
            # every layer the explorer's page shows: world, bureaus, prefectures, projects,
            # tie-up partners
            fmap = ds.countries.explore(color="#e4e4e0", tooltip=False, tiles=None)
            ds.bureaus.explore(m=fmap, column="bureau_id", tooltip=["name_en", "name_ja"],
                               legend=False)
            ds.prefectures.boundary.explore(m=fmap, color="#888888")
            if not result.tieups.empty:
                result.tieups[["tieup_id", "partner", "country", "geometry"]].explore(
                    m=fmap, color="#1b9e77")
            if not result.projects.empty:
                result.projects[["project_id", "name_en", "bureau_id", "geometry"]].explore(
                    m=fmap, color="#d95f02", marker_kwds={"radius": 6})
            page = folder / f"naive-{repeat}.html"
            page.write_text(_offline(fmap.get_root().render()), encoding="utf-8")
            view.load(QUrl.fromLocalFile(str(page)))
            wait_for(view.loadFinished)

        samples.append(timed(rebuild_and_reload))
    view.close()
    dispose(view)
    return samples


def _offline(html: str) -> str:
    """The naive page with its Leaflet pointed at our vendored copy and other CDN tags dropped.

    Keeps the baseline honest on a machine with no network: the same Leaflet draws the same
    data, and nothing waits on a request that cannot be answered.
    """
    html = re.sub(r'src="https://[^"]*leaflet[^"]*\.js"',
                  f'src="{resource_url("vendor/leaflet/leaflet.js")}"', html)
    html = re.sub(r'href="https://[^"]*leaflet(@[^/]*)?/dist/leaflet\.css"',
                  f'href="{resource_url("vendor/leaflet/leaflet.css")}"', html)
    html = re.sub(r'<script src="https://[^"]*"></script>', "", html)
    return re.sub(r'<link rel="stylesheet" href="https://[^"]*"/>', "", html)


def query_times(ds) -> list[float]:
    field_id = ds.fields["field_id"].iloc[0]
    program_id = ds.programs["program_id"].iloc[0]
    filters = [Filter(), Filter(fields=frozenset({field_id})),
               Filter(programs=frozenset({program_id}), bureau_id="kinki"),
               Filter(text="bio")]
    samples = []
    for flt in filters:
        # The window memoises recent answers; the benchmark measures the query itself.
        timer = timeit.Timer(lambda flt=flt: _run_query(ds, flt))
        samples.extend(value / 10 for value in timer.repeat(QUERY_REPEATS // 10, 10))
    return samples


def export_times(window, folder: Path) -> dict:
    """PNG 1x/2x, PPTX and SVG exports of the window's state, when export is available."""
    try:
        from benchmarks.exports import measure_exports
    except ImportError:
        return {}
    return measure_exports(window, folder)


MEMORY_DONE = "memory-done"
"""Printed by the child when the app's workload is over; the parent stops sampling memory."""
PHASE_PREFIX = "phase "
"""Printed as the workload moves on, so the parent can say which part needed the memory."""
RESULT_PREFIX = "result "


def run_one(name: str, path: Path, folder: Path) -> dict:
    """Every in-process figure for one dataset, in this (fresh) process.

    The app's workload comes first (open, clicks, exports) and ends by printing MEMORY_DONE, so
    the parent's sampling of this process tree covers exactly what a person's session does;
    the naive baseline and the query timings follow.
    """
    from desktop.app.main_window import MainWindow
    from desktop.common.source_cache import drop_cached_sources, lighten_pyside_module_check

    lighten_pyside_module_check()  # as desktop/app/startup.py does
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(["cluster-explorer-bench"])
    del app
    print(PHASE_PREFIX + "open and click", flush=True)
    window = MainWindow(QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    window.open_dataset(path)
    wait_for(window.map_controller.sig_drawn)
    drop_cached_sources()  # as the app does once its data layer has loaded
    filters, panels = filter_round_trips(window)
    print(PHASE_PREFIX + "export", flush=True)
    exports = export_times(window, folder)
    print(MEMORY_DONE, flush=True)
    window.close()
    dispose(window)
    ds = load_dataset(path)
    baseline = naive_rebuild_and_reload(ds, folder)
    ours = statistics.median(
        [filters["field toggle"]["median_ms"], filters["program toggle"]["median_ms"]])
    baseline_summary = summarise(baseline)
    return {
        "filter": filters,
        "panels_filled": panels,
        "baseline_reload": baseline_summary,
        "speedup": round(baseline_summary["median_ms"] / ours, 1),
        "query": summarise(query_times(ds)),
        "export": exports,
    }


def main(argv: list[str]) -> int:
    """``python -m benchmarks.scenarios NAME DATASET FOLDER``: prints one result line."""
    name, path, folder = argv
    result = run_one(name, Path(path), Path(folder))
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    # Leave without interpreter finalisation: PySide6 and QtWebEngine can crash while their
    # wrappers are collected at exit (see tests/conftest.py), after the result is printed.
    sys.stdout.flush()
    os._exit(main(sys.argv[1:]))
