"""The embedded map: a QWebEngineView on the bundled page shell, and its bridge.

The view starts loading the shell (resources/map/map.html) as soon as it exists, so the web
engine starts while Python still reads the dataset; the dataset's layers then arrive in one
``clusterMap.setData`` call. The page is never reloaded for a filter or a selection: Python
calls the page's small JS API (built in js_api.py, e.g. ``js_api.set_state``) and the page
answers through one minimal QObject on a QWebChannel. Nothing the page asks for may leave the
machine: a request interceptor blocks every URL that is not local and records it.
"""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from desktop.common.resources import resources_dir
from desktop.map import js_api

if TYPE_CHECKING:  # the view is made before the data layer is imported (see app.py)
    from desktop.common.loaded_dataset import LoadedDataset

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob", "about"})
ENGINE_FLAGS_ENV = "QTWEBENGINE_CHROMIUM_FLAGS"
V8_FLAGS = ("--optimize-for-size", "--no-compilation-cache")
"""What the map's engine asks of V8: favour size over speed (about 9 MB less in the page's
process on the bundled dataset; the page's script is small and runs seldom), and keep no
compiled script for a second run. The page data arrives as the text of one script
(js_api.set_data), which V8's compilation cache otherwise held for good, its source and its
string (23 MB of the page's heap on the bench's large dataset); every other script run in
the page is small. Plain V8 flags: the same offline, on Windows and without a GPU."""
LIGHTER_ENGINE_FLAGS = ("--js-flags=" + "\t".join(V8_FLAGS),)
"""The Chromium flags the map's engine starts with. Qt splits QTWEBENGINE_CHROMIUM_FLAGS at
spaces and V8 its flags at any white space: joined by a tab, the V8 flags stay one switch."""


class MapBridge(QObject):
    """The only object the page can reach: JSON strings in, typed signals out."""

    sig_page_ready = Signal()
    """The page has drawn its layers and connected the channel."""
    sig_bureau_clicked = Signal(str)
    """bureau_id of the bureau area clicked on the map."""
    sig_project_clicked = Signal(str)
    """project_id of the marker clicked."""
    sig_tieup_clicked = Signal(str)
    """tieup_id of the arc or partner clicked."""
    sig_organisation_clicked = Signal(str)
    """participant_id of the imported organisation's marker clicked."""
    sig_state_applied = Signal(int, int)
    """(seq, markers): the page drew state number ``seq`` showing ``markers`` projects."""
    sig_view_changed = Signal(dict)
    """{lat, lon, zoom} after the user panned or zoomed."""
    sig_js_error = Signal(str)
    """A JavaScript error in the page, as 'message (source:line)'."""

    @staticmethod
    def _parse(payload: str) -> dict:
        try:
            value = json.loads(payload)
        except (TypeError, ValueError):
            log.warning("map page sent malformed JSON: %.200r", payload)
            return {}
        return value if isinstance(value, dict) else {}

    @Slot(str)
    def pageReady(self, payload: str) -> None:  # noqa: N802 - name seen by JS
        self.sig_page_ready.emit()

    @Slot(str)
    def bureauClicked(self, payload: str) -> None:  # noqa: N802
        bureau_id = self._parse(payload).get("bureau_id")
        if isinstance(bureau_id, str):
            self.sig_bureau_clicked.emit(bureau_id)

    @Slot(str)
    def projectClicked(self, payload: str) -> None:  # noqa: N802
        project_id = self._parse(payload).get("project_id")
        if isinstance(project_id, str):
            self.sig_project_clicked.emit(project_id)

    @Slot(str)
    def tieupClicked(self, payload: str) -> None:  # noqa: N802
        tieup_id = self._parse(payload).get("tieup_id")
        if isinstance(tieup_id, str):
            self.sig_tieup_clicked.emit(tieup_id)

    @Slot(str)
    def organisationClicked(self, payload: str) -> None:  # noqa: N802
        participant_id = self._parse(payload).get("participant_id")
        if isinstance(participant_id, str):
            self.sig_organisation_clicked.emit(participant_id)

    @Slot(str)
    def stateApplied(self, payload: str) -> None:  # noqa: N802
        data = self._parse(payload)
        seq, markers = data.get("seq"), data.get("markers")
        if isinstance(seq, int) and isinstance(markers, int):
            self.sig_state_applied.emit(seq, markers)

    @Slot(str)
    def viewChanged(self, payload: str) -> None:  # noqa: N802
        data = self._parse(payload)
        if all(isinstance(data.get(key), (int, float)) for key in ("lat", "lon", "zoom")):
            self.sig_view_changed.emit({key: data[key] for key in ("lat", "lon", "zoom")})

    @Slot(str)
    def jsError(self, payload: str) -> None:  # noqa: N802
        data = self._parse(payload)
        where = f"{data.get('source', '?')}:{data.get('line', '?')}"
        message = f"{data.get('message', payload)} ({where})"
        log.error("map page error: %s", message)
        self.sig_js_error.emit(message)


