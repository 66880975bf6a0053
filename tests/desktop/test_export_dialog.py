"""File ▸ Export…: the dialog's preview follows the options, the file written is what the
preview showed, the per-bureau deck can be cancelled, the choices are remembered."""

import dataclasses
import io

import pytest
from fake_window import FakeWindow
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from desktop.export.export_choices import read_choices
from desktop.export.export_dialog import ExportDialog
from geodata import Filter, load_dataset

WINDOW_AREA = [[33.0, 133.0], [36.0, 137.5]]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialog(qtbot, ds, settings):
    shown = ExportDialog(ds, Filter(bureau_id="kinki"), False, WINDOW_AREA, settings)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    return shown


def _preview(qtbot, dialog, change):
    """Make ``change`` and return the preview image drawn after it."""
    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=10_000):
        change()
    return dialog.preview_label.pixmap().toImage()


def _choose(box, data):
    box.setCurrentIndex(box.findData(data))


def test_the_preview_follows_the_options(qtbot, dialog):
    first = _preview(qtbot, dialog, dialog.render_preview)
    titled = _preview(qtbot, dialog, lambda: dialog.title_edit.setText("Kansai pitch"))
    assert titled != first
    assert dialog.preview_spec.title == "Kansai pitch"
    with_arrow = _preview(qtbot, dialog, lambda: dialog.north_arrow_check.setChecked(True))
    assert with_arrow != titled
    assert dialog.preview_spec.show_north_arrow
    portrait = _preview(qtbot, dialog, lambda: _choose(dialog.preset_box, "a4-portrait"))
    assert portrait.height() > portrait.width()  # the page's shape, drawn small
    assert dialog.preview_spec.size == (794, 1123)
    country = _preview(qtbot, dialog, lambda: dialog.country_area.setChecked(True))
    assert country != portrait
    assert dialog.preview_spec.whole_country and dialog.preview_spec.bounds is None


def test_too_many_pixels_are_refused_in_the_dialog(qtbot, dialog):
    _choose(dialog.preset_box, "custom")
    dialog.width_box.setValue(8000)
    dialog.height_box.setValue(6000)
    _choose(dialog.scale_box, 2)
    assert not dialog.export_button.isEnabled()
    assert "192 megapixels" in dialog.message_label.text()
    assert "at most 100" in dialog.message_label.text()
    _choose(dialog.format_box, ".svg")  # a vector drawing has no pixels to cap
    assert dialog.export_button.isEnabled()
    assert not dialog.message_label.isVisibleTo(dialog)


@pytest.fixture
def exporter(qtbot, ds, settings):
    from desktop.export.actions import WindowExporter

    window = FakeWindow(ds)
    window.settings = settings
    window.state.filter = Filter(bureau_id="kinki")
    qtbot.addWidget(window)
    return WindowExporter(window.context)


def _open_dialog(qtbot, exporter):
    exporter.export_action.trigger()
    qtbot.waitUntil(lambda: exporter.export_dialog is not None
                    and exporter.export_dialog.isVisible())
    return exporter.export_dialog


def _save_as(monkeypatch, target):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "any"))


