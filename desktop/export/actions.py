"""The window's File ▸ Export… (Ctrl+E) and Edit ▸ Copy map (Ctrl+Shift+C).

Both export what the window shows — its current map area, filters and selection. The page is
asked for its bounds (asynchronously); File ▸ Export… then opens the export dialog
(export/export_dialog.py) with its preview, and writes what it chose: one file under a busy
cursor (MapPainter's drawing, a few hundred ms in the GUI thread), or the per-bureau deck
slide by slide under a progress dialog (export/deck_progress.py).
"""

import logging
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.common import i18n
from desktop.export.export_notice import ExportNotice
from desktop.export.formats import CONTEXT as FORMATS_CONTEXT
from desktop.export.formats import export_formats
from desktop.export.safe_write import ExportError, write_bytes_atomically
from desktop.export.spec import ExportSpec
from desktop.export.window_context import WindowContext
from desktop.map.js_api import get_bounds

# The drawing modules (python-pptx, the painter) load on first export, not at start-up.

log = logging.getLogger(__name__)
DEFAULT_NAME = "cluster-map.png"
CHARTS_NAME = "cluster-charts.pptx"


def dialog_filters() -> dict[str, str]:
    """The Save dialog's filters, each to its suffix: every registered format, in order."""
    return {QCoreApplication.translate(FORMATS_CONTEXT, each.dialog_filter): each.suffix
            for each in export_formats()}


