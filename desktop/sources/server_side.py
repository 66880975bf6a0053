"""The server-side mode of a PostGIS dataset with a national organisation list.

A dataset read from a PostGIS server may hold an ``organisations`` layer of a million rows
(geodata/SERVER_SIDE.md) which is never read whole: when the window shows such a dataset, this
mode adds the Organisations panel, whose counts and rows the server answers
(geodata/server_side/organisations.py) on a thread of its own (server_worker.py): the whole
country's count at first, the chosen bureau's when one is chosen, rows a page at a time as the
table scrolls — and draws them on the map as the view needs them (organisation_map.py). The
status bar says the window is in server-side mode, for as long as it is.

The offline copy keeps the counts per prefecture and the rows of the user's own bureau — the
bureau last chosen while the list was shown, remembered in the settings — saved by a second
thread with its own connection whenever that bureau changes (geodata/server_side/offline.py);
the status bar says which bureau's rows it keeps. Opened from the offline copy, the panel
answers from what was kept and the status bar says so.

``attach(window, loaded)`` is the window's one hook (when a dataset is shown): it ends the
mode of the dataset shown before, and starts this one's when the dataset may have the list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from desktop.sources.organisation_map import OrganisationMap
from desktop.sources.organisations_panel import OrganisationsModel, OrganisationsPanel
from desktop.sources.server_worker import ServerWorker
from geodata.server_side.organisation_map import Anchors

OBJECT_NAME = "server_side_mode"
OWN_BUREAU_KEY = "ServerSide/own_bureau"
"""The settings' key of the bureau whose organisations the offline copy keeps."""
translate = QCoreApplication.translate  # translate("ServerSide", …): lupdate finds each


def attach(window: QMainWindow, loaded, location: str | None = None) -> ServerSideMode | None:
    """End the server-side mode of the dataset shown before, if any; start one for ``loaded``
    when it came from a server (whether it holds an organisation list, the server says:
    without one the mode ends quietly) or from an offline copy that kept one. The mode, or
    None.

    ``location``: the location the dataset was opened from, with the password written in it
    if there was one (the dataset's origin holds it without): the mode's connection uses it,
    so a server that asks for a password answers the mode as it answered the open."""
    from geodata.server_side.offline import organisations_copy_path

    previous = window.findChild(ServerSideMode, OBJECT_NAME)
    if previous is not None:
        previous.end()
    origin = loaded.dataset.origin
    if origin is None:
        return None
    kept = organisations_copy_path(origin.location)
    if origin.offline_reason is not None:
        if not kept.is_file():
            return None
        return ServerSideMode(window, lambda: _Offline(kept), None, loaded)
    connect_to = _same_database(location, origin.location)
    return ServerSideMode(window, lambda: _Online(connect_to), kept, loaded)


def _same_database(location, public: str) -> str:
    """``location`` when it names the database ``public`` names (with its password, if it had
    one), else ``public``."""
    from geodata.errors import DatasetError
    from geodata.sources.connection import parse_location

    if location is None:
        return public
    try:
        return str(location) if parse_location(location).public == public else public
    except DatasetError:
        return public


def export_source(window: QMainWindow):
    """What opens the organisation list's source for an export of the map shown
    (ExportSpec.organisations_from), when the window is in server-side mode with a list on
    its map; else None."""
    mode = window.findChild(ServerSideMode, OBJECT_NAME)
    if mode is None or mode.map is None:
        return None
    return mode.open_source


def export_source_of(dataset, location: str | None = None):
    """What opens the organisation list of ``dataset`` for an export made without a window
    (``cluster-explorer export``): its server's (connected with ``location``, which may hold
    the password), or what the offline copy kept when this is the offline copy; None when it
    has no list."""
    from geodata.server_side.offline import organisations_copy_path

    origin = dataset.origin
    if origin is None:
        return None
    if origin.offline_reason is not None:
        kept = organisations_copy_path(origin.location)
        return (lambda: _Offline(kept)) if kept.is_file() else None
    connect_to = _same_database(location, origin.location)
    source = _Online(connect_to)
    try:
        present = source.present()
    finally:
        source.close()
    return None if present is None else (lambda: _Online(connect_to))


