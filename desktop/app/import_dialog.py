"""File ▸ Import list…: an organisation list (Excel or CSV) into a GeoPackage of the user's.

Pick the file and sheet, check the header row (found, or chosen), confirm which column holds
which field (guessed from the headers in English or Japanese), see every row with what will
happen to it (placed, to choose among several places, not found, or its problem), choose places
for the ambiguous rows, then import.
The work is geodata.importing's; this dialog only shows it. The list is never changed.
"""

import bisect
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from geodata.errors import DatasetError, visible
from geodata.importing import target_projects_and_gazetteer
from geodata.importing.columns import FIELDS, guess_columns
from geodata.importing.planning import ImportPlan, plan_import
from geodata.importing.reading import ListReadError, Table, read_list
from geodata.importing.writing import write_import

MAX_SHOWN_CHARS = 200
NO_COLUMN = -1
NO_PARENT = QModelIndex()


def _shown(text: str | None) -> str:
    text = visible(text or "")
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"


class ImportPreviewModel(QAbstractTableModel):
    """Every row of the list with its outcome; plain text only (the list is untrusted)."""

    COLUMNS = ("row", "status", "name", "kind", "project", "outcome")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self._headers = (self.tr("Row"), self.tr("Status"), self.tr("Name"), self.tr("Kind"),
                         self.tr("Project"), self.tr("Place or problem"))
        self._statuses = {"ready": self.tr("ready"), "choose": self.tr("choose a place"),
                          "unplaced": self.tr("not found"), "invalid": self.tr("problem")}

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.plan is None else len(self.plan.outcomes)

    def columnCount(self, parent=NO_PARENT):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.plan is None:
            return None
        outcome = self.plan.outcomes[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "row": str(outcome.row_number),
                "status": self._statuses[outcome.status],
                "name": _shown(outcome.name),
                "kind": _shown(outcome.kind or outcome.values.get("kind")),
                "project": _shown(outcome.project_id or outcome.values.get("project")),
                "outcome": _shown(outcome.message(self.plan.prefecture_names)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "outcome":
            return _shown(outcome.message(self.plan.prefecture_names))
        return None


class ImportListDialog(QDialog):
    """The import dialog; after a successful import ``imported`` is the target's path."""

    sig_imported = Signal(Path)
    """The path of the GeoPackage the rows were written into."""

    def __init__(self, start_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import an organisation list"))
        self.start_folder = start_folder or Path.home()
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.choices: dict[int, int] = {}
        self.imported: Path | None = None
        self.open_after = False
        self._build()
        self.resize(1000, 700)

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.list_edit = QLineEdit(readOnly=True)
        choose_list = QPushButton(self.tr("Choose…"))
        choose_list.clicked.connect(self.choose_list)
        self.sheet_box = QComboBox()
        self.sheet_box.setEnabled(False)
        self.sheet_box.currentTextChanged.connect(self._sheet_changed)
        self.header_box = RowSpinBox()
        self.header_box.setEnabled(False)
        self.header_box.setKeyboardTracking(False)  # the list is read again on each change
        self.header_box.valueChanged.connect(self._header_row_changed)
        self.header_box.setMaximumWidth(self.header_box.fontMetrics().horizontalAdvance(
            "0000000") + 40)
        self.header_note = QLabel()
        self.header_note.setTextFormat(Qt.TextFormat.PlainText)
        self.header_note.setWordWrap(True)
        self.header_note.hide()
        self.project_box = QComboBox()
        self.project_box.currentIndexChanged.connect(self.replan)
        source = QFormLayout()
        source.addRow(self.tr("List (.xlsx or .csv):"), _row(self.list_edit, choose_list))
        source.addRow(self.tr("Sheet:"), self.sheet_box)
        source.addRow(self.tr("Header row:"), _row(self.header_box, self.header_note))
        source.addRow(self.tr("Project of rows without one:"), self.project_box)

        self.column_boxes: dict[str, QComboBox] = {}
        columns = QGridLayout()
        labels = {"name_ja": self.tr("Name (Japanese)"), "name_en": self.tr("Name (English)"),
                  "kind": self.tr("Kind"), "project": self.tr("Project"),
                  "role": self.tr("Role"), "prefecture": self.tr("Prefecture"),
                  "municipality": self.tr("Municipality"), "address": self.tr("Address"),
                  "lat": self.tr("Latitude"), "lon": self.tr("Longitude")}
        for position, field in enumerate(FIELDS):
            box = QComboBox()
            box.currentIndexChanged.connect(self.replan)
            self.column_boxes[field] = box
            columns.addWidget(QLabel(labels[field]), position // 2, (position % 2) * 2)
            columns.addWidget(box, position // 2, (position % 2) * 2 + 1)
        column_group = QGroupBox(self.tr("Columns"))
        column_group.setLayout(columns)

        self.model = ImportPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._row_selected)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.place_box = QComboBox()
        self.place_box.setEnabled(False)
        self.place_box.activated.connect(self._place_chosen)
        chooser = QFormLayout()
        chooser.addRow(self.tr("Place for the selected row:"), self.place_box)

        self.target_edit = QLineEdit(readOnly=True)
        choose_target = QPushButton(self.tr("Save as…"))
        choose_target.clicked.connect(self.choose_target)
        target = QFormLayout()
        target.addRow(self.tr("Add the rows to (.gpkg):"), _row(self.target_edit, choose_target))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(column_group)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(chooser)
        layout.addLayout(target)
        layout.addWidget(self.buttons)

    # --- choosing the list ------------------------------------------------------------------
    def choose_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an organisation list"), str(self.start_folder),
            self.tr("Lists (*.xlsx *.csv);;All files (*)"))
        if path:
            self.load_list(Path(path))

    def load_list(self, path: Path, sheet: str | None = None,
                  header_row: int | None = None) -> bool:
        """Read the list (and its sheets), its header found or taken from ``header_row``;
        False, with the reason shown, if it cannot be."""
        try:
            with _busy():
                table = read_list(path, sheet, header_row)
                if self.project_box.count() == 0:
                    self._fill_projects()
        except (ListReadError, DatasetError, OSError) as error:
            self._refuse(self.tr("The list cannot be read"), str(error))
            return False
        self.table, self.choices = table, {}
        self.list_edit.setText(str(path))
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(table.sheets)
        self.sheet_box.setCurrentText(table.sheet)
        self.sheet_box.setEnabled(len(table.sheets) > 1)
        self.sheet_box.blockSignals(False)
        self._show_header_row(table)
        guessed = guess_columns(table.headers)
        for field, box in self.column_boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(none)"), NO_COLUMN)
            for index, header in enumerate(table.headers):
                box.addItem(_shown(header), index)
            box.setCurrentIndex(box.findData(guessed.get(field, NO_COLUMN)))
            box.blockSignals(False)
        self.replan()
        return True

    def _fill_projects(self) -> None:
        projects, self.gazetteer = target_projects_and_gazetteer(self._target())
        self.project_box.blockSignals(True)
        self.project_box.addItem(self.tr("(from the list)"), "")
        for project_id, name in zip(projects["project_id"], projects["name_en"], strict=True):
            self.project_box.addItem(_shown(f"{name} ({project_id})"), project_id)
        self.project_box.blockSignals(False)
        self.projects = projects

    def _show_header_row(self, table: Table) -> None:
        self.header_box.blockSignals(True)
        self.header_box.set_rows(table.value_rows)
        self.header_box.setValue(table.header_row)
        self.header_box.setEnabled(len(table.value_rows) > 1)
        self.header_box.blockSignals(False)
        self.header_note.setVisible(not table.header_found)
        self.header_note.setText(self.tr(
            "No row names a known column (such as 名称, 都道府県 or Name): row {row} is taken "
            "as the header. Choose the row that holds the column names.").format(
                row=table.header_row))

    def _header_row_changed(self, row: int) -> None:
        table = self.table
        if table is not None and row != table.header_row and not self.load_list(
                table.path, table.sheet or None, row):
            self._show_header_row(table)

    def _sheet_changed(self, sheet: str) -> None:
        if self.table is not None and sheet and sheet != self.table.sheet:
            self.load_list(self.table.path, sheet)

    def mapping(self) -> dict[str, int]:
        return {field: box.currentData() for field, box in self.column_boxes.items()
                if box.currentData() not in (None, NO_COLUMN)}

    # --- the preview -------------------------------------------------------------------------
    def replan(self) -> None:
        if self.table is None:
            return
        with _busy():
            self.plan = plan_import(self.table, self.mapping(), self.projects, self.gazetteer,
                                    self.project_box.currentData() or None, self.choices)
        self.model.set_plan(self.plan)
        counts = self.plan.counts()
        self.summary_label.setText(self.tr(
            "%n row(s): {ready} ready, {choose} to choose a place for, {unplaced} not found, "
            "{invalid} with a problem. Rows not ready are left out and listed here.", "",
            len(self.plan.outcomes)).format(**counts))
        self._update_import_button()

    def _row_selected(self, current: QModelIndex, _previous=None) -> None:
        self.place_box.clear()
        outcome = self.plan.outcomes[current.row()] if current.isValid() and self.plan else None
        candidates = outcome.match.candidates if outcome and outcome.match else []
        self.place_box.setEnabled(len(candidates) > 1)
        if len(candidates) <= 1:
            return
        self.place_box.addItem(self.tr("(choose)"), None)
        for place in candidates:
            self.place_box.addItem(_shown(f"{place.label(self.plan.prefecture_names)} — "
                                          f"{place.code}"), place.code)
        if outcome.place is not None:
            self.place_box.setCurrentIndex(self.place_box.findData(outcome.place.code))

    def _place_chosen(self, index: int) -> None:
        current = self.view.currentIndex()
        if not current.isValid() or self.plan is None:
            return
        row_number = self.plan.outcomes[current.row()].row_number
        geonameid = self.place_box.itemData(index)
        if geonameid is None:
            self.choices.pop(row_number, None)
        else:
            self.choices[row_number] = geonameid
        self.replan()
        self.view.selectRow(current.row())

    # --- the target and the import ------------------------------------------------------------
    def choose_target(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Add the rows to a GeoPackage"), str(self.start_folder),
            self.tr("GeoPackage (*.gpkg)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.set_target(Path(path) if path.lower().endswith(".gpkg") else Path(path + ".gpkg"))

    def set_target(self, path: Path) -> None:
        self.target_edit.setText(str(path))
        self._update_import_button()

    def _target(self) -> Path | None:
        text = self.target_edit.text() if hasattr(self, "target_edit") else ""
        return Path(text) if text else None

    def _update_import_button(self) -> None:
        ready = self.plan is not None and bool(self.plan.ready)
        self.import_button.setEnabled(ready and self._target() is not None)

    def run_import(self) -> None:
        target = self._target()
        if self.plan is None or target is None:
            return
        try:
            with _busy():
                result = write_import(self.plan, target)
        except DatasetError as error:
            self._refuse(self.tr("Nothing was imported"),
                         "\n".join(error.summary_lines(10)))
            return
        except OSError as error:
            self._refuse(self.tr("Nothing was imported"), str(error))
            return
        self.imported = result.target
        self.sig_imported.emit(result.target)
        answer = QMessageBox.question(
            self, self.tr("Imported"),
            self.tr("%n row(s) imported into {target}; {reported} left out. Open it now?", "",
                    result.imported).format(target=visible(target.name),
                                            reported=result.reported))
        self.open_after = answer == QMessageBox.StandardButton.Yes
        self.accept()

    def _refuse(self, title: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, visible(detail)[:4000],
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


class RowSpinBox(QSpinBox):
    """A spreadsheet row number whose arrows step over the empty rows (the list's rows with a
    value are the only ones a header can be)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[int] = []

    def set_rows(self, rows: list[int]) -> None:
        self.rows = rows
        self.setRange(rows[0], rows[-1])

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        at = bisect.bisect_left(self.rows, self.value())
        if steps < 0:
            index = at + steps
        else:
            exact = at < len(self.rows) and self.rows[at] == self.value()
            index = at + steps - (0 if exact else 1)
        self.setValue(self.rows[max(0, min(index, len(self.rows) - 1))])


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return holder


class _busy:
    """The wait cursor while a list is read, checked or written."""

    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False
