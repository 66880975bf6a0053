"""The server thread of the server-side mode (desktop/sources/server_worker.py): questions run
in order off the GUI thread, and an answer overtaken by a newer question on its topic — a view
the map has already left, a bureau no longer chosen — never reaches the window."""

import threading

from desktop.sources.server_worker import ServerWorker


class _Source:
    def close(self) -> None:
        pass


def test_only_the_latest_answer_per_topic_is_delivered(qtbot):
    release = threading.Event()
    asked_on = []
    worker = ServerWorker(_Source)
    answers = []
    worker.sig_answer.connect(lambda topic, answer: answers.append((topic, answer)))

    def slow(_source):  # the first view's question, still on the server
        asked_on.append(threading.current_thread())
        release.wait(10)
        return "first view"

    worker.ask("map", slow)
    qtbot.waitUntil(lambda: bool(asked_on), timeout=5_000)
    worker.ask("map", lambda _source: "second view")  # the map moved meanwhile
    worker.ask("panel", lambda _source: "panel")  # another topic: its own latest
    release.set()
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5_000)
    qtbot.wait(100)  # nothing else comes
    assert answers == [("map", "second view"), ("panel", "panel")]
    assert asked_on[0] is not threading.main_thread()
    worker.close()


def test_a_question_overtaken_before_it_ran_is_not_asked(qtbot):
    release = threading.Event()
    ran = []
    worker = ServerWorker(_Source)
    answers = []
    worker.sig_answer.connect(lambda topic, answer: answers.append(answer))
    worker.ask("panel", lambda _source: release.wait(10))
    for view in range(5):  # a wheel turned five notches while the server was busy
        worker.ask("map", lambda _source, view=view: ran.append(view) or view)
    release.set()
    qtbot.waitUntil(lambda: 4 in answers, timeout=5_000)
    assert ran == [4]
    worker.close()
