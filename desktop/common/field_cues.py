"""Which glyph marks each field beside its colour, and in which ink: one rule for every view.

Colour alone does not tell the fields apart for readers who see colours differently (about one
man in twenty), so each field also has a glyph. The map's markers and legend
(``desktop/map/cartography.py`` re-exports this rule to the page and the exports), the Filters
panel's swatches and the charts' bars all take a field's glyph from here, so a field looks the
same wherever it is drawn. Plain Python, no Qt: ``desktop/common/glyph_drawing.py`` strokes
the glyphs with QPainter.
"""

from __future__ import annotations

from collections.abc import Iterable

# A field's glyph: a second carrier of the field beside its colour, for readers who tell the
# colours apart poorly (about one man in twenty). Each is a few strokes in a box from -1 to 1
# (y down), drawn inside the marker at GLYPH["scale"] of its radius, in the ink that stands
# out on its fill (glyph_ink); the legend's swatches carry the same. Always drawn, as a map
# designer would: strokes this small keep the marker's colour first, and a map that needs a
# switch to be read is not read by those who do not know of the switch.
GLYPHS = {
    "hbar": [[[-1, 0], [1, 0]]],
    "vbar": [[[0, -1], [0, 1]]],
    "plus": [[[-1, 0], [1, 0]], [[0, -1], [0, 1]]],
    "cross": [[[-0.8, -0.8], [0.8, 0.8]], [[-0.8, 0.8], [0.8, -0.8]]],
    "slash": [[[-0.8, 0.8], [0.8, -0.8]]],
    "square": [[[-0.7, -0.7], [0.7, -0.7], [0.7, 0.7], [-0.7, 0.7], [-0.7, -0.7]]],
    "chevron": [[[-0.85, 0.45], [0, -0.45], [0.85, 0.45]]],
    "equals": [[[-0.9, -0.45], [0.9, -0.45]], [[-0.9, 0.45], [0.9, 0.45]]],
    "triangle": [[[0, -0.85], [0.85, 0.65], [-0.85, 0.65], [0, -0.85]]],
    "backslash": [[[-0.8, -0.8], [0.8, 0.8]]],
}
GLYPH = {"scale": 0.55, "weight": 1.3, "dark_ink": "#222222", "light_ink": "#ffffff",
         "swatch": 11}  # the legend swatch's diameter (CSS px), glyph inside


def field_glyphs(field_order: Iterable[str]) -> dict[str, str]:
    """field_id → its glyph: the fields in the legend's order take GLYPHS in turn (a dataset
    of more fields than glyphs starts the list again; their colours still differ)."""
    names = list(GLYPHS)
    return {field_id: names[index % len(names)] for index, field_id in enumerate(field_order)}


def glyph_ink(fill: str) -> str:
    """The glyph's colour on ``fill``: dark on a light fill, white on a dark one (by the
    fill's relative luminance, WCAG's formula)."""
    red, green, blue = (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return GLYPH["dark_ink"] if luminance > 0.3 else GLYPH["light_ink"]


def in_legend_order(fields):
    """The dataset's fields table (a DataFrame) in the order legends list them."""
    return fields.sort_values("sort_order", na_position="last")



def legend_field_glyphs(fields) -> dict[str, str]:
    """field_id → its glyph for a dataset's fields table (a DataFrame), taken in the legend's
    order: what the map, its legend, the Filters panel and the charts all show."""
    return field_glyphs(in_legend_order(fields)["field_id"])


def series_glyphs(series_names: Iterable[str]) -> dict[str, str]:
    """A chart's series → the glyph its bars or points carry beside their colour: GLYPHS in
    turn, as the fields take them, so two series stay apart for a reader who cannot tell their
    colours apart (companies and universities side by side, two lines of the network)."""
    return field_glyphs(series_names)
