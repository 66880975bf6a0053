"""The charts panel: the policy's figures as QtCharts, one tab away from the map.

What a chart holds comes from ``geodata.figures`` (the same ``Chart`` data the PowerPoint
export writes); this module only draws it. National series are the sources' own and do not
narrow with the filters; the per-bureau chart follows the filter's scope and the per-project
chart the selection. Every value has a tooltip naming its series and category, and the
chart's sources are listed under it as plain text. "Save chart…" writes the shown chart as a
PNG (at twice the view's pixels) or an SVG.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLegend,
    QLineSeries,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMargins,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QCursor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGraphicsTextItem,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolTip,
)

from desktop.common import i18n
from desktop.common.domain_text import localized_chart
from desktop.common.field_cues import series_glyphs
from desktop.common.glyph_drawing import field_swatch_image, glyph_pattern_brush
from desktop.common.text import number, text, tooltip
from desktop.panels.chart_text import chart_text_alternative
from desktop.panels.registry import RIGHT, register_panel
from desktop.panels.result_panel import ResultPanel
from desktop.state import ExplorerState
from geodata.file_replace import replace_bytes

PNG_SCALE = 2  # sharp on a high-density screen and in a printed page
MAX_LEGEND_SERIES = 4  # more bar sets than this are drawn as labelled rows, not a legend
LINE_MARKER_PX = 11  # a line's point marker with its glyph: the map legend's swatch size
ROW_LABEL_EMS = 8  # the room a bar row's label wraps in, in full-width characters
SAVE_SUFFIXES = (".png", ".svg")


def save_filters() -> dict[str, str]:
    """The Save dialog's filters, each to its suffix, in the interface's language."""
    return {QCoreApplication.translate("ChartsPanel", "PNG image (*.png)"): ".png",
            QCoreApplication.translate("ChartsPanel", "SVG drawing (*.svg)"): ".svg"}


def chart_png_bytes(chart_view: QChartView) -> bytes:
    """The chart ``chart_view`` shows as a PNG at ``PNG_SCALE`` times the view's pixels."""
    size = chart_view.size() * PNG_SCALE
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    chart_view.render(painter, QRectF(image.rect()))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def chart_svg_bytes(chart_view: QChartView) -> bytes:
    """The chart ``chart_view`` shows as an SVG drawing (text stays text) of the view's size."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(chart_view.size()))
    generator.setViewBox(chart_view.rect())
    generator.setTitle(chart_view.chart().title() if chart_view.chart() else "")
    painter = QPainter(generator)
    chart_view.render(painter)
    painter.end()
    buffer.close()
    return bytes(data)


def compact_number(value: float, language: str) -> str:
    """A tick's number as short as the language writes it (CLDR's compact form through Babel:
    15000 is "15K" in English, "1.5万" in Japanese), so that a dock's narrow chart shows it
    whole: Qt cut "15000" to "15…", which reads as another number."""
    from babel.numbers import format_compact_decimal  # its data loads with the first chart

    return format_compact_decimal(value, locale=language, fraction_digits=2)


def _label_ticks(axis: QCategoryAxis) -> None:
    """Label each tick of ``axis``'s (nice) range with its compact number."""
    low, high, ticks = axis.min(), axis.max(), max(axis.tickCount(), 2)
    step = (high - low) / (ticks - 1)
    axis.setStartValue(low - step)  # the first label sits on ``low``, the end of a category
    language = i18n.current_language()
    for tick in range(ticks):
        value = low + tick * step
        axis.append(compact_number(value, language), value)
    axis.setRange(low, high)


def _axis_label(label: str) -> str:
    """Category axis labels may be drawn as rich text: dataset names are escaped."""
    return html.escape(label)


def unit_title(title: str, unit: str) -> str:
    """An axis title with its unit: 'Network SMEs (organisations (as reported))'."""
    return title if not unit or unit == title else QCoreApplication.translate(
        "ChartsPanel", "{title} ({unit})").format(title=title, unit=unit)


@register_panel("charts", QT_TRANSLATE_NOOP("Panels", "Charts"), RIGHT,
                tab_group="results", refresh_after_map=True, order=60)
