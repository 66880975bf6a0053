"""The fiscal-year timeline: the programme periods on a strip, and a year that filters the map.

Choosing a year asks the state for it (``set_fiscal_year``); the map and every panel follow
through ``sig_filter_changed`` like any other filter. Which projects a year shows is decided
in ``geodata`` (programs_active_in); projects whose programmes the sources do not date are
never placed on a year: the panel counts them as "years not stated".
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.common import i18n
from desktop.common.text import is_blank, tooltip
from desktop.panels.registry import BOTTOM, register_panel
from desktop.state import ExplorerState
from geodata.fiscal_years import fiscal_year_short
from geodata.names import display_name

PLAY_INTERVAL_MS = 1200
ROW_HEIGHT = 16
AXIS_HEIGHT = 18
LABEL_WIDTH = 190
MINISTRY_COLOURS = {"METI": "#1f78b4", "MEXT": "#33a02c"}
OTHER_COLOUR = "#8c8c8c"


class ProgramStrip(QWidget):
    """One row per dated programme over the fiscal years; a click picks the year under it."""

    sig_year_clicked = Signal(int)
    """The fiscal year whose column the user clicked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._periods = []  # rows of geodata.figures.program_periods
        self._span: tuple[int, int] | None = None
        self._year: int | None = None
        self._source_lines: dict[str, str] = {}
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_periods(self, periods, span, source_lines: dict[str, str]) -> None:
        self._periods = list(periods.itertuples(index=False))
        self._span = span
        self._source_lines = source_lines
        self.setFixedHeight(AXIS_HEIGHT + ROW_HEIGHT * max(1, len(self._periods)) + 4)
        self.update()

    def set_year(self, year: int | None) -> None:
        self._year = year
        self.update()

    # --- geometry ----------------------------------------------------------------------------
    def _column_width(self) -> float:
        first, last = self._span
        return max(1.0, (self.width() - LABEL_WIDTH - 4) / (last - first + 1))

    def _x_of(self, year: int) -> float:
        return LABEL_WIDTH + (year - self._span[0]) * self._column_width()

    def year_at(self, x: float) -> int | None:
        if self._span is None or x < LABEL_WIDTH:
            return None
        year = self._span[0] + int((x - LABEL_WIDTH) // self._column_width())
        return year if year <= self._span[1] else None

    def _row_at(self, y: float):
        row = int((y - AXIS_HEIGHT) // ROW_HEIGHT)
        return self._periods[row] if y >= AXIS_HEIGHT and 0 <= row < len(self._periods) else None

    # --- drawing -----------------------------------------------------------------------------
    def paintEvent(self, _event):  # noqa: N802 - Qt override
        if self._span is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        first, last = self._span
        width = self._column_width()
        if self._year is not None:
            painter.fillRect(QRectF(self._x_of(self._year), 0, width, self.height()),
                             palette.highlight().color().lighter(160))
        painter.setPen(palette.text().color())
        for year in range(first, last + 1):
            painter.drawText(QRectF(self._x_of(year), 0, width, AXIS_HEIGHT),
                             Qt.AlignmentFlag.AlignCenter,
                             fiscal_year_short(year, i18n.current_year_style()))
        metrics = painter.fontMetrics()
        for position, row in enumerate(self._periods):
            top = AXIS_HEIGHT + position * ROW_HEIGHT
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(2, top, LABEL_WIDTH - 6, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(display_name(row, i18n.current_language()),
                                                Qt.TextElideMode.ElideRight,
                                                LABEL_WIDTH - 6))
            self._draw_period(painter, row, top + 3, ROW_HEIGHT - 6)
        painter.end()

    def _draw_period(self, painter: QPainter, row, top: float, height: float) -> None:
        colour = QColor(MINISTRY_COLOURS.get(row.ministry, OTHER_COLOUR))
        last = self._span[1]
        if is_blank(row.start_fy):
            # only the end is stated: a tick at the end year, nothing before it
            x = self._x_of(int(row.end_fy)) + self._column_width() - 3
            painter.fillRect(QRectF(x, top, 3, height), colour)
            return
        start = self._x_of(int(row.start_fy))
        if row.open_end:
            end = self._x_of(last) + self._column_width()
            painter.fillRect(QRectF(start, top, self._column_width(), height), colour)
            faded = QColor(colour)
            faded.setAlpha(70)
            painter.fillRect(QRectF(start + self._column_width(), top,
                                    end - start - self._column_width(), height), faded)
            painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
            painter.drawLine(int(start), int(top + height / 2), int(end), int(top + height / 2))
            return
        end = self._x_of(int(row.end_fy)) + self._column_width()
        painter.fillRect(QRectF(start, top, end - start, height), colour)

    # --- interaction -------------------------------------------------------------------------
    def mousePressEvent(self, event):  # noqa: N802 - Qt override
        year = self.year_at(event.position().x())
        if year is not None:
            self.sig_year_clicked.emit(year)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt override
        row = self._row_at(event.position().y())
        if row is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), tooltip(
            display_name(row, i18n.current_language()), f"{row.ministry} · {_period_text(row)}",
            QCoreApplication.translate("Sources", "Source: {source}").format(
                source=self._source_lines.get(row.source_id, row.source_id))), self)


