"""The window's File ▸ Export… (Ctrl+E) and Edit ▸ Copy map (Ctrl+Shift+C).

Both export what the window shows — its current map area, filters and selection — without a
nested event loop: the off-screen page reports back through signals.
"""

import json
import logging
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.export.safe_write import ExportError, write_atomically
from desktop.export.spec import ExportSpec, default_title, source_caption

# The drawing modules (python-pptx, matplotlib, folium) load on first export, not at start-up:
# they cost about 0.3 s of the window's cold start.

log = logging.getLogger(__name__)
FILTERS = {"PNG image (*.png)": ".png", "SVG vector (*.svg)": ".svg", "PDF (*.pdf)": ".pdf",
           "PowerPoint slide (*.pptx)": ".pptx"}


class WindowExporter(QObject):
    """Owns the export actions of one MainWindow."""

    sig_exported = Signal(str)
    """Path of a file the window finished exporting."""
    sig_copied = Signal()
    """The map was put on the clipboard."""
    sig_failed = Signal(str)
    """One-line reason an export or copy failed (also shown in a dialog)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._renderer = None  # the RasterRenderer at work, one at a time
        self.error_dialog: QMessageBox | None = None
        self.export_action = QAction("&Export map…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.choose_and_export)
        self.copy_action = QAction("&Copy map", window)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.copy_map)
        window.file_menu.insertAction(window.quit_action, self.export_action)
        window.file_menu.insertSeparator(window.quit_action)
        window.edit_menu.insertAction(window.find_action, self.copy_action)

    # --- entry points ----------------------------------------------------------------------
    def choose_and_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export map", "cluster-map.png",
                                                   ";;".join(FILTERS))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in FILTERS.values():
            target = target.with_suffix(FILTERS.get(chosen, ".png"))
        self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Export the window's current map to ``target`` (format from its extension)."""
        self._with_current_bounds(lambda spec: self._export(spec), Path(target))

    def copy_map(self) -> None:
        self._with_current_bounds(self._copy, Path("clipboard.png"))

    # --- work ------------------------------------------------------------------------------
    def _with_current_bounds(self, then, target: Path) -> None:
        state = self.window.state
        if state.dataset is None or self._renderer is not None:
            return

        def got_bounds(value):
            try:
                bounds = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                bounds = None
            then(ExportSpec(out=target, filter=state.filter, show_tieups=state.show_tieups,
                            bounds=bounds))

        self.window.map_view.evaluate("clusterMap.getBounds()", got_bounds)

    def _export(self, spec: ExportSpec) -> None:
        from desktop.export.vector import write_vector

        ds = self.window.state.dataset
        try:
            if spec.format in (".svg", ".pdf"):
                write_atomically(spec.out, lambda path: write_vector(ds, spec, path))
                self.sig_exported.emit(str(spec.out))
                return
        except ExportError as error:
            self._fail(str(error))
            return
        with_text = spec.format == ".png"
        self._render(spec, with_text, lambda image: self._write_picture(spec, image))

    def _write_picture(self, spec: ExportSpec, image: QImage) -> None:
        from desktop.export.runner import png_bytes
        from desktop.export.slides import Slide, write_slides

        ds = self.window.state.dataset
        png = png_bytes(image)
        try:
            if spec.format == ".png":
                write_atomically(spec.out, lambda path: Path(path).write_bytes(png))
            else:
                slide = Slide(default_title(ds, spec.filter),
                              source_caption(ds, spec.filter, spec.show_tieups), png)
                write_atomically(spec.out, lambda path: write_slides([slide], path))
        except ExportError as error:
            self._fail(str(error))
            return
        self.sig_exported.emit(str(spec.out))

    def _copy(self, spec: ExportSpec) -> None:
        self._render(spec, True, self._put_on_clipboard)

    def _put_on_clipboard(self, image: QImage) -> None:
        from desktop.export.runner import png_bytes

        data = QMimeData()
        data.setImageData(image)
        data.setData("image/png", png_bytes(image))
        QGuiApplication.clipboard().setMimeData(data)
        self.sig_copied.emit()

    def _render(self, spec: ExportSpec, with_text: bool, done) -> None:
        from desktop.export.raster import RasterRenderer

        renderer = RasterRenderer(self.window.state.dataset, spec, with_text, self)
        self._renderer = renderer

        def finish(callback, value):
            self._renderer = None
            renderer.dispose()
            callback(value)

        renderer.sig_done.connect(lambda image: finish(done, image))
        renderer.sig_failed.connect(lambda message: finish(self._fail, message))
        renderer.start()

    def _fail(self, message: str) -> None:
        log.warning("export failed: %s", message)
        dialog = QMessageBox(QMessageBox.Icon.Warning, "Export failed", message,
                             QMessageBox.StandardButton.Ok, self.window)
        self.error_dialog = dialog
        dialog.open()
        self.sig_failed.emit(message)
