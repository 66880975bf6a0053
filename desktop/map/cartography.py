"""How the map looks, in one place for the two things that draw it.

The window's Leaflet page receives this with its data (``page_data``), and the exports paint
with it (``export/map_painter.py``), so a slide shows the colours, widths and radii the user
saw on screen. Widths and radii are CSS pixels; opacities 0–1. No Qt here.
"""

MAP_STYLE = {
    "export_background": "#ffffff",
    "fallback_color": "#555555",
    "country": {"fillColor": "#e4e4e0", "fillOpacity": 1, "color": "#ffffff", "weight": 0.6},
    "bureau": {
        "fallbackFill": "#dddddd",
        "fillOpacity": 0.6, "emptyFillOpacity": 0.22, "selectedFillOpacity": 0.85,
        "color": "#7d8a99", "weight": 1, "selectedColor": "#1d2b3a", "selectedWeight": 3,
        "hoverColor": "#3c4b5c", "hoverWeight": 2,
    },
    "prefecture": {"color": "#8d949c", "weight": 0.6, "opacity": 0.8},
    "project": {
        "radius": 6.5, "selectedRadius": 10, "fillOpacity": 0.95,
        "color": "#ffffff", "weight": 1.5, "selectedColor": "#111111", "selectedWeight": 3,
    },
    "arc": {"weight": 1.8, "opacity": 0.75, "selectedColor": "#111111", "selectedWeight": 4},
    "partner": {"radius": 4, "fillOpacity": 0.9, "color": "#ffffff", "weight": 1},
    # Bureau names only help once Japan is big enough to hold them (a Leaflet zoom level).
    "labelMinZoom": 4.5,
}
