"""Copy and Save for a result panel's rows: Ctrl+C and a context menu put the selected rows on
the clipboard as tab-separated text with a header line (Excel pastes it as cells); "Save table
as…" (context menu, and a small button by the heading) writes every listed row as CSV or XLSX,
each row with its source.

The panel says what its rows are (``table_of(selected_only)`` → desktop.common.table_file.Table);
this module only adds the actions and the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox, QToolButton, QWidget

from desktop.common.table_file import CSV_SUFFIX, XLSX_SUFFIX, Table, table_bytes, tsv_text
from geodata.file_replace import replace_bytes


class TableActions(QObject):
    """The Copy and Save table actions of one panel's view."""

    sig_copied = Signal(int)
    """How many rows were put on the clipboard."""
    sig_saved = Signal(str)
    """The path a table was saved to."""
    sig_failed = Signal(str)
    """Why a table could not be saved (also shown in a dialog)."""

    def __init__(self, panel: QWidget, view: QAbstractItemView,
                 table_of: Callable[[bool], Table], file_stem: str):
        super().__init__(panel)
        self.panel = panel
        self.table_of = table_of
        self.file_stem = file_stem
        self.write_file: Callable[[Path, bytes], Path] = replace_bytes
        """How a saved table reaches the disk: whole, or not at all."""
        self.error_dialog: QMessageBox | None = None
        self.copy_action = QAction(view)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selected)
        self.save_action = QAction(view)
        self.save_action.triggered.connect(self.choose_and_save)
        # The view takes Ctrl+C for itself (it copies the current cell): asked first, this
        # copies the selected rows instead.
        view.installEventFilter(self)
        view.addAction(self.copy_action)
        view.addAction(self.save_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.save_button = QToolButton()
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(self.choose_and_save)
        self.retranslate()

    def retranslate(self) -> None:
        """The actions' and the button's texts in the current language (the panel calls this
        on a LanguageChange)."""
        self.copy_action.setText(self.tr("Copy"))
        self.save_action.setText(self.tr("Save table as…"))
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the listed rows, with their sources, as an "
                                            "Excel workbook or a CSV file"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Copy)):
            self.copy_selected()
            return True
        return super().eventFilter(watched, event)

    def filters(self) -> dict[str, str]:
        return {self.tr("Excel workbook (*.xlsx)"): XLSX_SUFFIX,
                self.tr("CSV, UTF-8 for Excel (*.csv)"): CSV_SUFFIX}

    def copy_selected(self) -> int:
        """Put the selected rows on the clipboard; how many (none selected: nothing)."""
        table = self.table_of(True)
        if not table.rows:
            return 0
        QGuiApplication.clipboard().setText(tsv_text(table))
        self.sig_copied.emit(len(table.rows))
        return len(table.rows)

    def choose_and_save(self) -> None:
        window = self.panel.window()
        folder = getattr(window, "dialog_folder", lambda _dialog: Path())("export")
        filters = self.filters()
        path, chosen = QFileDialog.getSaveFileName(
            self.panel, self.tr("Save table"), str(Path(folder) / f"{self.file_stem}.xlsx"),
            ";;".join(filters))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in filters.values():
            target = target.with_name(target.name + filters.get(chosen, XLSX_SUFFIX))
        if hasattr(window, "remember_dialog_folder"):
            window.remember_dialog_folder("export", target.parent)
        self.save(target)

    def save(self, target: Path) -> bool:
        """Write every listed row to ``target`` (CSV or XLSX by its suffix); a failure is
        shown to the user and leaves any old file as it was."""
        try:
            self.write_file(target, table_bytes(self.table_of(False), target.suffix))
        except (OSError, ValueError, RuntimeError) as error:
            message = self.tr("{path}: {reason}").format(path=target, reason=error)
            self.error_dialog = QMessageBox(QMessageBox.Icon.Warning, self.tr("Table not saved"),
                                            message, parent=self.panel)
            self.error_dialog.setTextFormat(Qt.TextFormat.PlainText)
            self.error_dialog.open()
            self.sig_failed.emit(message)
            return False
        self.sig_saved.emit(str(target))
        return True
