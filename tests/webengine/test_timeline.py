"""The timeline in the real window: a fiscal year filters the map's markers and the panels."""

import pytest
from webpage import open_window, page_hook, wait_drawn

from geodata import Filter, run_query

pytestmark = pytest.mark.webengine


def term_projects(ds, program_id: str) -> set[str]:
    return {pid for pid, programs in zip(ds.projects["project_id"], ds.projects["programs"],
                                         strict=True) if program_id in programs}


def test_fy2003_shows_term_i_and_fy2007_term_ii_on_the_map(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    timeline = window.panels["timeline"]
    ds = window.state.dataset
    for year, program_id in ((2003, "icp-term1"), (2007, "icp-term2")):
        markers = wait_drawn(qtbot, window, lambda year=year: timeline.slider.setValue(year))
        expected = term_projects(ds, program_id)
        assert set(window.state.scope_result().project_ids) == expected
        assert markers == len(expected) == page_hook(qtbot, window, "visibleMarkerCount")
        assert window.tieups_panel.row_count() == len(
            run_query(ds, Filter(fiscal_year=year)).tieups)
    markers = wait_drawn(qtbot, window, timeline.all_years_button.click)
    assert markers == len(ds.projects)
