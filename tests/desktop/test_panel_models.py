"""The panels' item models without a page: sorting, lazy children, Qt's model contract."""

from collections import namedtuple

import pytest
from factories import write_sample_dataset
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView, QTreeView

from desktop.panels.frame_model import ROW_ID_ROLE, ColumnSpec, FrameTableModel
from desktop.panels.participant_model import ParticipantTreeModel, TreeRow
from desktop.panels.participants import ParticipantRows, participant_listing
from geodata import load_dataset

Row = namedtuple("Row", "row_id name value")
Project = namedtuple("Project", "project_id name_en")

ROWS = [Row("a", "Osaka", 3.0), Row("b", "kobe", None), Row("c", "Kyoto", 12.0),
        Row("d", "Nara", 0.5)]


def table_model(qapp) -> FrameTableModel:
    columns = [ColumnSpec("Name", lambda row: row.name),
               ColumnSpec("Value", lambda row: "—" if row.value is None else str(row.value),
                          sort_key=lambda row: -1.0 if row.value is None else row.value)]
    return FrameTableModel(columns, "row_id", lambda row: [f"source of {row.row_id}"])


def shown_ids(model) -> list[str]:
    return [model.index(row, 0).data(ROW_ID_ROLE) for row in range(model.rowCount())]


def test_the_table_passes_qts_model_checks(qapp, qtmodeltester):
    model = table_model(qapp)
    model.set_rows(list(ROWS))
    qtmodeltester.check(model)


def test_a_header_click_sorts_by_text_ignoring_case_and_by_number_keys(qapp):
    model = table_model(qapp)
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    model.set_rows(list(ROWS))
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == ["b", "c", "d", "a"]  # kobe, Kyoto, Nara, Osaka
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) == ["c", "a", "d", "b"]  # 12, 3, 0.5, no figure last


def test_new_rows_arrive_in_the_chosen_order(qapp):
    model = table_model(qapp)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_rows([ROWS[2], ROWS[0], ROWS[3]])
    assert shown_ids(model) == ["d", "a", "c"]
    assert model.position_of("c") == 2 and model.position_of("b") is None


