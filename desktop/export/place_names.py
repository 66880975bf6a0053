"""Which place names an export draws: the page's rule (map/places.py) at the export's scale.

The painter draws them (map_painter.py) and the caption credits GeoNames when it does
(captions.caption_for), so both ask here. No Qt: the names' sizes come from the painter's font.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.export.map_frame import fitted_frame
from desktop.map.places import places_in_view

if TYPE_CHECKING:
    import pandas as pd

    from desktop.export.map_frame import MapFrame
    from desktop.export.spec import ExportSpec
    from geodata import Dataset


def candidate_places(ds: Dataset, spec: ExportSpec, frame: MapFrame | None = None
                     ) -> pd.DataFrame:
    """The places the export tries to name, most populous first (places.places_in_view at
    the frame's zoom and area); none when the spec leaves place names out."""
    frame = frame if frame is not None else fitted_frame(ds, spec)
    table = places_in_view(ds, spec.language, frame.zoom, frame.degree_bounds())
    return table if spec.show_places else table.head(0)


def places_named(ds: Dataset, spec: ExportSpec) -> bool:
    """Whether the export names places (the caption's credit to GeoNames follows it)."""
    return spec.show_places and not ds.places.empty and not candidate_places(ds, spec).empty
