"""Helpers for tests that drive the real window and its WebEngine page (no sleeps)."""

from PySide6.QtCore import QSettings

from desktop.app.main_window import MainWindow

PAGE_TIMEOUT_MS = 60_000
DRAW_TIMEOUT_MS = 15_000


def open_window(qtbot, tmp_path, dataset_path=None) -> MainWindow:
    """A window with private settings, shown, its page drawn for ``dataset_path``."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.map_controller.sig_drawn, timeout=PAGE_TIMEOUT_MS):
        assert window.open_dataset(dataset_path)
    return window


def run_js(qtbot, window: MainWindow, script: str):
    """Evaluate ``script`` in the page and return its value."""
    with qtbot.waitCallback(timeout=DRAW_TIMEOUT_MS) as callback:
        window.map_view.evaluate(script, callback)
    return callback.args[0]


def wait_drawn(qtbot, window: MainWindow, action) -> int:
    """Do ``action`` and wait until the page acknowledges drawing the state it caused.

    Returns the number of project markers the page reports on the map.
    """
    before = window.map_controller.seq
    action()
    assert window.map_controller.seq > before, "the action did not change what the map shows"
    wanted = window.map_controller.seq

    def reached(seq, _markers):
        return seq >= wanted

    with qtbot.waitSignal(window.map_controller.sig_drawn, timeout=DRAW_TIMEOUT_MS,
                          check_params_cb=reached) as blocker:
        pass
    return blocker.args[1]


def wait_settled(qtbot, window: MainWindow, condition=lambda: True) -> None:
    """Wait until ``condition`` holds and the page has drawn the latest state pushed."""
    controller = window.map_controller

    def settled():
        assert condition()
        assert controller.drawn_seq == controller.seq

    qtbot.waitUntil(settled, timeout=DRAW_TIMEOUT_MS)
