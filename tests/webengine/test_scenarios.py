"""The mission's workflows, each as a person does it, in Japanese and in English.

Only real input: clicks on the map's render widget and on the window's widgets, keys where
the focus is, menus clicked open (real_input.py). The page is only read. The operating
system's Save dialog is the one thing stood in for (it is not Qt's to drive): it answers
with a path in the test's folder, as the export tests do. Each step checks what a person
would look at: the heading of the participants, the highlighted region, the status line,
the file written, the map's place.
"""

import pytest
from PIL import Image
from pptx import Presentation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from real_input import (
    answer_dialog,
    bureau_point,
    choose_in_combo,
    choose_menu_item,
    click,
    click_check,
    click_row,
    click_widget,
    highlighted_bureau,
    press_key_here,
    sea_point,
    type_text,
    view,
    wait_still,
    window_speaking,
)
from webpage import page_hook, page_json, wait_settled

from desktop.common import i18n

pytestmark = pytest.mark.webengine

CTRL = Qt.KeyboardModifier.ControlModifier
KINKI = {i18n.ENGLISH: "Kinki", i18n.JAPANESE: "近畿"}


@pytest.fixture(params=[i18n.JAPANESE, i18n.ENGLISH])
def window(request, qtbot, tmp_path):
    with window_speaking(qtbot, tmp_path, request.param) as window:
        yield window


def save_as(monkeypatch, target):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "any"))


def back_to_the_window(qtbot, window):
    """The window active again after a dialog, as the window manager leaves it (the offscreen
    platform has none to do it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def open_export(qtbot, window):
    back_to_the_window(qtbot, window)
    press_key_here(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    return window.exporter.export_dialog


def test_a_region_its_field_and_tie_ups_exported_as_a_slide_picture_and_a_deck(
        qtbot, window, tmp_path, monkeypatch):
    kinki = KINKI[window.language]
    # click 近畿 on the map
    wait_still(qtbot, window)
    click(qtbot, window, bureau_point(qtbot, window, "kinki", 4))
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "kinki")
    assert highlighted_bureau(qtbot, window) == "kinki"
    qtbot.waitUntil(lambda: kinki in window.status_label.text())
    qtbot.waitUntil(lambda: len(window.participants_panel.organisation_names()) > 0)
    # a field ticked in the filters with the mouse
    panel = window.filter_panel
    item = panel.item_for("fields", "biotechnology")
    click_check(qtbot, panel.view, item.index())
    wait_settled(qtbot, window, lambda: window.state.filter.fields == {"biotechnology"})
    shown = page_hook(qtbot, window, "visibleMarkerCount")
    assert 0 < shown < len(window.state.dataset.projects)
    # tie-ups on (Ctrl+T with the focus where the click left it)
    press_key_here(qtbot, Qt.Key.Key_T, CTRL)
    wait_settled(qtbot, window, lambda: window.state.show_tieups)
    assert page_hook(qtbot, window, "visibleArcCount") > 0
    qtbot.waitUntil(lambda: window.tieups_panel.row_count() > 0)
    # Export…: a 16:9 picture
    dialog = open_export(qtbot, window)
    choose_in_combo(qtbot, dialog.format_box, ".png")
    choose_in_combo(qtbot, dialog.preset_box, "16:9")
    picture = tmp_path / "kinki.png"
    save_as(monkeypatch, picture)
    with qtbot.waitSignal(window.exporter.sig_exported, timeout=60_000):
        click_widget(qtbot, dialog.export_button)
    assert Image.open(picture).size == (1920, 1080)
    # … and a deck, small slides to keep it quick
    dialog = open_export(qtbot, window)
    choose_in_combo(qtbot, dialog.format_box, ".pptx")
    choose_in_combo(qtbot, dialog.preset_box, "4:3-small")
    deck = tmp_path / "kinki.pptx"
    save_as(monkeypatch, deck)
    with qtbot.waitSignal(window.exporter.sig_exported, timeout=60_000):
        click_widget(qtbot, dialog.export_button)
    slides = Presentation(str(deck))
    assert len(slides.slides) >= 1
    assert window.state.filter.bureau_id == "kinki"  # the export changed nothing


def test_searching_kyoto_in_kana_takes_the_map_there(qtbot, window):
    press_key_here(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search_box.hasFocus)
    type_text(qtbot, window.search_box, "きょうと")
    popup = window.search_box.completer().popup()
    qtbot.waitUntil(popup.isVisible)

    def kyoto_rows():  # a person waits for the names to be indexed and the hits to show
        rows = [popup.model().index(row, 0) for row in range(popup.model().rowCount())]
        return [index for index in rows if "京都" in index.data() or "Kyoto" in index.data()]

    qtbot.waitUntil(lambda: bool(kyoto_rows()), timeout=30_000)
    place = kyoto_rows()[0]
    before = view(qtbot, window)
    click_row(qtbot, popup, place)
    qtbot.waitUntil(lambda: view(qtbot, window)["zoom"] > before["zoom"])
    wait_still(qtbot, window)
    where = view(qtbot, window)
    assert abs(where["lat"] - 35.0) < 0.6 and abs(where["lon"] - 135.7) < 0.8  # Kyoto


def test_the_timeline_plays_year_by_year(qtbot, window):
    timeline = window.panels["timeline"]
    click_widget(qtbot, timeline.play_button)
    qtbot.waitUntil(lambda: window.state.filter.fiscal_year is not None)
    first = window.state.filter.fiscal_year
    qtbot.waitUntil(lambda: window.state.filter.fiscal_year == first + 1, timeout=5_000)
    wait_settled(qtbot, window)
    assert str(first + 1) in timeline.year_label.text()
    click_widget(qtbot, timeline.play_button)  # pause
    assert not timeline.play_timer.isActive()
    assert page_hook(qtbot, window, "visibleMarkerCount") == len(
        window.state.result().project_ids)


def test_a_view_saved_from_the_menu_is_reopened(qtbot, window):
    wait_still(qtbot, window)
    click(qtbot, window, bureau_point(qtbot, window, "tohoku", 4))
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "tohoku")
    saved = window.saved_views
    view_menu = window.view_menu.menuAction()
    answer_dialog(QInputDialog, "東北を見る")
    choose_menu_item(qtbot, window, view_menu, saved.menu.menuAction(), saved.save_action)
    qtbot.waitUntil(lambda: any(view.name == "東北を見る" for view in saved.views()))
    back_to_the_window(qtbot, window)
    click(qtbot, window, sea_point(qtbot, window))  # the map takes the keyboard
    window.map_view.focusProxy().setFocus()
    press_key_here(qtbot, Qt.Key.Key_Escape)
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id is None)
    choose_menu_item(qtbot, window, view_menu, saved.menu.menuAction(), "東北を見る")
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == "tohoku")
    assert highlighted_bureau(qtbot, window) == "tohoku"


def test_the_language_is_switched_from_the_menu(qtbot, window):
    other = i18n.ENGLISH if window.language == i18n.JAPANESE else i18n.JAPANESE
    choose_menu_item(qtbot, window, window.view_menu.menuAction(),
                     window.language_menu.menuAction(), window.language_actions[other])
    wanted = "ファイル(&F)" if other == i18n.JAPANESE else "&File"
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == wanted)
    qtbot.waitUntil(lambda: KINKI[other] in "".join(
        label["text"] for label in page_json(qtbot, window, "bureauLabels")), timeout=15_000)