class WindowExporter(QObject):
    """Owns the export actions of one MainWindow."""

    sig_exported = Signal(str)
    """Path of a file the window finished exporting."""
    sig_copied = Signal()
    """The map was put on the clipboard."""
    sig_failed = Signal(str)
    """One-line reason an export or copy failed (also shown in a dialog)."""
    sig_cancelled = Signal()
    """The user cancelled a per-bureau deck while it was drawn: nothing was written."""

    def __init__(self, context: WindowContext):
        super().__init__(context.parent)
        self.context = context
        window = context.parent
        self.error_dialog: QMessageBox | None = None
        self.export_dialog = None  # the open export dialog, if any
        self.deck_export = None  # the per-bureau deck being drawn, if any
        self.export_action = QAction(window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export_dialog)
        self.copy_action = QAction(window)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.copy_map)
        self.charts_action = QAction(window)
        self.charts_action.triggered.connect(self.choose_and_export_charts)
        self.report_action = QAction(window)
        self.report_action.triggered.connect(self.choose_and_export_report)
        self.file_actions = (self.export_action, self.charts_action, self.report_action)
        """File ▸ Export map…, charts and report: the window places them in its menu."""
        self.edit_actions = (self.copy_action,)
        """Edit ▸ Copy map."""
        self.notice = ExportNotice(context.status_bar)
        self.sig_exported.connect(self.notice.show_exported)
        self.sig_copied.connect(self.notice.show_copied)
        self._focus_before_dialog = None
        self.retranslate()

    def retranslate(self) -> None:
        """The actions' texts in the current language (the window calls this on a change)."""
        self.export_action.setText(self.tr("&Export map…"))
        self.copy_action.setText(self.tr("&Copy map"))
        self.charts_action.setText(self.tr("Export &charts to PowerPoint…"))
        self.report_action.setText(self.tr("Export region &report (PDF)…"))
        self.notice.retranslate()

    # --- entry points ----------------------------------------------------------------------
    def open_export_dialog(self) -> None:
        """The export dialog for the window's dataset, filters and area (once the page said
        its bounds); writes what the user chose when they press Export."""
        state = self.context.state
        if state.dataset is None:
            return
        self._focus_before_dialog = QApplication.focusWidget()
        get_bounds(self.context.map_view, self._show_export_dialog)

    def _show_export_dialog(self, bounds) -> None:
        from desktop.export.export_dialog import ExportDialog

        state = self.context.state
        if state.dataset is None or (self.export_dialog is not None
                                     and self.export_dialog.isVisible()):
            return
        dialog = ExportDialog(state.dataset, state.filter, state.show_tieups, bounds,
                              self.context.settings, self._ask_target,
                              self.context.parent, show_places=state.show_places,
                              show_organisations=state.show_organisations)
        dialog.accepted.connect(lambda: self._export_from_dialog(dialog))
        dialog.finished.connect(self._restore_focus)
        self.export_dialog = dialog
        dialog.open()

    def _export_from_dialog(self, dialog) -> None:
        spec = dialog.spec_for(dialog.target)
        if spec.per_bureau:
            self._export_deck(spec)
        else:
            self._export(spec)

    def _restore_focus(self) -> None:
        """Focus goes back to the widget that had it before Export… (the map, a panel, the
        search box), not to whichever widget Qt picks when the dialog closes."""
        widget, self._focus_before_dialog = self._focus_before_dialog, None
        if widget is not None and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _export_deck(self, spec: ExportSpec) -> None:
        """The per-bureau deck, slide by slide with progress and Cancel; a cancelled deck
        writes nothing."""
        from desktop.export.deck_progress import DeckExport

        self.deck_export = DeckExport(self.context.state.dataset, spec, self.context.parent)
        try:
            written = self.deck_export.run()
        except ExportError as error:
            self._fail(str(error))
            return
        finally:
            self.deck_export = None
        if written is None:
            self.sig_cancelled.emit()
            return
        self.sig_exported.emit(str(written))

    def choose_and_export(self) -> None:
        """Export the window's map at the default size to a file the Save dialog asks for
        (every format offered): the quick path without the export dialog."""
        filters = dialog_filters()
        # The user's documents folder, or where the last export went (the window remembers;
        # a window that does not starts in the working directory).
        folder = self.context.dialog_folder("export")
        path, chosen = QFileDialog.getSaveFileName(self.context.parent, self.tr("Export map"),
                                                   str(folder / DEFAULT_NAME), ";;".join(filters))
        if not path:
            return
        target = Path(path)
        self.context.remember_dialog_folder("export", target.parent)
        if target.suffix.lower() not in filters.values():
            target = target.with_suffix(filters.get(chosen, Path(DEFAULT_NAME).suffix))
            # The dialog asked about the name as typed, not this one with its suffix.
            if target.exists() and not self.confirm_replace(target):
                return
        self.export_to(target)

    def choose_and_export_charts(self) -> None:
        """The figures as editable PowerPoint charts (export/charts_pptx.py), for the shown
        filters and selection: the window's way to ``export X.pptx --charts``."""
        target = self._ask_target(self.tr("Export charts to PowerPoint"), CHARTS_NAME,
                                  self.tr("PowerPoint charts (*.pptx)"))
        if target is None:
            return
        state = self.context.state
        if state.dataset is not None:
            self._export(ExportSpec(out=target, filter=state.filter, charts=True,
                                    **i18n.export_language()))

    def choose_and_export_report(self) -> None:
        """The one-page A4 report (export/report.py) of the selected bureau, as
        ``cluster-explorer report --bureau ID`` writes it; says so when none is selected."""
        state = self.context.state
        bureau_id = state.filter.bureau_id if state.dataset is not None else None
        if bureau_id is None:
            self._fail(self.tr("Select a region first: the report is one page about one "
                               "bureau."))
            return
        target = self._ask_target(self.tr("Export region report"), f"{bureau_id}-report.pdf",
                                  self.tr("PDF (*.pdf)"))
        if target is None:
            return
        from desktop.export.report import report_pdf_bytes
        from desktop.sources.server_side import export_source

        with _busy():
            try:
                write_bytes_atomically(target, report_pdf_bytes(
                    state.dataset, bureau_id, **i18n.export_language(),
                    organisations_from=export_source(self.context.parent)))
            except ExportError as error:
                self._fail(str(error))
                return
        self.sig_exported.emit(str(target))

    def _ask_target(self, title: str, default_name: str, dialog_filter: str) -> Path | None:
        """The file a one-format export goes to (its suffix that of ``default_name``), or None
        when the user cancels; a suffix added after the dialog asks before replacing."""
        suffix = Path(default_name).suffix
        folder = self.context.dialog_folder("export")
        path, _chosen = QFileDialog.getSaveFileName(self.context.parent, title,
                                                    str(folder / default_name), dialog_filter)
        if not path:
            return None
        target = Path(path)
        self.context.remember_dialog_folder("export", target.parent)
        if target.suffix.lower() != suffix:
            target = target.with_name(f"{target.name}{suffix}")
            if target.exists() and not self.confirm_replace(target):
                return None
        return target

    def confirm_replace(self, target: Path) -> bool:
        """Ask whether to replace the existing ``target``; No is the default."""
        question = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Replace file?"),
            self.tr("“{name}” already exists in “{folder}”. Do you want to replace it?").format(
                name=target.name, folder=target.parent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.context.parent)
        question.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
        question.setDefaultButton(QMessageBox.StandardButton.No)
        return question.exec() == QMessageBox.StandardButton.Yes

    def export_to(self, target: Path) -> None:
        """Export the window's current map to ``target`` (format from its extension)."""
        self._with_current_bounds(lambda spec: self._export(spec), Path(target))

    def copy_map(self) -> None:
        self._with_current_bounds(self._copy, Path("clipboard.png"))

    # --- work ------------------------------------------------------------------------------
    def _with_current_bounds(self, then, target: Path) -> None:
        state = self.context.state
        if state.dataset is None:
            return

        def got_bounds(bounds):
            then(ExportSpec(out=target, filter=state.filter, show_tieups=state.show_tieups,
                            show_places=state.show_places,
                            show_organisations=state.show_organisations, bounds=bounds,
                            **i18n.export_language()))

        get_bounds(self.context.map_view, got_bounds)

    def _with_organisations(self, spec: ExportSpec) -> ExportSpec:
        """``spec`` drawing the national organisation list as the map shows it, when the
        window is in server-side mode (desktop/sources/server_side.py)."""
        from desktop.sources.server_side import export_source

        opener = export_source(self.context.parent)
        return spec if opener is None else replace(spec, organisations_from=opener)

    def _export(self, spec: ExportSpec) -> None:
        from desktop.export.runner import run

        spec = self._with_organisations(spec)
        with _busy():
            try:
                run(self.context.state.dataset, spec)
            except ExportError as error:
                self._fail(str(error))
                return
        self.sig_exported.emit(str(spec.out))

    def _copy(self, spec: ExportSpec) -> None:
        from desktop.export.raster import png_bytes, render_image

        spec = self._with_organisations(spec)
        with _busy():
            try:
                image = render_image(self.context.state.dataset, spec)
                png = png_bytes(image)
            except ExportError as error:
                self._fail(str(error))
                return
        data = QMimeData()
        data.setImageData(image)
        data.setData("image/png", png)
        QGuiApplication.clipboard().setMimeData(data)
        self.sig_copied.emit()

    def _fail(self, message: str) -> None:
        log.warning("export failed: %s", message)
        dialog = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export failed"), message,
                             QMessageBox.StandardButton.Ok, self.context.parent)
        dialog.setTextFormat(Qt.TextFormat.PlainText)  # the reason names a file: not markup
        self.error_dialog = dialog
        dialog.open()
        self.sig_failed.emit(message)


@contextmanager
def _busy():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
