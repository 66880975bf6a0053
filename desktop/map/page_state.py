"""The JSON the map page's ``clusterMap.setState`` receives, built from plain data (no Qt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geodata import Dataset, Filter


def map_state(ds: Dataset, flt: Filter, selected_tieup: str | None, show_tieups: bool,
              show_prefectures: bool) -> dict:
    """What the page must show: visible markers and arcs, shading counts, the selection.

    The sequence number and viewport are added when it is sent (MapController), so the same
    state can also be kept on disk for the next start (page_cache)."""
    from geodata.queries import bureau_project_counts, run_query  # loaded with the data

    scope = run_query(ds, flt.scope)
    return {
        "visible_projects": scope.project_ids,
        "visible_tieups": scope.tieups["tieup_id"].tolist(),
        "bureau_counts": bureau_project_counts(ds, flt),
        "fields": sorted(flt.fields),
        "selected_bureau": flt.bureau_id,
        "selected_project": flt.project_id,
        "selected_tieup": selected_tieup,
        "show_tieups": bool(show_tieups),
        "show_prefectures": bool(show_prefectures),
    }