class ChartsPanel(ResultPanel):
    """A chart picker, the chart, and the sources of what it shows."""

    def __init__(self, state: ExplorerState, parent=None):
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        # a chart taller than the dock (the budgets' rows, each named whole) scrolls in it
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_scroll.setWidget(self.chart_view)
        super().__init__(state, self.chart_scroll, parent)
        self.picker = QComboBox()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_and_save)
        controls = QHBoxLayout()
        controls.addWidget(self.picker, 1)
        controls.addWidget(self.save_button)
        self.layout().insertLayout(0, controls)
        self.error_dialog: QMessageBox | None = None
        self.picker.currentIndexChanged.connect(lambda _index: self.refresh())
        self.charts: dict = {}
        """What the shown chart draws: series name → values (None: a gap). Read by tests."""
        self.retranslate()
        if state.dataset is not None:  # made after the dataset arrived
            self.invalidate()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save chart…"))
        self.chart_view.setAccessibleName(self.tr("Chart"))
        self.picker.setAccessibleName(self.tr("Chart shown"))
        self.chart_scroll.setAccessibleName(self.tr("Chart area"))
        self.save_button.setToolTip(self.tr("Save the shown chart as a PNG image or an SVG "
                                            "drawing"))
        super().retranslate()

    def refresh(self) -> None:
        ds = self.state.dataset
        if ds is None:
            return
        from geodata import figures  # here: the window is built before pandas loads

        language, style = i18n.current_language(), i18n.current_year_style()
        national = self.state.loaded.derived(figures.national_charts)  # once per dataset
        charts = [localized_chart(chart, ds, language, style) for chart in figures.all_charts(
            ds, self.state.scope_result().projects, self.state.result().projects, national)]
        self.charts = {chart.key: chart for chart in charts}
        if [self.picker.itemText(i) for i in range(self.picker.count())] != [
                chart.title for chart in charts]:  # another dataset, or another language
            self.picker.blockSignals(True)
            self.picker.clear()
            for chart in charts:
                self.picker.addItem(chart.title, chart.key)
            self.picker.blockSignals(False)
        self.show_chart(self.charts[self.picker.currentData() or charts[0].key])

    def choose(self, key: str) -> None:
        """Show the chart ``key`` (see geodata.figures.CHART_TITLES)."""
        self.ensure_fresh()
        self.picker.setCurrentIndex(self.picker.findData(key))

    def chart_bytes(self, suffix: str) -> bytes:
        """The shown chart as ``suffix`` (".png" or ".svg") file contents."""
        return chart_svg_bytes(self.chart_view) if suffix == ".svg" \
            else chart_png_bytes(self.chart_view)

    def choose_and_save(self) -> None:
        """Ask where to save the shown chart, starting where the window's exports go."""
        window = self.window()
        folder = getattr(window, "dialog_folder", lambda _dialog: Path())("export")
        filters = save_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), str(Path(folder) / "cluster-chart.png"),
            ";;".join(filters))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in SAVE_SUFFIXES:
            target = target.with_suffix(filters.get(chosen, ".png"))
        if hasattr(window, "remember_dialog_folder"):
            window.remember_dialog_folder("export", target.parent)
        self.save_chart(target)

    def save_chart(self, target: Path) -> bool:
        """Write the shown chart to ``target`` (its suffix picks the format); a failure is
        shown to the user, and nothing is half-written."""
        try:
            replace_bytes(target, self.chart_bytes(target.suffix.lower()))
        except (OSError, RuntimeError) as error:
            self.error_dialog = QMessageBox(QMessageBox.Icon.Warning, self.tr("Chart not saved"),
                                            f"{target}: {error}", parent=self)
            self.error_dialog.setTextFormat(Qt.TextFormat.PlainText)
            self.error_dialog.open()  # not modal: the window stays usable
            return False
        return True

    def show_chart(self, chart) -> None:
        self.chart_view.setMinimumHeight(260)  # the budgets' rows make it taller
        self._row_names = []
        qchart = QChart()
        qchart.setTitle(chart.title)
        # a dock is narrow: the axes' numbers get the room Qt's default frame would take
        qchart.layout().setContentsMargins(0, 0, 0, 0)
        qchart.setMargins(QMargins(4, 4, 4, 4))
        qchart.setBackgroundRoundness(0)
        qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        qchart.legend().setShowToolTips(True)  # a label cut short by the room shows in full
        if chart.kind == "bar" and len(chart.series) > MAX_LEGEND_SERIES:
            self._add_bar_rows(qchart, chart)
        else:
            self._add_by_category(qchart, chart)
        self.chart_view.setChart(qchart)
        self.chart_view.setAccessibleDescription(chart_text_alternative(chart))
        self.heading.setText(f"{chart.title} — {self._scope_of(chart)}")
        self.detail.setText("\n".join([*chart.notes, self.tr("Sources: {sources}").format(
            sources="; ".join(self.state.dataset.source_titles.get(source, source)
                              + f" [{source}]" for source in chart.source_ids))]))

    def _add_by_category(self, qchart: QChart, chart) -> None:
        categories = [_axis_label(category) for category in chart.categories]
        category_axis = QBarCategoryAxis()
        category_axis.append(categories)
        # labels that do not fit side by side stand upright, whole (not "20…")
        widest = max((self.fontMetrics().horizontalAdvance(category)
                      for category in chart.categories), default=0)
        room = max(1, self.chart_view.width() - 120) / max(1, len(categories))
        if widest + 8 > room:
            category_axis.setLabelsAngle(-90)
        qchart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        if chart.kind == "line":
            self._add_lines(qchart, chart, category_axis)
        else:
            self._add_bars(qchart, chart, category_axis)

    def _scope_of(self, chart) -> str:
        if chart.key == "per-bureau":
            return self.tr("the filter's projects, by bureau")
        if chart.key == "per-project":
            return self.scope_label()
        return self.tr("national figures as the sources give them")

    def _value_axis(self, qchart: QChart, title: str, alignment) -> QCategoryAxis:
        """A value axis whose tick labels are set by ``_label_ticks`` once its range is
        known (a QCategoryAxis is a QValueAxis whose labels the code writes)."""
        axis = QCategoryAxis()
        axis.setTitleText(title)
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        qchart.addAxis(axis, alignment)
        return axis

    def _add_lines(self, qchart: QChart, chart, category_axis) -> None:
        axes = {}
        for name, values in chart.series.items():
            side = chart.axes.get(name, "left")
            if side not in axes:
                axes[side] = self._value_axis(
                    qchart, unit_title(name, chart.unit), Qt.AlignmentFlag.AlignLeft
                    if side == "left"
                    else Qt.AlignmentFlag.AlignRight)
            series = QLineSeries()
            series.setName(name)
            series.setPointsVisible(True)
            for position, value in enumerate(values):
                if value is not None:  # a period without a figure is a gap, not a zero
                    series.append(QPointF(position, value))
            qchart.addSeries(series)
            series.attachAxis(category_axis)
            series.attachAxis(axes[side])
            series.hovered.connect(
                lambda point, shown, name=name: self._line_tip(chart, name, point, shown))
        for axis in axes.values():
            axis.setMin(0)
            axis.applyNiceNumbers()
            _label_ticks(axis)
        self._mark_series(qchart, chart)

    def _add_bars(self, qchart: QChart, chart, category_axis) -> None:
        bars = QBarSeries()
        for name, values in chart.series.items():
            bar_set = QBarSet(name)
            bar_set.append([0.0 if value is None else value for value in values])
            bar_set.hovered.connect(
                lambda shown, index, name=name: self._bar_tip(chart, name, index, shown))
            bars.append(bar_set)
        qchart.addSeries(bars)
        axis = self._value_axis(qchart, chart.unit, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(category_axis)
        bars.attachAxis(axis)
        axis.setMin(0)
        axis.applyNiceNumbers()
        _label_ticks(axis)
        self._mark_series(qchart, chart)

    def _mark_series(self, qchart: QChart, chart) -> None:
        """Where the colour tells series apart (two or more, with a legend), each also
        carries its glyph (field_cues.series_glyphs), as the map's markers carry their
        field's: bars are hatched with it, a line's points are small markers holding it, and
        the legend shows the same. The colours stay the chart theme's."""
        if len(chart.series) < 2:
            return
        glyphs = series_glyphs(chart.series)
        ratio = self.devicePixelRatioF()
        for series in qchart.series():
            if isinstance(series, QLineSeries):
                fill = series.color().name()
                series.setLightMarker(field_swatch_image(fill, glyphs[series.name()],
                                                         LINE_MARKER_PX, ratio))
                series.setMarkerSize(LINE_MARKER_PX)
                for marker in qchart.legend().markers(series):  # the legend shows the same
                    marker.setShape(QLegend.MarkerShape.MarkerShapeFromSeries)
            elif isinstance(series, QBarSeries):
                for bar_set, glyph in zip(series.barSets(), glyphs.values(), strict=True):
                    bar_set.setBrush(glyph_pattern_brush(bar_set.color().name(), glyph))

    def _add_bar_rows(self, qchart: QChart, chart) -> None:
        """Many sparse bar sets (the budgets: eleven programmes over five years, most years
        naming one or two) as one horizontal bar per value given, labelled "year · series":
        a legend of eleven colours does not fit a dock, and empty slots would read as zeros."""
        given = [(index, name, value) for index, category in enumerate(chart.categories)
                 for name, values in chart.series.items()
                 if (value := values[index]) is not None]
        given.reverse()  # horizontal bars are drawn from the bottom up: the first year on top
        bar_set = QBarSet(chart.unit)
        bar_set.append([value for _index, _name, value in given])
        bar_set.hovered.connect(lambda shown, row: self._tip(
            chart, given[row][1], given[row][0], shown) if 0 <= row < len(given) else None)
        bars = QHorizontalBarSeries()
        bars.append(bar_set)
        qchart.addSeries(bars)
        qchart.legend().hide()
        rows_axis = QBarCategoryAxis()
        # Each bar's "year · programme" is written whole, wrapped, in a margin kept at the
        # left (the axis' own labels hidden): an axis label was cut to "2009年度・産業クラス…"
        # and the bars could not be told apart.
        self._row_names = [f"{chart.categories[index]} · {name}"
                           for index, name, _value in given]
        rows_axis.append([str(row) for row in range(len(given))])
        rows_axis.setLabelsVisible(False)
        width = self.fontMetrics().horizontalAdvance("\u3000" * ROW_LABEL_EMS)
        qchart.setMargins(QMargins(width + 14, 4, 8, 4))
        qchart.plotAreaChanged.connect(lambda _area, qchart=qchart:
                                       self._place_row_names(qchart))
        qchart.addAxis(rows_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(rows_axis)
        axis = self._value_axis(qchart, chart.unit, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis)
        axis.setMin(0)
        axis.applyNiceNumbers()
        _label_ticks(axis)
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance("\u3000" * ROW_LABEL_EMS)
        tallest = max((metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap,
                                            name).height() for name in self._row_names),
                      default=0)
        # every band holds the tallest label (bands are equal)
        self.chart_view.setMinimumHeight(max(260, 110 + (tallest + 10) * len(given)))

    def _place_row_names(self, qchart: QChart) -> None:
        """Each bar's "year · programme" at its left, whole, wrapped to the axis' room."""
        for item in getattr(self, "_row_items", []):
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._row_items = []
        area = qchart.plotArea()
        count = len(self._row_names)
        if not count or area.height() <= 0:
            return
        band = area.height() / count
        width = self.fontMetrics().horizontalAdvance("\u3000" * ROW_LABEL_EMS)
        for row, name in enumerate(self._row_names):
            item = QGraphicsTextItem(qchart)
            item.setPlainText(name)
            item.setFont(self.font())
            item.setTextWidth(width)
            height = item.boundingRect().height()
            # rows are drawn from the bottom up: row 0 is the lowest band
            middle = area.bottom() - (row + 0.5) * band
            item.setPos(area.left() - width - 10, middle - height / 2)
            self._row_items.append(item)

    def _line_tip(self, chart, name: str, point: QPointF, shown: bool) -> None:
        self._tip(chart, name, round(point.x()), shown)

    def _bar_tip(self, chart, name: str, index: int, shown: bool) -> None:
        self._tip(chart, name, index, shown)

    def _tip(self, chart, name: str, index: int, shown: bool) -> None:
        if not shown or not 0 <= index < len(chart.categories):
            QToolTip.hideText()
            return
        value = chart.series[name][index]
        shown_value = (self.tr("not given by the sources") if value is None
                       else f"{number(value)} {chart.unit}")
        QToolTip.showText(QCursor.pos(), tooltip(
            name, f"{text(chart.categories[index])}: {shown_value}"), self.chart_view)
