"""The main window: the map in the centre, dockable panels around it, menus and status bar.

It assembles widgets and actions; the state, the map wiring and the settings live in their
own modules, and the dock panels declare themselves (desktop/panels/registry.py): the window
only lays them out.
"""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

from desktop.app import open_database
from desktop.app import settings as saved
from desktop.app.about import app_icon
from desktop.app.about_dialog import AboutDialog
from desktop.app.dataset_files import dropped_dataset, open_filter
from desktop.app.dock_tabs import fit_dock_tabs, keep_dock_tab_titles_whole
from desktop.app.loader import DatasetLoader
from desktop.app.saved_views import SavedViews
from desktop.app.window_commands import (
    EDIT,
    FILE,
    HELP,
    VIEW,
    build_actions,
    enable_actions,
    in_menu,
    on_toolbar,
    retranslate_actions,
)
from desktop.common import i18n
from desktop.common.fonts import install_qt_font
from desktop.export.actions import WindowExporter
from desktop.export.window_context import WindowContext
from desktop.map import page_cache
from desktop.map.controller import MapController
from desktop.map.layer_actions import organisations_action
from desktop.map.page_state import MapState
from desktop.map.view import MapView, page_data_in_current_language
from desktop.panels import registry
from desktop.panels.reader_names import reader_names
from desktop.panels.search_box import SearchBox
from desktop.sources import server_side
from desktop.state import ExplorerState
from geodata.errors import DatasetError, visible
from geodata.fiscal_years import ERA, WESTERN, YEAR_STYLES
from geodata.sources import shown_location
from geodata.values import Filter, SearchHit

if TYPE_CHECKING:
    from desktop.common.loaded_dataset import LoadedDataset

log = logging.getLogger(__name__)
# What the "Dataset not opened" dialog lists: a few problems of each kind, at most so many
# lines, each cut to so many characters (one name can be 20,000 long); "Show Details" (a
# scrolling box) lists more. The rest are counted, so the dialog always fits the screen.
SHOWN_PER_KIND, SHOWN_LINES, SHOWN_CHARS = 3, 10, 160
# How close a search hit is shown: a partner or a country abroad with the tie-ups' world view,
# a town or city (GeoNames place) close enough to tell it from its neighbours.
HIT_ZOOM = {"partner": 4, "country": 4, "prefecture": 8, "place": 11}
ABROAD_KINDS = frozenset({"partner", "country"})
DETAILED_PER_KIND, DETAILED_LINES, DETAILED_CHARS = 100, 1_000, 1_000


