"""QGIS side by side (``make bench-anchor``; ``make bench`` too where QGIS is installed).

The app is measured against the tool officials would otherwise use: QGIS, through
``benchmarks/qgis_map.py`` run by the system's Python with Debian's ``python3-qgis``. Both draw
the same three layers of the same file at the same size, as whole processes:

- a PNG of 1920×1080: ``cluster-explorer export`` against the PyQGIS script, in pairs, one
  after the other (A B A B …), so that a machine whose speed drifts slows both alike; the ratio
  is taken pair by pair and its median printed;
- a window showing the map: the memory (PSS, each shared page counted once) of the app's whole
  process tree (the app and the web engine's processes) against QGIS's, from the start until
  the window holds its dataset (the app says ``dataset-shown``: a usual start draws the kept
  map before the dataset has loaded; QGIS says ``map-drawn`` once it has drawn the layers it
  loaded) and its memory has settled. One window at a time, the bench's and any other run's
  on the machine (those from the same environment share library pages, which lowers each
  one's PSS); the load average is printed beside the figures. QGIS is the whole application
  (``qgis``, its plugins and panels, on a virtual X display: it refuses to start without one)
  where Debian's ``qgis`` and ``xvfb`` are installed, else a bare PyQGIS map canvas (a lower
  bar).

``python -m benchmarks.anchor [--install-qgis] [--datasets bundled,large]``. Without QGIS it
says how to get it; ``--install-qgis`` installs ``python3-qgis``, ``qgis`` and ``xvfb`` (as
root on Debian, waiting for the dpkg lock another apt holds, as desktop/app/system_check.py
does).
"""

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.measure import PeakMemory, compile_app, repeats, whole_process_env
from benchmarks.synthetic import dataset_path, parse_datasets

QGIS_PYTHON = "/usr/bin/python3"
"""The interpreter Debian's python3-qgis is installed for."""
QGIS_PACKAGES = ("python3-qgis", "qgis", "xvfb")
"""PyQGIS for the PNG; the application and a virtual display for the window."""
QGIS_SCRIPT = Path(__file__).with_name("qgis_map.py")
PNG_SIZE = "1920x1080"
WINDOW_SIZE = "1600x1000"
"""The size of the bench's window (benchmarks/scenarios.py)."""
PNG_PAIRS = (5, 1)
WINDOW_PAIRS = (3, 1)
"""Pairs for ``make bench`` and for the smoke run (read when measuring: the suite says
"smoke" after importing this module)."""
SETTLE_S = 3.0
"""A window is watched, once it says it holds its dataset, until its memory has not grown for
this long (the app then draws the dataset's map and fills its panels)."""
SETTLE_AT_MOST_S = 40.0
DRAWN_TIMEOUT_S = 90
APP_READY = "dataset-shown"
"""The app's line once its first dataset is loaded and shown (desktop/app/startup.py, with
CLUSTER_EXPLORER_REPORT_DRAWN set): its ``map-drawn`` comes earlier, from the kept map."""
QGIS_READY = "map-drawn"
"""QGIS's line (benchmarks/qgis_map.py) once its canvas has drawn the layers, which it loads
whole before adding them."""
WINDOW_LOCK = Path(tempfile.gettempdir()) / "cluster-explorer-bench-windows.lock"
"""Held while windows are weighed: windows started from the same environment share library
pages, which lowers each one's PSS (and any two share the processors), so two runs of the
bench on one machine weigh theirs one at a time."""
TARGETS = {"bundled": {"png_ratio": 1.0, "window_pss_ratio": 1.0},
           "large": {"png_ratio": 1.0, "window_pss_ratio": 1.2}}
"""The app's figure over QGIS's, at most (issue 29)."""


def qgis_available() -> bool:
    """Whether the system's Python imports PyQGIS."""
    if not Path(QGIS_PYTHON).exists():
        return False
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           check=False)
    return probe.returncode == 0


def qgis_application_available() -> bool:
    """Whether the QGIS application and a virtual X display to start it on are installed."""
    return shutil.which("qgis") is not None and shutil.which("Xvfb") is not None


def install_qgis() -> bool:
    """Install QGIS_PACKAGES as root on Debian (waiting for the dpkg lock); whether PyQGIS is
    there afterwards. Elsewhere print the command to run."""
    from desktop.app.system_check import _can_install, install_packages

    if qgis_available() and qgis_application_available():
        return True
    packages = " ".join(QGIS_PACKAGES)
    if not _can_install():
        print(f"QGIS is not installed: run `sudo apt-get install {packages}`", file=sys.stderr)
        return qgis_available()
    print(f"· installing {packages} (Debian)", flush=True)
    install_packages(list(QGIS_PACKAGES))
    return qgis_available()


