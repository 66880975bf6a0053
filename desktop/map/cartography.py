"""How the map looks and is framed, in one place for the two things that draw it.

The window's Leaflet page and the exports (``export/map_painter.py``) must agree on colours,
widths, which field colours a marker, which fields the legend lists, how a view is framed and
where the antimeridian is cut, so a slide shows what the user saw on screen. Every such rule
lives here once, in plain Python: the page receives the constants with its data
(``page_data``: ``style``, framing included) and the rules' results with each state
(``page_state``: ``marker_colors``, ``legend_fields``, ``bureau_looks``); the page only applies
them. Widths, radii and paddings are CSS pixels; opacities 0–1. No Qt here. The field glyph
rule (GLYPHS, field_glyphs, glyph_ink) lives in ``desktop/common/field_cues.py``, where the
panels reach it too, and is re-exported here for the page and the exports.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from desktop.common.field_cues import GLYPH as GLYPH
from desktop.common.field_cues import GLYPHS as GLYPHS
from desktop.common.field_cues import field_glyphs as field_glyphs
from desktop.common.field_cues import glyph_ink as glyph_ink
from desktop.common.field_cues import in_legend_order as in_legend_order
from geodata.names import JAPANESE, display_name, display_names
from geodata.vocabulary import IMPORTED_LOCATION_BASES, PARTICIPANT_KIND_SINGULAR

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

FALLBACK_COLOR = "#555555"
"""A project or tie-up whose field has no colour (or no field at all)."""
_BRACKETED_GLOSS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
"""A name's gloss in brackets at its end, dropped from a legend label."""

# The page is centred on Japan; anything west of this longitude is drawn east of the
# antimeridian (longitude + 360) so the Pacific and the Americas are continuous.
UNWRAP_WEST_OF = -30.0

_BUREAU_EDGE = {"color": "#7d8a99", "weight": 1, "opacity": 1}
_PROJECT_FILL = {"fillOpacity": 0.95}

FRAMING = {
    # Space kept around what is framed: Japan, one bureau, the partners abroad, or exactly
    # the window's own area (an export of what is on screen).
    "padding": {"japan": 12, "bureau": 24, "tieups": 24, "window": 0},
    # Europe to the Americas east of Japan (~300° of longitude) in a window 800 px wide;
    # at 2 a narrow window cut the European partners off at its left edge.
    "min_zoom": 1,
    "max_zoom": 12,   # a town: finer than the boundaries' detail
}

# An imported organisation's fill by its kind's class (organisation_class): tones of one grey,
# told apart by lightness, so no kind is read as a field. Listed in the legend's order.
ORGANISATION_FILLS = {
    "company": "#3a4550",
    "university": "#ffffff",
    "research-institute": "#a9b3bd",
    "other": "#e2d6bf",
}

