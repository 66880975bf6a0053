"""File ▸ Export…: every choice an export has, with a live preview of exactly what is written.

The dialog only gathers choices into an ExportSpec (``spec_for``); the window's exporter
writes it through the format registry and the atomic writer, as the command line does. The
preview is the export's own painter (export/preview.py) drawing that same spec, redrawn a
moment after the last change so typing a title does not draw once per key. A spec the export
would refuse (too many pixels, a missing or unusable template: a template is tried once when
chosen) is said in the dialog and disables Export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.common import i18n
from desktop.export.export_choices import ExportChoices, read_choices, write_choices
from desktop.export.formats import CONTEXT as FORMATS_CONTEXT
from desktop.export.formats import export_formats, format_for
from desktop.export.plain_text import printable
from desktop.export.spec import (
    MAX_MEGAPIXELS,
    MAX_PIXELS,
    ExportSpec,
    SpecError,
    check_spec,
    default_title,
)
from desktop.export.spec import TITLE_CHARS as TITLE_MAX_CHARS
from geodata import Dataset, Filter

PREVIEW_DELAY_MS = 150
PREVIEW_ROOM = QSize(640, 420)
SCALES = (1, 2, 3)


@dataclass(frozen=True)
class PagePreset:
    """A page size offered by name: CSS pixels, and the scale it suggests."""

    key: str
    size: tuple[int, int]
    scale: int


# A4 is 297 × 210 mm: at the exports' 96 CSS pixels an inch 1123 × 794, which the PDF and SVG
# write as exactly A4; at scale 3 the picture is 3369 × 2382 pixels, 288 dpi on the page.
PRESETS = (
    PagePreset("16:9", (1920, 1080), 1),
    PagePreset("4:3", (1600, 1200), 1),
    PagePreset("4:3-small", (1024, 768), 1),
    PagePreset("a4-landscape", (1123, 794), 3),
    PagePreset("a4-portrait", (794, 1123), 3),
)
CUSTOM = "custom"


class ExportDialog(QDialog):
    """The export choices for one window's dataset, filters and area."""

    sig_preview_shown = Signal()
    """The preview now shows ``preview_spec`` (the choices of that moment)."""

    def __init__(self, ds: Dataset, flt: Filter, show_tieups: bool,
                 window_bounds: list | None, settings: QSettings | None = None,
                 ask_target: Callable[[str, str, str], Path | None] | None = None,
                 parent: QWidget | None = None, show_places: bool = True,
                 show_organisations: bool = True):
        """``window_bounds``: the window's map area ([[south, west], [north, east]]) or None;
        ``ask_target(caption, default name, filter)``: the file to write, None if cancelled;
        ``show_tieups`` and ``show_places``: the window's layers, which the export starts
        with; ``show_organisations``: whether it draws the imported organisations, as the
        window does."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export map"))
        self.ds, self.filter, self.window_bounds = ds, flt, window_bounds
        self.show_organisations = show_organisations
        self.settings = settings
        self.ask_target = ask_target or self._ask_target
        self.target: Path | None = None
        self.preview_spec: ExportSpec | None = None
        self._template_checked: tuple[tuple, str] | None = None
        """(the template file's path, size and time, why it cannot be used or "")."""
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        self._build(show_tieups, show_places)
        self._apply(read_choices(settings))
        self._connect()
        self.options_changed()

    # --- building ----------------------------------------------------------------------------
    def _build(self, show_tieups: bool, show_places: bool) -> None:
        self.format_box = QComboBox()
        for each in export_formats():
            self.format_box.addItem(f"{_shown(each.name)} — {each.suffix}", each.suffix)
            self.format_box.setItemData(self.format_box.count() - 1, _shown(each.help),
                                        Qt.ItemDataRole.ToolTipRole)
        self.preset_box = QComboBox()
        preset_names = {
            "16:9": self.tr("16:9 slide — 1920 × 1080"),
            "4:3": self.tr("4:3 — 1600 × 1200"),
            "4:3-small": self.tr("4:3 — 1024 × 768"),
            "a4-landscape": self.tr("A4 landscape, print (×3: 288 dpi)"),
            "a4-portrait": self.tr("A4 portrait, print (×3: 288 dpi)"),
        }
        for preset in PRESETS:
            self.preset_box.addItem(preset_names[preset.key], preset.key)
        self.preset_box.addItem(self.tr("Custom size"), CUSTOM)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box in (self.width_box, self.height_box):
            box.setRange(16, MAX_PIXELS)
            box.setSuffix(self.tr(" px"))
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        self.scale_box = QComboBox()
        for scale in SCALES:
            self.scale_box.addItem(self.tr("%1×").replace("%1", str(scale)), scale)
        self.pixels_label = QLabel()
        self.pixels_label.setTextFormat(Qt.TextFormat.PlainText)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX_CHARS)
        # The default title names dataset fields: shown as a placeholder, which is plain text.
        self.title_edit.setPlaceholderText(printable(default_title(
            self.ds, self.filter, i18n.current_language(), i18n.current_year_style()),
            TITLE_MAX_CHARS))
        self.subtitle_edit = QLineEdit()
        self.subtitle_edit.setMaxLength(TITLE_MAX_CHARS)
        self.subtitle_edit.setPlaceholderText(self.tr("None"))

        self.legend_check = QCheckBox(self.tr("Legend"))
        self.scale_bar_check = QCheckBox(self.tr("Scale bar"))
        self.north_arrow_check = QCheckBox(self.tr("North arrow"))
        self.tieups_check = QCheckBox(self.tr("Tie-ups"))
        self.tieups_check.setChecked(show_tieups)
        self.places_check = QCheckBox(self.tr("Place names"))
        self.places_check.setChecked(show_places)
        self.window_area = QRadioButton(self.tr("What the window shows"))
        self.country_area = QRadioButton(self.tr("Whole country"))
        self.area_group = QButtonGroup(self)
        self.area_group.addButton(self.window_area)
        self.area_group.addButton(self.country_area)
        if self.window_bounds is None:
            self.window_area.setEnabled(False)
            self.window_area.setToolTip(self.tr("The map has not told its area yet"))
        self.per_bureau_check = QCheckBox(self.tr("One slide per bureau (a national slide, "
                                                  "then each bureau's map and figures)"))
        self.template_edit = QLineEdit()
        self.template_edit.setPlaceholderText(self.tr("None: a plain 16:9 deck"))
        self.template_button = QPushButton(self.tr("Choose…"))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(self.template_button)

        page = QFormLayout()
        page.addRow(self.tr("Format:"), self.format_box)
        page.addRow(self.tr("Page:"), self.preset_box)
        page.addRow(self.tr("Size:"), size_row)
        page.addRow(self.tr("Scale:"), self.scale_box)
        page.addRow("", self.pixels_label)
        page_group = QGroupBox(self.tr("File"))
        page_group.setLayout(page)

        content = QFormLayout()
        content.addRow(self.tr("Title:"), self.title_edit)
        content.addRow(self.tr("Subtitle:"), self.subtitle_edit)
        furniture = QHBoxLayout()
        for check in (self.legend_check, self.scale_bar_check, self.north_arrow_check,
                      self.tieups_check, self.places_check):
            furniture.addWidget(check)
        content.addRow(self.tr("Show:"), furniture)
        area = QHBoxLayout()
        area.addWidget(self.window_area)
        area.addWidget(self.country_area)
        content.addRow(self.tr("Area:"), area)
        content_group = QGroupBox(self.tr("Content"))
        content_group.setLayout(content)

        slides = QFormLayout()
        slides.addRow(self.per_bureau_check)
        slides.addRow(self.tr("Template:"), template_row)
        self.slides_group = QGroupBox(self.tr("PowerPoint"))
        self.slides_group.setLayout(slides)

        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)  # names files and sizes
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumSize(PREVIEW_ROOM)
        self.preview_label.setStyleSheet("background: #8a8a8a;")
        self.preview_label.setAccessibleName(self.tr("Preview of the export"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export…"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)

        options = QVBoxLayout()
        for group in (page_group, content_group, self.slides_group):
            options.addWidget(group)
        options.addWidget(self.message_label)
        options.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(options)
        columns.addWidget(self.preview_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        # Made default once it is in the dialog, which then gives it the default back whenever
        # Tab leaves another button: Enter in any box exports. (Made default before, the
        # dialog never learnt it, and after Tab had passed Choose… Enter did nothing.)
        self.export_button.setDefault(True)

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(self.options_changed)
        self.preset_box.currentIndexChanged.connect(self._preset_chosen)
        for box in (self.width_box, self.height_box):
            box.valueChanged.connect(self.options_changed)
        self.scale_box.currentIndexChanged.connect(self.options_changed)
        for edit in (self.title_edit, self.subtitle_edit, self.template_edit):
            edit.textChanged.connect(self.options_changed)
        for check in (self.legend_check, self.scale_bar_check, self.north_arrow_check,
                      self.tieups_check, self.places_check, self.per_bureau_check,
                      self.window_area,
                      self.country_area):
            check.toggled.connect(self.options_changed)
        self.template_button.clicked.connect(self._choose_template)
        self.buttons.accepted.connect(self.export_chosen)
        self.buttons.rejected.connect(self.reject)

    # --- choices -----------------------------------------------------------------------------
    def _apply(self, choices: ExportChoices) -> None:
        _select(self.format_box, choices.suffix)
        _select(self.preset_box, choices.preset)
        self.width_box.setValue(choices.width)
        self.height_box.setValue(choices.height)
        _select(self.scale_box, choices.scale)
        self.legend_check.setChecked(choices.legend)
        self.scale_bar_check.setChecked(choices.scale_bar)
        self.north_arrow_check.setChecked(choices.north_arrow)
        window = choices.area == "window" and self.window_area.isEnabled()
        (self.window_area if window else self.country_area).setChecked(True)
        self.per_bureau_check.setChecked(choices.per_bureau)
        self.template_edit.setText(choices.template)
        self._sync_size_boxes()

    def choices(self) -> ExportChoices:
        return ExportChoices(
            suffix=self.format_box.currentData(), preset=self.preset_box.currentData(),
            width=self.width_box.value(), height=self.height_box.value(),
            scale=self.scale_box.currentData(), legend=self.legend_check.isChecked(),
            scale_bar=self.scale_bar_check.isChecked(),
            north_arrow=self.north_arrow_check.isChecked(),
            area="window" if self.window_area.isChecked() else "country",
            per_bureau=self.per_bureau_check.isChecked(),
            template=self.template_edit.text().strip())

    def spec_for(self, out: Path) -> ExportSpec:
        """The export the dialog's choices describe, written to ``out``."""
        export_format = format_for(self.format_box.currentData())
        raster = export_format is not None and export_format.raster
        slides = export_format is not None and export_format.slides
        in_window = self.window_area.isChecked() and self.window_bounds is not None
        return ExportSpec(
            out=out, filter=self.filter, show_tieups=self.tieups_check.isChecked(),
            size=(self.width_box.value(), self.height_box.value()),
            scale=self.scale_box.currentData() if raster else 1,
            title=self.title_edit.text().strip() or None,
            subtitle=self.subtitle_edit.text().strip() or None,
            per_bureau=slides and self.per_bureau_check.isChecked(),
            bounds=self.window_bounds if in_window else None,
            whole_country=not in_window,
            show_legend=self.legend_check.isChecked(),
            show_scale_bar=self.scale_bar_check.isChecked(),
            show_north_arrow=self.north_arrow_check.isChecked(),
            show_places=self.places_check.isChecked(),
            show_organisations=self.show_organisations,
            template=Path(self.template_edit.text().strip())
            if slides and self.template_edit.text().strip() else None,
            **i18n.export_language())

    def problem(self, spec: ExportSpec) -> str:
        """Why ``spec`` cannot be exported, in one sentence, or "" when it can."""
        export_format = format_for(spec.format)
        width, height = spec.pixel_size
        if export_format is not None and export_format.raster and (
                width * height > MAX_MEGAPIXELS * 1_000_000):
            return (self.tr("%1 × %2 pixels is %3 megapixels: a picture may have at most "
                            "%4. Choose a smaller size or scale.")
                    .replace("%1", str(width)).replace("%2", str(height))
                    .replace("%3", f"{width * height / 1e6:,.0f}")
                    .replace("%4", str(MAX_MEGAPIXELS)))
        if spec.template is not None:
            refusal = self._template_refusal(spec.template)
            if refusal:
                return refusal
        try:
            check_spec(spec, self.ds)
        except SpecError as error:
            return str(error)
        return ""

    # --- reacting ----------------------------------------------------------------------------
    def _preset_chosen(self) -> None:
        preset = _preset(self.preset_box.currentData())
        if preset is not None:
            for box, value in ((self.width_box, preset.size[0]),
                               (self.height_box, preset.size[1])):
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
            _select(self.scale_box, preset.scale)
        self._sync_size_boxes()
        self.options_changed()

    def _sync_size_boxes(self) -> None:
        custom = self.preset_box.currentData() == CUSTOM
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)

    def options_changed(self) -> None:
        """Enable what the format takes, say what is wrong, and redraw the preview soon."""
        export_format = format_for(self.format_box.currentData())
        raster = export_format is not None and export_format.raster
        self.scale_box.setEnabled(raster)
        self.slides_group.setEnabled(export_format is not None and export_format.slides)
        self.per_bureau_check.setEnabled(export_format is not None and export_format.per_bureau)
        spec = self.spec_for(Path(f"preview{self.format_box.currentData()}"))
        width, height = spec.pixel_size
        self.pixels_label.setText(
            self.tr("%1 × %2 pixels").replace("%1", str(width)).replace("%2", str(height))
            if raster else self.tr("Vector drawing, %1 × %2 at 96 dpi")
            .replace("%1", str(spec.size[0])).replace("%2", str(spec.size[1])))
        problem = self.problem(spec)
        self.message_label.setText(problem)
        self.message_label.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)
        if not problem:
            self.preview_timer.start()

    def render_preview(self) -> None:
        """Draw the current choices into the preview (what Export would write)."""
        from desktop.export.preview import preview_image

        spec = self.spec_for(Path(f"preview{self.format_box.currentData()}"))
        if self.problem(spec):
            return
        room = self.preview_label.size() * self.devicePixelRatioF()
        image = preview_image(self.ds, spec, room.boundedTo(QSize(2000, 2000)))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.preview_label.setPixmap(pixmap)
        self.preview_spec = spec
        self.sig_preview_shown.emit()

    def _template_refusal(self, template: Path) -> str:
        """Why ``template`` cannot give the slides their layout, or "": the template is tried
        once when chosen (and again when the file changes), not on every other option."""
        from desktop.export.pptx_template import check_template
        from desktop.export.safe_write import ExportError

        try:
            info = template.stat()
        except OSError:
            info = None
        if info is None or not template.is_file():
            return self.tr("The template file does not exist.")
        key = (str(template), info.st_size, info.st_mtime_ns)
        if self._template_checked is None or self._template_checked[0] != key:
            try:
                check_template(template)
            except ExportError as error:
                refusal = self.tr("This template cannot be used: {reason}").format(
                    reason=printable(error, 300))
            else:
                refusal = ""
            self._template_checked = (key, refusal)
        return self._template_checked[1]

    def _choose_template(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("PowerPoint template"), self.template_edit.text(),
            self.tr("PowerPoint templates and presentations (*.potx *.pptx)"))
        if path:
            self.template_edit.setText(path)

    def export_chosen(self) -> None:
        """Ask where to write, remember the choices and close; the caller writes
        ``spec_for(self.target)``."""
        suffix = self.format_box.currentData()
        export_format = format_for(suffix)
        target = self.ask_target(self.tr("Export map"), f"cluster-map{suffix}",
                                 _shown(export_format.dialog_filter))
        if target is None:
            return
        self.target = target
        write_choices(self.settings, self.choices())
        self.accept()

    def _ask_target(self, caption: str, name: str, dialog_filter: str) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(self, caption, name, dialog_filter)
        return Path(path) if path else None


def _shown(text: str) -> str:
    """A format's name, help or filter (formats.py) in the interface's language."""
    return QCoreApplication.translate(FORMATS_CONTEXT, text)


def _preset(key: str) -> PagePreset | None:
    return next((preset for preset in PRESETS if preset.key == key), None)


def _select(box: QComboBox, data) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)
