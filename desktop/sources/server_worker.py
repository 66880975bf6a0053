"""One thread that talks to the PostGIS server for the window, so the window never waits on it.

psycopg connections are not shared between threads: this thread opens its own (with
``open_server_queries``, which prepares a schema without query indexes once) and runs every
question on it, in order. The answers come back on the GUI thread as a Qt signal; a question
asked again before its answer came (a second click) makes the first answer stale, and a stale
answer is dropped, so the panels show only the latest click. After a failure (the server
restarted, the network gone a while) the next question connects again.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class ServerWorker(QObject):
    """Asks ``open_queries()``'s ServerQueries questions on its own thread.

    ``ask(topic, question)`` runs ``question(queries)`` there; ``sig_answer(topic, answer)``
    brings the latest question's answer per topic back (an exception when it failed, which
    ``sig_failed`` says too).
    """

    sig_answer = Signal(str, object)
    sig_failed = Signal(str, str)
    """(topic, the first line of why): the server could not answer."""
    _sig_done = Signal(str, int, object)

    def __init__(self, open_queries: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self._open_queries = open_queries
        self._jobs: queue.Queue = queue.Queue()
        self._latest: dict[str, int] = {}
        self._counter = 0
        self._sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        jobs = self._jobs  # not self: the thread ends, and its connection closes, with the window
        self.destroyed.connect(lambda: jobs.put(None))
        self._thread = threading.Thread(target=self._run, name="server-queries", daemon=True)
        self._thread.start()

    def ask(self, topic: str, question: Callable) -> None:
        self._counter += 1
        self._latest[topic] = self._counter
        self._jobs.put((topic, self._counter, question))

    def close(self) -> None:
        """Stop the thread once the questions asked are done, and close its connection."""
        self._jobs.put(None)

    def _run(self) -> None:
        queries = None
        try:
            while (job := self._jobs.get()) is not None:
                topic, number, question = job
                if self._latest.get(topic) != number:
                    continue  # asked again since: only the latest question is worth its time
                try:
                    if queries is None:
                        queries = self._open_queries()
                    answer = question(queries)
                except Exception as error:  # any failure is the answer: the window says it
                    log.warning("the server could not answer (%s): %s", topic, error)
                    answer = error
                    if queries is not None:  # the next question connects afresh
                        queries.close()
                        queries = None
                try:
                    self._sig_done.emit(topic, number, answer)
                except RuntimeError:  # the window and this object are gone
                    return
        finally:
            if queries is not None:
                queries.close()

    def _deliver(self, topic: str, number: int, answer) -> None:
        if self._latest.get(topic) != number:
            return  # a later question on this topic is on its way
        if isinstance(answer, Exception):
            text = str(answer).strip()
            self.sig_failed.emit(topic, text.splitlines()[0] if text else type(answer).__name__)
        self.sig_answer.emit(topic, answer)
