"""The search box: ranked rows with their kind; a field or program filters, a place is sent on;
the index is built off the GUI thread, the hits following once it is ready."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.common.loaded_dataset import LoadedDataset
from desktop.panels.search_box import HIT_ROLE, SearchBox
from desktop.state import ExplorerState
from geodata import load_dataset
from geodata.name_search import index as search_index_module
from geodata.name_search import search_index
from geodata.name_search.text import MAX_QUERY_CHARS


@pytest.fixture(scope="module")
def bundled():
    ds = load_dataset()
    search_index(ds)  # these tests ask for hits at once: the index is ready, as after a focus
    return ds


@pytest.fixture
def box(qtbot, bundled):
    state = ExplorerState()
    state.set_dataset(LoadedDataset(bundled))
    search_box = SearchBox(state)
    qtbot.addWidget(search_box)
    return search_box


def rows(box) -> list[str]:
    return [box.hits_model.item(row).text() for row in range(box.hits_model.rowCount())]


def test_rows_are_ranked_and_say_their_kind(box):
    box.update_hits("バイオ")
    assert rows(box)[0] == "Biotechnology  ·  Field — バイオテクノロジー"
    assert "  ·  Project — " in rows(box)[1]
    assert box.hits_model.item(0).data(HIT_ROLE).kind == "field"


def test_choosing_a_field_filters_by_it_alone(box, qtbot):
    box.state.set_fields({"it", "food"})
    box.setText("バイオ")
    with qtbot.assertNotEmitted(box.sig_hit_chosen):
        box.choose_first()
    assert box.state.filter.fields == frozenset({"biotechnology"})


def test_choosing_a_program_filters_by_it(box):
    box.update_hits("知的クラスター")
    box.choose(box.hits_model.item(0).data(HIT_ROLE))
    assert box.state.filter.programs == frozenset({"mext-knowledge-cluster"})


def test_a_place_goes_to_the_window(box, qtbot):
    hits = box.update_hits("京都")
    assert hits[0].label == "Kyoto University" and "Tokyo" not in [hit.label for hit in hits]
    with qtbot.waitSignal(box.sig_hit_chosen) as chosen:
        box.choose_first()
    assert chosen.args[0].item_id == "kinki-kyoto-university"


def test_the_hits_returned_are_the_places_only(box):
    hits = box.update_hits("bio")
    assert box.hits_model.item(0).data(HIT_ROLE).kind == "field"
    assert hits and all(hit.lon is not None for hit in hits)


def test_rows_go_through_translation(box, monkeypatch):
    monkeypatch.setattr(SearchBox, "tr", lambda self, text, *args: text.replace("Field", "分野"))
    box.update_hits("バイオ")
    assert rows(box)[0] == "Biotechnology  ·  分野 — バイオテクノロジー"


# --- issue 23, item 14: the first keystroke while the index is built ---------------------------
@pytest.fixture
def held_build(monkeypatch):
    """The index build waits (at most 5 s) until the test lets it go, as a large dataset's
    takes seconds; yields the event that lets it go."""
    release = threading.Event()
    build = search_index_module.SearchIndex.__init__

    def held(self, ds):
        release.wait(5)
        build(self, ds)

    monkeypatch.setattr(search_index_module.SearchIndex, "__init__", held)
    yield release
    release.set()


def test_item23_14_the_first_keystroke_says_indexing_and_the_hits_follow(qtbot, held_build):
    state = ExplorerState()
    state.set_dataset(LoadedDataset(load_dataset()))  # a new dataset: no index yet
    box = SearchBox(state)
    qtbot.addWidget(box)
    box.show()
    QTest.keyClicks(box, "kyoto")
    assert rows(box) == ["Indexing names…"], "the keystroke waited for the index"
    assert not box.hits_model.item(0).isEnabled()
    QTest.keyClick(box, Qt.Key.Key_Return)  # nothing to choose yet: nothing happens
    held_build.set()
    qtbot.waitUntil(lambda: rows(box) and "Kyoto" in rows(box)[0], timeout=30_000)
    assert box.hits_model.item(0).data(HIT_ROLE).label.startswith("Kyoto")


def test_item23_low_a_pasted_page_is_cut_to_the_query_bound(box):
    box.show()
    box.setFocus()
    box.insert("kyoto " * 2000)  # what a paste does
    assert len(box.text()) == MAX_QUERY_CHARS


def test_in_japanese_the_hits_name_things_in_japanese(box):
    """Search hits read "— Kanto" and "Biotechnology" in the Japanese interface."""
    from desktop.common import i18n

    previous = i18n.current_language()
    i18n.set_language(i18n.JAPANESE)
    try:
        box.update_hits("バイオ")
        shown = rows(box)
        assert shown[0].startswith("バイオテクノロジー ")
        assert "Biotechnology" not in shown[0]
        projects = [row for row in shown if "Kanto" in row or "Kinki" in row or "Hokkaido" in row]
        assert not projects, projects
        box.update_hits("Kinki")
        assert any(row.startswith("近畿 ") for row in rows(box))
        box.update_hits("China")
        assert any(row.startswith("中国 ") for row in rows(box))
    finally:
        i18n.set_language(previous)


def test_hits_are_not_listed_again_under_the_arrows_once_the_index_is_ready(qtbot, held_build):
    """When the index was ready between two keystrokes, the hits listed at the second were
    listed again at the next tick of the index poll, and the row the arrows had reached was
    lost (the keyboard workflow test saw it under load)."""
    state = ExplorerState()
    state.set_dataset(LoadedDataset(load_dataset()))
    box = SearchBox(state)
    qtbot.addWidget(box)
    box.show()
    QTest.keyClicks(box, "kyot")
    assert rows(box) == ["Indexing names…"]
    held_build.set()
    assert box._indexing[1].wait(30)  # built, and the poll has not ticked yet
    QTest.keyClick(box, Qt.Key.Key_O)
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    for _ in range(2):
        QTest.keyClick(popup, Qt.Key.Key_Down)
    reached = popup.currentIndex().row()
    assert reached >= 0
    qtbot.wait(5 * 50)  # five ticks of the poll
    assert popup.currentIndex().row() == reached
