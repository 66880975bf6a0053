"""The charts, timeline and comparison panels over the bundled data, and the PPTX charts deck."""

import io

import pytest
from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import QPoint, Qt

from desktop.common.loaded_dataset import LoadedDataset
from desktop.export.charts_pptx import charts_pptx_bytes
from desktop.panels.charts import ChartsPanel
from desktop.panels.compare import ComparePanel
from desktop.panels.timeline import TimelinePanel
from desktop.state import ExplorerState
from geodata import Filter, figures, load_dataset, run_query, visible_project_ids


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def state(ds, qapp):
    explorer = ExplorerState()
    explorer.set_dataset(LoadedDataset(ds))
    return explorer


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_network_chart_draws_the_national_figures(qtbot, state, ds):
    panel = shown(qtbot, ChartsPanel(state))
    panel.choose("network")
    lines = [series for series in panel.chart_view.chart().series()
             if isinstance(series, QLineSeries)]
    drawn = {series.name(): [(point.x(), point.y()) for point in series.points()]
             for series in lines}
    smes = figures.network_size(ds).query("series == 'network-smes'")["value"].tolist()
    assert drawn["Network SMEs"] == list(enumerate(smes)) == [
        (0, 5000.0), (1, 5800.0), (2, 10700.0), (3, 10200.0)]
    # the universities figure of c. 2004 is not given: a gap, not a zero
    assert [x for x, _ in drawn["Network universities"]] == [0, 2, 3]
    assert "hosoya-2011-initiatives" in panel.detail.text()


def test_the_per_bureau_chart_follows_the_year(qtbot, state, ds):
    panel = shown(qtbot, ChartsPanel(state))
    panel.choose("per-bureau")
    state.set_fiscal_year(2007)
    panel.ensure_fresh()
    bars = next(series for series in panel.chart_view.chart().series()
                if isinstance(series, QBarSeries))
    companies = next(bar_set for bar_set in bars.barSets() if bar_set.label() == "Companies")
    term2 = figures.counts_per_bureau(ds, run_query(ds, Filter(fiscal_year=2007)).projects)
    expected = [0.0 if value is None or value != value else float(value)
                for value in term2["companies"].astype(float)]
    assert [companies.at(i) for i in range(companies.count())] == expected


def test_the_timeline_filters_the_state_and_counts_undated_projects(qtbot, state, ds):
    panel = shown(qtbot, TimelinePanel(state))
    assert (panel.slider.minimum(), panel.slider.maximum()) == (2001, 2013)
    assert "3 projects with years not stated" in panel.not_stated_label.text()
    panel.slider.setValue(2003)
    assert state.filter.fiscal_year == 2003
    assert set(state.scope_result().project_ids) == set(
        visible_project_ids(ds, Filter(fiscal_year=2003)))
    assert panel.year_label.text() == "FY2003: 19 projects"
    panel.forward_button.click()
    assert state.filter.fiscal_year == 2004
    panel.all_years_button.click()
    assert state.filter.fiscal_year is None
    panel.slider.setValue(2013)
    assert not panel.step(1)  # the last year: playing stops here


def test_the_year_slider_from_the_keyboard(qtbot, state):
    """Keys on the focused slider: Home picks the first year even from All years (where the
    slider already rests on it), the arrows step, Space plays and pauses."""
    from PySide6.QtTest import QTest

    panel = shown(qtbot, TimelinePanel(state))
    panel.activateWindow()
    panel.slider.setFocus()  # where Tab takes a person (tests/webengine: keyboard workflows)
    qtbot.waitUntil(panel.slider.hasFocus)
    assert state.filter.fiscal_year is None and panel.slider.value() == 2001
    QTest.keyClick(panel.slider, Qt.Key.Key_Home)
    assert state.filter.fiscal_year == 2001
    QTest.keyClick(panel.slider, Qt.Key.Key_Right)
    assert state.filter.fiscal_year == 2002
    QTest.keyClick(panel.slider, Qt.Key.Key_End)
    assert state.filter.fiscal_year == 2013
    QTest.keyClick(panel.slider, Qt.Key.Key_Space)
    assert panel.play_timer.isActive() and panel.play_button.isChecked()
    QTest.keyClick(panel.slider, Qt.Key.Key_Space)
    assert not panel.play_timer.isActive() and not panel.play_button.isChecked()


