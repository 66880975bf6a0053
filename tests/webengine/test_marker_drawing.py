"""The map's markers look as they did when the canvas stamped each one with drawImage: the
marker layer now composes their pixels itself (resources/map/marker_layer.js, Frame), and a
person must not see the difference — the same looks, the same stacking (the selected marker
on top, later markers over earlier), at the screen's own scale.

The page is only read: the markers' canvas, compared with the same markers stamped with
drawImage on a canvas of the test's own (page_hooks.js markerDrawing). The selection is made
by a real click on a marker.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from imported_list import imported_dataset
from real_input import click, view, wait_input_ready, wait_still, wheel
from webpage import open_window, page_json, wait_settled

from benchmarks.synthetic import Scale, write_synthetic
from desktop.map import cartography

pytestmark = pytest.mark.webengine

TOLERANCE = 2
"""Levels (of 255) a premultiplied channel may differ by: the canvas rounds each blend its own
way, and a pixel under many markers gathers a level or two more in a few places (at most 4
levels, in 1 pixel of 208,100 at 200 %). A marker under another instead of over it, or in
another look, differs by tens of levels in hundreds of pixels."""
MOST_DIFFERING = 0.001
"""The share of the inked pixels that may differ by more than TOLERANCE."""
WORST = 8

SCALES = (1.5, 2.0)


def crowded_marker(points: dict, reach: float) -> tuple[str, list[float]]:
    """The drawn marker with the most others within ``reach`` of it, and its point."""
    ids = [key for key, point in points.items() if point]
    xy = np.array([points[key] for key in ids])
    distances = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    neighbours = (distances < reach).sum(axis=1) - 1
    best = int(np.argmax(neighbours))
    assert neighbours[best] >= 2, "no marker overlaps another here"
    return ids[best], list(xy[best])


def overlapping_pairs(points: list, reach: float) -> int:
    xy = np.array([point for point in points if point])
    distances = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    return int(((distances < reach).sum() - len(xy)) // 2)


def assert_drawn_as_stamped(qtbot, window, organisations: bool = False) -> dict:
    drawing = page_json(qtbot, window, "markerDrawing", organisations, TOLERANCE)
    assert drawing["markers"] > 0 and drawing["inked"] > 50 * drawing["markers"], drawing
    assert drawing["differing"] <= MOST_DIFFERING * drawing["inked"], drawing
    assert drawing["worst"] <= WORST, drawing
    return drawing


def crowded_dataset(folder: Path) -> Path:
    """Projects placed at random over each bureau (the bench's generator, at a small scale):
    many markers overlap at the whole country's zoom, in every field's look."""
    path = folder / "crowded.gpkg"
    return write_synthetic(path, Scale(projects=800, participants=800, tieups=20))


def test_project_markers_look_and_stack_as_stamped_ones(qtbot, tmp_path):
    """Every look (each field's colour and glyph, the selected one) over and under others."""
    window = open_window(qtbot, tmp_path, crowded_dataset(tmp_path))
    window.resize(1600, 1000)
    window.activateWindow()
    wait_input_ready(qtbot, window)
    wait_settled(qtbot, window)
    normal = cartography.MAP_STYLE["project"]["normal"]
    shown = page_json(qtbot, window, "visibleProjectIds")
    points = page_json(qtbot, window, "markerPoints", shown)
    assert overlapping_pairs(list(points.values()), 2 * normal["radius"]) >= 20
    assert_drawn_as_stamped(qtbot, window)

    # a real click where markers crowd: the one on top there is selected, drawn larger and
    # last, over its neighbours
    _, point = crowded_marker(points, 2 * normal["radius"])
    click(qtbot, window, point)
    qtbot.waitUntil(lambda: window.state.filter.project_id is not None, timeout=5_000)
    wait_settled(qtbot, window)
    selected = window.state.filter.project_id
    shown = page_json(qtbot, window, "visibleProjectIds")
    assert shown[-1] == selected
    points = page_json(qtbot, window, "markerPoints", shown)
    reach = cartography.MAP_STYLE["project"]["selected"]["radius"] + normal["radius"]
    others = [point for key, point in points.items() if key != selected and point]
    assert min(np.hypot(x - points[selected][0], y - points[selected][1])
               for x, y in others) < reach, "the selected marker overlaps none"
    assert_drawn_as_stamped(qtbot, window)


def test_organisation_markers_look_and_stack_as_stamped_ones(qtbot, tmp_path):
    """The imported organisations' squares, each kind's fill, and the selected one (picked by
    a real click, brought clear of the projects' markers with the wheel first)."""
    window = open_window(qtbot, tmp_path, imported_dataset(tmp_path))
    window.resize(1600, 1000)
    window.activateWindow()
    wait_input_ready(qtbot, window)
    wait_settled(qtbot, window)
    assert_drawn_as_stamped(qtbot, window, organisations=True)
    for _ in range(4):
        wait_still(qtbot, window)
        point, room = most_open_organisation(qtbot, window)
        if room > 14:
            break
        before = view(qtbot, window)["zoom"]
        wheel(qtbot, window, point, 2)
        qtbot.waitUntil(lambda b=before: view(qtbot, window)["zoom"] > b, timeout=5_000)
    assert room > 14, f"no organisation lies clear of the other markers ({room:.1f} px)"
    click(qtbot, window, point)
    qtbot.waitUntil(lambda: window.state.selected_organisation is not None, timeout=5_000)
    wait_settled(qtbot, window)
    assert_drawn_as_stamped(qtbot, window, organisations=True)
    assert_drawn_as_stamped(qtbot, window)


def most_open_organisation(qtbot, window) -> tuple[list[float], float]:
    """Where the organisation farthest from every other marker is drawn, and how far."""
    points = page_json(qtbot, window, "organisationPoints",
                       page_json(qtbot, window, "visibleOrganisationIds"))
    projects = page_json(qtbot, window, "markerPoints",
                         page_json(qtbot, window, "visibleProjectIds"))
    projects = [point for point in projects.values() if point]
    best, room = None, -1.0
    for key, point in points.items():
        others = projects + [other for other_key, other in points.items()
                             if other_key != key and other]
        nearest = min(np.hypot(x - point[0], y - point[1]) for x, y in others) if point else -1
        if nearest > room:
            best, room = point, nearest
    return best, room


@pytest.mark.parametrize("scale", SCALES, ids=lambda scale: f"{round(scale * 100)}pc")
def test_markers_look_as_stamped_ones_on_a_scaled_screen(scale, tmp_path):
    """The project markers' test in a process of its own at ``scale`` (Qt takes its scale
    once, when it starts): the sprites and their places at the device pixel ratio."""
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
    module = Path(__file__).resolve()
    test = f"{module}::test_project_markers_look_and_stack_as_stamped_ones"
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          test], cwd=module.parents[2], env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