def test_sorting_keeps_the_current_row_on_the_same_item(qapp):
    model = table_model(qapp)
    view = QTableView()
    view.setModel(model)
    model.set_rows(list(ROWS))
    view.selectionModel().setCurrentIndex(model.index(model.position_of("c"), 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # kobe, Kyoto, Nara, Osaka
    assert view.currentIndex().data(ROW_ID_ROLE) == "c"
    assert view.currentIndex().row() == model.position_of("c") != 2


def test_sort_keys_are_computed_once_per_dataset(qapp):
    calls = []
    model = FrameTableModel([ColumnSpec("Name", lambda row: calls.append(row) or row.name)],
                            "row_id", lambda row: [])
    model.sort(0)
    model.set_rows(list(ROWS))
    model.set_rows(list(ROWS[:2]))
    assert len(calls) == len(ROWS)
    model.forget_dataset()
    model.set_rows(list(ROWS[:2]))
    assert len(calls) == len(ROWS) + 2


def tree_model(built: list) -> ParticipantTreeModel:
    def children(project):
        built.append(project.project_id)
        return [TreeRow(f"{project.name_en} member {i}", "company", "Source: s1")
                for i in range(3)]

    return ParticipantTreeModel(lambda p: TreeRow(p.name_en, "Kinki", "Source: s1"), children)


PROJECTS = [Project("p1", "Kansai Bio"), Project("p2", "Kyoto Nano")]


def test_the_tree_passes_qts_model_checks(qapp, qtmodeltester):
    model = tree_model([])
    model.set_projects(list(PROJECTS))
    qtmodeltester.check(model)


def test_a_projects_children_are_built_when_it_is_expanded_and_only_once(qapp):
    built: list = []
    model = tree_model(built)
    view = QTreeView()
    view.setModel(model)
    model.set_projects(list(PROJECTS))
    assert built == [] and model.hasChildren(model.index(0, 0))
    view.expand(model.index(1, 0))
    first = model.index(1, 0)
    assert model.rowCount(first) == 3
    child = model.index(2, 0, first)
    assert child.data() == "Kyoto Nano member 2"
    assert model.parent(child) == first
    model.set_projects(list(PROJECTS))
    view.expand(model.index(1, 0))
    assert built == ["p2"]


def test_a_long_list_gives_the_view_its_lines_a_thousand_at_a_time(qapp, qtmodeltester):
    """A tree view lays out every top-level line it is given: 100,000 projects cost 1.5–2 s
    at each refresh. The view gets SHOWN_AT_ONCE lines, more as it scrolls to the end; the
    list's own count, a line's project and a Save of every project still see them all."""
    many = [Project(f"p{row}", f"Project {row}") for row in range(2_500)]
    model = tree_model([])
    model.set_projects(many)
    assert model.rowCount() == model.SHOWN_AT_ONCE == 1_000
    assert model.project_count() == 2_500 and model.project_at(2_499).project_id == "p2499"
    assert model.canFetchMore(QModelIndex()) and not model.index(1_000, 0).isValid()
    view = QTreeView()
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qapp.processEvents()
    shown = model.rowCount()  # Qt may ask for one more batch as the view first lays out
    assert shown in (1_000, 2_000)
    view.scrollToBottom()  # what a person's scrolling to the end does
    qapp.processEvents()
    assert model.rowCount() == min(shown + 1_000, 2_500)
    model.set_projects(many)
    assert model.rowCount() == 1_000
    assert model.position_of("p2400") == 2_400 and model.position_of("nowhere") is None
    model.show_up_to(2_400)  # a line chosen on the map, beyond those shown
    assert model.rowCount() == 2_500 and not model.canFetchMore(QModelIndex())
    model.set_projects(many[:10])
    assert model.rowCount() == 10 and not model.canFetchMore(QModelIndex())
    model.set_projects(many)
    qtmodeltester.check(model)


def test_tree_rows_carry_an_escaped_tooltip_and_their_source(qapp):
    model = ParticipantTreeModel(
        lambda p: TreeRow("<b>x</b>", "", "<img src=x onerror=alert(1)>\nSource: s1"),
        lambda p: [])
    model.set_projects([PROJECTS[0]])
    index = model.index(0, 0)
    assert "&lt;img" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(ROW_ID_ROLE).endswith("Source: s1")
    assert index.data(Qt.ItemDataRole.DecorationRole) is None


@pytest.mark.parametrize("row, column", [(5, 0), (0, 2), (-1, 0)])
def test_out_of_range_indexes_are_invalid(qapp, row, column):
    model = tree_model([])
    model.set_projects(list(PROJECTS))
    assert not model.index(row, column).isValid()


def test_every_panel_declares_a_whole_dock():
    """Each registered panel: a translated title, an order of its own, its tab group in one
    area; the window lays them out by that order."""
    from desktop.common import i18n
    from desktop.panels import registry

    specs = registry.panels()
    assert [spec.order for spec in specs] == sorted(spec.order for spec in specs)
    assert len({spec.order for spec in specs}) == len(specs), "two panels share an order"
    assert len({spec.name for spec in specs}) == len(specs)
    japanese = i18n.speaker(i18n.JAPANESE)
    for spec in specs:
        assert spec.name and spec.name == spec.name.lower()
        assert japanese.translate("Panels", spec.title) != spec.title, spec.title
        assert spec.area in (registry.LEFT, registry.RIGHT, registry.TOP, registry.BOTTOM)
        group = [each for each in specs if spec.tab_group and each.tab_group == spec.tab_group]
        assert len({each.area for each in group}) <= 1, f"{spec.tab_group} spans two areas"


def test_a_panel_goes_where_its_order_says_whatever_it_was_registered(monkeypatch):
    from PySide6.QtWidgets import QLabel

    from desktop.panels import registry

    monkeypatch.setattr(registry, "PANELS", list(registry.PANELS))
    first = registry.panels()[0]
    registry.register_panel("before-all", "Before all", first.area, order=first.order - 1)(
        QLabel)
    registry.register_panel("after-all", "After all", first.area)(QLabel)
    names = [spec.name for spec in registry.panels()]
    assert names[0] == "before-all" and names[-1] == "after-all"


def test_a_panel_name_is_registered_once(monkeypatch):
    from PySide6.QtWidgets import QLabel

    from desktop.panels import registry

    monkeypatch.setattr(registry, "PANELS", list(registry.PANELS))
    with pytest.raises(ValueError, match="filters"):
        registry.register_panel("filters", "Other filters", registry.LEFT)(QLabel)


def test_a_source_line_names_the_lines_where_the_figure_is_stated():
    from desktop.common.loaded_dataset import LoadedDataset
    from desktop.common.text import qualified, source_line
    from geodata import load_dataset

    loaded = LoadedDataset(load_dataset(), None, None)
    figure = loaded.dataset.national_figures.iloc[0]
    line = source_line(loaded, figure.source_id, figure.evidence_lines)
    assert line.startswith("Source: ") and f"[{figure.source_id}]" in line
    assert line.endswith(str(figure.evidence_lines).replace("-", "–").replace(";", ", "))
    assert source_line(loaded, figure.source_id).endswith(f"[{figure.source_id}]")
    assert qualified(220, "over") == "over 220" and qualified(1590, None) == "1,590"


def test_a_panel_changed_before_its_dataset_arrives_fills_when_it_does(qtbot):
    """At start-up the window's language is installed before the dataset arrives: the refresh
    that change asked for found no dataset, and the panel then stayed stale and empty on screen
    whatever was selected (only reading it from a test filled it)."""
    from desktop.common import i18n
    from desktop.common.loaded_dataset import LoadedDataset
    from desktop.panels.participants import ParticipantsPanel
    from desktop.state import ExplorerState
    from geodata import load_dataset

    state = ExplorerState()
    panel = ParticipantsPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    i18n.set_language(i18n.current_language())  # a LanguageChange reaches every widget
    qtbot.wait(50)  # the refresh it asked for runs and finds no dataset
    state.set_dataset(LoadedDataset(load_dataset()))
    qtbot.waitUntil(lambda: bool(panel.heading.text()), timeout=5_000)


@pytest.mark.parametrize("name", ["bundled", "sample"])
def test_a_projects_participant_rows_are_those_of_its_layers(name, tmp_path):
    """ParticipantRows picks a project's rows from column arrays: the same named tuples,
    values and value types (numpy integers for a nullable count, shapely points, None and
    NaN where a cell is empty) as selecting the layer's rows and ``itertuples``, for every
    project, one with no participants too."""
    ds = load_dataset() if name == "bundled" else load_dataset(
        write_sample_dataset(tmp_path / "sample.gpkg"))
    rows = ParticipantRows(ds)
    layers = {"counts": ds.participant_counts, "named": ds.participants}
    for project_id in [*ds.projects["project_id"], "no-such-project"]:
        groups = rows.of(project_id)
        for kind, frame in layers.items():
            expected = list(frame[frame["project_id"] == project_id].itertuples(index=False))
            if kind == "named":
                expected.sort(key=lambda row: (row.kind, row.name_en))
            got = groups[kind]
            assert [type(row)._fields for row in got] == [type(row)._fields for row in expected]
            assert [[type(value) for value in row] for row in got] == [
                [type(value) for value in row] for row in expected]
            assert [_cells(row) for row in got] == [_cells(row) for row in expected]


@pytest.mark.parametrize("name", ["bundled", "sample"])
def test_the_listing_makes_the_projects_rows_as_itertuples_does(name, tmp_path):
    """The participants panel's project rows, made one at a time when read: the same named
    tuples, values and value types, in the panel's order (bureau, then name), as the layer
    sorted and ``itertuples``; a pick by rank reads the same rows."""
    import numpy as np

    ds = load_dataset() if name == "bundled" else load_dataset(
        write_sample_dataset(tmp_path / "sample.gpkg"))
    listing = participant_listing(ds)
    ordered = ds.projects.sort_values(["bureau_id", "name_en"])
    expected = list(ordered.itertuples(index=False))
    named = ds.participants["project_id"].value_counts()
    assert listing.named_counts.tolist() == [int(named.get(project_id, 0))
                                             for project_id in ordered["project_id"]]
    got = [listing.rows[rank] for rank in range(len(listing.rows))]
    assert len(listing.rows) == len(expected)
    assert [type(row)._fields for row in got] == [type(row)._fields for row in expected]
    assert [[type(value) for value in row] for row in got] == [
        [type(value) for value in row] for row in expected]
    assert [_cells(row) for row in got] == [_cells(row) for row in expected]
    ranks = np.array([2, 0, len(expected) - 1])
    picked = listing.rows.picked(ranks)
    assert len(picked) == 3 and [_cells(row) for row in picked] == [
        _cells(expected[rank]) for rank in ranks]
    with pytest.raises(IndexError):
        picked[3]
    assert picked.position_of(expected[0].project_id) == 1
    assert picked.position_of("no-such-project") is None


def _cells(row) -> list:
    """A row's values compared as equal where pandas' are (NaN and NA equal to themselves)."""
    return [repr(value) for value in row]
