"""The dataset as the map page draws it: plain JSON-ready structures, made once per dataset.

No Qt and no folium here (the page itself is a static file, see page_builder.py), so this runs
off the GUI thread at start-up and is tested by reading the JSON back.

Safety: the data reaches the page only as JSON produced by ``json.dumps`` or, for geometry
and arcs, by GEOS from numbers (ASCII-only, with ``</`` escaped) passed as one string argument
to ``clusterMap.setData``, and the page's JS escapes every string it puts in HTML.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from json.encoder import encode_basestring_ascii

import numpy as np
import shapely

from desktop.map import cartography
from desktop.map.arcs import COORD_DECIMALS, great_circle_array
from desktop.map.fanout import fans
from desktop.map.framing import japan_frame
from desktop.map.layers import (
    bureau_label_points,
    imported_organisations,
    label_inputs,
    unwrapped,
)
from geodata import Dataset
from geodata.names import display_name

NEAR_JAPAN = shapely.box(115.0, 20.0, 160.0, 55.0)  # the neighbours seen at Japan's zooms
FAR_COUNTRY_TOLERANCE_DEG = 0.1  # about 10 km; a pixel is 20-40 km at the tie-up zooms


def _round(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def backdrop_countries(geometries: np.ndarray) -> np.ndarray:
    """The world's countries as the page's backdrop: full detail near Japan, where the map is
    read closely; elsewhere simplified to FAR_COUNTRY_TOLERANCE_DEG, finer than a pixel at the
    zooms that show other continents (the tie-up views). Building the 53,700-vertex layer was
    a quarter of a second of the page's first draw; this halves it."""
    near = shapely.intersects(geometries, NEAR_JAPAN)
    # Douglas-Peucker without topology is 5x faster; islands it would erase stay as they are.
    simplified = shapely.simplify(geometries, FAR_COUNTRY_TOLERANCE_DEG, preserve_topology=False)
    keep = near | shapely.is_empty(simplified) | shapely.is_missing(simplified)
    return np.where(keep, geometries, simplified)


