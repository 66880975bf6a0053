"""The server-side mode of a PostGIS dataset with a national organisation list.

A dataset read from a PostGIS server may hold an ``organisations`` layer of a million rows
(geodata/SERVER_SIDE.md) which is never read whole: when the window shows such a dataset, this
mode adds the Organisations panel, whose counts and rows the server answers
(geodata/server_side/organisations.py) on a thread of its own (server_worker.py): the whole
country's count at first, the chosen bureau's when one is chosen, rows a page at a time as the
table scrolls. The status bar says the window is in server-side mode, for as long as it is.

``attach(window, loaded)`` is the window's one hook (when a dataset is shown): it ends the
mode of the dataset shown before, and starts this one's when the dataset came from a server
that answers (an offline copy has no server to ask) and has the layer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from desktop.sources.organisations_panel import OrganisationsModel, OrganisationsPanel
from desktop.sources.server_worker import ServerWorker

OBJECT_NAME = "server_side_mode"
translate = QCoreApplication.translate  # translate("ServerSide", …): lupdate finds each


def attach(window: QMainWindow, loaded) -> ServerSideMode | None:
    """End the server-side mode of the dataset shown before, if any; start one for ``loaded``
    when it came from a server that answered and may hold an organisation list (whether it
    does, the server says: without one the mode ends quietly). The mode, or None."""
    previous = window.findChild(ServerSideMode, OBJECT_NAME)
    if previous is not None:
        previous.end()
    origin = loaded.dataset.origin
    if origin is None or origin.offline_reason is not None:
        return None
    return ServerSideMode(window, origin.location, loaded.dataset, loaded.language)


class ServerSideMode(QObject):
    """The organisations of one PostGIS dataset, asked of its server as the window needs them."""

    def __init__(self, window: QMainWindow, location: str, dataset, language: str):
        super().__init__(window)
        self.setObjectName(OBJECT_NAME)
        self.window = window
        self.state = window.state
        self.total: int | None = None
        """How many organisations the selection holds, as the server last said."""
        self.bureau_id: str | None = None
        self.name_column = "name_ja" if language == "ja" else "name_en"
        names = dataset.prefectures.set_index("pref_code")[self.name_column]
        self.model = OrganisationsModel({int(code): str(name) for code, name in names.items()})
        self.model.sig_more_wanted.connect(self._ask_next_page)
        self.panel: OrganisationsPanel | None = None
        self.mode_text = ""
        self.dock: QDockWidget | None = None
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("server_side_status")
        self.worker = ServerWorker(lambda: _open(location), self)
        self.worker.sig_answer.connect(self._answered)
        self.worker.sig_failed.connect(self._failed)
        self.worker.ask("present", _present)

    def end(self) -> None:
        """Leave the mode: the panel and the status line go, the connection closes."""
        self.worker.close()
        if self.dock is not None:
            self.state.sig_selection_changed.disconnect(self._selection_changed)
            self.window.removeDockWidget(self.dock)
            self.dock.deleteLater()
        self.window.statusBar().removeWidget(self.status)
        self.status.deleteLater()
        self.setObjectName("")
        self.deleteLater()

    # --- the server's answers ---------------------------------------------------------------
    def _answered(self, topic: str, answer) -> None:
        if isinstance(answer, Exception):
            return
        if self.mode_text:
            self.status.setText(self.mode_text)  # it answers (again)
        if topic == "present":
            if answer is None:
                self.end()  # no organisation list: nothing here needs the server
                return
            self._start(answer)
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
        self.status.setText(translate("ServerSide", "Server-side mode: the server did not "
                                      "answer ({why})").format(why=why))

    def _start(self, total: int) -> None:
        self.panel = OrganisationsPanel(self.model)
        self.dock = QDockWidget(translate("ServerSide", "Organisations"), self.window)
        self.dock.setObjectName("organisations_server_dock")
        self.dock.setWidget(self.panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.mode_text = translate(
            "ServerSide", "Server-side mode: {count} organisations stay on the server; the "
            "window asks it for the rows it shows").format(count=f"{total:,}")
        self.status.setText(self.mode_text)
        self.window.statusBar().addPermanentWidget(self.status)
        self.state.sig_selection_changed.connect(self._selection_changed)
        self._selection_changed()

    # --- the window's actions ---------------------------------------------------------------
    def _selection_changed(self) -> None:
        bureau_id = self.state.filter.bureau_id
        if self.total is not None and bureau_id == self.bureau_id:
            return  # a project or tie-up chosen in the same bureau: the same organisations
        self.bureau_id = bureau_id
        self.worker.ask("panel", lambda queries: _organisations(queries).panel_action(
            bureau_id))

    def _ask_next_page(self, after: int) -> None:
        bureau_id = self.bureau_id
        self.worker.ask("page", lambda queries: (bureau_id, _organisations(queries).page(
            bureau_id, after=after)))

    def _say_summary(self) -> None:
        if self.panel is None or self.total is None:
            return
        if self.bureau_id is None:
            text = translate("ServerSide", "{count} organisations in the whole country, "
                             "counted by the server").format(count=f"{self.total:,}")
        else:
            names = self.state.dataset.bureaus.set_index("bureau_id")[self.name_column]
            text = translate("ServerSide", "{count} organisations in the prefectures of "
                             "{bureau}, counted by the server").format(
                count=f"{self.total:,}", bureau=str(names.get(self.bureau_id, self.bureau_id)))
        self.panel.summary.setText(text)


def _open(location: str):
    from geodata.server_side.queries import open_server_queries

    return open_server_queries(location)


def _organisations(queries):
    from geodata.server_side.organisations import OrganisationQueries

    return OrganisationQueries(queries.connection, queries.schema)


def _present(queries) -> int | None:
    """The organisations the dataset lists (from the per-prefecture totals), None without
    the layer."""
    from geodata.server_side.organisations import has_organisations

    if not has_organisations(queries.connection, queries.schema):
        return None
    return sum(_organisations(queries).by_prefecture().values())
