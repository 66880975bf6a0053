"""Datasets are loaded on a worker thread, at start-up and from File ▸ Open alike.

Reading and validating a GeoPackage and making its page data take from a fraction of a second
to many seconds; none of it needs the GUI thread, which stays free to draw and to answer. At
start-up that thread also runs the event loop the web engine's browser side lives on, so the
page shell loads meanwhile, and before importing anything heavy the worker looks for the page
data kept for this file at the last quit (page_cache.py) and hands it over first. A database's
offline copy is written last, after the dataset is handed over (geodata/sources/offline_copy.py).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
import threading
import warnings
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

KEPT_MAP_WAIT_S = 2.0
COPY_WAIT_S = 30.0
"""The longest a database's offline copy waits for the map to be drawn with its dataset."""


def _settle_memory() -> None:
    """After a load: give back the memory its temporaries used, and keep the cyclic garbage
    collector off the objects that live as long as the dataset.

    Reading, validating and writing the page data of a large dataset frees ~70 MB that the C
    allocator keeps for itself unless told (``malloc_trim``, glibc). And a large dataset is
    millions of Python objects: every full collection walked them all and paused whichever
    click it fell in for 100-150 ms. So they are collected once here, off the GUI thread,
    then frozen (``gc.freeze``: still freed by reference counting as usual); the next load
    unfreezes them, so a dropped dataset's cycles are collected in time.
    """
    gc.collect()
    gc.freeze()
    if sys.platform.startswith("linux"):
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # absent outside glibc
        if trim is not None:
            trim(0)


class _Relay(QObject):
    """Carries the worker's news; queued into the GUI thread."""

    sig_cached = Signal(object)
    sig_page = Signal(object)
    sig_done = Signal(object)
    sig_copy = Signal(object)