def _feature_collection_json(frame, properties: list[str], geometries=None) -> str:
    """A GeoJSON FeatureCollection as text; geometry written by GEOS, not by Python.

    ``shapely.to_geojson`` over the whole array is what makes the page data cheap: building
    nested coordinate lists with ``mapping`` and dumping them cost most of the first draw.
    """
    if geometries is None:
        geometries = np.asarray(frame.geometry.array)
    # pointwise: round only; the page draws these, it needs no repaired topology (0.14 s)
    geometries = shapely.set_precision(geometries, 10 ** -COORD_DECIMALS, mode="pointwise")
    texts = shapely.to_geojson(geometries)
    keep = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    records = frame[properties].to_dict("records")
    features = [
        '{"type":"Feature","properties":' + _dumps(
            {name: _plain(value) for name, value in record.items()}) + ',"geometry":' + text + "}"
        for record, text, kept in zip(records, texts, keep, strict=True) if kept
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def _plain(value):
    """A JSON-ready value: numpy and pandas scalars to Python, missing to None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        return None
    if type(value).__name__ == "NAType":
        return None
    return value


def great_circles(lon1, lat1, lon2, lat2) -> list[list[list[float]]]:
    """One arc per pair of points, each a list of [lat, lon] (see great_circle_array)."""
    return great_circle_array(lon1, lat1, lon2, lat2).tolist()


def _arc_texts(arcs: np.ndarray) -> list[str]:
    """Each arc as JSON text ``[[lat,lon],...]``, written by GEOS.

    The arcs are most of the page data (5,000 tie-ups: 8 MB); turning them into Python lists
    and through ``json.dumps`` took about 1.5 s of a first start, GEOS's GeoJSON writer a
    few ms. A line's coordinates are exactly the pairs given (x = lat, y = lon here), written
    as the shortest text that reads back as the same number, as ``json`` does.
    """
    if not len(arcs):
        return []
    prefix = len('{"type":"LineString","coordinates":')
    return [text[prefix:-1] for text in shapely.to_geojson(shapely.linestrings(arcs)).tolist()]


def _bureaus(ds: Dataset, language: str) -> str:
    frame = ds.bureaus.copy()
    lines = [dict(cartography.name_lines(row, language))
             for row in frame.itertuples(index=False)]
    frame["name"] = [line["name"] for line in lines]
    frame["local_name"] = [line.get("local_name", "") for line in lines]
    points = bureau_label_points(ds)
    frame["label_lon"] = [_round(point.x) for point in points]
    frame["label_lat"] = [_round(point.y) for point in points]
    frame["id"] = frame["bureau_id"]
    frame["color"] = [cartography.bureau_fill(_plain(color)) for color in frame["color"]]
    return _feature_collection_json(frame, ["id", "name", "local_name", "name_en", "name_ja",
                                            "color", "label_lon", "label_lat"])


PROJECT_KEYS = ("fan", "id", "name", "local_name", "name_en", "name_ja", "bureau_id", "fields",
                "programs", "color", "field", "lon", "lat", "companies", "universities")
"""A project's members in the page data, in the order they are written."""


def _projects_json(ds: Dataset, language: str) -> str:
    """The projects as a JSON array of objects (PROJECT_KEYS), written column by column.

    100,000 projects made one dict each and went through ``json.dumps`` (1.5 s of a national
    dataset's page data): here each column is written once — a text per value, a value that
    repeats (a bureau, a list of fields, a colour) written once — and the objects are joined
    from the columns, the same text ``_dumps`` writes of the dicts."""
    frame = ds.projects
    lons, lats = _coordinates(frame.geometry)
    groups = fans(lons, lats)
    names, local_names = cartography.name_line_columns(frame["name_en"], frame["name_ja"],
                                                       language)
    fields = frame["fields"].tolist()
    # its colour (and glyph: its field) with no field filter; a state names the markers
    # drawn otherwise
    marker_fields = cartography.marker_fields(fields, ())
    colors = cartography.field_colors_of(ds.field_colors, marker_fields)
    columns = {
        # drawn on its group's ring below the zoom the group opens at (fanout.py)
        "fan": _fan_texts(groups, len(lons)),
        "id": _json_texts(frame["project_id"]), "name": _json_texts(names),
        "local_name": _json_texts(local_names), "name_en": _json_texts(frame["name_en"]),
        "name_ja": _json_texts(frame["name_ja"]), "bureau_id": _json_texts(frame["bureau_id"]),
        "fields": _json_texts(fields), "programs": _json_texts(frame["programs"]),
        "color": _json_texts(colors), "field": _json_texts(marker_fields),
        "lon": _coordinate_texts(lons), "lat": _coordinate_texts(lats),
        "companies": _json_texts(frame["companies"]),
        "universities": _json_texts(frame["universities"]),
    }
    return _objects_json(PROJECT_KEYS, columns)


def _objects_json(keys: tuple[str, ...], columns: dict[str, list[str]]) -> str:
    """A JSON array of objects with ``keys``, from each key's column of JSON texts."""
    template = "{" + ",".join(_dumps(key).replace("%", "%%") + ":%s" for key in keys) + "}"
    rows = [template % row for row in zip(*(columns[key] for key in keys), strict=True)]
    if not rows:
        return "[]"
    rows[0] = "[" + rows[0]  # the whole joined once
    rows[-1] = rows[-1] + "]"
    return ",".join(rows)


def _json_texts(values) -> list[str]:
    """Each value as ``_dumps(_plain(value))`` writes it (a list as a JSON array of its
    items); a value that repeats (a count, a project's fields) is written once."""
    # a column's tolist gives Python scalars: ints written directly, not through _plain
    values = values.tolist() if hasattr(values, "tolist") else values
    try:  # a column of texts (ids, names): what json.dumps writes of each, in one pass
        return [encode_basestring_ascii(value) for value in values]
    except TypeError:  # not all texts
        pass
    lists_written: dict = {}
    written: dict = {}
    texts = []
    for value in values:
        kind = type(value)
        if kind is str:
            texts.append(encode_basestring_ascii(value))  # what json.dumps writes of it
        elif value is None:
            texts.append("null")
        elif kind is int:
            texts.append(int.__repr__(value))
        elif kind in (list, tuple) or isinstance(value, np.ndarray):
            texts.append(_list_text(value, lists_written))
        else:  # a numpy or pandas scalar
            key = (kind, value)
            try:
                text = written.get(key)
            except TypeError:  # unhashable, or not comparable with a kept one
                key, text = None, None
            if text is None:
                text = _dumps(_plain(value))
                if key is not None:
                    written[key] = text
            texts.append(text)
    return texts


def _list_text(items, written: dict) -> str:
    """``items`` as a JSON array, from ``written`` when the same texts were written before
    (only lists of texts are kept: a text equals only a text, so a kept one is the same)."""
    key = tuple(items)
    try:
        text = written.get(key)
    except TypeError:  # an item that cannot be compared or hashed
        key, text = None, None
    if text is None:
        text = _dumps([_plain(item) for item in items])
        if key is not None and all(isinstance(item, str) for item in key):
            written[key] = text
    return text


def _coordinate_texts(values: list[float]) -> list[str]:
    """Each coordinate rounded as ``_round`` does, as JSON writes it.

    numpy rounds (times 10⁴, to the nearest whole, divided) and JSON writes the whole list
    in one call: ``round`` and ``repr`` per value were a tenth of the projects' text. The
    two roundings differ only where the value times 10⁴ is a hair from a half (its error
    is under 10⁻⁹ there); those few are rounded by ``round``."""
    array = np.asarray(values, dtype=float)
    if not np.isfinite(array).all():
        _dumps(values)  # no point: refused, as json refuses it
    if not len(array):
        return []
    scaled = array * 10 ** COORD_DECIMALS
    texts = _dumps(np.round(array, COORD_DECIMALS).tolist())[1:-1].split(",")
    for index in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).tolist():
        texts[index] = repr(round(values[index], COORD_DECIMALS))
    return texts


