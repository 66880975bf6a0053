"""Small measuring tools: timing statistics, waiting on Qt signals, peak memory, repeats, the
environment of the processes the bench measures whole."""

import compileall
import os
import statistics
import threading
import time
from pathlib import Path

import numpy as np
import psutil
from PySide6.QtCore import QEventLoop, QTimer

SAMPLE_INTERVAL_S = 0.1
SMOKE_ENV = "CLUSTER_EXPLORER_BENCH_SMOKE"
"""Set by ``python -m benchmarks --smoke`` (CI); inherited by the processes the bench starts."""


NO_BYTECODE_ENV = "PYTHONDONTWRITEBYTECODE"


def whole_process_env(home: Path | None = None, **extra: str) -> dict:
    """The environment of every process the bench times or weighs whole (start-up, the
    in-process scenarios' process, CLI exports, windows against QGIS): this one's, plus
    ``extra``, with two rules.

    - Python's bytecode is written and read, as an installed program's is (pip compiles the
      app's modules, Debian QGIS's; the frozen app ships its bytecode): a shell that sets
      PYTHONDONTWRITEBYTECODE would have the app compile about 60 modules on every run,
      0.16–0.35 s that no user pays.
    - Given ``home``, the app keeps its settings and caches there, not in the user's, so every
      run of the bench starts alike.
    """
    env = dict(os.environ, **extra)
    env.pop(NO_BYTECODE_ENV, None)
    if home is not None:
        env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def compile_app() -> None:
    """Write the bytecode of the app's packages, as installing them does, so that the first
    process measured does not pay for it (see ``whole_process_env``)."""
    root = Path(__file__).resolve().parent.parent
    for package in ("desktop", "geodata"):
        compileall.compile_dir(root / package, quiet=1)


def repeats(full: int, smoke: int) -> int:
    """``full`` repeats for ``make bench``; ``smoke`` for CI's short run, which proves only that
    every step still runs (its figures are too few to compare with the targets)."""
    return smoke if os.environ.get(SMOKE_ENV) else full


def summarise(samples_s: list[float]) -> dict:
    """Median and p95 in milliseconds, with the number of runs."""
    values = np.asarray(samples_s) * 1000.0
    return {"median_ms": round(float(statistics.median(values)), 2),
            "p95_ms": round(float(np.percentile(values, 95)), 2), "runs": len(values)}


def wait_for(signal, predicate=lambda *args: True, timeout_s: float = 30.0):
    """Spin a local event loop until ``signal`` fires with arguments ``predicate`` accepts.

    A benchmark is a batch run, so a local loop is the plain way to wait; the app never does.
    """
    loop = QEventLoop()
    received: list = []

    def on_signal(*args):
        if predicate(*args):
            received.append(args)
            loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    if not received:
        raise TimeoutError(f"no matching signal within {timeout_s} s")
    return received[0]


def idle(milliseconds: int) -> None:
    """Let the event loop run for a while, as between a person's clicks."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


class PeakMemory:
    """Peak memory of one process and its children (the web engine's processes) together.

    Summed as PSS (proportional set size): each shared page (Qt and Chromium libraries mapped
    by every web-engine process) counts once across the processes, which plain RSS would
    count once per process. RSS is kept too, for reference. Sampled from another process
    (see ``watch``) so the sampling neither blocks nor slows the app measured.
    """

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.peak_bytes = 0
        self.peak_rss_bytes = 0
        self.phase = "start"
        self.phase_peaks: dict[str, int] = {}
        """Peak PSS per phase of the workload (set ``phase`` as the measured process moves on)."""

    def sample(self) -> int:
        pss = rss = 0
        try:
            tree = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return 0
        for process in tree:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue
            pss += getattr(info, "pss", info.rss)
            rss += info.rss
        self.peak_bytes = max(self.peak_bytes, pss)
        self.peak_rss_bytes = max(self.peak_rss_bytes, rss)
        self.phase_peaks[self.phase] = max(self.phase_peaks.get(self.phase, 0), pss)
        return pss

    def watch(self, stop: threading.Event, interval_s: float = SAMPLE_INTERVAL_S) -> None:
        """Sample until ``stop`` is set (run on a thread of the measuring process)."""
        while not stop.wait(interval_s):
            self.sample()

    @property
    def peak_mb(self) -> float:
        return round(self.peak_bytes / 2**20, 1)

    @property
    def peak_rss_mb(self) -> float:
        return round(self.peak_rss_bytes / 2**20, 1)

    @property
    def phase_peaks_mb(self) -> dict[str, float]:
        return {phase: round(peak / 2**20, 1) for phase, peak in self.phase_peaks.items()}


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