def _headless_env(home: Path) -> dict:
    """The environment of both sides: the bench's rule for whole processes
    (benchmarks/measure.py ``whole_process_env``: a throwaway home, bytecode written and read)
    and a runtime folder of their own."""
    return whole_process_env(home, XDG_RUNTIME_DIR=str(home), CPL_LOG="/dev/null")


def _wall_s(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)
    return time.perf_counter() - start


def app_export(dataset: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", "export", "--data", str(dataset),
            "--size", PNG_SIZE, str(out)]


def qgis_png(dataset: Path, out: Path) -> list[str]:
    return [QGIS_PYTHON, str(QGIS_SCRIPT), "png", str(dataset), str(out), PNG_SIZE]


def png_pairs(dataset: Path, folder: Path) -> dict:
    """Whole-process seconds of a 1920×1080 PNG, the app's and QGIS's, in pairs after one
    warm-up each (the file system's cache filled for both)."""
    env = _headless_env(folder)
    ours, theirs = app_export(dataset, folder / "app.png"), qgis_png(dataset, folder / "qgis.png")
    _wall_s(ours, env), _wall_s(theirs, env)
    app_s, qgis_s = [], []
    for _ in range(repeats(*PNG_PAIRS)):
        app_s.append(_wall_s(ours, env))
        qgis_s.append(_wall_s(theirs, env))
    return _paired(app_s, qgis_s, "s")


def _paired(ours: list[float], theirs: list[float], unit: str) -> dict:
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return {f"app_{unit}": round(statistics.median(ours), 3),
            f"qgis_{unit}": round(statistics.median(theirs), 3),
            "ratio": round(statistics.median(ratios), 2),
            "ratio_range": [round(min(ratios), 2), round(max(ratios), 2)],
            "pairs": len(ratios)}