def test_the_comparison_table_equals_per_bureau_queries(qtbot, state, ds):
    panel = shown(qtbot, ComparePanel(state))
    panel.set_compared(["kinki", "kyushu", "kanto"])
    for bureau_id in ("kinki", "kyushu", "kanto"):
        expected = run_query(ds, Filter(bureau_id=bureau_id))
        name = ds.bureau_names[bureau_id]
        assert panel.cell("Projects", name) == str(len(expected.projects))
        assert panel.cell("Tie-ups", name) == str(len(expected.tieups))
        assert panel.cell("Achievements", name) == str(expected.outcome_count)


def test_the_pptx_charts_are_native_and_hold_the_query_data(ds):
    from pptx import Presentation
    from pptx.enum.chart import XL_CHART_TYPE

    flt = Filter(fiscal_year=2007)
    deck = Presentation(io.BytesIO(charts_pptx_bytes(ds, flt)))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    expected = figures.all_charts(ds, run_query(ds, flt.scope).projects,
                                  run_query(ds, flt).projects)
    assert len(charts) == len(expected)
    assert charts[0].chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert charts[2].chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    for native, chart in zip(charts, expected, strict=True):
        assert list(native.plots[0].categories) == list(chart.categories)
        assert {series.name: tuple(series.values) for series in native.series} == chart.series


def test_the_command_line_writes_the_charts_as_editable_powerpoint_charts(tmp_path):
    import subprocess
    import sys

    from pptx import Presentation

    out = tmp_path / "figures.pptx"
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "export", str(out), "--charts"],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    charts = [shape.chart for slide in Presentation(str(out)).slides for shape in slide.shapes
              if shape.has_chart]
    assert charts and all(chart.plots[0].categories for chart in charts)
    refused = subprocess.run([sys.executable, "-m", "desktop.cli", "export",
                              str(tmp_path / "map.png"), "--charts"],
                             capture_output=True, text=True, timeout=180)
    assert refused.returncode == 2 and "--charts needs a .pptx" in refused.stderr


def test_the_window_exports_the_charts_as_editable_powerpoint_charts(qtbot, tmp_path,
                                                                     monkeypatch):
    from fake_window import FakeWindow
    from pptx import Presentation
    from PySide6.QtWidgets import QFileDialog

    from desktop.export.actions import WindowExporter
    from geodata import load_dataset

    window = FakeWindow(load_dataset())
    qtbot.addWidget(window)
    exporter = WindowExporter(window.context)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args, **_kwargs: (str(tmp_path / "figures"), ""))
    with qtbot.waitSignal(exporter.sig_exported, timeout=60_000) as exported:
        exporter.charts_action.trigger()
    assert exported.args == [str(tmp_path / "figures.pptx")]
    deck = Presentation(str(tmp_path / "figures.pptx"))
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)


def test_the_comparison_shows_the_chosen_projects_and_one_chart_each(qtbot, state, ds):
    panel = shown(qtbot, ComparePanel(state))
    panel.set_mode("projects")
    chosen = ["kyushu-k-rip", "kazusa-biotechnology", "kyushu-silicon-cluster"]
    panel.set_compared(chosen)
    headers = [panel.model.horizontalHeaderItem(column).text()
               for column in range(panel.model.columnCount())]
    assert headers == [ds.project_names[pid] for pid in panel.compared()]  # in list order
    assert set(panel.compared()) == set(chosen)
    for project_id in chosen:
        expected = run_query(ds, Filter(project_id=project_id))
        name = ds.project_names[project_id]
        assert panel.cell("Tie-ups", name) == str(len(expected.tieups))
    measures = len(figures.SMALL_MULTIPLE_MEASURES)
    assert len(panel.chart_views) == measures
    # one scale per measure: the companies' axis is not the universities' one
    assert len(set(panel.value_axis_maxima())) > 1
    # the companies count Kazusa's sources do not give is no bar, not a zero
    companies = panel.drawn_values[list(figures.SMALL_MULTIPLE_MEASURES).index(
        "Companies (reported)")]
    assert ds.project_names["kazusa-biotechnology"] not in companies
    assert len(companies) == len(chosen) - 1


