"""The JSON the map page's ``clusterMap.setState`` receives, built from plain data (no Qt)."""

from geodata import Dataset, Filter, run_query
from geodata.queries import bureau_project_counts


def map_state(ds: Dataset, flt: Filter, selected_tieup: str | None, show_tieups: bool,
              show_prefectures: bool, seq: int) -> dict:
    """What the page must show: visible markers and arcs, shading counts, the selection."""
    scope = run_query(ds, flt.scope)
    return {
        "seq": seq,
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