def _fan_texts(groups: dict, count: int) -> list[str]:
    """Each of ``count`` markers' ``fan`` (fans: index → Fan) as JSON text."""
    return [_dumps(_fan(groups[index])) if index in groups else "null" for index in range(count)]


def _fan(fan) -> dict | None:
    """Where a marker of a shared point is drawn on its group's ring (fanout.py), or None."""
    if fan is None:
        return None
    return {"lat": _round(fan.lat), "lon": _round(fan.lon), "dx": fan.dx, "dy": fan.dy,
            "until_zoom": fan.until_zoom}


ORGANISATION_KEYS = ("fan", "id", "project_id", "name", "local_name", "kind", "fill", "lon",
                     "lat")
"""An imported organisation's members in the page data, in the order they are written."""


def _organisations_json(ds: Dataset, language: str) -> str:
    """The imported organisations as a JSON array of objects (ORGANISATION_KEYS), written
    column by column as the projects are: each one's name in ``language`` (and the Japanese
    one under it on an English map), kind, project, place and ``fan`` as a project's
    (fanout.py: a list puts every organisation of a municipality on its one point)."""
    frame = imported_organisations(ds)
    lons, lats = _coordinates(frame.geometry)
    names, local_names = cartography.name_line_columns(frame["name_en"], frame["name_ja"],
                                                       language)
    kinds = frame["kind"].tolist()
    columns = {
        "fan": _fan_texts(fans(lons, lats), len(lons)),
        "id": _json_texts(frame["participant_id"]), "project_id": _json_texts(frame["project_id"]),
        # a list with only Japanese names gives them as both: named once
        "name": _json_texts(names),
        "local_name": _json_texts([None if local == name else local
                                   for name, local in zip(names, local_names, strict=True)]),
        "kind": _json_texts(kinds),
        "fill": _json_texts([cartography.ORGANISATION_FILLS[cartography.organisation_class(kind)]
                             for kind in kinds]),
        "lon": _coordinate_texts(lons), "lat": _coordinate_texts(lats),
    }
    return _objects_json(ORGANISATION_KEYS, columns)


def _coordinates(points) -> tuple[list[float], list[float]]:
    """Longitudes and latitudes of a point column, as Python floats, read in one call each."""
    array = np.asarray(points.array)
    return shapely.get_x(array).tolist(), shapely.get_y(array).tolist()


TIEUP_KEYS = ("id", "project_id", "bureau_id", "partner", "partner_place", "country", "field",
              "field_label", "color", "partner_lon", "partner_lat")
"""A tie-up's members in the page data, in the order they are written."""


def _tieups_json(ds: Dataset) -> str:
    """The tie-ups as a JSON array, without their arcs (``arcs_json``).

    The arcs were three quarters of a large dataset's page data (7 MB of 11) and are drawn
    only once the tie-up layer is shown: the page receives them then, so a start neither
    makes, keeps, reads nor hands over what it does not draw. ``partner_lon`` is unwrapped
    as a point is (cartography.unwrap_lon); the page moves a partner with an arc to where
    its arc ends, which an arc unwrapped from Japan may put a turn of the globe away.
    """
    frame = ds.tieups
    lons, lats = _coordinates(frame.geometry)
    fields = frame["field"].tolist()
    columns = {key: _json_texts(frame[name]) for key, name in (
        ("id", "tieup_id"), ("project_id", "project_id"), ("bureau_id", "bureau_id"),
        ("partner", "partner"), ("partner_place", "partner_place"), ("country", "country"),
        ("field", "field"), ("field_label", "field_label"))}
    columns["color"] = _json_texts(cartography.field_colors_of(ds.field_colors, fields))
    columns["partner_lon"] = _coordinate_texts(cartography.unwrap_lons(lons).tolist())
    columns["partner_lat"] = _coordinate_texts(lats)
    return _objects_json(TIEUP_KEYS, columns)


def _arc_origins(ds: Dataset) -> dict:
    """project_id → (lon, lat) of the project an arc starts from."""
    points = ds.projects.geometry
    return dict(zip(ds.projects["project_id"], zip(points.x, points.y, strict=True),
                    strict=True))


