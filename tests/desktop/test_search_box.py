"""The search box: ranked rows with their kind; a field or program filters, a place is sent on."""

import pytest

from desktop.common.loaded_dataset import LoadedDataset
from desktop.panels.search_box import HIT_ROLE, SearchBox
from desktop.state import ExplorerState
from geodata import load_dataset


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


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
