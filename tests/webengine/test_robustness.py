"""The real window under stress and faults: random actions, a killed render process."""

import json
import os
import random
import signal

import psutil
import pytest
from real_input import click
from webpage import PAGE_TIMEOUT_MS, open_window, page_hook, wait_drawn, wait_settled

from desktop.map import js_api
from geodata import Filter, run_query, visible_project_ids

pytestmark = pytest.mark.webengine

ACTIONS = 1_000
SETTLE_EVERY = 50
WARM_UP_ACTIONS = 200
# Bound on memory growth over the last 800 actions (PSS of the app and its web-engine
# processes together); the assertion message reports the growth measured when it fails.
MEMORY_GROWTH_BOUND_MB = 150


def _pss_mb() -> float:
    total = 0
    process = psutil.Process()
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except psutil.Error:
            continue
        total += getattr(info, "pss", info.rss)
    return total / 2**20


def _map_takes_clicks(window) -> bool:
    """A person clicks a map they see: not while a new dataset's page replaces the old."""
    return (window.map_view.ready and window.dataset_loader is None
            and window.map_view.focusProxy() is not None)


def _random_action(rng: random.Random, qtbot, window, tmp_path) -> None:
    state = window.state
    ds = state.dataset
    choice = rng.random()
    if choice < 0.25:
        state.set_field(rng.choice(list(ds.fields["field_id"])), rng.random() < 0.5)
    elif choice < 0.40:
        state.set_program(rng.choice(list(ds.programs["program_id"])), rng.random() < 0.5)
    elif choice < 0.52:
        window.region_list.select_row_for(rng.choice([None, *ds.bureaus["bureau_id"]]))
    elif choice < 0.60:
        if _map_takes_clicks(window):  # a click anywhere on the map
            size = window.map_view.size()
            click(qtbot, window, [rng.uniform(0, size.width()), rng.uniform(0, size.height())])
    elif choice < 0.68:
        # a click on a marker (none while a new dataset's page loads: it has no map yet)
        shown = json.loads(page_hook(qtbot, window, "visibleProjectIds") or "[]")
        if shown and _map_takes_clicks(window):
            point = json.loads(page_hook(qtbot, window, "markerPoints", [rng.choice(shown)])
                               or "{}")
            if any(point.values()):
                click(qtbot, window, next(iter(point.values())))
    elif choice < 0.74:
        hits = window.search_box.update_hits(rng.choice(["bio", "大学", "Kyoto", "TAMA", "zz"]))
        if hits:
            window.go_to_hit(rng.choice(hits))
    elif choice < 0.82:
        window.commands["tieups"].toggle()
    elif choice < 0.88:
        state.clear_selection()
    elif choice < 0.93:
        state.clear_filters()
    elif choice < 0.96:
        tieups = list(state.scope_result().tieups["tieup_id"])
        state.select_tieup(rng.choice(tieups) if tieups else None)
    elif choice < 0.985:
        window.exporter.export_to(tmp_path / f"stress-{rng.randrange(3)}.svg")
    else:
        window.open_dataset(None)


def test_a_thousand_random_actions_leave_a_consistent_window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    rng = random.Random(20261123)
    start_mb = None
    for number in range(1, ACTIONS + 1):
        _random_action(rng, qtbot, window, tmp_path)
        if number % SETTLE_EVERY == 0:
            wait_settled(qtbot, window)
        if number == WARM_UP_ACTIONS:
            start_mb = _pss_mb()  # after one-time costs: fonts, caches
    # File ▸ Open loads off the GUI thread: the last one opened must have arrived.
    wait_settled(qtbot, window, lambda: window.dataset_loader is None)
    flt = window.state.filter
    ds = window.state.dataset
    expected = run_query(ds, flt)
    assert window.map_view.js_errors == []
    assert window.map_view.interceptor.blocked == []
    assert set(window.state.result().project_ids) == set(expected.project_ids)
    assert window.tieups_panel.row_count() == len(expected.tieups)
    assert window.achievements_panel.row_count() == len(expected.achievements)
    shown = page_hook(qtbot, window, "visibleMarkerCount")
    assert shown == len(visible_project_ids(ds, flt))
    growth = _pss_mb() - start_mb
    print(f"memory growth over the last {ACTIONS - WARM_UP_ACTIONS} actions: {growth:.0f} MB")
    assert growth < MEMORY_GROWTH_BOUND_MB, f"memory grew by {growth:.0f} MB"


def test_a_killed_render_process_is_replaced_and_the_state_restored(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    wait_drawn(qtbot, window, lambda: window.state.set_field("biotechnology", True))
    wait_drawn(qtbot, window, lambda: window.state.select_bureau("kinki"))
    # Selecting Kinki flies the map there; under load that flight can end (and say so) after
    # the view below is set: wait for the view set, not for whichever move ends first.
    with qtbot.waitSignal(window.map_view.bridge.sig_view_changed, timeout=PAGE_TIMEOUT_MS,
                          check_params_cb=lambda view: view["zoom"] == 7):
        js_api.set_view(window.map_view, {"lat": 34.7, "lon": 135.5, "zoom": 7})
    pid = window.map_view.map_page.renderProcessPid()
    assert pid > 0
    with qtbot.waitSignal(window.map_view.sig_render_process_restarted,
                          timeout=PAGE_TIMEOUT_MS):
        os.kill(pid, signal.SIGKILL)
    wait_settled(qtbot, window, lambda: window.map_view.ready)
    expected = run_query(window.state.dataset,
                         Filter(fields=frozenset({"biotechnology"})))
    assert page_hook(qtbot, window, "visibleMarkerCount") == len(expected.projects)
    assert page_hook(qtbot, window, "highlightedBureau") == "kinki"
    assert json.loads(page_hook(qtbot, window, "view"))["zoom"] == 7
    assert window.map_view.map_page.renderProcessPid() not in (0, pid)
