"""The real window on the bundled dataset: clicks through the page, filters, selection.

Few and robust: each test waits on the page's own acknowledgements, never on time. Clicks on
the map are real input (real_input.py); the page is only read.
"""


import pytest
from PySide6.QtCore import Qt
from real_input import bureau_point, click, marker_point, move, wait_input_ready, wait_still
from webpage import open_window, page_hook, page_json, run_js, wait_drawn, wait_settled

from geodata import Filter, load_dataset, run_query

pytestmark = pytest.mark.webengine


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def test_clicking_kinki_on_the_map_fills_the_panels(qtbot, window):
    wait_input_ready(qtbot, window)
    click(qtbot, window, bureau_point(qtbot, window, "kinki", 4))
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kinki")
    expected = run_query(window.state.dataset, Filter(bureau_id="kinki"))
    assert page_hook(qtbot, window, "highlightedBureau") == "kinki"
    names = window.participants_panel.organisation_names()
    assert "Kyoto University" in names and "Kobe City" in names
    assert window.tieups_panel.row_count() == len(expected.tieups) > 0
    assert window.achievements_panel.row_count() == len(expected.achievements) > 0
    assert "Kinki" in window.status_label.text()


def test_a_field_toggle_filters_map_and_panels_without_reloading(qtbot, window):
    run_js(qtbot, window, "window.__pageMark = 'still-here'; 0")
    all_markers = page_hook(qtbot, window, "visibleMarkerCount")
    item = window.filter_panel.item_for("fields", "biotechnology")
    markers = wait_drawn(qtbot, window, lambda: item.setCheckState(Qt.CheckState.Checked))
    expected = run_query(window.state.dataset, Filter(fields=frozenset({"biotechnology"})))
    assert markers == len(expected.projects) < all_markers
    assert page_hook(qtbot, window, "visibleMarkerCount") == markers
    assert window.tieups_panel.row_count() == len(expected.tieups)
    assert set(window.state.result().project_ids) == set(expected.project_ids)
    assert run_js(qtbot, window, "window.__pageMark") == "still-here"
    assert window.status_label.text().startswith(f"{markers} of ")


def test_picking_a_region_in_the_list_highlights_it_on_the_map(qtbot, window):
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kyushu"))
    assert page_hook(qtbot, window, "highlightedBureau") == "kyushu"
    wait_drawn(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_Escape))
    assert window.state.filter.bureau_id is None
    assert not page_hook(qtbot, window, "highlightedBureau")


def test_clicking_a_marker_narrows_to_its_project(qtbot, window):
    wait_input_ready(qtbot, window)
    click(qtbot, window, marker_point(qtbot, window, "kansai-bio-cluster"))
    wait_settled(qtbot, window, lambda: window.state.filter.project_id == "kansai-bio-cluster")
    assert window.state.filter.bureau_id == "kinki"
    assert page_hook(qtbot, window, "highlightedBureau") == "kinki"
    assert window.state.result().project_ids == ["kansai-bio-cluster"]


