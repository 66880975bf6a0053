"""Where datasets come from: a registry of data sources, asked in turn which one opens a
location.

A source says which locations it opens (``handles``), opens one into a validated Dataset
(``open``), and names the content it would open (``identity``: equal identities, equal
datasets, so what is derived from a dataset can be kept under it). The GeoPackage is the first
source; a new one (an Excel list, a PostGIS table) is one module in this package that calls
``register_source``, and one line in ``BUILT_IN_SOURCES``.

Registering is cheap: a source module imports pandas, shapely and the rest only when it opens a
location, so the desktop can ask for an identity before the data layer has loaded. No Qt.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geodata.errors import DatasetError, Problem

if TYPE_CHECKING:
    from geodata.dataset import Dataset

Location = str | Path


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate finds
    """Marks a source's ``files_title`` for translation without Qt: pyside6-lupdate finds the
    call by its name (``make translations`` scans this folder), and the window translates
    the title in ``context`` "Domain" (desktop/common/domain_text.py)."""
    del context
    return text


@dataclass(frozen=True)
class DataSource:
    """One kind of place a dataset can be read from."""

    name: str
    """Short name, e.g. ``GeoPackage``; also the key to unregister it."""
    description: str
    """What a location must be, for help texts and errors: 'a GeoPackage (.gpkg) …'."""
    handles: Callable[[Location], bool]
    """Whether this source opens the location (cheap: a name, at most a look at the disk)."""
    open: Callable[[Location], Dataset]
    """The validated Dataset at the location, or a DatasetError listing every problem."""
    identity: Callable[[Location], str]
    """A text that changes whenever what ``open`` would read changes; OSError if unreadable."""
    priority: int = 0
    """Sources with a higher priority are asked first; a catch-all source asks to be last."""
    shown: Callable[[Location], str] = str
    """The location as it may be shown, logged and saved: without secrets (a password)."""
    textual: bool = False
    """Its locations are texts, not paths (``Path`` would make postgresql:// postgresql:/)."""
    suffixes: tuple[str, ...] = ()
    """The lower-case suffixes of the files it opens (``.gpkg``): the window's Open dialog
    lists them and a file dropped on the window with one opens. None for a database."""
    files_title: str = ""
    """What its files are called in the Open dialog (``GeoPackage``), in English, marked
    ``QT_TRANSLATE_NOOP("Domain", …)`` in the source's module: the window shows it
    translated (``desktop/common/domain_text.py``)."""


_SOURCES: list[DataSource] = []


def register_source(source: DataSource) -> DataSource:
    """Offer ``source`` to ``load_dataset``; each name is registered once."""
    if any(known.name == source.name for known in _SOURCES):
        raise ValueError(f"a data source named {source.name!r} is registered already")
    _SOURCES.append(source)
    return source


def unregister_source(name: str) -> None:
    """Withdraw the source called ``name`` (for tests and plug-ins that registered one)."""
    _SOURCES[:] = [source for source in _SOURCES if source.name != name]


def data_sources() -> list[DataSource]:
    """The registered sources in the order they are asked: by priority, then registration."""
    return sorted(_SOURCES, key=lambda source: -source.priority)


def file_sources() -> list[DataSource]:
    """The sources that open files by their suffix, in the order they were registered (the
    order the Open dialog lists them)."""
    return [source for source in _SOURCES if source.suffixes]


def opens_by_suffix(path: Location) -> bool:
    """Whether ``path`` has the suffix of a file a source opens (what a drop may open)."""
    name = str(path).lower()
    return any(name.endswith(source.suffixes) for source in file_sources())


def source_for(location: Location) -> DataSource:
    """The source that opens ``location``, or a DatasetError of one line saying none does."""
    for source in data_sources():
        if source.handles(location):
            return source
    known = " or ".join(source.description for source in data_sources()) or "(none registered)"
    what = "no data source opens" if os.path.lexists(location) else "file not found:"
    raise DatasetError([Problem("", "", "", f"{what} {location}; a dataset is {known}")])


def open_location(location: Location) -> Dataset:
    """The validated Dataset at ``location``, read by the source that handles it."""
    return source_for(location).open(location)


def as_location(text: str) -> Location:
    """What a word of the command line names: the text itself for a source whose locations
    are texts (a database), else a Path."""
    textual = next((source.textual for source in data_sources() if source.handles(text)), False)
    return text if textual else Path(text)


def shown_location(location: Location) -> str:
    """``location`` as it may be shown, logged or saved: its source's ``shown`` (a database
    location without its password), the text itself for a location no source handles."""
    try:
        source = source_for(location)
    except DatasetError:
        return str(location)
    return source.shown(location)


def identity_of(location: Location) -> str:
    """The identity of what ``location`` holds, from the source that handles it."""
    return source_for(location).identity(location)


# The sources the app ships. A new source: its module in this package, and one line here.
BUILT_IN_SOURCES = (
    "geodata.sources.gpkg",
    "geodata.sources.postgis",
    "geodata.sources.spreadsheet",
)
for _module in BUILT_IN_SOURCES:
    importlib.import_module(_module)
