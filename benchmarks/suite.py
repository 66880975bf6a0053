"""The suite of issue 5 (``python -m benchmarks``): the bundled dataset and two generated ones.

Prints a table, writes benchmarks/results.json and ends with one summary line saying whether
every target is met, with our filter latency as a ratio to the naive rebuild-and-reload.
``python -m benchmarks --datasets large`` (or ``BENCH_DATASETS=large make bench``) measures
only the datasets named; the national stage (benchmarks/national.py: a million organisations in
PostGIS, queried on the server) runs after them unless ``--no-national`` (``BENCH_ARGS=
--no-national make bench``); ``--smoke`` (``make bench-smoke``, run by CI) measures the bundled
dataset with a few repeats of each step, so that a step which no longer runs is noticed,
and skips the national stage (it needs the tests' PostGIS server, which CI's smoke run does not
install, and minutes to write its million rows).
Where QGIS is installed, the bundled and large datasets are also measured side by side with it
(benchmarks/anchor.py; ``make bench-anchor`` installs it and measures only that).

Exit status: 0 every target met, 1 some target missed, 2 the bench could not run (a missing
dependency, a step that failed).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from benchmarks.anchor import measure_anchor, qgis_available, report_anchor
from benchmarks.importing import import_rows, measure_import, report_import
from benchmarks.measure import (
    SMOKE_ENV,
    PeakMemory,
    compile_app,
    repeats,
    summarise,
    whole_process_env,
)
from benchmarks.national import missed_targets, report_national, run_national
from benchmarks.postgis_open import measure_postgis, report_postgis
from benchmarks.scenarios import MEMORY_DONE, PHASE_PREFIX, RESULT_PREFIX
from benchmarks.synthetic import DATASETS, dataset_path, parse_datasets

RESULTS = Path(__file__).with_name("results.json")
COLD_RUNS = {"bundled": 5, "synthetic": 3, "large": 3}
SMOKE_COLD_RUNS = 1
TARGETS = {
    "bundled": {"cold_start_ms": 1500, "filter_p95_ms": 50, "panels_p95_ms": 33, "speedup": 10,
                "png_ms": 1000, "peak_rss_mb": 600},
    "synthetic": {"cold_start_ms": 3000, "filter_p95_ms": 100, "speedup": 20, "png_ms": 2000,
                  "peak_rss_mb": 900},
    "large": {"first_start_ms": 4000, "cold_start_ms": 1500, "filter_p95_ms": 100,
              "png_ms": 1000, "peak_rss_mb": 800},
}
"""Per dataset, the limit of each figure (see ``figures``) that has one."""
AT_LEAST = frozenset({"speedup"})
"""The figures whose target is a floor; every other target is a ceiling."""
TARGETS_MET, TARGETS_MISSED, COULD_NOT_RUN = 0, 1, 2
ANCHORED = ("bundled", "large")
"""The datasets measured side by side with QGIS (benchmarks/anchor.py) where it is installed."""


def cold_start(dataset: Path, runs: int, home: Path) -> tuple[float, list[float]]:
    """Seconds from spawning the app to the page reporting the map drawn: the very first
    start (nothing kept yet), then ``runs`` usual starts (the page data kept at the last quit,
    see desktop/map/page_cache.py).

    The environment is the bench's for whole processes (benchmarks/measure.py
    ``whole_process_env``): settings and cache under ``home``, bytecode written and read.
    """
    env = whole_process_env(home, CLUSTER_EXPLORER_REPORT_DRAWN="quit")
    samples = []
    for run in range(runs + 1):
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--data", str(dataset)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   env=env)
        for line in process.stdout:
            if line.startswith("map-drawn"):
                samples.append(time.perf_counter() - start)
                break
        process.wait(timeout=60)
        if len(samples) < run + 1:
            raise RuntimeError(f"the app never reported a drawn map for {dataset}")
    return samples[0], samples[1:]


def in_process(name: str, dataset: Path, folder: Path) -> dict:
    """The in-process figures of one dataset, measured in a fresh process (see scenarios.py),
    with the peak memory of that process and its web engine sampled from here meanwhile."""
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.scenarios", name,
                                str(dataset), str(folder)], stdout=subprocess.PIPE, text=True,
                               env=whole_process_env())
    memory = PeakMemory(process.pid)
    stop = threading.Event()
    watcher = threading.Thread(target=memory.watch, args=(stop,), daemon=True)
    watcher.start()
    result = None
    for line in process.stdout:
        if line.startswith(MEMORY_DONE):
            stop.set()
        elif line.startswith(PHASE_PREFIX):
            memory.phase = line[len(PHASE_PREFIX):].strip()
        elif line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX):])
        else:
            print(line, end="", flush=True)
    stop.set()
    process.wait(timeout=60)
    if result is None or process.returncode != 0:
        raise RuntimeError(f"the in-process measurements of {name} ended without a result "
                           f"(exit code {process.returncode})")
    result.update(peak_rss_mb=memory.peak_mb, peak_plain_rss_sum_mb=memory.peak_rss_mb,
                  peak_mb_by_phase=memory.phase_peaks_mb)
    return result


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=parse_datasets,
                        default=os.environ.get("BENCH_DATASETS") or ",".join(DATASETS),
                        help=f"which datasets to measure, of {', '.join(DATASETS)} "
                             "(default: $BENCH_DATASETS, else all)")
    parser.add_argument("--national", action=argparse.BooleanOptionalAction, default=True,
                        help="the national stage: 100,000 projects and a million "
                             "organisations in PostGIS (default: on, off with --smoke)")
    parser.add_argument("--smoke", action="store_true",
                        help="the bundled dataset only, a few repeats of each step (CI); "
                             "results.json is left as it is")
    args = parser.parse_args(argv)
    if args.smoke:
        args.datasets = ("bundled",)
        args.national = False
    return args



def main(argv: list[str]) -> int:
    """Runs the bench; its exit status (TARGETS_MET, TARGETS_MISSED or COULD_NOT_RUN)."""
    args = parse_args(argv)
    if args.smoke:
        os.environ[SMOKE_ENV] = "1"  # read by the processes the bench starts
    try:
        return run_bench(args.datasets, write_results=not args.smoke, national=args.national)
    except Exception:  # any step that fails: the bench did not run, whatever the targets
        traceback.print_exc()
        print("the bench could not run (see above)", file=sys.stderr)
        return COULD_NOT_RUN


def run_bench(names: tuple[str, ...], write_results: bool, national: bool = False) -> int:
    started = time.perf_counter()
    compile_app()  # as installing does: the first start measured does not compile
    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        datasets = {name: dataset_path(name) for name in names}
        for name, path in datasets.items():
            print(f"· cold start ({name})", flush=True)
            first, usual = cold_start(path, repeats(COLD_RUNS[name], SMOKE_COLD_RUNS),
                                       Path(folder) / name)
            results[name] = {"cold_start": summarise(usual),
                             "first_start": summarise([first])}
        for name, path in datasets.items():
            print(f"· in-process measurements ({name})", flush=True)
            results[name].update(in_process(name, path, Path(folder)))
        postgis = None
        if "synthetic" in datasets:
            print("· PostGIS open (synthetic)", flush=True)
            postgis = measure_postgis(datasets["synthetic"])
        print(f"· list import ({import_rows():,} rows)", flush=True)
        list_import = measure_import(Path(folder))
    extra = {"list_import": list_import}
    if national:
        print("· national stage (PostGIS, server-side queries)", flush=True)
        extra["national"] = run_national()
    if postgis:
        extra["postgis_synthetic"] = postgis
    anchored = {name: path for name, path in datasets.items() if name in ANCHORED}
    anchor = measure_anchor(anchored) if anchored and qgis_available() else None
    if anchor:
        extra["qgis_anchor"] = anchor
    if write_results:
        RESULTS.write_text(json.dumps({**results, **extra}, indent=2))
    missed = missed_targets(extra["national"]) if national else []
    if postgis:
        report_postgis("synthetic", postgis)
    report_import(list_import)
    if national:
        report_national(extra["national"])
    code = report(results, missed)
    if anchor:
        missed_against_qgis = report_anchor(anchor)
        if missed_against_qgis:
            print("SUMMARY against QGIS, targets missed: " + "; ".join(missed_against_qgis))
            code = max(code, TARGETS_MISSED)
    elif anchored:
        print("QGIS side by side skipped: QGIS is not installed (`make bench-anchor` installs "
              "Debian's python3-qgis, qgis and xvfb)")
    print(f"bench took {time.perf_counter() - started:.0f} s", flush=True)
    return code


def figures(result: dict) -> dict:
    """The figures the targets are about, from one dataset's results."""
    return {
        "first_start_ms": result["first_start"]["median_ms"],
        "cold_start_ms": result["cold_start"]["median_ms"],
        "filter_p95_ms": max(stat["p95_ms"] for stat in result["filter"].values()),
        "panels_p95_ms": max(stat["p95_ms"] for stat in result["panels_filled"].values()),
        "speedup": result["speedup"],
        "png_ms": result.get("export", {}).get("png_1920x1080", {}).get("median_ms"),
        "peak_rss_mb": result["peak_rss_mb"],
    }