class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine, and remembers it."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 - Qt override
        url = info.requestUrl()
        if url.scheme() not in LOCAL_SCHEMES:
            self.blocked.append(url.toString())
            log.warning("blocked a non-local request from the map page: %s", url.toString())
            info.block(True)


class MapPage(QWebEnginePage):
    """Logs the page's console errors and keeps it on the app's own page."""

    sig_console_error = Signal(str)
    """A console message of error level."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None):
        super().__init__(profile, parent)
        self.home_url = QUrl()

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.error("map page console: %s (%s:%s)", message, source, line)
            self.sig_console_error.emit(f"{message} ({source}:{line})")
        else:
            log.debug("map page console: %s", message)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        if not is_main_frame or url == self.home_url:
            return url.scheme() in LOCAL_SCHEMES
        log.warning("the map page tried to navigate to %s; refused", url.toString())
        return False

    def createWindow(self, window_type):  # noqa: N802 - no pop-ups from the map
        log.warning("the map page tried to open a window; refused")
        return None


def page_data_in_current_language(loaded: LoadedDataset) -> tuple[str, str]:
    """(language, page data): the dataset's page data in the interface's language, made
    here, on the GUI thread, where the page's words are read from the catalogue."""
    from desktop.common import i18n

    language = i18n.current_language()
    return language, loaded.page_json_in(language, _page_json)


def _page_json(ds, language: str) -> str:
    from desktop.map.page_data import page_json
    from desktop.map.page_text import page_text

    return page_json(ds, language, page_text(language))


def shell_url() -> QUrl:
    """The bundled page shell (generated by desktop.map.page_builder)."""
    return QUrl.fromLocalFile(str(resources_dir() / "map" / "map.html"))


def map_profile() -> tuple[QWebEngineProfile, LocalOnlyInterceptor]:
    """The one off-the-record profile all map views share, with the local-only interceptor.

    Owned by the application so it outlives every page (Qt warns, and may crash, when a
    profile dies before its pages).
    """
    if "profile" not in _SHARED:
        ask_for_lighter_engine()  # read when the first profile starts the engine
        profile = QWebEngineProfile(QCoreApplication.instance())
        interceptor = LocalOnlyInterceptor(profile)
        profile.setUrlRequestInterceptor(interceptor)
        _SHARED.update(profile=profile, interceptor=interceptor)
    return _SHARED["profile"], _SHARED["interceptor"]


_SHARED: dict = {}


def ask_for_lighter_engine() -> None:
    """Add LIGHTER_ENGINE_FLAGS to the engine's flags, unless V8 flags were given already (a
    person's own ``--js-flags`` win)."""
    flags = os.environ.get(ENGINE_FLAGS_ENV, "").split(" ")
    if not any(flag.startswith("--js-flags") for flag in flags):
        os.environ[ENGINE_FLAGS_ENV] = " ".join([*filter(None, flags), *LIGHTER_ENGINE_FLAGS])