def test_the_project_choices_follow_the_filter(qtbot, state, ds):
    from PySide6.QtCore import Qt

    panel = shown(qtbot, ComparePanel(state))
    panel.set_mode("projects")
    state.set_fiscal_year(2007)
    panel.ensure_fresh()
    listed = {panel.project_list.item(row).data(Qt.ItemDataRole.UserRole)
              for row in range(panel.project_list.count())}
    assert listed == set(visible_project_ids(ds, Filter(fiscal_year=2007)))
    panel.set_mode("bureaus")
    assert len(panel.compared()) == 2
    assert all(len(values) <= 2 for values in panel.drawn_values)


def test_the_budgets_draw_one_labelled_bar_per_figure_given_and_no_legend(qtbot, state, ds):
    from PySide6.QtCharts import QHorizontalBarSeries

    panel = shown(qtbot, ChartsPanel(state))
    panel.choose("budgets")
    qchart = panel.chart_view.chart()
    (bars,) = [series for series in qchart.series() if isinstance(series, QHorizontalBarSeries)]
    drawn = sorted(bars.barSets()[0].at(row) for row in range(bars.barSets()[0].count()))
    dated = figures.budgets(ds).dropna(subset=["fiscal_year"])
    assert drawn == pytest.approx(sorted(dated["value"] / 1e9))
    assert not qchart.legend().isVisible()


def test_the_comparison_opens_in_a_window_of_its_own_and_docks_back(qtbot, state):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    main.resize(1400, 900)
    dock = QDockWidget("Compare regions", main)
    panel = ComparePanel(state)
    dock.setWidget(panel)
    main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    main.show()
    assert not dock.isFloating() and panel.window_button.text() == "Open in a window"
    panel.window_button.click()
    assert dock.isFloating()
    assert dock.width() >= 1000 and dock.height() >= 700
    assert panel.window_button.text() == "Dock in the window"
    panel.window_button.click()
    assert not dock.isFloating() and not panel.window_button.isChecked()
    dock.setFloating(True)  # floated by its title bar: the button follows
    assert panel.window_button.isChecked()


def test_the_compare_checklist_keeps_its_layout_while_clicked(qtbot, state):
    """Each click refreshed the panel; the check list's scroll bar came and went and its boxes
    reflowed from one column to two under the pointer, so the next click ticked another
    region. Clicked here with the mouse, box by box, at a dock's width."""
    from PySide6.QtTest import QTest

    panel = shown(qtbot, ComparePanel(state))
    panel.resize(320, 700)
    qtbot.waitExposed(panel)
    checks = panel.bureau_list
    before = [checks.visualItemRect(checks.item(row)) for row in range(checks.count())]
    ticked = []
    for row in (0, 1, 2):  # the first two start ticked: untick them, tick the third
        rect = checks.visualItemRect(checks.item(row))
        box = rect.topLeft() + QPoint(10, rect.height() // 2)  # the check box at the left
        QTest.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=box)
        ticked.append([checks.item(each).checkState() == Qt.CheckState.Checked
                       for each in range(3)])
        assert [checks.visualItemRect(checks.item(each)) for each in range(checks.count())] \
            == before
    assert ticked[-1] == [False, False, True]


def test_playing_the_timeline_returns_to_the_year_shown_before(qtbot, state):
    """Playback ended on the last year (FY2013, two projects) and stayed there."""
    from PySide6.QtTest import QTest

    panel = shown(qtbot, TimelinePanel(state))
    qtbot.waitExposed(panel)
    panel.play_timer.setInterval(5)  # the years go by faster than a person's 1.2 s each
    assert state.filter.fiscal_year is None
    seen = []
    state.sig_filter_changed.connect(lambda: seen.append(state.filter.fiscal_year))
    QTest.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.play_button.isChecked(), timeout=10_000)
    assert seen[:2] == [2001, 2002] and 2013 in seen
    assert state.filter.fiscal_year is None
    assert panel.play_button.text() == "Play"