class ServerSideMode(QObject):
    """The organisations of one PostGIS dataset, asked of its server (or of what its offline
    copy kept) as the window needs them."""

    def __init__(self, window: QMainWindow, open_source, kept_path, loaded):
        """``open_source``: opens the _Online or _Offline answering; ``kept_path``: where
        the offline copy keeps the list (None when this is the offline copy)."""
        super().__init__(window)
        self.setObjectName(OBJECT_NAME)
        self.window = window
        self.state = window.state
        self.kept_path = kept_path
        self.total: int | None = None
        """How many organisations the selection holds, as the server last said."""
        self.bureau_id: str | None = None
        self.name_column = "name_ja" if loaded.language == "ja" else "name_en"
        names = loaded.dataset.prefectures.set_index("pref_code")[self.name_column]
        self.model = OrganisationsModel({int(code): str(name) for code, name in names.items()})
        self.model.sig_more_wanted.connect(self._ask_next_page)
        self.panel: OrganisationsPanel | None = None
        self.map: OrganisationMap | None = None
        self.dock: QDockWidget | None = None
        self.mode_text = ""
        self.kept_text = ""
        self.failure_text = ""
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("server_side_status")
        self.open_source = open_source
        """Opens the _Online or _Offline answering, on the thread that calls it."""
        self.worker = ServerWorker(open_source, self)
        self.worker.sig_answer.connect(self._answered)
        self.worker.sig_failed.connect(self._failed)
        self.saver: ServerWorker | None = None
        if kept_path is not None:  # a second connection: saving never delays the panel
            self.saver = ServerWorker(open_source, self)
            self.saver.sig_answer.connect(self._saved)
        self.worker.ask("present", lambda source: source.present())

    def end(self) -> None:
        """Leave the mode: the panel and the status line go, the connections close."""
        self.worker.close()
        if self.saver is not None:
            self.saver.close()
        if self.map is not None:
            self.map.end()
        if self.dock is not None:
            self.state.sig_selection_changed.disconnect(self._selection_changed)
            self.window.removeDockWidget(self.dock)
            self.dock.deleteLater()
        self.window.statusBar().removeWidget(self.status)
        self.status.deleteLater()
        self.setObjectName("")
        self.deleteLater()

    # --- the answers ----------------------------------------------------------------------
    def _answered(self, topic: str, answer) -> None:
        if isinstance(answer, Exception):
            return
        if self.failure_text:
            self.failure_text = ""  # it answers again
            self._show_status()
        if topic == "present":
            if answer is None:
                self.end()  # no organisation list: nothing here needs the server
                return
            self._start(*answer)
        elif topic == "panel":
            self.total, page = answer
            self.model.start(page)
            self._say_summary()
        elif topic == "page":
            bureau_id, page = answer
            if bureau_id == self.bureau_id:  # else the selection changed since it was asked
                self.model.extend(page)

    def _failed(self, topic: str, why: str) -> None:
        self.model.waiting = False
        self.failure_text = translate("ServerSide", "Server-side mode: the server did not "
                                      "answer ({why})").format(why=why)
        self._show_status()

    def _saved(self, _topic: str, answer) -> None:
        if isinstance(answer, Exception):
            self.kept_text = translate("ServerSide", "the offline copy could not keep the "
                                       "organisations")
        else:
            bureau_id, rows = answer
            self.kept_text = (translate(
                "ServerSide", "the offline copy keeps the counts per prefecture and "
                "{bureau}'s {count} organisations").format(
                bureau=self._bureau_name(bureau_id), count=f"{rows:,}")
                if bureau_id is not None else translate(
                "ServerSide", "the offline copy keeps the counts per prefecture (choose a "
                "bureau to keep its organisations too)"))
        self._show_status()

    def _show_status(self) -> None:
        """The mode and what the offline copy keeps; while the server does not answer, that."""
        self.status.setText(self.failure_text or (
            f"{self.mode_text}; {self.kept_text}" if self.kept_text else self.mode_text))

    def _start(self, total: int, offline_from=None, kept_bureau=None) -> None:
        self.panel = OrganisationsPanel(self.model)
        self.dock = QDockWidget(translate("ServerSide", "Organisations"), self.window)
        self.dock.setObjectName("organisations_server_dock")
        self.dock.setWidget(self.panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()  # the previous mode's dock of that name left hidden is not this one
        if offline_from is None:
            self.mode_text = translate(
                "ServerSide", "Server-side mode: {count} organisations stay on the server; "
                "the window asks it for the rows it shows").format(count=f"{total:,}")
        elif kept_bureau is None:
            self.mode_text = translate(
                "ServerSide", "Offline copy of {date}: the {count} organisations counted per "
                "prefecture; their rows are on the server").format(
                date=f"{offline_from:%Y-%m-%d %H:%M} UTC", count=f"{total:,}")
        else:
            self.mode_text = translate(
                "ServerSide", "Offline copy of {date}: the {count} organisations counted per "
                "prefecture, and {bureau}'s rows; the other rows are on the server").format(
                date=f"{offline_from:%Y-%m-%d %H:%M} UTC", count=f"{total:,}",
                bureau=self._bureau_name(kept_bureau))
        self._show_status()
        self.window.statusBar().addPermanentWidget(self.status)
        self.map = OrganisationMap(self, Anchors.of_dataset(self.state.dataset,
                                                            self.name_column))
        self.state.sig_selection_changed.connect(self._selection_changed)
        self._selection_changed()
        if self.saver is not None:
            self._keep(str(self.window.settings.value(OWN_BUREAU_KEY, "") or "") or None)

    # --- the window's actions ---------------------------------------------------------------
    def _selection_changed(self) -> None:
        bureau_id = self.state.filter.bureau_id
        if self.total is not None and bureau_id == self.bureau_id:
            return  # a project or tie-up chosen in the same bureau: the same organisations
        self.bureau_id = bureau_id
        self.worker.ask("panel", lambda source: source.organisations.panel_action(bureau_id))
        self.map.refresh()
        if bureau_id is not None and self.saver is not None:
            self.window.settings.setValue(OWN_BUREAU_KEY, bureau_id)
            self._keep(bureau_id)

    def _keep(self, bureau_id: str | None) -> None:
        """Keep the counts and ``bureau_id``'s rows in the offline copy (another thread)."""
        from geodata.server_side.offline import save_organisations

        if bureau_id not in set(self.state.dataset.bureaus["bureau_id"]):
            bureau_id = None
        path = self.kept_path
        self.saver.ask("keep", lambda source: (bureau_id, save_organisations(
            source.organisations, path, bureau_id)))

    def _ask_next_page(self, after: int) -> None:
        bureau_id = self.bureau_id
        self.worker.ask("page", lambda source: (bureau_id, source.organisations.page(
            bureau_id, after=after)))

    def _bureau_name(self, bureau_id: str) -> str:
        names = self.state.dataset.bureaus.set_index("bureau_id")[self.name_column]
        return str(names.get(bureau_id, bureau_id))

    def _say_summary(self) -> None:
        if self.panel is None or self.total is None:
            return
        count = f"{self.total:,}"
        if self.saver is None and not self.model.rows:  # offline, the rows not kept
            text = (translate("ServerSide", "{count} organisations in the whole country, as "
                              "the offline copy counted them; their rows are on the server")
                    .format(count=count) if self.bureau_id is None else
                    translate("ServerSide", "{count} organisations in the prefectures of "
                              "{bureau}, as the offline copy counted them; their rows are on "
                              "the server").format(count=count,
                                                   bureau=self._bureau_name(self.bureau_id)))
        elif self.saver is None:
            text = translate("ServerSide", "{count} organisations in the prefectures of "
                             "{bureau}, from the offline copy").format(
                count=count, bureau=self._bureau_name(self.bureau_id))
        elif self.bureau_id is None:
            text = translate("ServerSide", "{count} organisations in the whole country, "
                             "counted by the server").format(count=count)
        else:
            text = translate("ServerSide", "{count} organisations in the prefectures of "
                             "{bureau}, counted by the server").format(
                count=count, bureau=self._bureau_name(self.bureau_id))
        self.panel.summary.setText(text)


class _Online:
    """The list on its server, over one connection of the thread asking."""

    def __init__(self, location: str):
        from geodata.server_side.organisations import OrganisationQueries
        from geodata.server_side.queries import open_server_queries

        self.queries = open_server_queries(location)
        self.organisations = OrganisationQueries(self.queries.connection, self.queries.schema)

    def present(self):
        """(how many organisations the list holds,) or None without the layer."""
        from geodata.server_side.organisations import has_organisations

        if not has_organisations(self.queries.connection, self.queries.schema):
            return None
        return (sum(self.organisations.by_prefecture().values()),)

    def close(self) -> None:
        self.queries.close()


class _Offline:
    """What the offline copy kept of the list."""

    def __init__(self, path):
        from geodata.server_side.offline import OfflineOrganisations

        self.organisations = OfflineOrganisations(path)

    def present(self):
        kept = self.organisations
        return kept.count(), kept.saved_at, kept.bureau_id

    def close(self) -> None:
        self.organisations.close()
