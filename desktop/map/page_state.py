"""The JSON the map page's ``clusterMap.setState`` receives, built from plain data (no Qt).

The map's rules (cartography.py) are applied here, not in the page: which colour each marker
takes, which fields the legend lists, which look each bureau area has. The page only draws
what it is told, so it cannot disagree with the exports, which apply the same rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from desktop.map import cartography

if TYPE_CHECKING:
    from geodata import Dataset, Filter


@dataclass(frozen=True)
class MapState:
    """Everything ``clusterMap.setState`` reads: the page's ``var state`` has exactly these
    keys (tests/webengine/test_page_contract.py) and reports any other key it is sent.

    Built by map_state; the view's own choices (place names, organisations) are set when it
    is sent (MapController), and the sequence number and viewport travel beside it
    (page_json), so a state kept on disk for the next start (page_cache) holds neither."""

    visible_projects: list
    visible_tieups: list
    marker_colors: dict
    marker_glyph_fields: dict
    legend_fields: list
    bureau_counts: dict
    bureau_looks: dict
    selected_bureau: str | None
    selected_project: str | None
    selected_tieup: str | None
    visible_organisations: list
    organisation_legend: list
    selected_organisation: str | None
    show_tieups: bool
    show_prefectures: bool
    show_places: bool = True
    show_organisations: bool = True

    @classmethod
    def keys(cls) -> list[str]:
        """The page state's keys, in declaration order."""
        return [field.name for field in fields(cls)]

    def as_dict(self) -> dict:
        """The fields by name, values shared (no deep copy of 100,000 project ids)."""
        return {name: getattr(self, name) for name in self.keys()}

    @classmethod
    def from_kept(cls, kept: dict) -> MapState | None:
        """A state kept on disk (as_dict), or None when it was kept with other keys (an
        older version's): such a state is not drawn, the dataset's own follows."""
        try:
            return cls(**kept)
        except TypeError:
            return None

    def with_view(self, show_places: bool, show_organisations: bool) -> MapState:
        return replace(self, show_places=bool(show_places),
                       show_organisations=bool(show_organisations))

    def page_json(self, seq: int, viewport: list[int] | None) -> str:
        """The one serialisation of a state for the page: its fields, plus the sequence
        number the page acknowledges and the viewport it must be drawn at."""
        return json.dumps({**self.as_dict(), "seq": seq, "viewport": viewport})


def _first_fields_of(ds: Dataset, positions) -> set[str]:
    """The first fields of the projects at ``positions`` (rows of the projects layer): the
    colours their markers take with no field filter. From each project's first field as a
    code made once per dataset (a set of 100,000 first items took 80 ms a click)."""
    import numpy as np

    from geodata.queries import dataset_indexes

    codes, names = dataset_indexes(ds).built(_first_field_codes)
    present = np.unique(codes[positions])
    return {names[code] for code in present.tolist() if code >= 0}


def _first_field_codes(ds: Dataset):
    """(per project, the code of its first field, -1 with none; the fields by code)."""
    import numpy as np
    import pandas as pd

    firsts = [fields[0] if len(fields) else None for fields in ds.projects["fields"]]
    codes, names = pd.factorize(pd.Series(firsts, dtype=object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), [str(name) for name in names]


def map_state(ds: Dataset, flt: Filter, selected_tieup: str | None, show_tieups: bool,
              show_prefectures: bool, selected_organisation: str | None = None) -> MapState:
    """What the page must show: visible markers and arcs, their colours, the legend, the
    bureaus' shading, the selection. The arcs are the selection's own (framing.shown_tieups);
    the imported organisations shown are those of the projects shown.

    ``marker_colors`` names only the markers drawn in another colour than their project's own
    (its first field's, the ``color`` of the page data): with no field filter it is empty, so
    a state for 10,000 projects does not carry 10,000 colours on every click.

    The view's choices, sequence number and viewport are added when it is sent
    (MapController), so the same state can also be kept on disk for the next start."""
    from geodata.queries import bureau_project_counts, run_query  # loaded with the data

    # the scope's columns as arrays: selecting the GeoDataFrame's rows cost ~3 ms a click
    scope = run_query(ds, flt.scope)
    project_ids = scope.project_ids
    project_fields = scope.column("projects", "fields")
    if flt.fields:
        marker_fields = [cartography.marker_field(fields, flt.fields)
                         for fields in project_fields]
        recoloured, refielded = _recoloured_markers(ds, project_ids, project_fields,
                                                    marker_fields)
    else:  # every marker takes its first field's colour: 10,000 calls saved per click
        marker_fields = _first_fields_of(ds, scope.project_positions)
        recoloured, refielded = {}, {}
    counts = bureau_project_counts(ds, flt)
    organisation_ids, organisation_kinds = _shown_organisation_columns(ds, scope)
    return MapState(
        visible_projects=project_ids,
        visible_tieups=_shown_tieup_ids(ds, flt),
        marker_colors=recoloured,
        marker_glyph_fields=refielded,
        legend_fields=cartography.legend_fields(
            cartography.in_legend_order(ds.fields)["field_id"], marker_fields),
        bureau_counts=counts,
        bureau_looks={bureau_id: cartography.bureau_look(bureau_id == flt.bureau_id, count)
                      for bureau_id, count in counts.items()},
        selected_bureau=flt.bureau_id,
        selected_project=flt.project_id,
        selected_tieup=selected_tieup,
        visible_organisations=organisation_ids,
        organisation_legend=cartography.organisation_legend(organisation_kinds),
        selected_organisation=selected_organisation,
        show_tieups=bool(show_tieups),
        show_prefectures=bool(show_prefectures),
    )


def shown_organisations(ds: Dataset, project_ids):
    """The imported organisations (layers.imported_organisations) of these projects: the
    organisation layer shows a project's organisations while the project is shown."""
    from desktop.map.layers import imported_organisations

    organisations = imported_organisations(ds)
    return organisations[organisations["project_id"].isin(project_ids).to_numpy(dtype=bool)]


def _shown_organisation_columns(ds: Dataset, scope) -> tuple[list, object]:
    """The ids and kinds of ``shown_organisations`` for a scope's query result, picked with
    the scope's project mask (an ``isin`` over 10,000 project ids cost ~2 ms a click)."""
    from desktop.map.layers import imported_organisation_columns

    ids, kinds, project_positions = imported_organisation_columns(ds)
    if not len(ids):
        return [], kinds
    shown = scope.project_mask[project_positions]
    return ids[shown].tolist(), kinds[shown]


def _recoloured_markers(ds: Dataset, project_ids, project_fields,
                        marker_fields: list[str | None]) -> tuple[dict, dict]:
    """project_id → colour, and project_id → the field whose glyph it takes, for the projects
    a field filter colours by a later field."""
    colors = ds.field_colors
    later = {project_id: shown
             for project_id, fields, shown in zip(project_ids, project_fields, marker_fields,
                                                  strict=True)
             if len(fields) and shown != fields[0]}
    return ({project_id: cartography.field_color(colors, shown)
             for project_id, shown in later.items()}, later)


def _shown_tieup_ids(ds, flt) -> list[str]:
    """The selection's own arcs (framing.shown_tieups), imported here: framing needs numpy and
    shapely, which the window must not import before the data layer has loaded."""
    from desktop.map.framing import shown_tieup_ids

    return shown_tieup_ids(ds, flt)
