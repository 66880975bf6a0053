"""File ▸ Import list…: an organisation list (Excel or CSV) into a GeoPackage of the user's.

Pick the file and sheet, check the header row (found, or chosen), confirm which column holds
which field (guessed from the headers in English or Japanese), choose the project of rows the
list gives none for (every participant belongs to a project: SCHEMA.md), see every row with what
will happen to it (placed, to choose among several places, not found, or its problem), choose
places for the ambiguous rows, then import.
The work is geodata.importing's, run off the GUI thread (import_work) with a progress bar and
Cancel; this dialog only shows it, in the user's language. The list is never changed, and a
cancelled import writes nothing.
"""

import bisect
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
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
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.import_work import ImportWork, ImportWorker
from geodata.errors import DatasetError, visible
from geodata.importing import target_projects_and_gazetteer
from geodata.importing.columns import FIELDS, guess_columns
from geodata.importing.planning import ImportPlan, RowOutcome, RowProblem, plan_import
from geodata.importing.reading import ListReadError, Table, read_list
from geodata.importing.writing import write_import

MAX_SHOWN_CHARS = 200
NO_COLUMN = -1
NO_PARENT = QModelIndex()
FITTED_ROWS = 200


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
                "outcome": _shown(self.outcome_text(outcome)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "outcome":
            return _shown(self.outcome_text(outcome))
        return None

    def outcome_text(self, outcome: RowOutcome) -> str:
        """What happens to the row, in the window's words (RowOutcome.message is the
        command line's)."""
        if outcome.problems:
            return "; ".join(problem_text(problem) for problem in outcome.problems)
        names = self.plan.prefecture_names
        if outcome.basis == "list-coordinates":
            return self.tr("placed at its coordinates ({lat}, {lon})").format(
                lat=f"{outcome.lat:.5f}", lon=f"{outcome.lon:.5f}")
        if outcome.place is not None:
            text = (self.tr("chosen: {place} (municipality code {code})") if outcome.chosen
                    else self.tr("placed: {place} (municipality code {code})"))
            return text.format(place=outcome.place.label(names), code=outcome.place.code)
        looked_for = outcome.match.looked_for if outcome.match else ""
        if outcome.status == "choose":
            candidates = outcome.match.candidates
            return self.tr("“{name}” fits %n place(s); choose one below the list", "",
                           len(candidates)).format(name=looked_for)
        if not looked_for:
            return self.tr("no coordinates, municipality or address to place it by")
        return self.tr("no municipality matches “{name}”").format(name=looked_for)


PROBLEM_CONTEXT = "ImportProblems"
# The window's words for each reason code of geodata.importing.planning.PROBLEM_WORDS (the
# project is chosen in this dialog, not given with a command-line flag).
PROBLEM_TEXTS = {
    "name-empty": QT_TRANSLATE_NOOP("ImportProblems", "the name is empty"),
    "too-long": QT_TRANSLATE_NOOP("ImportProblems",
                                  "the {field} is longer than {limit} characters"),
    "kind-empty": QT_TRANSLATE_NOOP("ImportProblems", "the kind is empty"),
    "kind-unknown": QT_TRANSLATE_NOOP("ImportProblems",
                                      "unknown kind “{text}” (valid: {kinds} or their Japanese "
                                      "names: 企業, 大学, 研究機関, 自治体, …)"),
    "no-project": QT_TRANSLATE_NOOP("ImportProblems",
                                    "no project: choose the project of the rows above"),
    "project-unknown": QT_TRANSLATE_NOOP("ImportProblems", "unknown project “{text}”"),
    "choice-not-candidate": QT_TRANSLATE_NOOP("ImportProblems",
                                              "the chosen place {choice} is not one of the "
                                              "row's {count} candidates"),
    "coordinates-not-numbers": QT_TRANSLATE_NOOP("ImportProblems",
                                                 "the coordinates ({lat}, {lon}) are not numbers"),
    "coordinates-half": QT_TRANSLATE_NOOP("ImportProblems",
                                          "give both latitude and longitude, or neither"),
    "outside-japan": QT_TRANSLATE_NOOP("ImportProblems",
                                       "the point (latitude {lat}, longitude {lon}) is outside "
                                       "Japan"),
    "outside-japan-swapped": QT_TRANSLATE_NOOP("ImportProblems",
                                               "the point (latitude {lat}, longitude {lon}) is "
                                               "outside Japan (latitude and longitude swapped?)"),
}


def problem_text(problem: RowProblem) -> str:
    """A reason a row is kept out, in the window's words and language."""
    template = PROBLEM_TEXTS.get(problem.code)
    if template is None:  # a code this window does not word: the plain report's words
        return str(problem)
    return QCoreApplication.translate(PROBLEM_CONTEXT, template).format(**problem.values)


class ImportListDialog(QDialog):
    """The import dialog; after a successful import ``imported`` is the target's path.

    Reading, checking and writing each run as an ImportWork in the dialog's own worker thread
    (one at a time, in order); a newer read or check cancels the one under way, whose result
    is dropped.
    """

    sig_imported = Signal(Path)
    """The path of the GeoPackage the rows were written into."""
    sig_previewed = Signal()
    """The preview shows the plan of the list, columns and project as they are now."""
    sig_stopped = Signal(str)
    """A step ended without its result: ``cancelled`` (by the user) or ``failed`` (its reason
    was shown)."""

    def __init__(self, start_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import an organisation list"))
        self.start_folder = start_folder or Path.home()
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.projects = None
        self.gazetteer = None
        self.choices: dict[int, int] = {}
        self.imported: Path | None = None
        self.open_after = False
        self.work: ImportWork | None = None
        self._close_when_stopped = False
        self.worker = ImportWorker(self)
        self._build()
        self.resize(1000, 700)

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.list_edit = QLineEdit(readOnly=True)
        self.choose_list_button = QPushButton(self.tr("Choose…"))
        self.choose_list_button.clicked.connect(self.choose_list)
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
        self.project_label = QLabel()
        self.project_note = QLabel()
        self.project_note.setTextFormat(Qt.TextFormat.PlainText)
        self.project_note.setWordWrap(True)
        self.project_note.hide()
        source = QFormLayout()
        source.addRow(self.tr("List (.xlsx or .csv):"),
                      _row(self.list_edit, self.choose_list_button))
        source.addRow(self.tr("Sheet:"), self.sheet_box)
        source.addRow(self.tr("Header row:"), _row(self.header_box, self.header_note))
        source.addRow(self.project_label, _row(self.project_box, self.project_note))
        self._word_project_box(has_column=True)

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
        # Columns fit the first rows, not all 10,000: each fit asks the model for every row it
        # measures, on the GUI thread, and a fit follows every change of the view's size.
        self.view.horizontalHeader().setResizeContentsPrecision(FITTED_ROWS)
        self.view.verticalHeader().setResizeContentsPrecision(FITTED_ROWS)
        self.view.selectionModel().currentRowChanged.connect(self._row_selected)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.place_box = QComboBox()
        self.place_box.setEnabled(False)
        self.place_box.activated.connect(self._place_chosen)
        chooser = QFormLayout()
        chooser.addRow(self.tr("Place for the selected row:"), self.place_box)

        self.target_edit = QLineEdit(readOnly=True)
        self.choose_target_button = QPushButton(self.tr("Save as…"))
        self.choose_target_button.clicked.connect(self.choose_target)
        target = QFormLayout()
        target.addRow(self.tr("Add the rows to (.gpkg):"),
                      _row(self.target_edit, self.choose_target_button))

        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.cancel_work_button = QPushButton(self.tr("Cancel"))
        self.cancel_work_button.clicked.connect(self.cancel_work)
        self.progress_row = _row(self.progress_label, self.progress_bar, self.cancel_work_button)
        self.progress_row.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        # What a write disables: the inputs, not the preview (a disabled table of 10,000 rows
        # is measured again to its contents, two seconds of the GUI thread).
        self.inputs = [_panel(source), column_group, _panel(chooser), _panel(target)]
        layout = QVBoxLayout(self)
        layout.addWidget(self.inputs[0])
        layout.addWidget(column_group)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.inputs[2])
        layout.addWidget(self.inputs[3])
        layout.addWidget(self.progress_row)
        layout.addWidget(self.buttons)

    def _word_project_box(self, has_column: bool) -> None:
        """The project box as the list needs it: the project of every row when the list has
        no project column, else of the rows that leave theirs empty."""
        self.project_label.setText(self.tr("Project of rows without one:") if has_column
                                   else self.tr("Project of the rows:"))
        if self.project_box.count():
            self.project_box.setItemText(0, self.tr("(from the list)") if has_column
                                         else self.tr("(choose a project)"))

    # --- work off the GUI thread -------------------------------------------------------------
    def _start(self, step, on_done, doing: str) -> ImportWork:
        """Run ``step`` in the worker thread, cancelling the step under way (its result is
        dropped)."""
        if self.work is not None:
            self.work.cancel()
        work = ImportWork(step, on_done)
        work.sig_progress.connect(self._work_progress)
        work.sig_finished.connect(self._work_finished)
        work.sig_failed.connect(self._work_failed)
        work.sig_cancelled.connect(self._work_cancelled)
        self.work = work
        self.progress_label.setText(doing)
        self.progress_bar.setRange(0, 0)  # moving until the step counts its rows
        self.cancel_work_button.setEnabled(True)
        self.progress_row.show()
        self._update_import_button()
        return self.worker.submit(work)

    def _current(self, work: ImportWork) -> bool:
        return work is self.work and not work.cancelled

    def _work_progress(self, work: ImportWork, done: int, total: int) -> None:
        if self._current(work) and total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    def _work_finished(self, work: ImportWork, result) -> None:
        if work is not self.work:
            return  # a step replaced by a newer one: nothing of it is kept
        self._end_work()
        if work.cancelled and work.on_done != self._written:
            self.sig_stopped.emit("cancelled")  # read or checked after all, but not wanted
            return
        work.on_done(result)

    def _work_failed(self, work: ImportWork, error: Exception) -> None:
        if work is not self.work:
            return
        self._end_work()
        title = (self.tr("Nothing was imported") if work.on_done == self._written
                 else self.tr("The list cannot be read"))
        if isinstance(error, DatasetError) and not isinstance(error, ListReadError):
            detail = "\n".join(error.summary_lines(10))
        elif isinstance(error, (ListReadError, DatasetError, OSError)):
            detail = str(error)
        else:
            detail = f"{type(error).__name__}: {error}"
        self.sig_stopped.emit("failed")
        self._refuse(title, detail)

    def _work_cancelled(self, work: ImportWork) -> None:
        if work is not self.work:
            return
        self._end_work()
        if work.on_done == self._written:
            self.summary_label.setText(self.tr("Import cancelled: nothing was written."))
        self.sig_stopped.emit("cancelled")

    def _end_work(self) -> None:
        self.work = None
        self.progress_row.hide()
        self._enable_inputs(True)
        self._update_import_button()
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()

    def inputs_enabled(self) -> bool:
        return all(panel.isEnabled() for panel in self.inputs)

    def _enable_inputs(self, enabled: bool) -> None:
        for panel in self.inputs:
            panel.setEnabled(enabled)

    def cancel_work(self) -> None:
        """Cancel: the step under way stops at its next check; a write stops before it replaces
        the target (while it waits for a busy target, as soon as it gets it)."""
        if self.work is not None:
            self.work.cancel()
            self.cancel_work_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def reject(self) -> None:
        """Closing while a step runs cancels it and closes once it has stopped."""
        if self.work is not None:
            self._close_when_stopped = True
            self.cancel_work()
            return
        super().reject()

    def done(self, result: int) -> None:
        """The worker thread ends with the dialog (a step still queued is cancelled first)."""
        if self.work is not None:
            self.work.cancel()
        self.worker.stop()
        super().done(result)

    # --- choosing the list ------------------------------------------------------------------
    def choose_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an organisation list"), str(self.start_folder),
            self.tr("Lists (*.xlsx *.csv);;All files (*)"))
        if path:
            self.load_list(Path(path))

    def load_list(self, path: Path, sheet: str | None = None,
                  header_row: int | None = None) -> None:
        """Read the list (and its sheets) off the GUI thread, its header found or taken from
        ``header_row``; the preview follows (sig_previewed), or the reason it cannot be read."""
        target = self._target()
        needs_projects = self.projects is None

        def read(progress, check):
            table = read_list(path, sheet, header_row)
            check()
            found = target_projects_and_gazetteer(target) if needs_projects else None
            return table, found

        self._start(read, self._list_read, self.tr("Reading {list}…").format(
            list=visible(Path(path).name)))

    def _list_read(self, result) -> None:
        table, found = result
        if found is not None:
            self._fill_projects(*found)
        self.table, self.choices = table, {}
        self.list_edit.setText(str(table.path))
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

    def _fill_projects(self, projects, gazetteer) -> None:
        self.projects, self.gazetteer = projects, gazetteer
        self.project_box.blockSignals(True)
        self.project_box.clear()
        self.project_box.addItem(self.tr("(from the list)"), "")
        for project_id, name in zip(projects["project_id"], projects["name_en"], strict=True):
            self.project_box.addItem(_shown(f"{name} ({project_id})"), project_id)
        self.project_box.blockSignals(False)

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
        if table is not None and row != table.header_row:
            self.load_list(table.path, table.sheet or None, row)

    def _sheet_changed(self, sheet: str) -> None:
        if self.table is not None and sheet and sheet != self.table.sheet:
            self.load_list(self.table.path, sheet)

    def mapping(self) -> dict[str, int]:
        return {field: box.currentData() for field, box in self.column_boxes.items()
                if box.currentData() not in (None, NO_COLUMN)}

    # --- the preview -------------------------------------------------------------------------
    def replan(self) -> None:
        """Check and place every row again (off the GUI thread) for the columns, project and
        places as chosen now."""
        if self.table is None or self.projects is None:
            return
        table, mapping, choices = self.table, self.mapping(), dict(self.choices)
        project = self.project_box.currentData() or None
        projects, gazetteer = self.projects, self.gazetteer
        self._word_project_box(has_column="project" in mapping)

        def plan(progress, check):
            return plan_import(table, mapping, projects, gazetteer, project, choices, progress)

        self._start(plan, self._planned, self.tr("Checking and placing %n row(s)…", "",
                                                 len(table.rows)))

    def _planned(self, plan: ImportPlan) -> None:
        current = self.view.currentIndex().row()
        self.plan = plan
        self.model.set_plan(plan)
        if 0 <= current < len(plan.outcomes):
            self.view.selectRow(current)
        counts = plan.counts()
        self.summary_label.setText(self.tr(
            "%n row(s): {ready} ready, {choose} to choose a place for, {unplaced} not found, "
            "{invalid} with a problem. Rows not ready are left out and listed here.", "",
            len(plan.outcomes)).format(**counts))
        lacking = plan.lacking_project()
        self.project_note.setVisible(bool(lacking))
        if "project" in self.mapping():
            self.project_note.setText(self.tr(
                "%n row(s) give no project: choose the project they belong to.", "", lacking))
        else:
            self.project_note.setText(self.tr(
                "The list has no project column: choose the project its rows belong to."))
        self._update_import_button()
        self.sig_previewed.emit()

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
        code = self.place_box.itemData(index)
        if code is None:
            self.choices.pop(row_number, None)
        else:
            self.choices[row_number] = code
        self.replan()

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
        self.import_button.setEnabled(ready and self._target() is not None
                                      and self.work is None)

    def run_import(self) -> None:
        """Write the ready rows off the GUI thread; the form waits, Cancel stops the write
        before it replaces the target."""
        target, plan = self._target(), self.plan
        if plan is None or target is None or self.work is not None:
            return

        def write(progress, check):
            return write_import(plan, target, check)

        self._enable_inputs(False)
        self._start(write, self._written, self.tr("Writing %n row(s) into {target}…", "",
                                                  len(plan.ready)).format(
            target=visible(target.name)))

    def _written(self, result) -> None:
        self.imported = result.target
        self.sig_imported.emit(result.target)
        answer = QMessageBox.question(
            self, self.tr("Imported"),
            self.tr("%n row(s) imported into {target}; {reported} left out. Open it now?", "",
                    result.imported).format(target=visible(result.target.name),
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


def _panel(layout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return holder
