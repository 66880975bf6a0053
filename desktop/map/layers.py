"""The map's layers as both renderers draw them: where each bureau's name goes, which
organisations the organisation layer shows, countries moved east of the antimeridian.

Below page_data (which serialises them for the page) and the export painter, so the painter
does not import the page's serialiser. What costs time is made once per dataset and kept
with the dataset's own indexes (geodata.queries.dataset_indexes), which live and die with
the dataset: no cache keyed by ``id()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from desktop.map import cartography
from desktop.map.labels import bureau_label_point
from geodata.queries import dataset_indexes

if TYPE_CHECKING:
    from geodata import Dataset


def unwrapped(geometries: np.ndarray) -> np.ndarray:
    """Shift the polygon parts of the western hemisphere east by 360° (as
    cartography.unwrap_lon does to a point: where the part's centroid is).

    Vectorised over every part at once: per-part Python took 0.3 s for the world's countries.
    """
    parts, owner = shapely.get_parts(geometries, return_index=True)
    polygons = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, owner = parts[polygons], owner[polygons]
    west = shapely.get_x(shapely.centroid(parts)) < cartography.UNWRAP_WEST_OF
    parts[west] = shapely.transform(parts[west], lambda xy: xy + (360.0, 0.0))
    moved = np.full(len(geometries), None, dtype=object)  # owners without polygons stay None
    if len(parts):
        shapely.multipolygons(parts, indices=owner, out=moved)
    return moved


def bureau_label_points(ds: Dataset, inputs: list[tuple] | None = None) -> tuple:
    """Where each bureau's name goes: inside its largest island, so Kyushu's name is not
    put in the sea between its islands, and away from its project markers
    (labels.bureau_label_point). The page and the exports use the same points, placed once
    per dataset: clear of 100,000 markers that takes about 0.05 s (labels.marker_cover).

    ``inputs`` (label_inputs, read on the calling thread) lets page_data place them on
    another thread: geometry only, GEOS lets go of the GIL."""
    indexes = dataset_indexes(ds)
    if inputs is None and not indexes.has_built(_placed_label_points):
        inputs = label_inputs(ds)
    return indexes.built(_placed_label_points, inputs)


def label_inputs(ds: Dataset) -> list[tuple]:
    """(shape, marker lons, marker lats) per bureau, as plain arrays: what placing its
    label needs, read from the tables."""
    import pandas as pd

    projects = ds.projects
    points = np.asarray(projects.geometry.array)
    lons, lats = shapely.get_x(points), shapely.get_y(points)
    # each project's bureau as its row in the bureaus, then the projects in bureau order
    # (stable: a bureau's markers keep the projects' order): one pass, not one per bureau
    owners = pd.Index(ds.bureaus["bureau_id"]).get_indexer(projects["bureau_id"])
    order = np.argsort(owners, kind="stable")
    bounds = np.searchsorted(owners[order], np.arange(len(ds.bureaus) + 1))
    return [(shape, lons[order[start:end]], lats[order[start:end]])
            for shape, start, end in zip(ds.bureaus.geometry, bounds[:-1], bounds[1:],
                                         strict=True)]


def _placed_label_points(_ds: Dataset, inputs: list[tuple]) -> tuple:
    return tuple(bureau_label_point(shape, lons, lats) for shape, lons, lats in inputs)


def imported_organisations(ds: Dataset):
    """The participants an organisation list placed (cartography.imported_rows), in the
    dataset's order: the map's organisation layer, on the page and in the exports. Made once
    per dataset: finding them among 100,000 participants took 20 ms on every click."""
    return dataset_indexes(ds).built(_imported_organisations)


def imported_organisation_columns(ds: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of ``imported_organisations``: their ids, their kinds and their projects' row positions
    in the projects layer (a project not in it: a position past the last, never shown), made
    once per dataset, so a click picks the shown ones by indexing a project mask."""
    return dataset_indexes(ds).built(_imported_organisation_columns)


def _imported_organisation_columns(ds: Dataset):
    import pandas as pd

    organisations = imported_organisations(ds)
    positions = pd.Index(ds.projects["project_id"]).get_indexer(organisations["project_id"])
    positions[positions < 0] = len(ds.projects)
    return (organisations["participant_id"].to_numpy(dtype=object),
            organisations["kind"].to_numpy(dtype=object), positions)


def _imported_organisations(ds: Dataset):
    participants = ds.participants
    return participants[cartography.imported_rows(participants["location_basis"])]
