"""Small measuring tools: timing statistics, waiting on Qt signals, peak memory, repeats."""

import os
import statistics
import threading
import time

import numpy as np
import psutil
from PySide6.QtCore import QEventLoop, QTimer

SAMPLE_INTERVAL_S = 0.1
SMOKE_ENV = "CLUSTER_EXPLORER_BENCH_SMOKE"
"""Set by ``python -m benchmarks --smoke`` (CI); inherited by the processes the bench starts."""


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
