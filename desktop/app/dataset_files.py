"""Which files the window opens: the Open dialog's filter and what a drop takes, both read
from the data-source registry (geodata/sources), so the files of a new source open from
File ▸ Open and by drag and drop without a change to the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData

from desktop.common import i18n
from desktop.common.domain_text import domain_text
from geodata.sources import file_sources, opens_by_suffix


def _patterns(suffixes) -> str:
    return " ".join(f"*{suffix}" for suffix in suffixes)


def open_filter() -> str:
    """The Open dialog's filter in the interface's language: every dataset file first, then
    one entry per source (``GeoPackage (*.gpkg)``), then all files."""
    sources = file_sources()
    every = [suffix for source in sources for suffix in source.suffixes]
    language = i18n.current_language()
    entries = [QCoreApplication.translate("DatasetFiles", "Datasets ({patterns})").format(
        patterns=_patterns(every))]
    entries += [f"{domain_text(source.files_title, language)} ({_patterns(source.suffixes)})"
                for source in sources]
    entries.append(QCoreApplication.translate("DatasetFiles", "All files (*)"))
    return ";;".join(entries)


def dropped_dataset(mime: QMimeData) -> Path | None:
    """The first local file among those dropped that a data source opens, or None."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if opens_by_suffix(path):
                return path
    return None
