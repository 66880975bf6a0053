"""The status bar's word after an export: which file was written, and a button that opens its
folder.

Officials export for slides and then look for the file; a dialog for every export would be in
the way, silence leaves them guessing. The notice stays until the next export (or copy) replaces
it or the user closes it.
"""

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QToolButton, QWidget

# Long file names are elided in the middle so the button stays on screen.
SHOWN_NAME_CHARS = 60


class ExportNotice(QWidget):
    """``Exported “name” — Open folder`` in the status bar (hidden until the first export)."""

    sig_open_folder = Signal(str)
    """The folder the user asked to open (also opened with the desktop's file manager)."""

    def __init__(self, status_bar: QStatusBar):
        super().__init__(status_bar)
        self.folder: Path | None = None
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
        self.open_button = QToolButton()
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        status_bar.addPermanentWidget(self)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open folder"))
        self.open_button.setAccessibleName(self.tr("Open the folder of the exported file"))
        self.close_button.setAccessibleName(self.tr("Close this message"))
        self.close_button.setToolTip(self.tr("Close this message"))

    def show_exported(self, path: str) -> None:
        target = Path(path)
        self.folder = target.parent
        name = target.name
        if len(name) > SHOWN_NAME_CHARS:
            half = SHOWN_NAME_CHARS // 2
            name = f"{name[:half]}…{name[-half:]}"
        self.text.setText(self.tr("Exported “{name}”").format(name=name))
        self.text.setToolTip(str(target))
        self.open_button.show()
        self.show()

    def show_copied(self) -> None:
        self.folder = None
        self.text.setText(self.tr("Map copied to the clipboard"))
        self.text.setToolTip("")
        self.open_button.hide()
        self.show()

    def open_folder(self) -> None:
        if self.folder is None:
            return
        self.sig_open_folder.emit(str(self.folder))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