def arcs_json(ds: Dataset) -> str:
    """Each placed tie-up's arc, ``{tieup_id: "[[lat,lon],...]"}``, as JSON for the page's
    ``clusterMap.setArcs`` (sent when the tie-ups are first shown).

    Each arc stays JSON *text* inside the object: the page parses an arc when it first draws
    it, instead of making 300,000 little arrays at once. (The text holds only digits, signs,
    '.', ',' and brackets: nothing to escape in a JSON string.) A tie-up whose project has
    no point has no arc.
    """
    origin = _arc_origins(ds)
    placed = [row for row in ds.tieups.itertuples(index=False) if row.project_id in origin]
    arcs = great_circle_array(
        [origin[row.project_id][0] for row in placed],
        [origin[row.project_id][1] for row in placed],
        [row.geometry.x for row in placed], [row.geometry.y for row in placed])
    members = [_dumps(row.tieup_id) + ':"' + text + '"'
               for row, text in zip(placed, _arc_texts(arcs), strict=True)]
    return ("{" + ",".join(members) + "}").replace("</", "<\\/")


def _places(ds: Dataset, language: str) -> list[dict]:
    """The place names the page may show (places.place_table), most populous first, with
    only what it draws: the name in ``language``, the point and the zoom it is named from."""
    from desktop.map.places import place_table

    return [{"name": row.name, "lat": _round(row.lat), "lon": _round(row.lon),
             "z": float(row.zoom)}
            for row in place_table(ds, language).itertuples(index=False)]


def _japan_bounds(ds: Dataset) -> list[list[float]]:
    """Leaflet's [[south, west], [north, east]] of the whole country (framing.japan_frame):
    what the page frames before Python frames anything."""
    frame = japan_frame(ds)
    return [[_round(frame.south), _round(frame.west)], [_round(frame.north), _round(frame.east)]]


def page_json(ds: Dataset, language: str = "en", text: dict[str, str] | None = None) -> str:
    """The page's data as ASCII-only JSON that cannot close a <script> element.

    Names are in ``language`` (geodata/names.py), the page's own words are ``text`` (the
    keys of cartography.PAGE_TEXT, translated by desktop/map/page_text.py; English when
    None). The three geometry layers arrive as GeoJSON text from GEOS, the projects and
    organisations as text written column by column (_projects_json); the rest is
    ``json.dumps``. Made once per dataset and language by the loader and kept on its
    LoadedDataset.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="label-points") as helper:
        # GEOS lets go of the GIL: the label points (0.05-0.1 s from a large dataset to the
        # national one, most of it GEOS) are placed on the other core while this thread
        # makes the rest.
        label_points = helper.submit(bureau_label_points, ds, label_inputs(ds))
        prefectures = ds.prefectures.copy()
        prefectures["geometry"] = prefectures.geometry.boundary
        prefecture_layer = _feature_collection_json(prefectures, ["pref_code", "name_en",
                                                                  "name_ja", "bureau_id"])
        countries_layer = _feature_collection_json(
            ds.countries, ["iso_a2", "name_en"],
            unwrapped(backdrop_countries(np.asarray(ds.countries.geometry.array))))
        rest = _page_rest(ds, language, text)
        tieups_layer = _tieups_json(ds)
        label_points.result()  # kept for ds: _bureaus finds them
    members = {"bureaus": _bureaus(ds, language), "prefectures": prefecture_layer,
               "countries": countries_layer, "tieups": tieups_layer, **rest}
    # joined once: at the national scale the text is 47 MB, and each copy of it 10-20 ms
    parts = ["{"]
    for name, member in members.items():
        parts += [_dumps(name), ":", member, ","]
    parts[-1] = "}"
    return "".join(parts).replace("</", "<\\/")


def _page_rest(ds: Dataset, language: str, text: dict[str, str] | None) -> dict[str, str]:
    """Every member of the page data but the four layers, each as JSON text (the projects
    and organisations written column by column: _projects_json)."""
    ordered = cartography.in_legend_order(ds.fields)
    glyphs = cartography.field_glyphs(ordered["field_id"])
    members = {
        "projects": _projects_json(ds, language),
        "fields": _dumps([{"id": row.field_id, "name": display_name(row, language),
                           "name_en": row.name_en,
                           "legend_label": cartography.legend_label(row, language),
                           "color": row.color, "glyph": glyphs[row.field_id],
                           "ink": cartography.glyph_ink(cartography.field_color({}, None)
                                                        if not row.color else row.color)}
                          for row in ordered.itertuples(index=False)]),
        "glyphs": _dumps({"paths": cartography.GLYPHS, **cartography.GLYPH}),
        "places": _dumps(_places(ds, language)),
        "organisations": _organisations_json(ds, language),
        "japan_bounds": _dumps(_japan_bounds(ds)),
        "style": _dumps(cartography.MAP_STYLE),
        "language": _dumps(language),
        "text": _dumps({**cartography.PAGE_TEXT, **cartography.DOMAIN_TEXT, **(text or {})}),
    }
    return members