def test_a_bad_dataset_is_refused_and_the_old_one_stays(qtbot, window, tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    old_path = window.state.dataset.path
    with qtbot.assertNotEmitted(window.sig_dataset_shown), \
            qtbot.waitSignal(window.sig_dataset_not_opened, timeout=15_000):
        window.open_dataset(bad)
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert "not a GeoPackage" in dialog.informativeText()
    assert window.state.dataset.path == old_path
    assert page_hook(qtbot, window, "visibleMarkerCount") == len(
        window.state.dataset.projects)


def test_a_whole_session_makes_no_network_request(qtbot, window):
    wait_drawn(qtbot, window, lambda: window.state.set_field("it", True))
    wait_drawn(qtbot, window, lambda: window.state.select_bureau("hokkaido"))
    wait_drawn(qtbot, window, lambda: window.commands["tieups"].setChecked(True))
    assert page_hook(qtbot, window, "visibleArcCount") > 0
    assert window.map_view.interceptor.blocked == []
    assert window.map_view.js_errors == []


def test_injected_names_render_as_text(qtbot, tmp_path):
    from factories import sample_layers, write_sample_dataset

    layers = sample_layers()
    hostile = "<img src=x onerror=\"window.__pwned=1\"></script>\u2028'\\\"\u202e"
    layers["projects"].loc[0, "name_en"] = hostile
    layers["participants"].loc[0, "name_en"] = hostile
    path = write_sample_dataset(tmp_path / "hostile.gpkg", layers)
    window = open_window(qtbot, tmp_path, path)
    wait_input_ready(qtbot, window)
    click(qtbot, window, marker_point(qtbot, window, "tama"))
    wait_settled(qtbot, window, lambda: window.state.filter.project_id == "tama")
    wait_still(qtbot, window)
    move(qtbot, window, marker_point(qtbot, window, "tama"))  # its tooltip, as a person sees it
    qtbot.waitUntil(lambda: any(text.startswith(hostile)
                                for text in page_json(qtbot, window, "tooltips")))
    assert run_js(qtbot, window, "typeof window.__pwned") == "undefined"
    assert run_js(qtbot, window, "document.querySelectorAll('img[src=x]').length") == 0
    assert hostile in window.participants_panel.organisation_names()
    assert window.map_view.js_errors == []


def test_filters_and_layout_are_remembered(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.state.set_field("biotechnology", True)
    window.close()
    again = open_window(qtbot, tmp_path)
    assert again.state.filter.fields == {"biotechnology"}
    assert load_dataset().projects is not None


def test_the_panels_fill_after_the_map_has_drawn(qtbot, window):
    """The map comes first (the GUI thread hands its frames over); the panels follow."""
    panel = window.participants_panel
    before = panel.heading.text()
    seen_when_drawn = []
    window.map_controller.sig_drawn.connect(lambda *_: seen_when_drawn.append(
        panel.heading.text()))
    with qtbot.waitSignal(window.map_controller.sig_caught_up, timeout=15_000):
        wait_drawn(qtbot, window, lambda: window.state.select_bureau("tohoku"))
    assert seen_when_drawn[-1] == before
    assert "Tohoku" in panel.heading.text() != before


def test_a_panel_behind_another_tab_fills_when_brought_to_the_front(qtbot, window):
    panel = window.achievements_panel
    assert not panel.on_screen()  # the participants tab is in front
    with qtbot.waitSignal(window.map_controller.sig_caught_up, timeout=15_000):
        wait_drawn(qtbot, window, lambda: window.state.select_bureau("shikoku"))
    assert "Shikoku" not in panel.heading.text()
    window.docks["achievements"].raise_()
    qtbot.waitUntil(lambda: "Shikoku" in panel.heading.text(), timeout=5_000)
    expected = run_query(window.state.dataset, Filter(bureau_id="shikoku"))
    assert panel.model.rowCount() == len(expected.achievements)


def _window_without_dataset(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.app.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def test_map_clicks_before_any_dataset_are_ignored(qtbot, tmp_path):
    """The map, drawn from kept page data, answers clicks before the dataset has loaded."""
    from PySide6.QtCore import QCoreApplication

    window = _window_without_dataset(qtbot, tmp_path)
    bridge = window.map_view.bridge
    bridge.sig_bureau_clicked.emit("kinki")
    bridge.sig_project_clicked.emit("kansai-bio-cluster")
    bridge.sig_tieup_clicked.emit("tieup-001")
    QCoreApplication.processEvents()  # what the panels defer to the next turn of the loop
    assert window.state.dataset is None
    assert window.state.filter == Filter() and window.state.selected_tieup is None


def test_a_registered_panel_is_docked_with_its_title_in_its_area(qtbot, tmp_path,
                                                                 monkeypatch):
    from PySide6.QtWidgets import QLabel

    from desktop.panels import registry

    class NotesPanel(QLabel):
        def __init__(self, state, parent=None):
            super().__init__("notes", parent)
            self.state = state

    monkeypatch.setattr(registry, "PANELS", list(registry.PANELS))
    registry.register_panel("notes", "Notes", registry.BOTTOM)(NotesPanel)
    registry.register_panel("more-results", "More results", registry.RIGHT,
                            tab_group="results")(NotesPanel)
    window = _window_without_dataset(qtbot, tmp_path)
    notes = window.docks["notes"]
    assert (notes.windowTitle(), notes.objectName()) == ("Notes", "notes")
    assert window.dockWidgetArea(notes) == registry.BOTTOM
    assert notes.widget() is window.panels["notes"]
    assert window.panels["notes"].state is window.state
    more = window.docks["more-results"]
    assert window.dockWidgetArea(more) == registry.RIGHT
    assert more in window.tabifiedDockWidgets(window.docks["participants"])
    view_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.text() == "&View")
    assert {"Notes", "More results", "Participants"} <= {
        action.text() for action in view_menu.actions()}


def test_an_opened_list_is_shown_with_the_rows_it_left_out_said(qtbot, tmp_path, monkeypatch):
    """File ▸ Open of an organisation list: its placeable rows join the bundled dataset on
    the map, the window is titled by the list, and the rows left out are said (status bar
    and a dialog that does not block)."""
    import csv

    from geodata import load_dataset

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project_id = load_dataset().projects["project_id"].iloc[0]
    listed = tmp_path / "list.csv"
    with listed.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["名称", "種別", "プロジェクト", "都道府県", "市区町村"],
            ["札幌テスト機構", "企業", project_id, "北海道", "札幌市"],
            ["伊達テスト組合", "企業", project_id, "", "伊達市"]])
    window = open_window(qtbot, tmp_path, listed)
    names = set(window.state.dataset.participants["name_ja"].dropna())
    assert "札幌テスト機構" in names and "伊達テスト組合" not in names
    assert "list.csv" in window.windowTitle()
    assert window.notice_dialog is not None and window.notice_dialog.isVisible()
    assert "row 3" in window.notice_dialog.text()
    assert "1 of 2 rows" in window.statusBar().currentMessage()
