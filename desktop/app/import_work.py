"""One step of an import (read the list, check and place its rows, write the target) run off the
GUI thread, so that the window keeps drawing and its Cancel button answers while a list of
thousands of rows is read or a busy target is waited for.

The steps run one after another in one long-lived QThread per dialog (ImportWorker), not in a
QThreadPool: PySide gives a pool's thread a fresh Python thread state for each task, so the
per-thread PROJ context pyproj keeps is torn down between tasks while objects made under it
live on, and the next layer read there crashed PROJ. One thread keeps one context.

The step is a plain function of geodata.importing's; it is given ``progress(done, total)`` and
``check()``, which raises ImportCancelled once the user has cancelled. What it returns or raises
comes back to the GUI thread through the signals of its ImportWork (queued: they are emitted in
the worker's thread, their receivers live in the GUI thread).
"""

from __future__ import annotations

import atexit
import contextlib
import queue
import threading
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from geodata.importing.planning import ImportCancelled

Step = Callable[[Callable[[int, int], None], Callable[[], None]], object]


class ImportWork(QObject):
    """One step under way; ``cancel()`` asks it to stop at its next check."""

    sig_progress = Signal(object, int, int)
    """(this work, rows done, rows in all) — rows of 0 in all when the step cannot count."""
    sig_finished = Signal(object, object)
    """(this work, what the step returned)."""
    sig_failed = Signal(object, object)
    """(this work, the exception the step raised)."""
    sig_cancelled = Signal(object)
    """(this work): it stopped at a check after cancel(); it wrote nothing."""

    def __init__(self, step: Step, on_done: Callable[[object], None]):
        super().__init__()
        self.step = step
        self.on_done = on_done
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise ImportCancelled

    def run(self) -> None:
        """Run the step (in the worker's thread) and say how it ended."""
        try:
            self.check()  # cancelled while it waited behind another step: never started
            result = self.step(self._progress, self.check)
        except ImportCancelled:
            self.sig_cancelled.emit(self)
        except Exception as error:  # noqa: BLE001 - every failure is shown, none is lost
            self.sig_failed.emit(self, error)
        else:
            # Finished even when cancelled after its last check: a write that replaced the
            # target has happened, and the dialog must say so.
            self.sig_finished.emit(self, result)

    def _progress(self, done: int, total: int) -> None:
        self.check()
        self.sig_progress.emit(self, done, total)


class ImportWorker(QThread):
    """The thread a dialog's steps run in, in the order they were submitted."""

    STACK_BYTES = 16 * 1024 * 1024
    """SQLite and PROJ recurse deeper than the smallest default thread stacks."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setStackSize(self.STACK_BYTES)
        self._queue: queue.SimpleQueue[ImportWork | None] = queue.SimpleQueue()
        _WORKERS.add(self)

    def submit(self, work: ImportWork) -> ImportWork:
        if not self.isRunning():
            self.start()
        self._queue.put(work)
        return work

    def run(self) -> None:  # the worker's thread
        while (work := self._queue.get()) is not None:
            work.run()

    def stop(self) -> None:
        """Let the steps under way end (cancel them first to make it quick) and the thread with
        them; the dialog calls it before it goes."""
        if self.isRunning():
            self._queue.put(None)
            self.wait()


_WORKERS: weakref.WeakSet[ImportWorker] = weakref.WeakSet()


@atexit.register
def _stop_workers() -> None:
    """A dialog dropped without closing leaves its worker waiting for steps: end it before
    Python goes, or Qt aborts on a running thread's destruction."""
    for worker in list(_WORKERS):
        with contextlib.suppress(RuntimeError):  # its C++ side is gone, and the thread with it
            worker.stop()
