"""Starting the application: Qt set-up, the map page, the first dataset, the window.

Start-up runs two things at once. The GUI thread makes the map view straight away, so the web
engine starts its processes and loads the page shell, then builds and shows the window (its
modules import without the data layer); meanwhile a worker thread imports the data layer
(pandas, geopandas: most of the start-up) and reads, validates and prepares the first dataset.

The page data and the first state kept for the same file (desktop/map/page_cache.py: kept at the
last quit, or shipped for the bundled dataset) reach the page before the data layer has loaded,
so the map is drawn about when the window is shown (1.1 s on the 2-core reference machine,
against 2.9 s one step after the other); the dataset then fills the panels. Without kept data
the map is drawn when the dataset arrives.
"""

import logging
import os
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()
READY_ENV = "CLUSTER_EXPLORER_REPORT_DRAWN"
LOADER_GRACE_S = 30
KEPT_LOOKUP_WAIT_S = 0.3  # hashing the bundled file takes about 10 ms


def run_app(data_path: Path | None = None, argv: list[str] | None = None,
            language: str | None = None) -> int:
    """Open the window on ``data_path`` (or the bundled dataset) and run the event loop.

    ``language`` ("ja", "en": the command's ``--lang``) speaks that language for this run;
    without it the one chosen in View ▸ Language, else the system locale's."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from desktop.app.system_check import check_window_start

    if (code := check_window_start()) != 0:  # before Qt, which would abort without a word
        return code
    from desktop.app.loader import DatasetLoader
    from desktop.common.source_cache import import_pyside

    import_pyside()  # before the data layer imports: see desktop/common/source_cache.py
    language = _chosen_language(language)
    loader = DatasetLoader(data_path, use_kept_page=True, language=language)
    loader.start()  # first, so the data layer imports while Qt and the web engine start

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before QApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    if os.environ.get("QT_OPENGL") == "software":  # cluster-explorer --software-opengl
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Cluster Explorer")
    app.setOrganizationName("ClusterExplorer")
    _set_app_metadata(app)
    _set_language(language)

    from desktop.common.lifecycle import dispose
    from desktop.map.view import MapView

    map_view = MapView()  # the web engine starts now, while the data loads
    kept = loader.kept_page(KEPT_LOOKUP_WAIT_S)
    if kept is not None:
        map_view.show_cached_page(kept)  # delivered the moment the page shell is ready
    window = _open_window(map_view)
    window.map_controller.sig_drawn.connect(loader.go_ahead)
    if kept is not None:
        _show_kept(window, loader, kept)  # after show(): drawn at the view's size
    loader.sig_cached_page.connect(lambda cached: _show_kept(window, loader, cached))
    loader.sig_page_data.connect(lambda page: _show_page_data(window, page))
    loader.sig_finished.connect(lambda outcome: _show_first(window, data_path, outcome, loader))
    code = app.exec()
    for pending in (loader, window.dataset_loader):
        if pending is not None:
            pending.wait(LOADER_GRACE_S)
    dispose(window)
    return code


def _set_app_metadata(app) -> None:
    """Version (About, --version), the .desktop file the shell groups windows by
    (packaging/cluster-explorer.desktop) and the icon every window and dialog shows."""
    from desktop import __version__
    from desktop.app.about import app_icon

    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cluster-explorer")
    app.setWindowIcon(app_icon())


def _chosen_language(language: str | None) -> str:
    """The run's language: ``--lang``, else the one chosen in View ▸ Language, else the
    system's (known before Qt starts: the kept page data is looked up in it)."""
    from desktop.app import settings as saved
    from desktop.common import i18n

    return language or saved.read_language(saved.app_settings()) or i18n.system_language()


def _set_language(language: str) -> None:
    """Install the translators (and the year style) before the first widget is made."""
    from desktop.app import settings as saved
    from desktop.common import i18n

    i18n.set_language(language)
    i18n.set_year_style(saved.read_year_style(saved.app_settings()))


def _open_window(map_view):
    """The window over the view made earlier, shown while the first dataset is still read
    (its modules import without the data layer: about 0.2 s instead of 1.2 s)."""
    from desktop.app.main_window import MainWindow

    window = MainWindow(map_view=map_view)
    if os.environ.get(READY_ENV):
        _report_first_draw(window)
    window.show()
    return window


def _show_kept(window, loader, cached) -> None:
    """The page data and state kept at the last quit: the map draws before the data loads.
    With no state kept for the restored filters there is no map to wait for: the loader goes on.
    """
    if window.state.dataset is None and window.kept_state_seq is None:
        window.map_view.show_cached_page(cached)  # no-op when run_app gave it already
        if not window.show_kept_state(cached):
            loader.go_ahead()


def _show_page_data(window, page) -> None:
    """The first dataset's page data, made ahead of the dataset: the page draws it while the
    worker builds the indexes (the dataset, arriving next, finds its data on the page)."""
    if window.state.dataset is None:
        window.map_view.show_cached_page(page)  # no-op when the page holds data already


def _show_first(window, data_path: Path | None, outcome, loader=None) -> None:
    """Show the first dataset, or say why it could not open and show the bundled one.

    ``outcome`` is what the loader sent: a LoadedDataset, or the exception that stopped it
    (a refusal or any other failure: both are shown). Skipped when the person already opened
    another dataset in the meantime (the window is up while a large first file is still read).
    The bundled dataset, opened instead of a refused one, arrives later (``sig_dataset_shown``).
    """
    from desktop.common.source_cache import drop_cached_sources

    drop_cached_sources()  # the data layer has loaded: see source_cache
    if window.state.dataset is not None:
        return
    if isinstance(outcome, Exception):
        window.show_dataset_error(data_path, outcome)
        if data_path is not None:
            window.open_dataset(None)  # the bundled dataset instead
    else:
        if loader is not None:  # a database's offline copy: written once the map is drawn
            window.keep_copy_after_drawing(loader, outcome)
        window.show_dataset(outcome, data_path)


def _report_first_draw(window) -> None:
    """Print the seconds from process start to the first drawn map, then to the first dataset
    shown (for the benchmarks: a usual start draws the kept map before the dataset has loaded,
    and a window's memory is weighed once its dataset is in it). Standard output only, and only
    with READY_ENV set: nothing a person sees changes."""

    def report(seq: int, markers: int) -> None:
        elapsed = time.perf_counter() - PROCESS_START
        source = "kept" if seq == window.kept_state_seq else "dataset"
        print(f"map-drawn {elapsed:.3f} markers={markers} from={source}", flush=True)
        window.map_controller.sig_drawn.disconnect(report)
        if os.environ.get(READY_ENV) == "quit":
            window.close()

    def report_shown(_loaded) -> None:
        print(f"dataset-shown {time.perf_counter() - PROCESS_START:.3f}", flush=True)
        window.sig_dataset_shown.disconnect(report_shown)

    window.map_controller.sig_drawn.connect(report)
    window.sig_dataset_shown.connect(report_shown)