class MapView(QWebEngineView):
    """The map widget. Call ``show_dataset`` once per dataset, then the page's API through
    js_api (its calls wait here until the page holds the data)."""

    sig_ready = Signal()
    """The page holds the current dataset and listens."""
    sig_render_process_restarted = Signal()
    """The web engine's render process died and the page was reloaded."""
    sig_language_changed = Signal()
    """The interface's language (or its year style) changed: the page data may be stale."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # off the record: no cache, no cookies on disk
        self.profile, self.interceptor = map_profile()
        self.bridge = MapBridge(self)
        self.bridge.sig_page_ready.connect(self._on_shell_ready)
        self._ready = False
        self._shell_ready = False
        self._data_json: str | None = None
        # page_cache key of the data the page holds: (file digest, language)
        self._data_key: tuple[str, str] | None = None
        self.shown_language: str | None = None
        """The language of the page data shown (None before any): a switch redraws it."""
        self._pending: list[tuple[str, object]] = []
        self.js_errors: list[str] = []
        self.bridge.sig_js_error.connect(self.js_errors.append)
        self.map_page: MapPage | None = None
        self._install_new_page()
        self.selection_description = ""
        """What a screen reader says of the map beside its name, e.g. "Kinki — 4 projects"."""
        self._name_for_screen_readers()

    def _install_new_page(self) -> None:
        """A fresh page (and render process) for each dataset, loading the shell at once.

        Navigating one page from dataset to dataset kept each old page's memory in the render
        process (about 48 MB per reload on the bundled dataset); a new page lets it go.
        """
        old = self.map_page
        page = MapPage(self.profile, self)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
                              False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls,
                              True)
        channel = QWebChannel(page)
        channel.registerObject("bridge", self.bridge)
        page.setWebChannel(channel)
        page.renderProcessTerminated.connect(self._on_render_process_terminated)
        page.sig_console_error.connect(self.js_errors.append)
        self.map_page = page
        self.setPage(page)
        self._shell_ready = False
        page.home_url = shell_url()
        page.load(page.home_url)
        if old is not None:
            old.deleteLater()

    @property
    def ready(self) -> bool:
        return self._ready

    def show_dataset(self, loaded: LoadedDataset) -> None:
        """Hand the dataset's layers to the page (a fresh page if it already shows a dataset).

        A page already given this very file's data at start-up (``show_cached_page``) keeps
        it: the view only says again that it is ready, so the state is pushed.

        The page data is in the interface's language: after a switch of language it is made
        again in the new one (names, legend, tooltips), and the page redrawn from it.
        """
        language, data_json = page_data_in_current_language(loaded)
        self.shown_language = language
        key = (loaded.digest, language) if loaded.digest is not None else None
        if key is not None and key == self._data_key:
            if self._ready:
                self.sig_ready.emit()
            return
        self._show_json(data_json, key)

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._name_for_screen_readers()
            self.sig_language_changed.emit()
        super().changeEvent(event)

    def event(self, event):  # noqa: N802 - Qt override
        # The render widget (the focus proxy) is made once the view is shown, and made again
        # with each page: it holds the keyboard focus, so it carries the name and description.
        if event.type() in (QEvent.Type.ChildPolished, QEvent.Type.Show):
            self._name_focus_proxy()
        return super().event(event)

    def describe_selection(self, place: str, projects: int) -> None:
        """Say what the map shows to assistive technology: the bureau (or the whole country)
        and how many projects it holds, as it changes."""
        self.selection_description = self.tr("{place} — %n project(s)", "map, read aloud",
                                             projects).format(place=place)
        self.setAccessibleDescription(self.selection_description)
        self._name_focus_proxy()

    def _name_for_screen_readers(self) -> None:
        self.setAccessibleName(self.tr("Map"))
        self._name_focus_proxy()

    def _name_focus_proxy(self) -> None:
        proxy = self.focusProxy()
        if proxy is not None:
            proxy.setAccessibleName(self.accessibleName())
            proxy.setAccessibleDescription(self.accessibleDescription())

    def show_cached_page(self, cached) -> None:
        """At start-up, before any dataset: the page data kept at the last quit
        (page_cache.CachedPage), so the map draws while the data layer still loads."""
        if self._data_json is None:
            self.shown_language = cached.language
            self._show_json(cached.page_json, (cached.digest, cached.language))

    def _show_json(self, data_json: str, key: tuple[str, str] | None) -> None:
        self._ready = False
        self._pending.clear()
        if self._data_json is not None:
            self._install_new_page()
        self._data_json = data_json
        self._data_key = key
        if self._shell_ready:
            self._deliver_data()

    def evaluate(self, script: str, callback=None) -> None:
        """Run a script once the page holds the data; hand its result to ``callback``."""
        if not self._ready:
            self._pending.append((script, callback))
        elif callback is None:
            self.map_page.runJavaScript(script)
        else:
            self.map_page.runJavaScript(script, 0, callback)

    def _on_shell_ready(self) -> None:
        from desktop.common.fonts import FONT_FAMILY, japanese_font_path

        self._shell_ready = True
        # The font lives with its Python package, so its address is machine-specific and kept
        # out of the page data (which may be shipped or kept on disk, see page_cache.py).
        js_api.load_font(self.map_page, FONT_FAMILY, japanese_font_path().as_uri())
        if self._data_json is not None:
            self._deliver_data()

    def _deliver_data(self) -> None:
        """The dataset in one call; scripts run in order, so queued calls follow it."""
        js_api.set_data(self.map_page, self._data_json)
        self._ready = True
        pending, self._pending = self._pending, []
        for script, callback in pending:
            self.evaluate(script, callback)
        self.sig_ready.emit()

    def _on_render_process_terminated(self, status, exit_code) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return  # the page is being closed
        log.error("the map's render process ended (status %s, code %s); reloading", status,
                  exit_code)
        self._ready = False
        self._shell_ready = False
        self.map_page.load(self.map_page.home_url)
        self.sig_render_process_restarted.emit()
