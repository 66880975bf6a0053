"""View ▸ Language: the whole window switches between English and Japanese at once, and back,
and remembers the choice."""

import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from webpage import open_window, page_hook, run_js, wait_drawn

from desktop.app import settings as saved
from desktop.common import i18n

pytestmark = pytest.mark.webengine
PARTNER = 1  # the tie-ups table's column of partners (the country code comes first)


@pytest.fixture
def window(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    yield window
    i18n.set_language(i18n.ENGLISH)  # the session's language, whatever the test left
    i18n.set_year_style("western")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _dock_titles(window) -> dict[str, str]:
    return {name: dock.windowTitle() for name, dock in window.docks.items()}


def _choose(qtbot, window, language: str) -> None:
    """Pick the language in View ▸ Language as a user does; wait until the window speaks it."""
    window.language_actions[language].trigger()
    wanted = "ファイル(&F)" if language == i18n.JAPANESE else "&File"
    qtbot.waitUntil(lambda: _menu_titles(window)[0] == wanted)


def test_the_window_switches_to_japanese_and_back(qtbot, window):
    wait_drawn(qtbot, window, lambda: window.state.select_bureau("kinki"))
    window.commands["tieups"].setChecked(True)
    english_status = window.status_label.text()
    assert "Kinki" in english_status and "tie-ups shown" in english_status
    assert _menu_titles(window) == ["&File", "&Edit", "&View", "&Help"]
    english_docks = _dock_titles(window)

    _choose(qtbot, window, i18n.JAPANESE)
    assert _menu_titles(window) == ["ファイル(&F)", "編集(&E)", "表示(&V)", "ヘルプ(&H)"]
    assert window.commands["open"].text() == "データセットを開く(&O)…"
    assert window.exporter.export_action.text() == "地図を出力(&E)…"
    docks = _dock_titles(window)
    assert docks["regions"] == "地域" and docks["participants"] == "参加機関"
    assert docks["tieups"] == "海外連携" and docks["achievements"] == "成果"
    assert window.docks["regions"].toggleViewAction().text() == "地域"
    status = window.status_label.text()
    assert "プロジェクト" in status and "全年度" in status and "海外連携" in status
    assert "近畿" in status and "Kinki" not in status  # the dataset's Japanese name
    assert window.filter_panel.clear_button.text() == "すべての絞り込みを解除"
    assert window.panels["timeline"].play_button.text() == "再生"
    assert window.region_list.model_.item(0).text().startswith("全国 — プロジェクト")
    qtbot.waitUntil(lambda: window.participants_panel.heading.text().startswith(
        "名称の判明している参加機関"))  # the tab in front refreshes at once
    window.docks["achievements"].raise_()  # one behind it when it is brought forward
    qtbot.waitUntil(lambda: window.achievements_panel.heading.text().startswith("成果 "))
    assert window.tieups_panel.model.headerData(PARTNER, _horizontal()) == "連携先"
    assert window.language_actions[i18n.JAPANESE].isChecked()
    assert saved.read_language(window.settings) == i18n.JAPANESE

    _choose(qtbot, window, i18n.ENGLISH)
    assert _menu_titles(window) == ["&File", "&Edit", "&View", "&Help"]
    assert _dock_titles(window) == english_docks
    assert window.status_label.text() == english_status
    assert window.region_list.model_.item(0).text().startswith("Whole country — ")
    qtbot.waitUntil(lambda: "achievement" in window.achievements_panel.heading.text())
    window.docks["participants"].raise_()
    qtbot.waitUntil(lambda: "named organisation" in window.participants_panel.heading.text())
    assert window.tieups_panel.model.headerData(PARTNER, _horizontal()) == "Partner"
    assert saved.read_language(window.settings) == i18n.ENGLISH


LABELS_JS = ("Array.from(document.querySelectorAll('.cx-bureau-label')).map("
             "function (label) { return label.textContent; }).join('|')")
LEGEND_JS = "document.querySelector('.cx-legend-title').textContent"


def test_japanese_names_the_data_in_the_panels_and_on_the_map(qtbot, window):
    """Bureaus and fields by their Japanese names in the regions and filters panels and on
    the map page (labels and legend), redrawn at once on a switch, and back in English."""
    wait_drawn(qtbot, window, lambda: window.state.set_field("biotechnology", True))
    assert "Kinki近畿" in run_js(qtbot, window, LABELS_JS)  # English map: local name under
    assert run_js(qtbot, window, LEGEND_JS) == "Fields"

    _choose(qtbot, window, i18n.JAPANESE)
    qtbot.waitUntil(lambda: window.map_controller.drawn_seq >= window.map_controller.seq
                    and window.map_view.ready)
    qtbot.waitUntil(lambda: "|近畿|" in run_js(qtbot, window, LABELS_JS), timeout=10_000)
    assert "Kinki" not in run_js(qtbot, window, LABELS_JS)
    qtbot.waitUntil(lambda: run_js(qtbot, window, LEGEND_JS) == "分野")
    regions = [window.region_list.model_.item(row).text()
               for row in range(window.region_list.model_.rowCount())]
    assert any(text.startswith("近畿 — ") for text in regions)
    assert not any("Kinki" in text for text in regions)
    fields = [item.text() for item in window.filter_panel.items("fields")]
    assert any(text.startswith("バイオテクノロジー  (") for text in fields)
    assert window.filter_panel.item_for("fields", "biotechnology").checkState() == (
        _checked())
    assert window.state.filter.fields == {"biotechnology"}  # relabelling is not a click

    _choose(qtbot, window, i18n.ENGLISH)
    qtbot.waitUntil(lambda: "Kinki近畿" in run_js(qtbot, window, LABELS_JS), timeout=10_000)
    assert any(item.text().startswith("Biotechnology  (")
               for item in window.filter_panel.items("fields"))


def test_a_japanese_map_names_places_in_japanese(qtbot, window):
    """Place names in the interface's language: the municipalities' official kanji names."""
    _choose(qtbot, window, i18n.JAPANESE)
    qtbot.waitUntil(lambda: window.map_controller.drawn_seq >= window.map_controller.seq
                    and window.map_view.ready)
    qtbot.waitUntil(lambda: run_js(qtbot, window, LEGEND_JS) == "分野", timeout=10_000)
    view = json.dumps(json.dumps({"lat": 34.75, "lon": 137.7, "zoom": 9}))
    run_js(qtbot, window, f"window.clusterMap.setView({view}); 0")
    names = {label["text"] for label in json.loads(page_hook(qtbot, window, "placeLabels"))}
    assert {"豊橋市", "磐田市"} <= names  # the gazetteer's official names
    assert not {"Toyohashi", "Iwata"} & names


def test_the_comparison_and_the_charts_speak_japanese_after_the_switch(qtbot, window):
    """Compared bureaus head their columns by their Japanese names, the tie-ups by field name
    their fields so, and a chart's series and notes are Japanese; back in English again."""
    compare, charts = window.panels["compare"], window.panels["charts"]
    compare.set_compared(["kinki", "kanto"])
    _choose(qtbot, window, i18n.JAPANESE)
    compare.ensure_fresh()
    headers = [compare.model.horizontalHeaderItem(column).text()
               for column in range(compare.model.columnCount())]
    assert headers == [{"kinki": "近畿", "kanto": "関東"}[bureau_id]
                       for bureau_id in compare.compared()]  # in the list's order
    assert "バイオテクノロジー" in compare.cell("分野別の海外連携", "近畿")
    charts.ensure_fresh()
    assert list(charts.charts["network"].series) == ["ネットワークの中小企業数",
                                                     "ネットワークの大学数"]
    assert charts.charts["per-bureau"].notes[0].startswith("プロジェクト ")
    _choose(qtbot, window, i18n.ENGLISH)
    compare.ensure_fresh()
    charts.ensure_fresh()
    assert {compare.model.horizontalHeaderItem(column).text()
            for column in range(compare.model.columnCount())} == {"Kinki", "Kanto"}
    assert "Network SMEs" in charts.charts["network"].series


def test_view_fiscal_years_writes_the_timeline_by_era_and_remembers_it(qtbot, window):
    from geodata.fiscal_years import ERA, WESTERN

    timeline = window.panels["timeline"]
    wait_drawn(qtbot, window, lambda: window.state.set_fiscal_year(2005))
    assert timeline.year_label.text().startswith("FY2005: ")
    window.year_style_actions[ERA].trigger()
    qtbot.waitUntil(lambda: timeline.year_label.text().startswith("FY2005 (Heisei 17): "))
    assert saved.read_year_style(window.settings) == ERA
    _choose(qtbot, window, i18n.JAPANESE)
    qtbot.waitUntil(lambda: timeline.year_label.text().startswith("平成17年度："))
    window.year_style_actions[WESTERN].trigger()
    qtbot.waitUntil(lambda: timeline.year_label.text().startswith("2005年度："))
    assert saved.read_year_style(window.settings) == WESTERN


def test_a_first_start_has_no_language_saved(tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    assert saved.read_language(settings) is None  # the system locale decides
    saved.write_language(settings, "ja")
    assert saved.read_language(settings) == "ja"


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _checked():
    from PySide6.QtCore import Qt

    return Qt.CheckState.Checked