def test_the_slide_written_is_the_one_previewed(qtbot, exporter, tmp_path, monkeypatch):
    dialog = _open_dialog(qtbot, exporter)
    _choose(dialog.format_box, ".pptx")
    _choose(dialog.preset_box, "4:3-small")
    _choose(dialog.scale_box, 2)
    _preview(qtbot, dialog, lambda: dialog.title_edit.setText("関西の産業クラスター"))
    previewed = dialog.preview_spec
    target = tmp_path / "pitch.pptx"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(exporter.sig_exported, timeout=60_000):
        dialog.export_button.click()
    slide = Presentation(str(target)).slides[0]
    assert next(iter(slide.placeholders)).text_frame.text == previewed.title
    picture = next(shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert Image.open(io.BytesIO(picture.image.blob)).size == previewed.pixel_size == (2048, 1536)


def test_the_picture_written_is_the_one_previewed(qtbot, exporter, tmp_path, monkeypatch):
    dialog = _open_dialog(qtbot, exporter)
    _choose(dialog.format_box, ".png")
    _choose(dialog.preset_box, "custom")
    dialog.width_box.setValue(900)
    _preview(qtbot, dialog, lambda: dialog.height_box.setValue(500))
    previewed = dialog.preview_spec
    target = tmp_path / "map.png"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(exporter.sig_exported, timeout=60_000):
        dialog.export_button.click()
    written = Image.open(target).convert("RGB")
    assert written.size == previewed.pixel_size == (900, 500)
    preview = dialog.preview_label.pixmap().toImage()
    small = written.resize((preview.width(), preview.height()), Image.Resampling.BOX)
    # The same drawing: the preview's colours are the written picture's, made small.
    centre = preview.pixelColor(preview.width() // 2, preview.height() // 2)
    expected = small.getpixel((preview.width() // 2, preview.height() // 2))
    assert all(abs(a - b) <= 40 for a, b in zip((centre.red(), centre.green(), centre.blue()),
                                                expected, strict=True))


def _cancel_when_drawing(qtbot, window, after_slides: int):
    """Press the progress dialog's Cancel once ``after_slides`` slides are drawn."""
    def press():
        progress = window.findChild(QProgressDialog)
        if progress is not None and progress.value() >= after_slides:
            progress.cancel()
            timer.stop()

    timer = QTimer(window)
    timer.timeout.connect(press)
    timer.start(5)
    return timer


def _small_deck_dialog(qtbot, exporter):
    """The dialog set to a per-bureau PPTX deck of small slides (quick to draw)."""
    dialog = _open_dialog(qtbot, exporter)
    _choose(dialog.format_box, ".pptx")
    _choose(dialog.preset_box, "custom")
    dialog.width_box.setValue(320)
    dialog.height_box.setValue(180)
    dialog.per_bureau_check.setChecked(True)
    return dialog


def test_a_cancelled_deck_leaves_no_file_and_no_temporary(qtbot, exporter, tmp_path,
                                                          monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = _small_deck_dialog(qtbot, exporter)
    target = folder / "deck.pptx"
    _save_as(monkeypatch, target)
    _cancel_when_drawing(qtbot, exporter.context.parent, after_slides=2)
    with qtbot.waitSignal(exporter.sig_cancelled, timeout=60_000):
        dialog.export_button.click()
    assert list(folder.iterdir()) == []
    progress = exporter.context.parent.findChild(QProgressDialog)
    assert progress is None or not progress.isVisible()


def test_a_deck_from_the_dialog_has_a_slide_per_bureau(qtbot, exporter, tmp_path, monkeypatch,
                                                      ds):
    dialog = _small_deck_dialog(qtbot, exporter)
    dialog.subtitle_edit.setText("FY2008")
    target = tmp_path / "deck.pptx"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(exporter.sig_exported, timeout=120_000):
        dialog.export_button.click()
    deck = Presentation(str(target))
    assert len(deck.slides) == 1 + 2 * len(ds.bureaus)
    national = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert "FY2008" in national


def test_the_choices_are_remembered_by_the_next_dialog(qtbot, ds, settings, tmp_path):
    first = ExportDialog(ds, Filter(), False, WINDOW_AREA, settings,
                         ask_target=lambda *_args: tmp_path / "map.pdf")
    qtbot.addWidget(first)
    _choose(first.format_box, ".pdf")
    _choose(first.preset_box, "a4-landscape")
    first.legend_check.setChecked(False)
    first.north_arrow_check.setChecked(True)
    first.country_area.setChecked(True)
    first.export_button.click()
    assert first.target == tmp_path / "map.pdf"
    second = ExportDialog(ds, Filter(), False, WINDOW_AREA, settings)
    qtbot.addWidget(second)
    assert second.choices() == first.choices() == read_choices(settings)
    assert second.format_box.currentData() == ".pdf"
    assert (second.width_box.value(), second.height_box.value()) == (1123, 794)
    assert not second.legend_check.isChecked() and second.north_arrow_check.isChecked()
    assert second.country_area.isChecked()
    cancelled = ExportDialog(ds, Filter(), False, WINDOW_AREA, settings)
    qtbot.addWidget(cancelled)
    _choose(cancelled.format_box, ".png")
    cancelled.reject()  # a dialog closed without exporting changes nothing
    assert read_choices(settings).suffix == ".pdf"


def test_legend_scale_bar_and_north_arrow_are_drawn_only_when_asked(ds, qapp, tmp_path):
    from desktop.export.raster import render_image
    from desktop.export.spec import ExportSpec

    base = ExportSpec(tmp_path / "map.png", size=(640, 360), whole_country=True)

    def corner(spec, left, top):
        image = render_image(ds, spec, with_text=False)
        return image.copy(left, top, 120, 80)

    bottom_right, bottom_left, top_right = (520, 280), (0, 280), (520, 0)
    assert corner(base, *bottom_right) != corner(
        dataclasses.replace(base, show_legend=False), *bottom_right)
    assert corner(base, *bottom_left) != corner(
        dataclasses.replace(base, show_scale_bar=False), *bottom_left)
    assert corner(base, *top_right) != corner(
        dataclasses.replace(base, show_north_arrow=True), *top_right)
    assert corner(base, *top_right) == corner(base, *top_right)  # the drawing is repeatable


def test_place_names_follow_the_window_and_reach_the_spec(ds, qapp, tmp_path):
    shown = ExportDialog(ds, Filter(), False, None, show_places=True)
    assert shown.places_check.isChecked()
    assert shown.spec_for(tmp_path / "map.png").show_places
    hidden = ExportDialog(ds, Filter(), False, None, show_places=False)
    assert not hidden.spec_for(tmp_path / "map.png").show_places
    hidden.places_check.setChecked(True)
    assert hidden.spec_for(tmp_path / "map.png").show_places


def test_enter_exports_wherever_the_focus_is_after_tabbing_over_the_buttons(qtbot, ds, tmp_path):
    """Export is the default button for the whole dialog: Enter in a box or a field exports,
    also after Tab has passed over the other buttons (each takes the default while focused and
    gives it back to Export when left)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from real_input import press_key_here

    target = tmp_path / "map.png"
    dialog = ExportDialog(ds, Filter(bureau_id="kinki"), False, WINDOW_AREA, None,
                          lambda *_args: target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(40):  # once round the dialog, over Choose…, Export… and Cancel
        press_key_here(qtbot, Qt.Key.Key_Tab)
    for _ in range(40):  # on to the title
        if dialog.title_edit.hasFocus():
            break
        press_key_here(qtbot, Qt.Key.Key_Tab)
    assert dialog.title_edit.hasFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        press_key_here(qtbot, Qt.Key.Key_Return)
    assert dialog.target == target
