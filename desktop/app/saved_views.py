"""View ▸ Saved views: name the current view (filters, selection, tie-ups, map extent), recall
it with one click, rename or delete it, share it as a small ``.cevview`` file, open one a
colleague shared, and export every saved view as one PowerPoint deck (a slide per view).

The views live in the app's settings (desktop/app/settings.py) and survive restarts; the file
format and its checks are Qt-free (desktop/common/view_file.py). A shared file is untrusted:
what is wrong with it is said in one line, and ids the open dataset lacks are reported and
left out, never trusted.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop.app import settings as saved
from desktop.common.view_file import (
    MAX_FILE_BYTES,
    SUFFIX,
    SavedView,
    ViewFileError,
    known_part,
    read_view_document,
    unknown_ids,
    view_document,
)
from desktop.export.formats import CONTEXT as FORMATS_CONTEXT
from desktop.export.formats import slide_format
from desktop.export.safe_write import ExportError, write_bytes_atomically
from desktop.export.window_context import WindowContext
from desktop.map import js_api
from geodata.sources.gpkg import open_regular_file

log = logging.getLogger(__name__)
SHOWN_UNKNOWN_IDS = 10  # the message lists so many ids a shared view names in vain, counts the rest


class SavedViews(QObject):
    """The Saved views submenu of one MainWindow and what its actions do."""

    sig_saved = Signal(str)
    """The name of a view just saved (new or replaced)."""
    sig_restored = Signal(str)
    """The name of a view just restored in the window."""
    sig_shared = Signal(str)
    """The path a view was shared to."""
    sig_opened = Signal(str, list)
    """(name, unknown ids): a shared view was opened; the ids the dataset lacks were left out."""
    sig_deck_written = Signal(str)
    """The path of the deck of all saved views."""
    sig_failed = Signal(str)
    """Why an action failed (also shown in a dialog)."""

    def __init__(self, context: WindowContext):
        super().__init__(context.parent)
        self.context = context
        self.dialog: QMessageBox | None = None
        self.menu = QMenu(context.parent)
        self.save_action = self.menu.addAction("")
        self.save_action.triggered.connect(self.save_current_view)
        self.menu.addSeparator()  # the saved views follow it (adjacent separators collapse)
        self.manage_action = self.menu.addAction("")
        self.manage_action.triggered.connect(self.manage)
        self.share_action = self.menu.addAction("")
        self.share_action.triggered.connect(self.choose_and_share)
        self.open_action = self.menu.addAction("")
        self.open_action.triggered.connect(self.choose_and_open_shared)
        self.deck_action = self.menu.addAction("")
        self.deck_action.triggered.connect(self.choose_and_export_deck)
        self.menu.aboutToShow.connect(self.update_menu)
        self._view_actions: list = []
        self.retranslate()
        self.update_menu()

    def retranslate(self) -> None:
        """The menu's texts in the current language (the window calls this on a change; the
        views' own names are the user's and stay as they are)."""
        self.menu.setTitle(self.tr("Saved &views"))
        self.save_action.setText(self.tr("&Save current view…"))
        self.manage_action.setText(self.tr("&Manage…"))
        self.share_action.setText(self.tr("S&hare view…"))
        self.open_action.setText(self.tr("&Open shared view…"))
        self.deck_action.setText(self.tr("&Export all saved views as one deck…"))

    # --- the stored list -----------------------------------------------------------------------
    def views(self) -> list[SavedView]:
        return saved.read_saved_views(self.context.settings)

    def _write(self, views: list[SavedView]) -> None:
        saved.write_saved_views(self.context.settings, views)
        self.update_menu()

    def store(self, view: SavedView) -> None:
        """Keep ``view``, replacing a saved view of the same name."""
        views = [each for each in self.views() if each.name != view.name]
        self._write([*views, view])
        self.sig_saved.emit(view.name)

    def rename(self, old: str, new: str) -> bool:
        new = new.strip()
        views = self.views()
        if not new or any(each.name == new for each in views):
            return False
        self._write([dataclasses.replace(each, name=new) if each.name == old else each
                     for each in views])
        return True

    def delete(self, name: str) -> None:
        self._write([each for each in self.views() if each.name != name])

    def update_menu(self) -> None:
        """One entry per saved view between "Save current view…" and "Manage…"."""
        for action in self._view_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._view_actions = []
        views = self.views()
        for view in views:
            action = self.menu.addAction(view.name.replace("&", "&&"))
            action.triggered.connect(lambda _checked=False, chosen=view: self.restore(chosen))
            self.menu.insertAction(self.manage_action, action)
            self._view_actions.append(action)
        separator = self.menu.insertSeparator(self.manage_action)
        self._view_actions.append(separator)
        for action in (self.manage_action, self.share_action, self.deck_action):
            action.setEnabled(bool(views))

    # --- saving and restoring ------------------------------------------------------------------
    def save_current_view(self) -> None:
        name, chosen = QInputDialog.getText(self.context.parent, self.tr("Save current view"),
                                            self.tr("Name of the view:"))
        if chosen and name.strip():
            self.capture(name.strip(), self.store)

    def capture(self, name: str, then: Callable[[SavedView], None]) -> None:
        """Hand ``then`` the window's current view named ``name``; the map's centre and
        extent are asked of the page (asynchronously)."""
        state = self.context.state
        if state.dataset is None:
            return
        map_view = self.context.map_view

        def got_center(center):
            def got_bounds(bounds):
                flt = state.filter
                then(SavedView(
                    name=name, fields=tuple(sorted(flt.fields)),
                    programs=tuple(sorted(flt.programs)), text=flt.text,
                    fiscal_year=flt.fiscal_year, bureau_id=flt.bureau_id,
                    project_id=flt.project_id, tieup_id=state.selected_tieup,
                    show_tieups=state.show_tieups, show_prefectures=state.show_prefectures,
                    center=_checked(SavedView(name, center=center), "center"),
                    bounds=_checked(SavedView(name, bounds=bounds), "bounds")))

            js_api.get_bounds(map_view, got_bounds)

        js_api.get_view(map_view, got_center)

    def restore(self, view: SavedView) -> None:
        """Show ``view``: layers, filters and selection, then the map's extent."""
        state = self.context.state
        if state.dataset is None:
            return
        self.context.show_layers(view.show_tieups, view.show_prefectures)
        state.restore(view.filter, view.tieup_id)
        if view.center is not None and self.context.camera is not None:
            self.context.camera.show_view(view.center)
        self.sig_restored.emit(view.name)

    # --- sharing -------------------------------------------------------------------------------
    def choose_and_share(self) -> None:
        names = [view.name for view in self.views()]
        if not names:
            return
        name, chosen = QInputDialog.getItem(self.context.parent, self.tr("Share view"),
                                            self.tr("View to share:"), names, 0, False)
        if not chosen:
            return
        folder = self.context.dialog_folder("export")
        path, _filter = QFileDialog.getSaveFileName(
            self.context.parent, self.tr("Share view"),
            str(folder / f"{_file_stem(name)}{SUFFIX}"),
            self.tr("Cluster Explorer view (*.cevview)"))
        if path:
            target = Path(path)
            if target.suffix.lower() != SUFFIX:
                target = target.with_name(target.name + SUFFIX)
            self.context.remember_dialog_folder("export", target.parent)
            self.share_to(next(view for view in self.views() if view.name == name), target)

    def share_to(self, view: SavedView, target: Path) -> bool:
        try:
            write_bytes_atomically(target, view_document(view))
        except ExportError as error:
            self._fail(self.tr("View not shared"), str(error))
            return False
        self.sig_shared.emit(str(target))
        return True

    def choose_and_open_shared(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.context.parent, self.tr("Open shared view"),
            str(self.context.dialog_folder("open")),
            self.tr("Cluster Explorer view (*.cevview);;All files (*)"))
        if path:
            self.context.remember_dialog_folder("open", Path(path).parent)
            self.open_shared(Path(path))

    def open_shared(self, path: Path) -> SavedView | None:
        """Read a shared view, keep and show what of it this dataset has; say what is wrong
        with a file that cannot be read, and which ids were left out."""
        ds = self.context.state.dataset
        if ds is None:
            return None
        try:
            view = read_view_document(_read_bounded(path))
        except (OSError, ViewFileError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self._fail(self.tr("View not opened"),
                       self.tr("{path} could not be opened: {reason}").format(path=path,
                                                                             reason=reason))
            return None
        unknown = unknown_ids(view, ds)
        view = dataclasses.replace(known_part(view, ds), name=self._free_name(view.name))
        self.store(view)
        self.restore(view)
        if unknown:
            shown = ", ".join(unknown[:SHOWN_UNKNOWN_IDS])
            more = len(unknown) - SHOWN_UNKNOWN_IDS
            message = self.tr("This dataset has no {ids}, so the view “{name}” opened "
                              "without them.").format(ids=shown, name=view.name)
            if more > 0:
                message += " " + self.tr("(%n other(s) not shown.)", "", more)
            self._say(QMessageBox.Icon.Information, self.tr("Shared view opened in part"),
                      message)
        self.sig_opened.emit(view.name, unknown)
        return view

    def _free_name(self, name: str) -> str:
        """``name``, or 'name (2)'… when a saved view already has it."""
        taken = {view.name for view in self.views()}
        candidate, number = name, 2
        while candidate in taken:
            candidate, number = f"{name} ({number})", number + 1
        return candidate

    # --- the deck ------------------------------------------------------------------------------
    def choose_and_export_deck(self) -> None:
        if not self.views():
            return
        deck = slide_format()
        folder = self.context.dialog_folder("export")
        path, _filter = QFileDialog.getSaveFileName(
            self.context.parent, self.tr("Export all saved views"),
            str(folder / f"saved-views{deck.suffix}"),
            QCoreApplication.translate(FORMATS_CONTEXT, deck.dialog_filter))
        if path:
            target = Path(path)
            if target.suffix.lower() != deck.suffix:
                target = target.with_name(target.name + deck.suffix)
            self.context.remember_dialog_folder("export", target.parent)
            self.export_deck(target)

    def export_deck(self, target: Path) -> bool:
        """One slide per saved view, each titled with its name, through the slide writer."""
        from PySide6.QtGui import QGuiApplication

        from desktop.export.captions import caption_for
        from desktop.export.raster import png_bytes, render_image
        from desktop.export.slides import Slide, slides_bytes
        from desktop.export.spec import ExportSpec

        ds = self.context.state.dataset
        views = self.views()
        if ds is None or not views:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            slides = []
            for view in views:
                kept = known_part(view, ds)
                spec = ExportSpec(out=target, filter=kept.filter, show_tieups=kept.show_tieups,
                                  bounds=kept.bounds, title=kept.name)
                slides.append(Slide(kept.name, caption_for(ds, spec),
                                    png_bytes(render_image(ds, spec, with_text=False))))
            write_bytes_atomically(target, slides_bytes(slides))
        except ExportError as error:
            self._fail(self.tr("Deck not exported"), str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.sig_deck_written.emit(str(target))
        return True

    # --- managing ------------------------------------------------------------------------------
    def manage(self) -> None:
        ManageViewsDialog(self, self.context.parent).exec()

    # --- messages ------------------------------------------------------------------------------
    def _fail(self, title: str, message: str) -> None:
        log.warning("saved views: %s", message)
        self._say(QMessageBox.Icon.Warning, title, message)
        self.sig_failed.emit(message)

    def _say(self, icon, title: str, message: str) -> None:
        self.dialog = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok,
                                  self.context.parent)
        self.dialog.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are not markup
        self.dialog.open()


class ManageViewsDialog(QDialog):
    """Rename or delete saved views; every change is kept at once."""

    def __init__(self, views: SavedViews, parent=None):
        super().__init__(parent)
        self.views = views
        self.setWindowTitle(self.tr("Saved views"))
        self.list = QListWidget()
        rename = QPushButton(self.tr("&Rename…"))
        rename.clicked.connect(self.rename_current)
        delete = QPushButton(self.tr("&Delete"))
        delete.clicked.connect(self.delete_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(rename, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(delete, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        self.list.addItems([view.name for view in self.views.views()])
        self.list.setCurrentRow(0)

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name, chosen = QInputDialog.getText(self, self.tr("Rename view"),
                                            self.tr("New name:"), text=item.text())
        if chosen and not self.views.rename(item.text(), name):
            QMessageBox.warning(self, self.tr("Not renamed"),
                                self.tr("A view needs a name that no other saved view has."))
        self.fill()

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.views.delete(item.text())
            self.fill()


def _checked(view: SavedView, key: str):
    """The page's centre or bounds as a saved view keeps them, or None if unusable."""
    try:
        return getattr(SavedView.from_dict({"name": view.name, key: getattr(view, key)}), key)
    except ViewFileError:
        return None


def _read_bounded(path: Path) -> bytes:
    """A shared file's bytes, refused before reading when it is not a regular file (a FIFO
    would hold the window until a writer came) or is larger than any view.

    Opened by the guard the dataset's sources use (without blocking, checked on the opened
    file), then read at most one byte past the bound whatever its size said.
    """
    try:
        stream = open_regular_file(path)
    except OSError as error:
        if error.errno is not None:
            raise
        raise ViewFileError("it is a pipe, a device or a folder, not a file") from error
    with stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise ViewFileError(f"the file is {size:,} bytes; a shared view is at most "
                                f"{MAX_FILE_BYTES:,}")
        return stream.read(MAX_FILE_BYTES + 1)


def _file_stem(name: str) -> str:
    """A file name from a view's name: characters Windows forbids become '-'."""
    stem = "".join("-" if char in '<>:"/\\|?*' or ord(char) < 32 else char for char in name)
    return stem.strip(" .")[:80] or "view"