class DatasetLoader(QObject):
    """Loads one dataset off the GUI thread into a LoadedDataset with its page data made.

    ``use_kept_page`` (start-up): look up the page data kept for this very file, hand it over
    first (``sig_cached_page``) and reuse it; the dataset's ``digest`` is then known, which
    is what lets the window keep the page again at quit.
    """

    sig_cached_page = Signal(object)
    """On the GUI thread: the CachedPage kept for this very file at the last quit (see
    page_cache.py); sent only when there is one, before the data layer has loaded."""
    sig_page_data = Signal(object)
    """On the GUI thread, at start-up with nothing kept: the page data just made from the file
    (a CachedPage without states), sent before the dataset is ready, so the page parses and
    draws it while the worker builds the query indexes."""
    sig_finished = Signal(object)
    """On the GUI thread: the LoadedDataset, or the exception saying why it could not open
    (a DatasetError for a refused file; any other for a failure while preparing it)."""

    sig_copy_kept = Signal(object)
    """On the GUI thread, after a database's offline copy was written (or found up to date)
    once the map was drawn: None, or why it could not be kept (the copy before stays)."""

    def __init__(self, data_path: Path | str | None, use_kept_page: bool = False,
                 parent: QObject | None = None, language: str | None = None):
        """``language``: what the page data names things in (default: the interface's)."""
        super().__init__(parent)
        from desktop.common import i18n
        from desktop.map.page_text import page_text

        self.data_path = data_path
        self.language = language or i18n.current_language()
        self._page_text = page_text(self.language)  # here: the catalogue is read on this thread
        self.use_kept_page = use_kept_page
        self._thread: threading.Thread | None = None
        self._map_drawn = threading.Event()
        self._looked_up = threading.Event()
        self._kept = None
        self._copy_writes: list = []
        self._dataset_drawn = threading.Event()
        self._relay = _Relay(self)
        self._relay.sig_cached.connect(self.sig_cached_page, Qt.ConnectionType.QueuedConnection)
        self._relay.sig_page.connect(self.sig_page_data, Qt.ConnectionType.QueuedConnection)
        self._relay.sig_done.connect(self.sig_finished, Qt.ConnectionType.QueuedConnection)
        self._relay.sig_copy.connect(self.sig_copy_kept, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="dataset-loader", daemon=True)
        self._thread.start()

    def kept_page(self, timeout_s: float):
        """The CachedPage kept for the file, if the worker has looked within ``timeout_s``
        (hashing a large file can take longer; then it comes by ``sig_cached_page``)."""
        self._looked_up.wait(timeout_s)
        return self._kept

    def go_ahead(self) -> None:
        """The kept map is on screen (or nothing kept can be drawn): the worker may take the
        CPU for the data layer now."""
        self._map_drawn.set()

    def write_copy_after(self, drawn: Signal) -> None:
        """Write a database's offline copy once ``drawn`` fires (the map drawn with this
        dataset; at most COPY_WAIT_S after the handover): until then the worker leaves the
        CPU to the window and the page."""
        drawn.connect(self._dataset_drawn.set, Qt.ConnectionType.SingleShotConnection)

    def wait(self, timeout_s: float) -> None:
        """Let the worker finish before the interpreter shuts down (a quit in the first
        second, with the map drawn from the kept page data, comes while it still loads).
        No map is drawn after a quit, so a database's offline copy is written now instead of
        waiting COPY_WAIT_S for one."""
        self._dataset_drawn.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _work(self) -> None:
        """Runs on the worker thread; whatever happens, ``sig_finished`` is sent once."""
        from geodata.bundled import BUNDLED_DATASET
        from geodata.errors import DatasetError
        from geodata.sources import shown_location  # a database's without its password

        path = self.data_path if self.data_path is not None else BUNDLED_DATASET
        try:
            outcome = self._load(path)
        except DatasetError as error:
            outcome = error
        except Exception as error:
            # Not a refusal: a bug, or a file no check foresaw. Logged with its traceback,
            # and shown like a refusal: a worker that died silently left a window without
            # map, panels or dialog.
            log.exception("the dataset %s could not be prepared", shown_location(path))
            outcome = error
        finally:
            self._looked_up.set()  # never leave kept_page() waiting on a dead lookup
        self._relay.sig_done.emit(outcome)
        if self._copy_writes and not isinstance(outcome, Exception):
            self._dataset_drawn.wait(COPY_WAIT_S)
        # a database's offline copy, once the map is drawn
        failures = [failure for write in self._copy_writes if (failure := write()) is not None]
        if self._copy_writes:
            self._relay.sig_copy.emit(failures[0] if failures else None)
        self._copy_writes = []

    def _load(self, path: Path):
        """The LoadedDataset with its page data made; raises whatever stops it (a
        DatasetError when the file is refused, anything else when preparing it failed)."""
        digest, cached = self._look_up_kept_page(path) if self.use_kept_page else (None, None)
        self._looked_up.set()
        if cached is not None:
            self._relay.sig_cached.emit(cached)
            # On two cores, importing pandas here slowed the page drawing the kept map by
            # about 0.4 s; the panels can wait for the map (never more than a moment).
            self._map_drawn.wait(KEPT_MAP_WAIT_S)

        from desktop.common.loaded_dataset import LoadedDataset
        from desktop.map import page_cache, page_data
        from geodata import load_dataset
        from geodata.errors import DatasetNotice
        from geodata.queries import prepare_indexes
        from geodata.sources.offline_copy import deferred_writes

        gc.unfreeze()  # what the last dataset froze may be collected once it is dropped
        with (warnings.catch_warnings(record=True) as said,
              deferred_writes() as self._copy_writes):
            warnings.simplefilter("always", DatasetNotice)
            dataset = load_dataset(path)
        notices = tuple(str(each.message) for each in said
                        if issubclass(each.category, DatasetNotice))
        # the kept bytes were made from this very file
        page_json = (cached.page_json if cached is not None
                     else page_data.page_json(dataset, self.language, self._page_text))
        if cached is None and digest is not None:
            # the page draws it (another process) while the indexes are built here
            self._relay.sig_page.emit(
                page_cache.CachedPage(digest, page_json, language=self.language))
        prepare_indexes(dataset)  # here, not on the GUI thread at the first query
        loaded = LoadedDataset(dataset, digest, page_json, self.language, notices)
        _settle_memory()
        return loaded

    def _look_up_kept_page(self, path: Path) -> tuple:
        """(the file's digest, the CachedPage kept for it or None); (None, None) when the
        file cannot be hashed (load_dataset says why)."""
        from desktop.map import page_cache
        try:
            digest = page_cache.dataset_digest(path)
        except OSError:
            return None, None  # unreadable, or not a regular file: load_dataset says why
        self._kept = page_cache.load(digest, self.language)
        return digest, self._kept