def test_the_comparison_numbers_and_bureau_names_are_whole_at_a_docks_width(qtbot, state):
    """At the dock's default width the measures' names took the table: every number showed
    "…", and the check list cut 北海道 to "…". Numbers and names read whole."""
    from PySide6.QtWidgets import QStyle

    from desktop.common import i18n

    previous = i18n.current_language()
    i18n.set_language(i18n.JAPANESE)  # the longest measures' names
    try:
        _check_whole_at_a_docks_width(qtbot, state, QStyle)
    finally:
        i18n.set_language(previous)


def _check_whole_at_a_docks_width(qtbot, state, QStyle):  # noqa: N803 - the class
    panel = shown(qtbot, ComparePanel(state))
    panel.resize(320, 700)
    qtbot.waitExposed(panel)
    panel.set_compared(["kanto", "kinki"])
    qtbot.wait(50)
    table, model = panel.table, panel.model
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            item = model.item(row, column)
            if item.textAlignment() & Qt.AlignmentFlag.AlignRight:  # a number
                assert metrics.horizontalAdvance(item.text()) + 8 <= table.columnWidth(column), (
                    item.text(), table.columnWidth(column))
    checks = panel.bureau_list
    for row in range(checks.count()):
        item = checks.item(row)
        box = checks.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        room = checks.visualItemRect(item).width() - box
        assert checks.fontMetrics().horizontalAdvance(item.text()) <= room, item.text()


def test_each_measure_of_the_comparison_has_its_own_scale(qtbot, state):
    """One shared scale made every measure but the companies invisible (285 against 10)."""
    panel = shown(qtbot, ComparePanel(state))
    panel.set_compared(["kanto", "kinki"])
    maxima = dict(zip(figures.SMALL_MULTIPLE_MEASURES, panel.value_axis_maxima(), strict=True))
    drawn = dict(zip(figures.SMALL_MULTIPLE_MEASURES, panel.drawn_values, strict=True))
    for measure, values in drawn.items():
        if values:
            assert max(values.values()) <= maxima[measure] <= 2 * max(values.values()) + 5


def test_the_budget_rows_are_named_whole_beside_their_bars(qtbot, state):
    """The budgets' labels were cut to "2009年度・産業クラス…": the bars could not be told
    apart. Each row's year and programme are written whole, one row's name apart from the
    next's."""
    panel = shown(qtbot, ChartsPanel(state))
    panel.resize(320, 700)
    qtbot.waitExposed(panel)
    panel.choose("budgets")
    qtbot.waitUntil(lambda: len(getattr(panel, "_row_items", [])) == len(panel._row_names))
    items = panel._row_items
    assert [item.toPlainText() for item in items] == panel._row_names
    assert len(set(panel._row_names)) == len(panel._row_names)
    boxes = sorted((item.mapRectToScene(item.boundingRect()) for item in items),
                   key=lambda box: box.top())
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() <= lower.top() + 1  # no name drawn over the next
    plot = panel.chart_view.chart().plotArea()
    assert all(box.right() <= plot.left() for box in boxes)  # beside the bars, not over them


def _lightness(image) -> list[list[int]]:
    return [[image.pixelColor(x, y).lightness() for x in range(image.width())]
            for y in range(image.height())]


def _commonest_colour(image) -> str:
    from collections import Counter

    return Counter(image.pixelColor(x, y).name() for x in range(image.width())
                   for y in range(image.height())).most_common(1)[0][0]