class YearSlider(QSlider):
    """The year slider: arrow keys, Page Up/Down, Home and End step the years; Space plays
    and pauses, as in a media player, so the keyboard need not leave the slider."""

    sig_play_pressed = Signal()
    """Space was pressed on the slider."""

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.sig_play_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _period_text(row) -> str:
    if is_blank(row.start_fy):
        return QCoreApplication.translate("ProgramStrip", "until {end} (start not stated)").format(
            end=i18n.year_text(row.end_fy))
    if row.open_end:
        return QCoreApplication.translate("ProgramStrip", "from {start} (end not stated)").format(
            start=i18n.year_text(row.start_fy))
    return QCoreApplication.translate("ProgramStrip", "{start} to {end}").format(
        start=i18n.year_text(row.start_fy), end=i18n.year_text(row.end_fy))


@register_panel("timeline", QT_TRANSLATE_NOOP("Panels", "Timeline"), BOTTOM, order=80)
class TimelinePanel(QWidget):
    """A year slider with play/step buttons over the strip of programme periods.

    The strip starts folded: the slider row alone leaves the map most of a laptop's screen
    (at 1366x768 the unfolded strip took 240 px of the window's height); "Program periods"
    unfolds it."""

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self.state = state
        self.strip = ProgramStrip()
        self.slider = YearSlider(Qt.Orientation.Horizontal)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.all_years_button = QPushButton()
        self.back_button = QPushButton("◀")
        self.play_button = QPushButton()
        self.play_button.setCheckable(True)
        self.forward_button = QPushButton("▶")
        self.year_label = QLabel()
        self.year_label.setTextFormat(Qt.TextFormat.PlainText)
        self.not_stated_label = QLabel()
        self.not_stated_label.setTextFormat(Qt.TextFormat.PlainText)
        self.not_stated_label.setStyleSheet("color: palette(mid);")
        self.fold_button = QToolButton()
        self.fold_button.setCheckable(True)
        self.fold_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold_button.setAutoRaise(True)
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self._year_before_playing: int | None = None
        self._build_layout()
        self._span: tuple[int, int] | None = None
        self._updating = False
        self.play_timer.timeout.connect(self.step_forward_playing)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.actionTriggered.connect(self._on_slider_action)
        self.slider.sig_play_pressed.connect(lambda: self.set_playing(
            not self.play_button.isChecked()))
        self.strip.sig_year_clicked.connect(self.choose_year)
        self.all_years_button.clicked.connect(lambda: self.choose_year(None))
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.play_button.toggled.connect(self.set_playing)
        self.fold_button.toggled.connect(self.set_strip_shown)
        self.set_strip_shown(False)
        state.sig_dataset_changed.connect(self.rebuild)
        state.sig_filter_changed.connect(self.show_year)
        state.sig_selection_changed.connect(self.show_year)
        self.retranslate()
        if state.dataset is not None:  # made after the dataset arrived
            self.rebuild()

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.all_years_button.setText(self.tr("All years"))
        self.back_button.setToolTip(self.tr("Previous fiscal year"))
        self.forward_button.setToolTip(self.tr("Next fiscal year"))
        self.back_button.setAccessibleName(self.tr("Previous fiscal year"))
        self.forward_button.setAccessibleName(self.tr("Next fiscal year"))
        self.slider.setAccessibleName(self.tr("Fiscal year"))
        self.play_button.setText(self.tr("Pause") if self.play_button.isChecked()
                                 else self.tr("Play"))
        self.fold_button.setText(self.tr("Program periods"))
        self.fold_button.setToolTip(self.tr("Show or hide the periods of the programs"))
        self.show_year()
        self.strip.update()  # its axis and names follow the language and the year style

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for widget in (self.all_years_button, self.back_button, self.play_button,
                       self.forward_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.year_label)
        controls.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.strip)
        layout.addWidget(self.not_stated_label)
        layout.addStretch(1)

    def set_strip_shown(self, shown: bool) -> None:
        """Unfold (or fold) the strip of programme periods under the slider."""
        if self.fold_button.isChecked() != shown:
            self.fold_button.setChecked(shown)  # toggled comes back here
            return
        self.fold_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                      else Qt.ArrowType.RightArrow)
        self.strip.setVisible(shown)
        self.not_stated_label.setVisible(shown)

    # --- following the state ------------------------------------------------------------------
    def rebuild(self) -> None:
        from desktop.common.text import source_lines
        from geodata import figures

        ds = self.state.dataset
        self._span = figures.timeline_span(ds)
        self.strip.set_periods(figures.program_periods(ds), self._span,
                               self.state.loaded.derived(source_lines,
                                                                    i18n.current_language()))
        enabled = self._span is not None
        for widget in (self.slider, self.back_button, self.play_button, self.forward_button):
            widget.setEnabled(enabled)
        if enabled:
            self._updating = True
            self.slider.setRange(*self._span)
            self._updating = False
        self.show_year()

    def show_year(self) -> None:
        """Put the slider, strip and labels on the state's year."""
        ds = self.state.dataset
        if ds is None:
            return
        # here: the window is built before pandas loads
        from geodata.queries import scope_mask, visible_project_count

        year = self.state.filter.fiscal_year
        self._updating = True
        if self._span is not None:
            self.slider.setValue(year if year is not None else self._span[0])
        self._updating = False
        self.strip.set_year(year)
        self.all_years_button.setEnabled(year is not None)
        shown = visible_project_count(ds, self.state.filter)
        self.year_label.setText(
            self.tr("All years: %n project(s)", "", shown) if year is None
            else self.tr("{year}: %n project(s)", "", shown).format(year=i18n.year_text(year)))
        in_scope = scope_mask(ds, self.state.filter.evolve(fiscal_year=None))
        undated = int((in_scope & self.state.loaded.derived(undated_projects)).sum())
        self.not_stated_label.setText(
            self.tr("%n project(s) with years not stated: never placed on a year, shown only "
                    "under All years", "", undated) if undated
            else self.tr("0 projects with years not stated: none"))

    # --- choosing a year ----------------------------------------------------------------------
    def choose_year(self, year: int | None) -> None:
        if year is None:
            self.set_playing(False)
        self.state.set_fiscal_year(year)

    def _on_slider(self, value: int) -> None:
        if not self._updating:
            self.choose_year(value)

    def _on_slider_action(self, _action) -> None:
        """A key or click that leaves the slider where it is still chooses its year: under
        All years the slider rests on the first year, where Home changed nothing."""
        position = self.slider.sliderPosition()
        if position == self.slider.value() and self.state.filter.fiscal_year != position:
            self.choose_year(position)

    def step(self, delta: int) -> bool:
        """Move one year; from All years, start at the first (or last) year. False at an end."""
        if self._span is None:
            return False
        first, last = self._span
        year = self.state.filter.fiscal_year
        wanted = (first if delta > 0 else last) if year is None else year + delta
        if not first <= wanted <= last:
            return False
        self.choose_year(wanted)
        return True

    def set_playing(self, playing: bool) -> None:
        if self.play_button.isChecked() != playing:
            self.play_button.setChecked(playing)  # toggled comes back here
            return
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            self._year_before_playing = self.state.filter.fiscal_year
            if self._span and self.state.filter.fiscal_year in (None, self._span[1]):
                self.choose_year(self._span[0])
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def step_forward_playing(self) -> None:
        """One year on; after the last year the view returns to the year shown before Play
        (All years when it was), not left on the last year's few projects."""
        if not self.step(1):
            self.set_playing(False)
            self.choose_year(self._year_before_playing)


def undated_projects(ds):
    """Per row of the projects layer, whether its years are not stated, made once per
    dataset: counting those in scope is then one ``&`` with the scope's mask, where indexing
    the years by 10,000 ids on every click took 20 ms of each round trip."""
    from geodata import figures

    return ~figures.years_stated(ds)