MAP_STYLE = {
    "export_background": "#ffffff",
    "country": {"fillColor": "#e4e4e0", "fillOpacity": 1, "color": "#ffffff", "weight": 0.6},
    # Bureau areas: one look per condition (see bureau_look); the fill is the bureau's colour.
    "bureau": {
        "normal": {"fillOpacity": 0.6, **_BUREAU_EDGE},
        "empty": {"fillOpacity": 0.22, **_BUREAU_EDGE},  # no project shown in it
        "selected": {"fillOpacity": 0.85, "color": "#1d2b3a", "weight": 3, "opacity": 1},
        "hover": {"color": "#3c4b5c", "weight": 2},  # the page only: a pointer over it
    },
    "bureau_fallback_fill": "#dddddd",
    # The page only: the keyboard's focus ring round a bureau (arrow keys on the map), a light
    # line under dark dashes, seen on every fill and over the selected bureau's edge.
    "focus_ring": {"under": {"color": "#ffffff", "weight": 6, "opacity": 1},
                   "over": {"color": "#1d2b3a", "weight": 4, "opacity": 1, "dashArray": "7 5"}},
    "prefecture": {"color": "#8d949c", "weight": 0.6, "opacity": 0.8},
    # Project markers; the fill is the colour of the marker's field (see marker_field).
    "project": {
        "normal": {"radius": 6.5, "color": "#ffffff", "weight": 1.5, **_PROJECT_FILL},
        "selected": {"radius": 10, "color": "#111111", "weight": 3, **_PROJECT_FILL},
    },
    # Tie-up arcs; a normal arc has its field's colour, the selected one its own.
    "arc": {
        "normal": {"weight": 1.8, "opacity": 0.75},
        "selected": {"color": "#111111", "weight": 4, "opacity": 1},
    },
    "partner": {"radius": 4, "fillOpacity": 0.9, "color": "#ffffff", "weight": 1},
    # Imported organisations (organisation_shown): small squares under the project markers,
    # quiet beside them — no field colour, a dark edge, the fill a grey tone per kind
    # (ORGANISATION_FILLS). ``radius`` is half the square's side, so a pointer hits it as a
    # marker of that radius.
    "organisation": {
        "normal": {"shape": "square", "radius": 3.5, "color": "#3a4550", "weight": 1,
                   "fillOpacity": 0.95},
        "selected": {"shape": "square", "radius": 6, "color": "#111111", "weight": 2.5,
                     "fillOpacity": 1},
    },
    "organisation_fills": ORGANISATION_FILLS,
    # A partner place's name: beside its point, this many pixels from its centre, on the first
    # free one of ``sides`` ((x, y), y down: right-above first, as cartographers place point
    # names; map/labels.py); at most ``most_tried`` places (those with the most tie-ups) are
    # tried, each one measured.
    "partner_label": {"gap": 6, "color": "#44525f", "most_tried": 80,
                      "sides": [[1, -1], [1, 1], [-1, -1], [-1, 1], [1, 0], [-1, 0], [0, -1],
                                [0, 1]]},
    # Bureau names only help once Japan is big enough to hold them (a Leaflet zoom level).
    "label_min_zoom": 4.5,
    "bureau_label": {"name_color": "#2b3845", "local_name_color": "#44525f",
                     # the page only: where a name may go when markers lie on its place,
                     # nearest first, in the name's widths and heights (placeBureauNames)
                     "shifts": [[0, 0], [0, -0.8], [0, 0.8], [-0.7, 0], [0.7, 0],
                                [-0.7, -0.8], [0.7, -0.8], [-0.7, 0.8], [0.7, 0.8], [0, -1.6],
                                [0, 1.6], [-1.2, 0], [1.2, 0], [-1.2, -1.6], [1.2, -1.6],
                                [-1.2, 1.6], [1.2, 1.6]]},
    "scale_bar_max_width": 160,  # Leaflet's scale control and the exports' scale bar
    "control_margin": 10,  # Leaflet's gap between a control (the legend) and the map's edge
    # Place names (GeoNames' populated places, map/places.py): a small dot and the name, under
    # the project markers. ``from_zoom`` is [zoom, least population] from the whole country
    # (zoom 4-5: the dozen cities of a million) to close zooms (every place); the names are
    # then placed greedily, most populous first, each at the first of ``sides`` clear of the
    # names and dots placed before it (map/labels.place_point_labels); at most ``most_tried``
    # places in view are tried, each one measured.
    "place": {"from_zoom": [[4, 1_000_000], [6, 300_000], [7, 100_000], [8, 30_000],
                            [9, 0]],
              "dot_radius": 2.5, "dot_color": "#4a5560", "color": "#3a4550",
              "font_size": 11, "line_height": 14, "gap": 3, "most_tried": 250,
              # how much further out (px) the name of a city that must be named may move
              "rings": [0, 6, 13, 22, 34],
              "sides": [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1],
                        [-1, 1]]},
    "framing": FRAMING,
}


# The text's look on the page and in the exports: the legend's box, its text and swatch
# edges, the white halo round every name. The painter draws with these; page_builder writes
# them into the page's shell as CSS custom properties (page_css_variables), which
# cluster_map.css uses, so neither states them again. Text sizes differ by medium: pixels on
# screen (PAGE_TEXT_PX) and points where an export is shown (TEXT_PT).
TEXT_LOOK = {
    "text_color": "#222222",
    "legend_box": {"fill": "#ffffff", "opacity": 0.92, "radius": 4},
    "swatch_edge": "#999999",
    "halo": {"color": "#ffffff", "opacity": 0.9},
}
PAGE_TEXT_PX = {"bureau_name": 12, "bureau_local_name": 11, "legend": 11, "partner": 11}


def page_css_variables() -> dict[str, str]:
    """TEXT_LOOK and PAGE_TEXT_PX as the page's CSS custom properties (``--cx-…``)."""
    box, halo = TEXT_LOOK["legend_box"], TEXT_LOOK["halo"]
    variables = {
        "--cx-text": TEXT_LOOK["text_color"],
        "--cx-legend-fill": _rgba(box["fill"], box["opacity"]),
        "--cx-legend-radius": f"{box['radius']}px",
        "--cx-swatch-edge": TEXT_LOOK["swatch_edge"],
        "--cx-halo": _rgba(halo["color"], halo["opacity"]),
    }
    variables.update({f"--cx-{name.replace('_', '-')}-size": f"{px}px"
                      for name, px in PAGE_TEXT_PX.items()})
    return variables


