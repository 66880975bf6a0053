"""Small measuring tools: timing statistics, waiting on Qt signals, peak memory."""

import statistics
import time

import numpy as np
import psutil
from PySide6.QtCore import QEventLoop, QTimer


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
    """Peak memory of this process and its children (the web engine's processes) together.

    Summed as PSS (proportional set size): each shared page (Qt and Chromium libraries mapped
    by every web-engine process) counts once across the processes, which plain RSS would
    count once per process. RSS is kept too, for reference.
    """

    def __init__(self):
        self.process = psutil.Process()
        self.peak_bytes = 0
        self.peak_rss_bytes = 0

    def sample(self) -> int:
        pss = rss = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            try:
                info = process.memory_full_info()
            except psutil.Error:
                continue
            pss += getattr(info, "pss", info.rss)
            rss += info.rss
        self.peak_bytes = max(self.peak_bytes, pss)
        self.peak_rss_bytes = max(self.peak_rss_bytes, rss)
        return pss

    @property
    def peak_mb(self) -> float:
        return round(self.peak_bytes / 2**20, 1)

    @property
    def peak_rss_mb(self) -> float:
        return round(self.peak_rss_bytes / 2**20, 1)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
