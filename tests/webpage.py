"""Helpers for tests that drive the real window and its WebEngine page (no sleeps).

What tests read from the page beyond its API (where a bureau is on screen, the markers drawn)
is in page_hooks.js, injected with each call: the page itself ships no test code. Tests act
only through real input (real_input.py), never through the page.
"""

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.app.main_window import MainWindow
from desktop.map.cartography import MAP_STYLE

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


HOOKS_SOURCE = (Path(__file__).with_name("page_hooks.js")).read_text(encoding="utf-8")


def hook_script(hook: str, *args) -> str:
    """A script that installs the hooks if this page has none yet, then runs ``hook``."""
    arguments = ", ".join(json.dumps(arg) for arg in args)
    looks = json.dumps({look: MAP_STYLE["bureau"][look] for look in ("selected", "hover")})
    return (f"{HOOKS_SOURCE}\ninstallClusterMapTest({looks});\n"
            f"window.clusterMapTest.{hook}({arguments});")


def page_hook(qtbot, window: MainWindow, hook: str, *args):
    """Read with a hook of page_hooks.js (e.g. ``"highlightedBureau"``); return its value."""
    return run_js(qtbot, window, hook_script(hook, *args))


def page_json(qtbot, window: MainWindow, hook: str, *args):
    """Read with a hook that answers in JSON text; return the value it encodes."""
    return json.loads(page_hook(qtbot, window, hook, *args))


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
        assert window.map_view.ready  # a page loaded for a new dataset pushes its state when ready
        assert controller.drawn_seq == controller.seq

    qtbot.waitUntil(settled, timeout=DRAW_TIMEOUT_MS)
