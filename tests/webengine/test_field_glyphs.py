"""The page draws each field's glyph (cartography.field_glyphs) in its markers and in its
legend's swatches, in the ink the rule gives: colour is not the only carrier of a field.
The page is only read (its canvases' pixels), as a person sees it."""

import numpy as np
import pytest
from real_input import open_window_for_input
from webpage import page_json

from desktop.map import cartography

pytestmark = pytest.mark.webengine


def test_markers_and_legend_swatches_carry_their_fields_glyph(qtbot, tmp_path):
    window = open_window_for_input(qtbot, tmp_path)
    ds = window.state.dataset
    colors = ds.field_colors
    first_field = dict(zip(ds.projects["project_id"],
                           (fields[0] for fields in ds.projects["fields"]), strict=True))
    shown = page_json(qtbot, window, "visibleProjectIds")
    points = page_json(qtbot, window, "markerPoints", shown)
    look = cartography.MAP_STYLE["project"]["normal"]
    # markers clear of every other: what is read in their middle is their own
    clear = []
    for project_id, point in points.items():
        others = [other for key, other in points.items() if key != project_id and other]
        if point and min(np.hypot(x - point[0], y - point[1]) for x, y in others) > \
                2 * look["radius"] + 3:
            clear.append(project_id)
    assert len(clear) >= 5
    inks = {project_id: {"ink": cartography.glyph_ink(colors[first_field[project_id]]),
                         "fill": colors[first_field[project_id]],
                         "reach": look["radius"] - look["weight"] - 1}
            for project_id in clear}
    counted = page_json(qtbot, window, "markerInk", clear, inks)
    for project_id in clear:
        assert counted[project_id] >= 3, (project_id, first_field[project_id])

    labels = {field["legend_label"]: {"ink": cartography.glyph_ink(field["color"]),
                                      "fill": field["color"]}
              for field in _page_fields(ds)}
    in_legend = page_json(qtbot, window, "legendInk", labels)
    assert in_legend and all(count and count >= 3 for count in in_legend.values()), \
        sorted(in_legend.items())


def _page_fields(ds):
    return [{"legend_label": cartography.legend_label(row, "en"), "color": row.color}
            for row in ds.fields.itertuples(index=False)]