@contextlib.contextmanager
def virtual_display():
    """A virtual X display (Xvfb) for the QGIS application, ended afterwards; its name."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1920x1200x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        number = chosen.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def load_average() -> float:
    """The machine's load average over the last minute (printed beside the figures: a busy
    machine slows both sides, but not alike)."""
    return round(os.getloadavg()[0], 2)


@contextlib.contextmanager
def one_window_at_a_time():
    """Hold WINDOW_LOCK (waiting for another run of the bench to release it)."""
    with open(WINDOW_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def settle_when_ready(lines, ready: str, memory: PeakMemory) -> None:
    """Read the window's report ``lines`` until one starts with ``ready`` (the window holds
    its dataset), then sample its memory until settled; RuntimeError when the lines end first
    (the window ended or was ended at DRAWN_TIMEOUT_S)."""
    if not any(line.startswith(ready) for line in lines):
        raise RuntimeError(f"the window never said {ready!r}")
    settle(memory)


def settle(memory: PeakMemory) -> None:
    """Sample until the peak has not grown for SETTLE_S (at most SETTLE_AT_MOST_S)."""
    start = grown = time.perf_counter()
    peak = memory.sample()
    while time.perf_counter() - grown < SETTLE_S and time.perf_counter() - start < SETTLE_AT_MOST_S:
        time.sleep(0.1)
        if memory.sample() > peak * 1.01:
            peak, grown = memory.peak_bytes, time.perf_counter()


def qgis_window(dataset: Path, folder: Path, display: str | None) -> tuple[list[str], dict]:
    """The command and environment of QGIS showing ``dataset``: the application on
    ``display``, or without one a bare map canvas."""
    env = _headless_env(folder)
    if display is None:
        return [QGIS_PYTHON, str(QGIS_SCRIPT), "window", str(dataset), WINDOW_SIZE], env
    env = {key: value for key, value in env.items() if not key.startswith("QT_QPA")}
    env.update(DISPLAY=display, QGIS_ANCHOR_DATASET=str(dataset))
    return ["qgis", "--nologo", "--noversioncheck", "--profiles-path",
            str(folder / "qgis-profiles"), "--code", str(QGIS_SCRIPT)], env


def window_pss_mb(command: list[str], env: dict, ready: str) -> float:
    """Peak PSS of a window's whole process tree, from its start until it printed ``ready``
    and its memory then stopped growing for SETTLE_S; the window is then closed (its process
    group ended, and waited for, before the next window starts)."""
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env,
                               start_new_session=True)
    memory = PeakMemory(process.pid)
    stop = threading.Event()
    watcher = threading.Thread(target=memory.watch, args=(stop,), daemon=True)
    watcher.start()
    timer = threading.Timer(DRAWN_TIMEOUT_S, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    try:
        settle_when_ready(process.stdout, ready, memory)
    finally:
        timer.cancel()
        stop.set()
        with contextlib.suppress(ProcessLookupError):  # it may have ended by itself
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    return memory.peak_mb


def window_pairs(dataset: Path, folder: Path) -> dict:
    """Peak PSS of the app's window and of QGIS's on ``dataset``, in pairs. The first start of
    each (the app keeps its page data, desktop/map/page_cache.py; QGIS makes its profile) is
    not counted."""
    env = dict(_headless_env(folder), CLUSTER_EXPLORER_REPORT_DRAWN="1")
    ours = [sys.executable, "-m", "desktop.cli", "--data", str(dataset)]
    whole = qgis_application_available()
    with (one_window_at_a_time(),
          virtual_display() if whole else contextlib.nullcontext() as display):
        load_before = load_average()
        theirs, their_env = qgis_window(dataset, folder, display)
        window_pss_mb(ours, env, APP_READY)
        window_pss_mb(theirs, their_env, QGIS_READY)
        app_mb, qgis_mb = [], []
        for _ in range(repeats(*WINDOW_PAIRS)):
            app_mb.append(window_pss_mb(ours, env, APP_READY))
            qgis_mb.append(window_pss_mb(theirs, their_env, QGIS_READY))
        load = [load_before, load_average()]
    return {**_paired(app_mb, qgis_mb, "mb"),
            "qgis": "application" if whole else "map canvas", "load": load}


def measure_anchor(datasets: dict[str, Path]) -> dict:
    """PNG and window figures against QGIS, per dataset."""
    results = {}
    compile_app()
    for name, path in datasets.items():
        with tempfile.TemporaryDirectory() as folder:
            print(f"· QGIS side by side ({name}): PNG {PNG_SIZE}", flush=True)
            load_before = load_average()
            png = dict(png_pairs(path, Path(folder)), load=[load_before, load_average()])
            print(f"· QGIS side by side ({name}): window memory", flush=True)
            window = window_pairs(path, Path(folder))
        results[name] = {"png": png, "window_pss": window}
    return results


def report_anchor(results: dict) -> list[str]:
    """Print the side-by-side table; the targets missed, as the suite's summary words them."""
    print()
    print(f"{'against QGIS (whole processes, paired)':<46}{'app':>12}{'QGIS':>12}"
          f"{'app/QGIS':>12}{'range':>14}{'load 1 min':>14}")
    missed = []
    for name, result in results.items():
        png, window = result["png"], result["window_pss"]
        rows = (("png_ratio", f"PNG {PNG_SIZE} ({name}, median)", png, "s"),
                ("window_pss_ratio", f"window PSS ({name}; QGIS {window['qgis']})", window,
                 "mb"))
        for key, label, figures, unit in rows:
            low, high = figures["ratio_range"]
            load = "–".join(str(value) for value in figures.get("load", ()))
            print(f"{label:<46}{figures[f'app_{unit}']:>10} {unit}{figures[f'qgis_{unit}']:>10}"
                  f" {unit}{figures['ratio']:>11}×{f'{low}–{high}':>14}{load:>14}")
            limit = TARGETS.get(name, {}).get(key)
            if limit is not None and figures["ratio"] > limit:
                missed.append(f"{name} {key}={figures['ratio']} (target ≤{limit})")
    return missed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.anchor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--install-qgis", action="store_true",
                        help="install Debian's " + ", ".join(QGIS_PACKAGES)
                        + " when missing (as root)")
    parser.add_argument("--datasets", default="bundled,large",
                        help="bundled, synthetic and/or large (default: bundled,large)")
    args = parser.parse_args(argv)
    if args.install_qgis:
        install_qgis()
    if not qgis_available():
        print(f"QGIS is not installed; `make bench-anchor` installs {' '.join(QGIS_PACKAGES)}",
              file=sys.stderr)
        return 2
    names = parse_datasets(args.datasets)
    missed = report_anchor(measure_anchor({name: dataset_path(name) for name in names}))
    print("SUMMARY " + ("all anchor targets met" if not missed
                        else "anchor targets missed: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)
