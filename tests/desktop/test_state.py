"""ExplorerState without a screen: filters, selection, and the signals views rely on."""

import pytest

from desktop.common.loaded_dataset import LoadedDataset
from desktop.state import ExplorerState
from geodata import Filter, load_dataset


@pytest.fixture
def state(sample_gpkg, qapp):
    explorer = ExplorerState()
    explorer.set_dataset(LoadedDataset(load_dataset(sample_gpkg)))
    return explorer


def test_field_toggle_emits_once_and_narrows_result(state, qtbot):
    with qtbot.waitSignal(state.sig_filter_changed, timeout=1000):
        state.set_field("biotechnology", True)
    assert state.filter.fields == {"biotechnology"}
    assert state.result().project_ids == ["kinki-bio", "kansai-it"]
    with qtbot.assertNotEmitted(state.sig_filter_changed):
        state.set_field("biotechnology", True)


def test_selecting_a_project_selects_its_bureau(state):
    state.select_project("tama")
    assert (state.filter.bureau_id, state.filter.project_id) == ("kanto", "tama")
    assert state.result().project_ids == ["tama"]
    state.clear_selection()
    assert state.filter == Filter()


def test_filter_that_hides_the_selected_project_drops_it(state):
    state.select_project("tama")
    state.set_field("biotechnology", True)
    assert state.filter.project_id is None
    assert state.filter.bureau_id == "kanto"
    assert state.result().project_ids == []


def test_unknown_project_selection_is_ignored(state, qtbot):
    with qtbot.assertNotEmitted(state.sig_selection_changed):
        state.select_project("no-such-project")


def test_new_dataset_keeps_only_known_filter_ids(state, sample_gpkg):
    state.set_field("it", True)
    kept = state.filter.evolve(fields={"it", "aerospace"})
    state.set_dataset(LoadedDataset(load_dataset(sample_gpkg)), keep_filter=kept)
    assert state.filter.fields == {"it"}


def test_layer_toggles_signal_only_on_change(state, qtbot):
    with qtbot.waitSignal(state.sig_layers_changed, timeout=1000):
        state.set_show_tieups(True)
    with qtbot.assertNotEmitted(state.sig_layers_changed):
        state.set_show_tieups(True)


def test_before_any_dataset_requests_are_ignored_quietly(qapp, qtbot):
    """The kept map answers clicks before the data has loaded: nothing to filter or select."""
    empty = ExplorerState()
    with qtbot.assertNotEmitted(empty.sig_selection_changed), \
            qtbot.assertNotEmitted(empty.sig_filter_changed):
        empty.select_bureau("kinki")
        empty.select_project("tama")
        empty.select_project(None)
        empty.select_tieup("t1")
        empty.clear_selection()
        empty.set_field("it", True)
        empty.set_program("icp-term1", True)
        empty.set_fields({"it"})
        empty.set_programs({"icp-term1"})
        empty.set_text("bio")
        empty.clear_filters()
    assert empty.filter == Filter() and empty.selected_tieup is None
    with qtbot.waitSignal(empty.sig_layers_changed, timeout=1000):
        empty.set_show_tieups(True)  # the layers do not depend on the data
