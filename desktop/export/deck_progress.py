"""The per-bureau deck from the window: slide by slide under a progress dialog with Cancel.

The deck is drawn in the GUI thread one slide at a time (export/slides.py: iter_slides), the
progress dialog taking the events between slides. One step is one slide, a fifth of a second
at 1920x1080 (the painter and python-pptx), so the window repaints and Cancel answers within
that; a worker thread would save little, and would share the dataset's frames and the
painter's fonts with the GUI thread for it. Nothing touches the disk until the last slide is
drawn: the file is then written once, atomically, so a cancelled deck leaves no file and no
temporary.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.export.safe_write import write_bytes_atomically
from desktop.export.spec import ExportSpec
from geodata import Dataset


class DeckExport(QObject):
    """Draws one per-bureau deck under a QProgressDialog; ``run`` returns the path written,
    or None when the user cancelled. Raises ExportError when the file cannot be written."""

    sig_slide_drawn = Signal(int)
    """Slides drawn so far."""

    def __init__(self, ds: Dataset, spec: ExportSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.ds, self.spec = ds, spec
        self.progress: QProgressDialog | None = None
        self._parent = parent

    def run(self) -> Path | None:
        from desktop.export.slides import iter_slides, slide_count, slides_bytes

        total = slide_count(self.ds, self.spec)
        progress = QProgressDialog(self.tr("Drawing the slides…"), self.tr("Cancel"), 0,
                                   total + 1, self._parent)
        progress.setWindowTitle(self.tr("Exporting the deck"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress = progress
        try:
            slides = []
            for slide in iter_slides(self.ds, self.spec):
                slides.append(slide)
                progress.setLabelText(self.tr("Drawing slide %1 of %2…")
                                      .replace("%1", str(len(slides)))
                                      .replace("%2", str(total)))
                progress.setValue(len(slides))
                self.sig_slide_drawn.emit(len(slides))
                QCoreApplication.processEvents()
                if progress.wasCanceled():
                    return None
            progress.setLabelText(self.tr("Writing the file…"))
            QCoreApplication.processEvents()
            if progress.wasCanceled():
                return None
            document = slides_bytes(slides, self.spec.template)
            return write_bytes_atomically(self.spec.out, document)
        finally:
            progress.close()
            progress.deleteLater()
            self.progress = None
