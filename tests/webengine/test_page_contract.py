"""The Python ↔ page contract: the state's keys and the bridge's slots, each named once.

MapState (desktop/map/page_state.py) is what Python sends to ``clusterMap.setState``; the page
keeps its own ``var state``. Both sides must name the same keys, and a key the page does not
read must not vanish silently.
"""

import json
import re

from PySide6.QtCore import QMetaMethod

from desktop.common.resources import resources_dir
from desktop.map import js_api
from desktop.map.page_state import MapState, map_state
from desktop.map.view import MapBridge
from tests.webpage import open_window, run_js

PAGE_SCRIPTS = sorted((resources_dir() / "map").glob("*.js"))


def test_the_page_reads_exactly_the_fields_of_map_state(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    page_keys = json.loads(run_js(qtbot, window, "clusterMap.stateKeys()"))
    assert sorted(page_keys) == sorted(MapState.keys())


def test_the_page_reports_a_key_it_does_not_read(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    controller = window.map_controller
    shown = map_state(window.state.dataset, window.state.filter, None, False, True)
    state = {**shown.as_dict(), "no_such_key": 1}
    js_api.set_state(window.map_view, json.dumps({**state, "seq": controller.seq + 1,
                                                  "viewport": None}))
    qtbot.waitUntil(lambda: any("unknown keys no_such_key" in error
                                for error in window.map_view.js_errors))


def test_every_slot_the_page_calls_is_a_bridge_slot():
    slots = {bytes(MapBridge.staticMetaObject.method(index).name()).decode()
             for index in range(MapBridge.staticMetaObject.methodCount())
             if MapBridge.staticMetaObject.method(index).methodType()
             == QMetaMethod.MethodType.Slot}
    called = {name for path in PAGE_SCRIPTS
              for name in re.findall(r'\bsend\("(\w+)"', path.read_text(encoding="utf-8"))}
    assert called and called <= slots
    assert not any(re.search(r"\bbridge\.\w+\(", path.read_text(encoding="utf-8"))
                   for path in PAGE_SCRIPTS), "the page calls a slot past send()"


def test_the_legend_is_drawn_in_the_look_the_exports_use(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    legend = run_js(qtbot, window, "(function () { var box = document.querySelector("
                    "'.cx-legend'); if (!box) { return null; } var look = getComputedStyle(box);"
                    " return [look.color, look.backgroundColor, look.fontSize].join('|'); })()")
    assert legend == "rgb(34, 34, 34)|rgba(255, 255, 255, 0.92)|11px"
