"""A dataset as the desktop holds it: the data, and what the desktop derives from it.

The data layer keeps its own indexes privately; everything the desktop makes from a dataset
(the file's digest, the map page's JSON, the panels' lookups) lives here, on one object the
window owns and drops with the dataset, instead of on the dataset itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from geodata import Dataset

Derived = TypeVar("Derived")


@dataclass(frozen=True, eq=False)
class LoadedDataset:
    """One opened dataset and what was made from it; its fields never change, what is
    derived later (page data in another language, panel lookups) is added beside them.

    ``digest``: the file's key in the kept page data (desktop/map/page_cache.py), known for
    the dataset the app started with; None otherwise. ``page_json``: the map page's data,
    made off the GUI thread by the loader (or kept from the last quit); None only for a
    dataset wrapped here without a loader (tests).
    """

    dataset: Dataset
    digest: str | None = None
    page_json: str | None = None
    language: str = "en"
    """The language the loader's ``page_json`` names things in (see page_json_in)."""
    notices: tuple[str, ...] = ()
    """What its data source said while opening it (geodata.errors.DatasetNotice): the window
    shows them."""
    _derived: dict = field(default_factory=dict, init=False, repr=False)

    def derived(self, build: Callable[..., Derived], *args: Hashable) -> Derived:
        """``build(dataset, *args)``, made on first use and kept for this dataset's life.

        Kept under the function itself (and its arguments): each module's derived data is
        reached only through its own builder, so no two modules share names or entries.
        """
        key = (build, args)
        if key not in self._derived:
            self._derived[key] = build(self.dataset, *args)
        return self._derived[key]

    def page_json_in(self, language: str, build: Callable[[Dataset, str], str]) -> str:
        """The map page's data in ``language``: the loader's own when made in it, else
        ``build(dataset, language)``, made once per language (a switch back costs nothing)."""
        if self.page_json is not None and language == self.language:
            return self.page_json
        return self.derived(build, language)