def _row(label: str, cells) -> None:
    print(f"{label:<38}" + "".join(f"{cell:>18}" for cell in cells))


def _timing(stat: dict | None, p95: bool = True) -> str:
    if stat is None:
        return "–"
    return f"{stat['median_ms']}/{stat['p95_ms']} ms" if p95 else f"{stat['median_ms']} ms"


def report(results: dict, missed_elsewhere: list[str] = ()) -> int:
    """Print the table and the summary line; 0 when every target of the datasets measured
    (and of the other stages: ``missed_elsewhere`` says which they missed) is met."""
    columns = list(results.values())
    first = columns[0]
    print()
    _row("figure", results)
    _row("start to map drawn (median)", (_timing(r["cold_start"], p95=False) for r in columns))
    _row("… first start, nothing kept", (_timing(r["first_start"], p95=False) for r in columns))
    for kind in first["filter"]:
        _row(f"round trip {kind} (med/p95)", (_timing(r["filter"].get(kind)) for r in columns))
    for kind in first["panels_filled"]:
        _row(f"… panels filled {kind}", (_timing(r["panels_filled"].get(kind)) for r in columns))
    for key in ("baseline_reload", "query"):
        _row(f"{key} (med/p95)", (_timing(r[key]) for r in columns))
    for kind in first.get("export", {}):
        _row(f"export {kind} (median)",
             (_timing(r.get("export", {}).get(kind), p95=False) for r in columns))
    _row("speed-up over rebuild-and-reload", (f"{r['speedup']}×" for r in columns))
    _row("peak memory (PSS), app + engine", (f"{r['peak_rss_mb']} MB" for r in columns))
    phases = dict.fromkeys(phase for r in columns for phase in r["peak_mb_by_phase"])
    for phase in phases:
        _row(f"… while {phase}",
             (f"{r['peak_mb_by_phase'].get(phase, '–')} MB" for r in columns))
    verdicts, missed = [], list(missed_elsewhere)
    for name, result in results.items():
        values = figures(result)
        for key, limit in TARGETS[name].items():
            value, at_least = values[key], key in AT_LEAST
            ok = value is not None and (value >= limit if at_least else value <= limit)
            if not ok:
                missed.append(f"{name} {key}={value} (target {'≥' if at_least else '≤'}{limit})")
        verdicts.append(f"{name}: filter p95 {values['filter_p95_ms']} ms, "
                        f"{values['speedup']}× baseline")
    print()
    status = "all targets met" if not missed else "targets missed: " + "; ".join(missed)
    print(f"SUMMARY {status} — " + " | ".join(verdicts))
    return TARGETS_MISSED if missed else TARGETS_MET