def _rgba(hex_color: str, opacity: float) -> str:
    red, green, blue = (int(hex_color[index:index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"


# Text on an exported map, in points as it is shown: the picture spans a 16:9 slide
# (SLIDE_POINTS, 13.333 × 7.5 in) unless the caller says how large it is shown (a slide's
# picture between its title and caption, a report's page). Nothing is drawn under
# MIN_TEXT_PT: 8 pt is the least a projected slide or a printed page is read at, so a
# 1920 × 1080 picture spanning a slide sets no text under 16 px.
SLIDE_POINTS = (960.0, 540.0)
MIN_TEXT_PT = 8.0
TEXT_PT = {"place": 8.5, "partner": 9, "bureau_name": 11.5, "bureau_local_name": 10,
           "legend_title": 11, "legend": 10.5, "scale_bar": 8.5, "caption": 9, "title": 20,
           "subtitle": 13, "north_arrow": 10.5}
# An inset's frame, as Japanese national maps draw Okinawa: a thin dark line round a white box.
# Its box takes between ``min_share`` and ``height_share`` of the map's height; a tie-up map
# draws its bureau or Japan in one when the map is ``min_zoom_gap`` zoom levels wider.
INSET = {"color": "#5a6470", "weight": 1.2, "min_share": 0.18, "height_share": 0.3,
         "min_zoom_gap": 2.0}


def pixels_per_point(width: float, height: float,
                     shown_points: tuple[float, float] | None = None) -> float:
    """How many picture pixels one point of text takes where the picture is shown: fitted
    into ``shown_points`` (width, height in pt; a whole 16:9 slide by default)."""
    shown_w, shown_h = shown_points or SLIDE_POINTS
    return max(width / shown_w, height / shown_h)


def text_pixels(kind: str, px_per_pt: float) -> float:
    """The pixel size of ``kind``'s text (TEXT_PT), never under MIN_TEXT_PT where shown."""
    return max(TEXT_PT[kind], MIN_TEXT_PT) * px_per_pt


# Japan's box (west, south, east, north) for a dataset with nothing to frame.
JAPAN_FALLBACK_BOUNDS = (122.9, 24.0, 146.0, 45.6)


def unwrap_lon(lon: float) -> float:
    """The longitude the map draws ``lon`` at (see UNWRAP_WEST_OF)."""
    return lon + 360.0 if lon < UNWRAP_WEST_OF else lon


def unwrap_lons(lons) -> np.ndarray:
    """unwrap_lon of each longitude, at once."""
    import numpy as np  # not at import: the window's start-up modules use this module

    lons = np.asarray(lons, dtype=float)
    return np.where(lons < UNWRAP_WEST_OF, lons + 360.0, lons)


def fit_padding(target: str) -> int:
    """Pixels around ``target`` ("japan", "bureau", "tieups", "window") when it is framed."""
    return FRAMING["padding"][target]


def marker_field(fields: Sequence[str], selected_fields: Collection[str]) -> str | None:
    """The field whose colour a project's marker takes: with a field filter, the first of its
    fields that the filter asks for; otherwise (or if none is) its first field."""
    for field_id in fields:
        if field_id in selected_fields:
            return field_id
    return fields[0] if len(fields) else None


def marker_fields(project_fields: Iterable[Sequence[str]],
                  selected_fields: Collection[str]) -> list[str | None]:
    """marker_field of each project's fields, worked out once per distinct list (a dataset
    of 100,000 projects has a few hundred)."""
    chosen: dict = {}
    fields_of = []
    for fields in project_fields:
        key = tuple(fields)
        if key not in chosen:
            chosen[key] = marker_field(key, selected_fields)
        fields_of.append(chosen[key])
    return fields_of


def field_colors_of(field_colors: Mapping[str, str], field_ids: Iterable[str | None]
                    ) -> list[str]:
    """field_color of each field id (markers' fields: marker_fields), each worked out once."""
    field_ids = list(field_ids)
    color_of = {field_id: field_color(field_colors, field_id) for field_id in set(field_ids)}
    return [color_of[field_id] for field_id in field_ids]


def field_color(field_colors: Mapping[str, str], field_id: str | None) -> str:
    color = field_colors.get(field_id) if field_id is not None else None
    return color or FALLBACK_COLOR


def marker_color(fields: Sequence[str], selected_fields: Collection[str],
                 field_colors: Mapping[str, str]) -> str:
    return field_color(field_colors, marker_field(fields, selected_fields))


def bureau_fill(color: str | None) -> str:
    return color or MAP_STYLE["bureau_fallback_fill"]


def bureau_look(selected: bool, projects_shown: int) -> str:
    """Which of MAP_STYLE["bureau"]'s looks a bureau area has: the selection wins over
    emptiness."""
    if selected:
        return "selected"
    return "empty" if projects_shown == 0 else "normal"


def project_look(selected: bool) -> dict:
    return MAP_STYLE["project"]["selected" if selected else "normal"]


def imported_rows(location_bases):
    """Which participant rows (their ``location_basis`` column, a pandas Series) are imported
    organisations: placed by an organisation-list import
    (geodata.vocabulary.IMPORTED_LOCATION_BASES), not named by the curated sources."""
    return location_bases.isin(IMPORTED_LOCATION_BASES).to_numpy(dtype=bool)


def organisation_class(kind: object) -> str:
    """Which of ORGANISATION_FILLS an organisation of ``kind`` takes: companies, universities
    and research institutes each their own, every other kind one ("other")."""
    return kind if kind in ORGANISATION_FILLS else "other"


def organisation_look(selected: bool) -> dict:
    return MAP_STYLE["organisation"]["selected" if selected else "normal"]


def organisation_legend(kinds: Iterable[object]) -> list[str]:
    """The legend's organisation entries: the classes of the organisations drawn, in
    ORGANISATION_FILLS' order."""
    drawn = {organisation_class(kind) for kind in kinds}
    return [name for name in ORGANISATION_FILLS if name in drawn]


def legend_fields(field_order: Iterable[str], marker_fields: Iterable[str | None]) -> list[str]:
    """The legend's entries: the fields that colour a shown marker, in the dataset's order."""
    shown = set(marker_fields)
    return [field_id for field_id in field_order if field_id in shown]


PLACES_ATTRIBUTION = "Places: © OpenStreetMap contributors (ODbL), GeoNames (CC BY 4.0)"
"""What a map naming places credits (the municipalities' points are OpenStreetMap data, whose
ODbL asks for this line; GeoNames' CC BY 4.0 for the rest): the page shows it in its attribution
line, an export in its caption (export/spec.py), each in the reader's language."""

# The page's own words, in English: the source strings desktop/map/page_text.py translates and
# the page data carries (``text``), so a language switch redraws the map in the other language.
PAGE_TEXT = {
    "legend_title": "Fields",
    "projects_shown": "Projects shown: {count}",
    "companies": "Companies: {count}",
    "universities": "Universities: {count}",
    "places_attribution": PLACES_ATTRIBUTION,
    "legend_collapse": "Hide the legend",
    "legend_expand": "Show the legend",
    "organisations_title": "Imported organisations",
    # the legend's entry of each ORGANISATION_FILLS class
    "organisations:company": "Companies",
    "organisations:university": "Universities",
    "organisations:research-institute": "Research institutes",
    "organisations:other": "Other organisations",
}

DOMAIN_TEXT = {f"kind:{kind}": label for kind, label in PARTICIPANT_KIND_SINGULAR.items()}
"""The data layer's words the page shows, in English (the ``Domain`` context translates
them): an organisation's kind in its tooltip."""


def organisation_legend_text(name: str, text: Mapping[str, str]) -> str:
    """A legend entry's words for an organisation class, from the page's ``text``."""
    return text[f"organisations:{name}"]


def name_lines(row, language: str) -> list[tuple[str, str]]:
    """A bureau's label on the map, as ("name" | "local_name", text) lines: its name in
    ``language`` and, on an English map, the Japanese name under it (a map's local name
    under the exonym); a Japanese map names it once. The page and the exports draw these."""
    lines = [("name", display_name(row, language))]
    japanese = row.get("name_ja") if isinstance(row, dict) else getattr(row, "name_ja", None)
    local_name = _local_name(japanese, language)
    if local_name is not None:
        lines.append(("local_name", local_name))
    return lines


def name_line_columns(names_en: pd.Series, names_ja: pd.Series, language: str
                      ) -> tuple[list[str], list[str | None]]:
    """name_lines of many rows at once (100,000 projects' in one pass): their names and
    their local names (None where a row has none)."""
    import pandas as pd  # not at import: the window's start-up modules use this module

    frame = pd.DataFrame({"name_en": names_en.to_numpy(dtype=object),
                          "name_ja": names_ja.to_numpy(dtype=object)})
    names = [name if isinstance(name, str) else ""  # as display_name gives it
             for name in display_names(frame, language)]
    return names, [_local_name(japanese, language) for japanese in frame["name_ja"]]


def _local_name(japanese: object, language: str) -> str | None:
    """The Japanese name drawn under a name on an English map, if there is one."""
    if language != JAPANESE and isinstance(japanese, str) and japanese.strip():
        return japanese
    return None


def legend_label(row, language: str) -> str:
    """One legend entry's text, from a ``fields`` row: its name in ``language`` without the
    gloss in brackets ("Photonics (optics & optoelectronics)" → "Photonics", "情報技術（IT）"
    → "情報技術"), so the legend is one short column that keeps the map visible."""
    name = display_name(row, language)
    short = _BRACKETED_GLOSS.sub("", name).strip()
    return short or name
