"""The About box: what the app is, the dataset it shows, and every licence, in a dialog that
fits a 1366x768 laptop.

A QMessageBox grows with its text (about 985 px tall with the licence list), so the text goes in
scrolling views instead: the summary and the dataset's sources in one tab, the full licences and
notices, as plain text, in another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.app.about import about_text, licence_texts

if TYPE_CHECKING:
    from geodata import Dataset

# Room for the summary and a page of licence text; small enough for a 1366x768 screen with a
# task bar (the dialog is also capped to the screen it opens on).
PREFERRED_SIZE = (640, 520)


class AboutDialog(QDialog):
    """The summary and sources (rich text whose every dataset string is escaped) and the
    licences (plain text), each scrolling within the dialog."""

    def __init__(self, dataset: Dataset | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Cluster Explorer"))
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.summary.setHtml(about_text(dataset))
        self.summary.setAccessibleName(self.tr("About Cluster Explorer"))
        self.licences = QPlainTextEdit()
        self.licences.setReadOnly(True)
        self.licences.setPlainText(licence_texts())
        self.licences.setAccessibleName(self.tr("Licences"))
        tabs = QTabWidget()
        tabs.addTab(self.summary, self.tr("About"))
        tabs.addTab(self.licences, self.tr("Licences"))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        width, height = PREFERRED_SIZE
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 80)
        self.resize(width, height)
        self.setWindowModality(Qt.WindowModality.WindowModal)