@pytest.mark.parametrize("key", ["per-bureau", "per-project", "network"])
def test_series_told_apart_by_colour_also_carry_a_glyph(qtbot, state, key):
    """Companies beside universities, or two lines of the network, differed by colour alone:
    each series now carries its glyph (field_cues.series_glyphs, the map's glyphs taken in
    turn): bars hatched with it, a line's points and legend marker holding it (issue 33)."""
    from desktop.common.field_cues import series_glyphs
    from desktop.common.glyph_drawing import field_swatch_image, glyph_pattern_brush
    from desktop.panels.charts import LINE_MARKER_PX

    panel = shown(qtbot, ChartsPanel(state))
    panel.choose(key)
    chart = panel.charts[key]
    glyphs = series_glyphs(chart.series)
    pictures = []
    for series in panel.chart_view.chart().series():
        if isinstance(series, QBarSeries):
            for bar_set in series.barSets():
                texture = bar_set.brush().textureImage()
                assert not texture.isNull(), f"{bar_set.label()}: a plain colour"
                fill = _commonest_colour(texture)  # the theme's colour, under the hatching
                expected = glyph_pattern_brush(fill, glyphs[bar_set.label()]).textureImage()
                assert texture == expected, bar_set.label()
                pictures.append(_lightness(texture))
        else:
            marker = series.lightMarker()
            expected = field_swatch_image(series.color().name(), glyphs[series.name()],
                                          LINE_MARKER_PX, panel.devicePixelRatioF())
            assert marker == expected, series.name()
            pictures.append(_lightness(marker))
    assert len(pictures) == len(chart.series) >= 2
    # in grey alone (lightness), no two series look alike
    for i, first in enumerate(pictures):
        for second in pictures[i + 1:]:
            assert sum(abs(a - b) > 40 for row_a, row_b in zip(first, second, strict=True)
                       for a, b in zip(row_a, row_b, strict=True)) >= 8


def test_the_pptx_bar_series_are_hatched_by_their_glyphs(ds):
    """In the deck too, bar series told apart by colour carry the pattern of their glyph, the
    charts panel's rule: each series its own while there are glyphs to go round."""
    from pptx import Presentation
    from pptx.enum.dml import MSO_FILL

    from desktop.common.field_cues import GLYPHS, series_glyphs
    from desktop.export.charts_pptx import GLYPH_HATCHES

    assert set(GLYPH_HATCHES) == set(GLYPHS)
    assert len(set(GLYPH_HATCHES.values())) == len(GLYPH_HATCHES)
    deck = Presentation(io.BytesIO(charts_pptx_bytes(ds, Filter())))
    natives = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    charts = figures.all_charts(ds, run_query(ds, Filter()).projects,
                                run_query(ds, Filter()).projects)
    hatched = 0
    for native, chart in zip(natives, charts, strict=True):
        if chart.kind != "bar" or len(chart.series) < 2:
            continue
        glyphs = list(series_glyphs(chart.series).values())
        fills = [series.format.fill for series in native.plots[0].series]
        assert all(fill.type == MSO_FILL.PATTERNED for fill in fills), chart.key
        assert [fill.pattern for fill in fills] == [GLYPH_HATCHES[g] for g in glyphs]
        hatched += 1
    assert hatched >= 2  # companies and universities per bureau, per project


@pytest.mark.parametrize(("language", "labels"), [
    ("en", ["0", "5K", "10K", "15K"]), ("ja", ["0", "5000", "1万", "1.5万"])])
def test_the_network_charts_numbers_are_whole_at_a_docks_width(qtbot, state, language, labels):
    """At the dock's default width the value axis cut 15000 to "15…" and 5000 to "50…",
    which read as other numbers. The ticks are written as the language shortens them, whole."""
    from PySide6.QtCharts import QValueAxis

    from desktop.common import i18n
    from desktop.common.fonts import install_qt_font

    install_qt_font()  # as the window does: the Japanese font its text is measured in
    previous = i18n.current_language()
    i18n.set_language(language)
    try:
        panel = shown(qtbot, ChartsPanel(state))
        panel.resize(310, 640)
        qtbot.waitExposed(panel)
        panel.choose("network")
        qtbot.wait(50)
        value_axes = [axis for axis in panel.chart_view.chart().axes()
                      if isinstance(axis, QValueAxis)]
        assert len(value_axes) == 2
        assert [axis.labelsTruncated() for axis in value_axes] == [False, False], [
            axis.categoriesLabels() for axis in value_axes]
        assert value_axes[0].categoriesLabels() == labels
        assert (value_axes[0].min(), value_axes[0].max()) == (0, 15000)
    finally:
        i18n.set_language(previous)
