"""Which place names the map shows at a zoom: one rule for the page and the exports.

The dataset's ``places`` layer (GeoNames' populated places, CC BY 4.0) names the cities, towns
and villages around the projects. Showing all 2,000 at the whole country's zoom would bury the
map, so a place is shown from the zoom its population earns (cartography.MAP_STYLE["place"]
``from_zoom``: the dozen cities of a million at the country's zoom, every village close up).
The page gets each place's zoom with its data and the export asks ``places_in_view`` for its
own scale; both then place the names greedily, most populous first (labels.py, and the page's
own pass with the text measured in its font). No Qt here.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np

from desktop.map.cartography import MAP_STYLE, unwrap_lons
from geodata.names import display_names

if TYPE_CHECKING:
    import pandas as pd

    from geodata import Dataset

def shown_from_zoom(populations) -> np.ndarray:
    """The zoom from which each place is named: the first ``from_zoom`` step whose least
    population it reaches (a place without a population: the last step, with every place)."""
    steps = MAP_STYLE["place"]["from_zoom"]
    people = np.nan_to_num(np.asarray(populations, dtype=float), nan=0.0)
    zooms = np.full(len(people), float(steps[-1][0]))
    for zoom, least in reversed(steps):
        zooms[people >= least] = float(zoom)
    return zooms


_tables: dict = {}
"""The last dataset's place tables by language (with a weak reference to the dataset, to know
it without keeping it alive): an export asks for its places several times (the painter, the
caption's credit)."""


def place_table(ds: Dataset, language: str) -> pd.DataFrame:
    """place_table_made, kept for the last dataset asked about (the caller must not change
    the table)."""
    known = _tables.get(language)
    if known is not None and known[0]() is ds:
        return known[1]
    table = place_table_made(ds, language)
    _tables[language] = (weakref.ref(ds), table)
    return table


def place_table_made(ds: Dataset, language: str) -> pd.DataFrame:
    """The places as the map names them, most populous first: ``name`` in ``language``
    (its Japanese spelling in Japanese when GeoNames gives one), ``lon`` (as drawn), ``lat``
    and ``zoom`` (shown_from_zoom). Empty for a dataset without places."""
    import pandas as pd

    places = ds.places
    if places.empty:
        return pd.DataFrame({"name": [], "lon": [], "lat": [], "zoom": []})
    population = places["population"].astype(float).fillna(0.0)
    table = pd.DataFrame({
        "name": display_names(places, language).to_numpy(),
        "lon": unwrap_lons(places.geometry.x.to_numpy()),
        "lat": places.geometry.y.to_numpy(),
        "zoom": shown_from_zoom(population),
        "population": population.to_numpy(),
    })
    table = table[table["name"].map(lambda name: isinstance(name, str) and bool(name.strip()))]
    # ties by name, so the same places win on every run and in both renderers
    return (table.sort_values(["population", "name"], ascending=[False, True], kind="stable")
            .drop(columns="population").reset_index(drop=True))


def places_in_view(ds: Dataset, language: str, zoom: float,
                   bounds: tuple[float, float, float, float]) -> pd.DataFrame:
    """The places named at ``zoom`` inside ``bounds`` (west, south, east, north, longitudes as
    drawn), most populous first, at most ``most_tried`` of them (each one is measured)."""
    table = place_table(ds, language)
    west, south, east, north = bounds
    inside = ((table["zoom"] <= zoom) & table["lon"].between(west, east)
              & table["lat"].between(south, north))
    return table[inside].head(MAP_STYLE["place"]["most_tried"]).reset_index(drop=True)
