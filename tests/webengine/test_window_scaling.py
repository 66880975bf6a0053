"""The window at the screen scale this process runs at: text drawn at the screen's own pixels
(crisp, not a picture enlarged), nothing cut, and exports that do not depend on the screen.

Qt takes its scale once, when the application starts (``QT_SCALE_FACTOR``): the screenshot
gallery runs this module in a process of its own at 150 % and at 200 %
(test_screenshot_gallery.test_the_window_at_150_and_200_percent), on a screen of the pixels a
laptop at that scale has (1920 × 1080 at 150 %, 2560 × 1440 at 200 %: 1280 × 720 of the
window's own units, less room than a 1366 × 768 screen at 100 %). Under ``make test`` it also
runs here at 100 % on that 1280 × 720 window.

``CX_SCALED_EXPORT``: the file the export is written to (the gallery compares it with the same
export made at 100 %); ``CX_GALLERY_DIR``: where the screenshots go.
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTreeView,
)
from real_input import open_window_for_input
from webpage import run_js, wait_drawn

from desktop.common import i18n
from geodata import Filter

pytestmark = pytest.mark.webengine

SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1"))
PERCENT = round(SCALE * 100)
WINDOW = (1280, 720)  # a laptop's 1920 × 1080 at 150 %, 2560 × 1440 at 200 %
RESULT_TABS = ("participants", "tieups", "achievements", "charts", "compare")


def shot_name(language: str, what: str) -> str:
    return f"{language}-{WINDOW[0]}x{WINDOW[1]}-at{PERCENT}-{what}"


@pytest.fixture(params=[i18n.JAPANESE, i18n.ENGLISH])
def window(request, qtbot, tmp_path):
    i18n.set_language(request.param)
    window = open_window_for_input(qtbot, tmp_path, size=WINDOW)
    window.language = request.param
    yield window
    i18n.set_language(i18n.ENGLISH)


def save_shot(widget, name: str) -> None:
    folder = os.environ.get("CX_GALLERY_DIR")
    if folder:
        QApplication.processEvents()
        image = widget.grab().toImage()
        assert image.save(str(Path(folder) / f"{name}.png"))


def export_spec(out: Path):
    from desktop.export.spec import ExportSpec

    return ExportSpec(out=out, filter=Filter(), size=(1024, 768), whole_country=True,
                      show_tieups=True, **i18n.export_language())


def write_export(ds, out: Path) -> None:
    """The national map at 1024 × 768, tie-ups shown, as the command line would write it."""
    from desktop.export.runner import run

    run(ds, export_spec(out))


def cut_texts(window) -> list[str]:
    """What the lists and tables show cut short: a region's row that needs more room than it
    has (wider than the list, or wrapped onto more lines than its height), a table column
    narrower than its own header, a one-line label narrower than its text, a dock's tab
    narrower than its title (the result docks' five titles need 463 px in English, 336 in
    Japanese, in a dock 310 px wide so that the map keeps half of a laptop's window: the tabs
    scroll rather than cut their titles), or tabs beyond the dock's edge with no way to them.
    A filter's long name wraps onto more lines, as a region's does."""
    cut = []
    cut.extend(_cut_tabs(window))
    cut.extend(_cut_rows(window.region_list, window.region_list.rootIndex()))
    cut.extend(_cut_rows(window.filter_panel.view, window.filter_panel.view.rootIndex()))
    for view in window.findChildren(QTableView) + window.findChildren(QTreeView):
        if not (view.isVisible() and view.isEnabled()):  # a dock's tab at the back: disabled
            continue
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        if header.isHidden() or view.model() is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = str(view.model().headerData(section, header.orientation()) or "")
            room = header.sectionSize(section) - _header_padding(header)
            if title and header.fontMetrics().horizontalAdvance(title) > room:
                cut.append(f"{view.accessibleName()} column {title!r}: {room} px")
    for label in window.findChildren(QLabel):
        if (label.isVisible() and not label.wordWrap() and label.text()
                and label.width() < label.minimumSizeHint().width()):
            cut.append(f"label {label.text()!r}: {label.width()} of "
                       f"{label.minimumSizeHint().width()} px")
    return cut


def _cut_rows(view, parent) -> list[str]:
    """The rows under ``parent`` whose text needs more room than the view gives them (wider
    than their cell, or wrapped onto more lines than its height)."""
    cut = []
    model = view.model()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        shown = view.visualRect(index)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = QRect(0, 0, shown.width(), 1)
        needed = view.itemDelegate().sizeHint(option, index)
        if needed.width() > shown.width() or needed.height() > shown.height():
            cut.append(f"{view.accessibleName()} row {index.data()!r}: {needed.width()}x"
                       f"{needed.height()} px in {shown.width()}x{shown.height()}")
        cut.extend(_cut_rows(view, index))
    return cut


def _cut_tabs(window) -> list[str]:
    """The dock tabs whose title is cut short, and tab rows wider than their dock that cannot
    be scrolled."""
    cut = []
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not bar.isVisible():
            continue
        titles = [bar.tabText(index) for index in range(bar.count())]
        for index, title in enumerate(titles):
            shown, needed = bar.tabRect(index).width(), bar.tabSizeHint(index).width()
            if shown < needed:
                cut.append(f"tab {title!r}: {shown} of {needed} px")
        row = sum(bar.tabSizeHint(index).width() for index in range(bar.count()))
        if row > bar.width() and not bar.usesScrollButtons():
            cut.append(f"tabs {titles}: {row} px in {bar.width()} px, no scroll buttons")
    return cut


def _header_padding(header: QHeaderView) -> int:
    from PySide6.QtWidgets import QStyle

    return 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)


def test_the_window_draws_at_the_screens_pixels(qtbot, window):
    """Widgets, the map page and the export preview are drawn at the screen's device pixels:
    text stays crisp (a picture drawn at 100 % and enlarged would blur it)."""
    assert window.devicePixelRatioF() == pytest.approx(SCALE)
    assert window.grab().devicePixelRatio() == pytest.approx(SCALE)
    assert float(run_js(qtbot, window, "window.devicePixelRatio")) == pytest.approx(SCALE)
    save_shot(window, shot_name(window.language, "01-start"))
    window.exporter.open_export_dialog()
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    dialog = window.exporter.export_dialog
    with qtbot.waitSignal(dialog.sig_preview_shown, timeout=20_000):
        dialog.render_preview()
    preview = dialog.preview_label.pixmap()
    assert preview.devicePixelRatio() == pytest.approx(SCALE)
    assert preview.width() / SCALE <= dialog.preview_label.width() + 1
    save_shot(dialog, shot_name(window.language, "09-export-dialog"))
    assert dialog.width() <= WINDOW[0] and dialog.height() <= WINDOW[1], (
        f"the export dialog is {dialog.width()}x{dialog.height()}")
    dialog.reject()


def test_no_list_or_table_is_cut_in_any_result_tab(qtbot, window):
    wait_drawn(qtbot, window, lambda: window.region_list.select_row_for("kinki"))
    wait_drawn(qtbot, window, lambda: window.state.set_show_tieups(True))
    map_area = window.map_view.width() * window.map_view.height()
    assert map_area >= 0.45 * window.width() * window.height(), (
        f"the map gets {window.map_view.width()}x{window.map_view.height()}")
    cut = []
    for number, name in enumerate(RESULT_TABS, start=2):
        window.docks[name].raise_()
        panel = window.panels[name]
        qtbot.waitUntil(panel.isVisible)
        if hasattr(panel, "row_count"):
            qtbot.waitUntil(lambda panel=panel: panel.row_count() > 0)
        qtbot.wait(50)  # laid out
        save_shot(window, shot_name(window.language, f"{number:02d}-kinki-{name}"))
        cut.extend(f"{name}: {text}" for text in cut_texts(window))
    assert not sorted(set(cut)), "cut short:\n" + "\n".join(sorted(set(cut)))


def test_the_export_does_not_depend_on_the_screen(qapp, tmp_path):
    """The export of the same choices is the same file whatever the screen's scale: written
    here, and compared with the one written at 100 % by the gallery's test."""
    from geodata import load_dataset

    out = Path(os.environ.get("CX_SCALED_EXPORT") or tmp_path / "national.png")
    write_export(load_dataset(), out)
    assert _image_size(out) == QSize(1024, 768)


def _image_size(path: Path) -> QSize:
    from PySide6.QtGui import QImage

    return QImage(str(path)).size()