class MainWindow(QMainWindow):
    """Cluster Explorer's window over one ExplorerState."""

    sig_dataset_shown = Signal(object)
    """A dataset opened (at start-up or from File ▸ Open) is on screen: its LoadedDataset."""
    sig_dataset_not_opened = Signal(object, object)
    """(path or None for the bundled one, the exception): a dataset could not be opened; the
    dialog says why and the dataset on screen, if any, stays."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None,
                 map_view: MapView | None = None):
        """``map_view``: a view made earlier, whose page is already loading (see app.py)."""
        super().__init__(parent)
        install_qt_font()
        self.shown_name: str | None = None  # the shown dataset's file name, for the title
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)  # a dataset dropped on the window opens
        self.settings = settings if settings is not None else saved.app_settings()
        if not i18n.language_installed():  # made without run_app (which sets it first)
            i18n.set_language(saved.read_language(self.settings) or i18n.system_language())
        i18n.set_year_style(saved.read_year_style(self.settings))
        self.state = ExplorerState(self)
        self.map_view = map_view if map_view is not None else MapView()
        self.setCentralWidget(self.map_view)
        self.map_view.setAcceptDrops(False)  # drops reach the window, not the page
        self.map_controller = MapController(self.state, self.map_view, self)
        self.search_box = SearchBox(self.state)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # holds dataset names
        self.statusBar().addWidget(self.status_label, 1)
        self.error_dialog: QMessageBox | None = None
        self.import_dialog = None  # File ▸ Import list…, while it is open
        self.notice_dialog: QMessageBox | None = None  # what a data source said on opening
        self.about_box: AboutDialog | None = None
        self.dataset_loader: DatasetLoader | None = None  # the latest File ▸ Open
        self.context = WindowContext(
            parent=self, state=self.state, map_view=self.map_view,
            status_bar=self.statusBar(), settings=self.settings, camera=self.map_controller,
            dialog_folder=self.dialog_folder, remember_dialog_folder=self.remember_dialog_folder,
            show_layers=self.show_layers)
        """What the window's features (exports, saved views, databases) may use of it."""
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        keep_dock_tab_titles_whole(self)
        # The built-in panels, by the names the wiring below, tests and benchmarks use.
        self.region_list = self.panels["regions"]
        self.filter_panel = self.panels["filters"]
        self.participants_panel = self.panels["participants"]
        self.tieups_panel = self.panels["tieups"]
        self.achievements_panel = self.panels["achievements"]
        self._build_actions()
        self._wire()
        self.exporter = WindowExporter(self.context)
        self.file_menu.insertActions(self.commands["quit"], list(self.exporter.file_actions))
        self.file_menu.insertSeparator(self.commands["quit"])
        self.edit_menu.insertActions(self.commands["find"], list(self.exporter.edit_actions))
        self.saved_views = SavedViews(self.context)
        self.view_menu.insertMenu(self.commands["reset_view"], self.saved_views.menu)
        self.kept_state_seq: int | None = None  # seq of the state kept from the last session
        self.retranslate()
        self.resize(1400, 900)
        saved.read_window(self.settings, self)

    # --- construction ----------------------------------------------------------------------
    def _build_docks(self) -> None:
        """One dock per registered panel, in registration order: tab groups tabbed with
        their first panel in front, each area at the size its first panel asks for."""
        # The side docks keep the whole height; the bottom one (the timeline) sits under the
        # map only, so the lists stay long on a laptop's screen.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        tab_groups: dict[str, list[QDockWidget]] = {}
        sized: dict[Qt.DockWidgetArea, tuple[QDockWidget, int]] = {}
        for spec in registry.panels():
            dock = self._dock(spec)
            if spec.tab_group is not None:
                tab_groups.setdefault(spec.tab_group, []).append(dock)
            if spec.size is not None:
                sized.setdefault(spec.area, (dock, spec.size))
        for docks in tab_groups.values():
            for tab, next_tab in pairwise(docks):
                self.tabifyDockWidget(tab, next_tab)
            docks[0].raise_()
        for orientation, areas in ((Qt.Orientation.Horizontal, (registry.LEFT, registry.RIGHT)),
                                   (Qt.Orientation.Vertical, (registry.TOP, registry.BOTTOM))):
            chosen = [sized[area] for area in areas if area in sized]
            if chosen:
                self.resizeDocks([dock for dock, _ in chosen], [size for _, size in chosen],
                                 orientation)

    def _dock(self, spec: registry.PanelSpec) -> QDockWidget:
        widget = spec.widget_class(self.state)
        if spec.refresh_after_map:
            widget.defer = self.map_controller.after_drawn
        dock = QDockWidget(self)  # its title is set by retranslate
        dock.setObjectName(spec.name)  # what the saved window layout knows it by
        dock.setWidget(widget)
        if hasattr(widget, "set_tab_shown"):
            dock.visibilityChanged.connect(widget.set_tab_shown)
        dock.visibilityChanged.connect(widget.setEnabled)  # a tab at the back takes no Tab key
        self.addDockWidget(spec.area, dock)
        self.panels[spec.name] = widget
        self.docks[spec.name] = dock
        return dock

    def _build_actions(self) -> None:
        """The menus, shortcuts and toolbar: the window's commands (window_commands.COMMANDS)
        in their menus, with the features' actions and menus placed beside them."""
        self.commands = build_actions(self)
        actions = self.commands
        menus = {}
        for menu in (FILE, EDIT, VIEW, HELP):
            menus[menu] = self.menuBar().addMenu("")
            for key in in_menu(menu):
                menus[menu].addAction(actions[key])
        self.file_menu, self.edit_menu = menus[FILE], menus[EDIT]
        self.view_menu, self.help_menu = menus[VIEW], menus[HELP]
        file_menu, view_menu = self.file_menu, self.view_menu
        self.recent_menu = QMenu(file_menu)
        file_menu.insertMenu(actions["import"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self.update_recent_menu)
        self.update_recent_menu()
        file_menu.insertSeparator(actions["quit"])
        # File ▸ Open database…, and the offline copy's notice
        self.database_opening = open_database.DatabaseOpening(self.context, self.open_dataset)
        file_menu.insertAction(self.recent_menu.menuAction(), self.database_opening.action)
        self.sig_dataset_shown.connect(
            lambda loaded: self.database_opening.announce(loaded.dataset))
        view_menu.insertAction(actions["reset_view"],
                               organisations_action(self.state, self.map_view, self))
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu("")
        # View ▸ Language: each language named in itself, the one spoken now checked.
        self.language_actions = self._choice_actions(
            self.language_menu, i18n.LANGUAGES, i18n.current_language(), self.set_language,
            i18n.LANGUAGE_NAMES.get)
        self.year_style_menu = view_menu.addMenu("")
        # View ▸ Fiscal years: 西暦 (2005年度, the default) or the era (平成17年度), named
        # by retranslate.
        self.year_style_actions = self._choice_actions(
            self.year_style_menu, YEAR_STYLES, i18n.current_year_style(), self.set_year_style)
        enable_actions(actions, dataset_shown=False)
        self.sig_dataset_shown.connect(lambda _loaded: enable_actions(actions, True))

        toolbar = QToolBar(self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        toolbar.addSeparator()
        for key in on_toolbar():
            toolbar.addAction(actions[key])
        self.toolbar = toolbar
        # Beside the menus, not on a row of its own: the row it took is the map's on a
        # laptop's screen (the gallery's 1366x768 shots).
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setStyleSheet("QToolBar { border: none; padding: 0; }")
        self.menuBar().setCornerWidget(toolbar, Qt.Corner.TopRightCorner)
        self.search_box.setMinimumWidth(360)

    def _choice_actions(self, menu, choices, current: str, choose, text=lambda _c: "") \
            -> dict[str, QAction]:
        """One checkable action per choice in ``menu``, exclusive, ``current`` checked;
        choosing one calls ``choose(choice)``. ``text`` names a choice now (retranslate may
        name it again)."""
        group = QActionGroup(self)
        actions = {}
        for choice in choices:
            action = group.addAction(text(choice))
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _checked=False, chosen=choice: choose(chosen))
            menu.addAction(action)
            actions[choice] = action
        return actions

    def set_year_style(self, style: str) -> None:
        """Write fiscal years in ``style`` everywhere at once, and remember it."""
        i18n.set_year_style(style)
        saved.write_year_style(self.settings, style)
        self.year_style_actions[style].setChecked(True)

    # --- language ----------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Speak ``language`` at once (every widget retranslates itself on the LanguageChange
        Qt sends) and remember it for the next start."""
        i18n.set_language(language)
        saved.write_language(self.settings, language)
        self.language_actions[language].setChecked(True)

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window in the current language (panels do their own)."""
        retranslate_actions(self.commands)
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.year_style_menu.setTitle(self.tr("Fiscal &years"))
        self.year_style_actions[WESTERN].setText(self.tr("Western calendar (FY2005)"))
        self.year_style_actions[ERA].setText(self.tr("Japanese era (Heisei 17)"))
        self.year_style_actions[i18n.current_year_style()].setChecked(True)
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        for spec in registry.PANELS:
            self.docks[spec.name].setWindowTitle(QCoreApplication.translate("Panels", spec.title))
        fit_dock_tabs(self)  # now, not a turn of the event loop later: a screen reader asks now
        self.language_actions[i18n.current_language()].setChecked(True)
        self._name_for_screen_readers()
        self.exporter.retranslate()
        self.saved_views.retranslate()
        self._show_title()
        self.update_status()

    def _name_for_screen_readers(self) -> None:
        """What a screen reader calls each panel's list, tree or table: its dock's title (a
        panel names its other controls itself), and the search box by what it finds."""
        for name, dock in self.docks.items():
            panel = self.panels[name]
            view = panel if isinstance(panel, QAbstractItemView) else getattr(panel, "view", None)
            if isinstance(view, QAbstractItemView):
                view.setAccessibleName(dock.windowTitle())
        self.search_box.setAccessibleName(self.tr("Search"))
        self.search_box.setAccessibleDescription(
            self.tr("Fields, projects, organisations and places"))

    def _show_title(self) -> None:
        self.setWindowTitle(self.tr("Cluster Explorer") if self.shown_name is None else
                            self.tr("Cluster Explorer — {name}").format(name=self.shown_name))

    def _wire(self) -> None:
        for signal in (self.state.sig_dataset_changed, self.state.sig_filter_changed,
                       self.state.sig_selection_changed, self.state.sig_layers_changed):
            signal.connect(self.update_status)
        self.region_list.sig_region_picked.connect(self._frame_picked_region)
        self.search_box.sig_hit_chosen.connect(self.go_to_hit)
        self.state.sig_selection_changed.connect(self._show_tieups_for_selected_tieup)

    # --- datasets --------------------------------------------------------------------------
    def open_dataset(self, path: Path | str | None) -> DatasetLoader:
        """Load a dataset off the GUI thread and show it when it arrives; on any failure say
        why and keep the current one. Returns the loader (its ``sig_finished``); the window
        then sends ``sig_dataset_shown`` or ``sig_dataset_not_opened``.

        Everything that can fail (reading, validating, making the page data) is done before
        the window changes: a failure half-way left the old map under the new title. Of two
        opens in a row, the later one wins; the earlier one's outcome is dropped.
        """
        loader = DatasetLoader(path)  # not a child: closing the window mid-load leaves it be
        loader.sig_finished.connect(self._on_dataset_loaded)
        self.dataset_loader = loader
        self.setCursor(Qt.CursorShape.BusyCursor)  # the window still answers meanwhile
        self.statusBar().showMessage(
            self.tr("Opening {name}…").format(name=open_database.location_name(path))
            if path is not None else self.tr("Opening the bundled dataset…"))
        loader.start()
        return loader

    def _on_dataset_loaded(self, outcome) -> None:
        loader = self.sender()
        if loader is not self.dataset_loader:
            return  # a later open superseded this one
        self.dataset_loader = None
        self.unsetCursor()
        self.statusBar().clearMessage()
        if isinstance(outcome, Exception):
            self.show_dataset_error(loader.data_path, outcome)
        else:
            self.keep_copy_after_drawing(loader, outcome)
            self.show_dataset(outcome, loader.data_path)

    def keep_copy_after_drawing(self, loader: DatasetLoader, loaded: LoadedDataset) -> None:
        """A database's offline copy is written once the map is drawn (the loader's thread);
        the status bar says when it is kept, or why not."""
        loader.write_copy_after(self.map_controller.sig_drawn)
        origin = loaded.dataset.origin
        if origin is not None and origin.copy_pending:
            loader.sig_copy_kept.connect(
                lambda failure: self.database_opening.copy_kept(origin.location, failure))

    def show_dataset(self, loaded: LoadedDataset, location: Path | str | None = None) -> None:
        """Show a loaded dataset; the first one takes the filters saved last time.
        ``location``: where it was opened from, a database's with the password written in it,
        if any (kept only in memory, for the server-side mode's own connection)."""
        first = self.state.dataset is None
        keep, show_tieups, show_prefectures = (
            saved.read_filters(self.settings) if first else (self.state.filter, None, None))
        self.state.set_dataset(loaded, keep_filter=keep)
        if show_tieups is not None:
            self.commands["tieups"].setChecked(show_tieups)
            self.commands["prefectures"].setChecked(show_prefectures)
        origin = loaded.dataset.origin  # a database's: its path is the offline copy
        self.shown_name = origin.location if origin is not None else loaded.dataset.path.name
        self._show_title()
        if origin is None and not _is_bundled(loaded.dataset.path):
            saved.add_recent(self.settings, loaded.dataset.path)
            self.update_recent_menu()
        if loaded.notices:
            self._show_notices(loaded.notices)
        # a PostGIS dataset's organisations, on its server
        server_side.attach(self, loaded, location)
        self.sig_dataset_shown.emit(loaded)

    def _show_notices(self, notices: tuple[str, ...]) -> None:
        """What the data source said about the dataset it opened: in the status bar until
        the next message, and in a dialog that does not block the window."""
        lines = [line for notice in notices for line in notice.splitlines()]
        shown = _capped(lines, SHOWN_LINES, SHOWN_CHARS)
        self.statusBar().showMessage(visible(lines[0])[:SHOWN_CHARS])
        self.notice_dialog = QMessageBox(QMessageBox.Icon.Information,
                                         self.tr("About this dataset"), shown,
                                         QMessageBox.StandardButton.Ok, self)
        self.notice_dialog.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_dialog.open()

    def choose_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a cluster dataset"),
                                              str(self.dialog_folder("open")), open_filter())
        if path:
            self.remember_dialog_folder("open", Path(path).parent)
            self.open_dataset(Path(path))

    def import_list(self, listed: Path | None = None):
        """File ▸ Import list… (with ``listed`` read at once: a list opened that needs the
        user's choices); opens the imported dataset when the user says so."""
        from desktop.app.import_dialog import ImportListDialog

        dialog = ImportListDialog(self.dialog_folder("import"), self)
        dialog.finished.connect(lambda _result: self._list_import_closed(dialog))
        self.import_dialog = dialog
        dialog.open()
        if listed is not None:
            dialog.load_list(Path(listed))
        return dialog

    def _list_import_closed(self, dialog) -> None:
        if dialog.imported is not None:
            self.remember_dialog_folder("import", dialog.imported.parent)
            if dialog.open_after:
                self.open_dataset(dialog.imported)

    def dialog_folder(self, dialog: str) -> Path:
        """Where the ``dialog`` ("open", "export") starts: where it was last used, else the
        user's documents folder."""
        return saved.read_dialog_folder(self.settings, dialog)

    def remember_dialog_folder(self, dialog: str, folder: Path) -> None:
        saved.write_dialog_folder(self.settings, dialog, folder)

    # --- recent datasets and drops -----------------------------------------------------------
    def update_recent_menu(self) -> None:
        """File ▸ Open recent: the datasets opened last, newest first; a file that is gone is
        shown greyed, with its path as the tooltip."""
        self.recent_menu.clear()
        recent = saved.read_recent(self.settings)
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {visible(path.name)}")
            action.setToolTip(visible(str(path)))
            action.setStatusTip(visible(str(path)))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _checked=False, chosen=path:
                                     self.open_dataset(chosen))
        self.recent_menu.setEnabled(bool(recent))
        self.recent_menu.setToolTipsVisible(True)

    def dragEnterEvent(self, event: QDragEnterEvent):  # noqa: N802 - Qt override
        if dropped_dataset(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent):  # noqa: N802 - Qt override
        path = dropped_dataset(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_dataset(path)

    def show_dataset_error(self, path: Path | str | None, error: Exception) -> None:
        """Say why a dataset did not open: the refusal's problems (a few of each kind, the
        rest counted, "Show Details" lists more) or the one line of any other failure.

        The dialog fits the screen however many problems a file has (400,000 made one taller
        than the screen) and shows every line as plain text. A list without a project column
        is not an error: it opens in the import dialog, which asks the rows' project.
        """
        from geodata.sources.spreadsheet import ListWithoutProject

        if isinstance(error, ListWithoutProject) and path is not None:
            self.import_list(Path(path))
            self.sig_dataset_not_opened.emit(path, error)
            return
        name = visible(shown_location(path)) if path is not None else self.tr(
            "The bundled dataset")
        instead = (self.tr("The current dataset stays open.") if self.state.dataset is not None
                   else self.tr("The bundled dataset opens instead."))
        if isinstance(error, DatasetError):
            count = len(error.problems)
            heading = self.tr("{name} does not follow the dataset schema ({count} problem(s))."
                              " {instead}", "", count).format(name=name, count=f"{count:,}",
                                                              instead=instead)
        else:
            heading = self.tr("{name} could not be opened. {instead}").format(
                name=name, instead=instead)
        shown = _capped(_reason_lines(error, SHOWN_PER_KIND), SHOWN_LINES, SHOWN_CHARS)
        dialog = QMessageBox(QMessageBox.Icon.Warning, self.tr("Dataset not opened"), heading,
                             QMessageBox.StandardButton.Ok, self)
        dialog.setTextFormat(Qt.TextFormat.PlainText)  # the informative text follows it
        dialog.setInformativeText(shown)
        dialog.setDetailedText(_capped(_reason_lines(error, DETAILED_PER_KIND), DETAILED_LINES,
                                       DETAILED_CHARS))
        log.warning("refused dataset %s: %s", name, "; ".join(shown.splitlines()))
        self.error_dialog = dialog
        dialog.open()
        self.sig_dataset_not_opened.emit(path, error)

    # --- navigation ------------------------------------------------------------------------
    def reset_view(self) -> None:
        """Frame the selection again (map/framing.py)."""
        self.map_controller.frame_selection()

    def clear_selection(self) -> None:
        """Esc, "Whole country": panels and map both go back to the whole country. An open
        pop-up (the search box's list) takes Esc first: it closes, and nothing else."""
        from PySide6.QtWidgets import QApplication

        if QApplication.activePopupWidget() is not None:
            QApplication.activePopupWidget().close()
            return
        self.state.clear_selection()
        self.map_controller.frame_selection()

    def show_layers(self, show_tieups: bool, show_prefectures: bool) -> None:
        """Show the tie-ups and prefecture borders as asked, their View toggles checked to
        match, without the framing a click on the tie-ups toggle does (a saved view sets
        its own extent)."""
        for action, checked in ((self.commands["tieups"], show_tieups),
                                (self.commands["prefectures"], show_prefectures)):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)
        self.state.set_show_tieups(show_tieups)
        self.state.set_show_prefectures(show_prefectures)

    def show_places_at_start(self) -> bool:
        """Place names on or off as the user last left them (View ▸ Place names)."""
        return saved.read_show_places(self.settings)

    def toggle_tieups(self, shown: bool) -> None:
        self.state.set_show_tieups(shown)
        self.map_controller.frame_selection()

    def _show_tieups_for_selected_tieup(self) -> None:
        if self.state.selected_tieup and not self.state.show_tieups:
            self.commands["tieups"].setChecked(True)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _frame_picked_region(self, _bureau_id: str | None) -> None:
        self.map_controller.frame_selection()

    def go_to_hit(self, hit: SearchHit) -> None:
        """Select what a search found and move the map there."""
        from geodata import visible_project_ids

        if hit.project_id:
            if hit.project_id not in set(visible_project_ids(self.state.dataset,
                                                             self.state.filter)):
                self.state.clear_filters()
            self.state.select_project(hit.project_id)
        elif hit.bureau_id:
            self.state.select_bureau(hit.bureau_id)
        if hit.kind == "bureau":
            self.map_controller.frame_selection()
        elif hit.lon is not None and hit.lat is not None:  # a field or program has no place
            if hit.kind in ABROAD_KINDS:
                self.commands["tieups"].setChecked(True)
            self.map_controller.fly_to(hit.lon, hit.lat, HIT_ZOOM.get(hit.kind, 8))

    # --- status, about, closing ------------------------------------------------------------
    def update_status(self) -> None:
        ds = self.state.dataset
        if ds is None:
            return
        # imported here: the window is built before pandas loads
        from geodata import facet_counts, visible_project_count

        flt = self.state.filter
        shown = visible_project_count(ds, flt)  # counted, kept per scope (geodata.queries)
        if flt.fields:
            field_count = len(flt.fields)
        else:  # the fields of the projects shown: those that would show one (no field ticked)
            field_count = sum(1 for count in facet_counts(ds, flt)["fields"].values() if count)
        whole = self.tr("Whole country")
        parts = [self.tr("{shown} of %n project(s)", "", len(ds.projects)).format(
                     shown=shown),
                 self.tr("%n field(s)", "", field_count)]
        if flt.programs:
            parts.append(self.tr("%n program(s)", "", len(flt.programs)))
        language = i18n.current_language()
        bureau_names = self.state.loaded.derived(reader_names, language)["bureaus"]
        region = bureau_names.get(flt.bureau_id, whole) if flt.bureau_id else whole
        if flt.project_id:
            project = ds.project_names.get(flt.project_id, flt.project_id)  # English only
            region = f"{region} ▸ {project}"
        parts.append(region)
        self.map_view.describe_selection(region, self.state.result().project_count)
        parts.append(i18n.year_text(flt.fiscal_year)
                     if flt.fiscal_year is not None else self.tr("All years"))
        if self.state.show_tieups:
            parts.append(self._tieups_status())
        self.status_label.setText(" · ".join(parts))

    def _tieups_status(self) -> str:
        """How many arcs the map draws: the selection's own of the scope's, e.g. "4 of 35
        tie-ups shown" for Kinki (map/framing.shown_tieups)."""
        total = self.state.scope_result().tieup_count
        if not (self.state.filter.bureau_id or self.state.filter.project_id):
            return self.tr("%n tie-up(s) shown", "", total)
        shown = self.state.result().tieup_count
        return self.tr("{shown} of %n tie-up(s) shown", "status bar, a bureau or project selected",
                       total).format(shown=shown)

    def show_about(self) -> None:
        box = AboutDialog(self.state.dataset, self)
        self.about_box = box
        box.open()

    def closeEvent(self, event):  # noqa: N802 - Qt override
        saved.write_window(self.settings, self)
        if self.state.dataset is not None:
            saved.write_filters(self.settings, self.state)
            self._keep_page_for_next_start()
        self.settings.sync()
        super().closeEvent(event)

    # --- the next start ----------------------------------------------------------------------
    def show_kept_state(self, cached: page_cache.CachedPage) -> bool:
        """Until the start-up dataset has loaded, draw the state kept at the last quit for
        the filters restored now (the page already holds the kept data, see app.py); False
        when none was kept for these filters."""
        flt, show_tieups, show_prefectures = saved.read_filters(self.settings)
        kept = cached.states.get(page_cache.state_key(flt.fields, flt.programs, show_tieups,
                                                      show_prefectures))
        state = None if kept is None else MapState.from_kept(kept)
        if state is None or self.state.dataset is not None:
            return False
        self.kept_state_seq = self.map_controller.push_kept_state(state)
        return True

    def _keep_page_for_next_start(self) -> None:
        """Keep the page data and the state the next start restores (filters, no selection),
        for the dataset the app started with (the one whose file digest is known)."""
        from desktop.map.page_state import map_state

        loaded, state = self.state.loaded, self.state
        if loaded.digest is None or loaded.page_json is None:
            return
        language, data_json = page_data_in_current_language(loaded)
        restored = Filter(fields=state.filter.fields, programs=state.filter.programs)
        first = map_state(loaded.dataset, restored, None, state.show_tieups,
                          state.show_prefectures)
        page_cache.store(loaded.digest, data_json, page_cache.state_key(
            restored.fields, restored.programs, state.show_tieups, state.show_prefectures),
            first.as_dict(), language)


def _is_bundled(path: Path) -> bool:
    from geodata.bundled import BUNDLED_DATASET

    return path.resolve() == BUNDLED_DATASET.resolve()


def _reason_lines(error: Exception, per_kind: int) -> list[str]:
    """Why a dataset did not open: at most ``per_kind`` problems of each kind, the rest of
    that kind counted (a refusal), or one line (any other failure)."""
    if isinstance(error, DatasetError):
        return error.summary_lines(per_kind)
    return [visible(f"{type(error).__name__}: {error}")]


def _capped(lines: list[str], count: int, chars: int) -> str:
    """The first ``count`` lines, each cut to ``chars`` characters, and how many are left."""
    shown = [line if len(line) <= chars else line[:chars - 1] + "…" for line in lines[:count]]
    if len(lines) > count:
        shown.append(QCoreApplication.translate("MainWindow", "… and {count} more lines").format(
            count=f"{len(lines) - count:,}"))
    return "\n".join(shown)
