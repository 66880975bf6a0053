"""File ▸ Open database…: a dataset shared on a PostGIS server, and what the window says about
where a database dataset came from (the server, or the offline copy and how old it is).

The dialog asks for a connection (a postgresql:// URI or a libpq service) and a schema. The
password comes the PostgreSQL ways (.pgpass, PGPASSWORD, the service file); one typed into the
connection is used to connect and never saved, shown or logged: settings keep the location
without it (geodata/sources/connection.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.export.window_context import WindowContext
from geodata.errors import visible
from geodata.sources import shown_location

CONTEXT = "OpenDatabase"
translate = QCoreApplication.translate  # translate("OpenDatabase", …): lupdate finds each
SETTINGS_GROUP = "Database"
SETTINGS_KEY = "location"  # the last location opened, without its password
ONLINE_MESSAGE_MS = 10_000




def location_name(location: Path | str | None) -> str:
    """How a dataset's location is named in messages: a file's name, a database's location
    without its password, or the bundled dataset."""
    if location is None:
        return translate("OpenDatabase", "the bundled dataset")
    if isinstance(location, Path):
        return visible(location.name)
    return visible(shown_location(location))


def combined_location(connection: str, schema: str) -> str:
    """The location of ``schema`` on ``connection`` (a URI gains ``schema=``, a key=value
    string ``schema=…``); ``connection`` alone when no schema is given."""
    connection, schema = connection.strip(), schema.strip()
    if not schema:
        return connection
    if "://" in connection:
        return f"{connection}{'&' if '?' in connection else '?'}schema={schema}"
    quoted = schema.replace("\\", "\\\\").replace("'", "\\'")
    return f"{connection} schema='{quoted}'"


class OpenDatabaseDialog(QDialog):
    """A connection and a schema; ``location()`` is what to open."""

    def __init__(self, saved_location: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open database"))
        self.connection_edit = QLineEdit()
        self.connection_edit.setPlaceholderText(
            self.tr("postgresql://user@host/database or service=NAME"))
        self.schema_edit = QLineEdit()
        self.schema_edit.setPlaceholderText("cluster_explorer")
        if saved_location:
            self._fill(saved_location)
        note = QLabel(self.tr("The password comes from ~/.pgpass, PGPASSWORD or the service "
                              "file. A password typed here is used once and never saved."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Connection:"), self.connection_edit)
        form.addRow(self.tr("&Schema:"), self.schema_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _fill(self, saved_location: str) -> None:
        from geodata.errors import DatasetError
        from geodata.sources.connection import parse_location

        try:
            parsed = parse_location(saved_location)
        except DatasetError:
            return
        self.connection_edit.setText(parsed.conninfo)  # saved without a password
        self.schema_edit.setText(parsed.schema)

    def location(self) -> str:
        return combined_location(self.connection_edit.text(), self.schema_edit.text())


def read_saved_location(settings: QSettings) -> str:
    return str(settings.value(f"{SETTINGS_GROUP}/{SETTINGS_KEY}", "", type=str) or "")


def write_saved_location(settings: QSettings, location: str) -> None:
    """Remember ``location`` for the next dialog, without its password."""
    settings.setValue(f"{SETTINGS_GROUP}/{SETTINGS_KEY}", shown_location(location))


class _Retranslator(QObject):
    """Names the action again when the window's language changes (the window's own
    retranslate does not know it)."""

    def __init__(self, action: QAction, parent):
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._action.setText(translate("OpenDatabase", "Open &database…"))
        return False


class DatabaseOpening(QObject):
    """File ▸ Open database… (``action``, which the window places) and what the window says
    about a dataset read from a database (``announce``)."""

    def __init__(self, context: WindowContext, open_dataset: Callable[[str], None]):
        super().__init__(context.parent)
        self.context = context
        self.open_dataset = open_dataset
        self.action = QAction(context.parent)
        self.action.setText(translate("OpenDatabase", "Open &database…"))
        context.parent.installEventFilter(_Retranslator(self.action, context.parent))
        self.action.triggered.connect(self.choose_database)
        self.dialog: OpenDatabaseDialog | None = None
        """The Open database dialog, while it is open."""
        self.offline_dialog: QMessageBox | None = None
        """The notice that the offline copy is shown."""
        self.copy_awaited: str | None = None
        """The database shown whose offline copy is still being written, if any."""

    def choose_database(self) -> None:
        settings = self.context.settings
        dialog = OpenDatabaseDialog(read_saved_location(settings), self.context.parent)
        self.dialog = dialog

        def accepted() -> None:
            location = dialog.location()
            if location:
                write_saved_location(settings, location)
                self.open_dataset(location)

        dialog.accepted.connect(accepted)
        dialog.open()

    def announce(self, dataset) -> None:
        """In the status bar (and, for the offline copy, a dialog): read from the server just
        now, or the offline copy because the server could not be reached, and how old it
        is."""
        origin = dataset.origin
        if origin is None:
            return
        location = visible(origin.location)
        status_bar = self.context.status_bar
        self.copy_awaited = origin.location if origin.copy_pending else None
        if origin.copy_pending:
            status_bar.showMessage(
                translate("OpenDatabase",
                          "Read from the database {location}; saving its offline copy…")
                .format(location=location))
            return
        if origin.offline_reason is None:
            status_bar.showMessage(
                translate(
                    "OpenDatabase",
                    "Read from the database {location}; its offline copy is up to date.")
                .format(location=location), ONLINE_MESSAGE_MS)
            return
        text = offline_text(location, visible(origin.offline_reason), origin.copy_saved)
        status_bar.showMessage(text)
        dialog = QMessageBox(QMessageBox.Icon.Information,
                             translate("OpenDatabase", "Offline copy"), text,
                             QMessageBox.StandardButton.Ok, self.context.parent)
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        self.offline_dialog = dialog
        dialog.open()


    def copy_kept(self, location: str, failure: str | None) -> None:
        """The offline copy of the database ``location`` (without its password) is written,
        or could not be (``failure`` says why): the status bar says so while that database is
        still the one shown."""
        if location != self.copy_awaited:
            return  # another dataset was opened since
        self.copy_awaited = None
        shown = visible(location)
        if failure is None:
            text = translate("OpenDatabase",
                             "Read from the database {location}; its offline copy is up to "
                             "date.").format(location=shown)
        else:
            text = translate("OpenDatabase",
                             "Read from the database {location}, but its offline copy could not "
                             "be saved ({reason}); the copy saved before stays.").format(
                location=shown, reason=visible(failure))
        self.context.status_bar.showMessage(text, ONLINE_MESSAGE_MS if failure is None else 0)


def offline_text(location: str, reason: str, saved: datetime,
                 now: datetime | None = None) -> str:
    """One sentence per unit of age, so a translation never joins pieces."""
    seconds = max(0, int(((now or datetime.now(UTC)) - saved).total_seconds()))
    days, hours, minutes = seconds // 86_400, seconds // 3_600, seconds // 60
    # One sentence per unit and number (pyside6-lupdate finds no plural forms outside tr()).
    if days:
        sentence = (translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from 1 day ago.") if days == 1 else
                    translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from {count} days ago."))
    elif hours:
        sentence = (translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from 1 hour ago.") if hours == 1 else
                    translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from {count} hours ago."))
    elif minutes:
        sentence = (translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from 1 minute ago.") if minutes == 1 else
                    translate("OpenDatabase", "Cannot reach the database {location} ({reason}). "
                              "Showing its offline copy from {count} minutes ago."))
    else:
        sentence = translate(
            "OpenDatabase", "Cannot reach the database {location} ({reason}). Showing its "
            "offline copy from less than a minute ago.")
    return sentence.format(location=location, reason=reason, count=days or hours or minutes)
