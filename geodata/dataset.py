"""The loaded dataset: validated, typed GeoDataFrames and the lookups the UI needs.

A Dataset is made by a data source (geodata/sources/) and reached through ``load_dataset``
(geodata/loading.py); this module knows neither, so the sources can build one.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.reading import empty_layer


@dataclass(frozen=True)
class DatabaseOrigin:
    """Where a dataset read from a database came from, for the window and the command line."""

    location: str
    """The database location without its password: safe to show, log and save."""
    copy_saved: datetime
    """When the offline copy (``Dataset.path``) was last written from the database (UTC)."""
    offline_reason: str | None = None
    """Why the database could not be reached, when this is the offline copy; else None."""
    copy_pending: bool = False
    """Whether the offline copy of what was just read is still to be written (the window
    writes it once the map is drawn): until then the copy on disk may be older."""


@dataclass(frozen=True)
class Dataset:
    """All layers of one dataset, in EPSG:4326, with ``programs``/``fields`` as id lists."""

    path: Path
    info: dict[str, str]
    sources: pd.DataFrame
    fields: pd.DataFrame
    bureaus: gpd.GeoDataFrame
    prefectures: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    programs: pd.DataFrame
    projects: gpd.GeoDataFrame
    participants: gpd.GeoDataFrame
    participant_counts: pd.DataFrame
    tieups: gpd.GeoDataFrame
    achievements: pd.DataFrame
    national_figures: pd.DataFrame
    origin: DatabaseOrigin | None = None
    """Set for a dataset read from a database (``path`` is then its offline copy)."""
    places: gpd.GeoDataFrame = field(default_factory=lambda: empty_layer("places"))
    """GeoNames populated places (the gazetteer of list imports); empty in a file without."""
    # geodata/queries.py's per-dataset index and memo, and nothing else: kept on the dataset so
    # they live and die with it; a ``dataclasses.replace`` copy starts without (see queries.py).
    _indexes: object = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def filter_programs(self) -> pd.DataFrame:
        """The programs a project can belong to, the ones offered as filters.

        ``programs`` also holds policy phases, national bodies, measures and activities the
        sources describe (its ``kind`` column); a project never lists those, so as filters
        they would only ever show nothing.
        """
        if "kind" not in self.programs:
            return self.programs
        kind = self.programs["kind"]
        return self.programs[kind.isna() | (kind == "program")]

    @cached_property
    def field_colors(self) -> dict[str, str]:
        return dict(zip(self.fields["field_id"], self.fields["color"], strict=True))

    @cached_property
    def source_titles(self) -> dict[str, str]:
        return dict(zip(self.sources["source_id"], self.sources["title"], strict=True))

    @cached_property
    def bureau_names(self) -> dict[str, str]:
        return dict(zip(self.bureaus["bureau_id"], self.bureaus["name_en"], strict=True))

    @cached_property
    def project_names(self) -> dict[str, str]:
        return dict(zip(self.projects["project_id"], self.projects["name_en"], strict=True))

    def summary(self) -> str:
        """One line saying what the dataset holds, for `validate` and the status bar."""
        return (
            f"{len(self.projects)} projects, {len(self.participants)} named participants, "
            f"{len(self.tieups)} tie-ups, {len(self.achievements)} achievements, "
            f"{len(self.programs)} programs, {len(self.sources)} sources, "
            f"{len(self.bureaus)} bureaus, {len(self.prefectures)} prefectures"
        )
