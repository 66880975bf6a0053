"""The source caption under an exported map: the documents its data comes from, the map's
boundaries, and the place names' credit when it names places (which needs the map framed,
export/place_names.py, so it lives above the spec, not in it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.common.figures_text import date_text
from desktop.common.i18n import speaker
from desktop.export.place_names import places_named
from desktop.export.plain_text import printable
from desktop.export.spec import ExportSpec
from geodata import run_query
from geodata.values import Filter

if TYPE_CHECKING:
    from geodata import Dataset


def caption_for(ds: Dataset, spec: ExportSpec) -> str:
    """The source caption an export shows, printable and bounded like every export text;
    it credits GeoNames when the export names places (export/place_names.py)."""
    return printable(source_caption(ds, spec.filter, spec.show_tieups, spec.language,
                                    places=places_named(ds, spec)))


def source_caption(ds: Dataset, flt: Filter, show_tieups: bool, language: str = "en",
                   places: bool = False) -> str:
    """'Sources: …' naming the documents the shown data comes from, and with ``places`` the
    place names' source (cartography.PLACES_ATTRIBUTION: CC BY 4.0 asks for the credit)."""
    result = run_query(ds, flt)
    used = set(result.source_ids)
    if not show_tieups:
        used -= set(result.tieups["source_id"]) - set().union(
            result.projects["source_id"], result.participants["source_id"],
            result.achievements["source_id"])
    rows = ds.sources[ds.sources["source_id"].isin(used)]
    words = speaker(language)
    cited = words.translate("Export", "; ").join(
        f"“{row.title}” ({date_text(row.date, language)})" for row in rows.itertuples())
    cited = cited or words.translate("Export", "none")
    if places:
        return words.translate("Export", "Sources: {cited}. Boundaries: Natural Earth. Places: "
                                         "© OpenStreetMap contributors (ODbL), GeoNames "
                                         "(CC BY 4.0).").format(cited=cited)
    return words.translate("Export", "Sources: {cited}. Boundaries: Natural Earth.").format(
        cited=cited)
