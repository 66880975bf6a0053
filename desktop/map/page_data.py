"""The dataset as the map page draws it: plain JSON-ready structures, made once per dataset.

No Qt and no folium here (the page itself is a static file, see page_builder.py), so this runs
off the GUI thread at start-up and is tested by reading the JSON back.

Safety: the data reaches the page only as JSON produced by ``json.dumps`` or, for geometry
and arcs, by GEOS from numbers (ASCII-only, with ``</`` escaped) passed as one string argument
to ``clusterMap.setData``, and the page's JS escapes every string it puts in HTML.
"""

import json
from concurrent.futures import ThreadPoolExecutor

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


def _projects(ds: Dataset, language: str) -> list[dict]:
    """One dict per project. Read column by column (a row-by-row walk with a shapely point
    per row took 0.2 s on a large dataset's 10,000 projects, on the first start's path)."""
    frame = ds.projects
    colors = ds.field_colors
    lons, lats = _coordinates(frame.geometry)
    groups = fans(lons, lats)
    columns = [frame[name].tolist() for name in (
        "project_id", "name_en", "name_ja", "bureau_id", "fields", "programs", "companies",
        "universities")]
    projects = []
    for index, (project_id, name_en, name_ja, bureau_id, fields, programs, companies,
                universities) in enumerate(zip(*columns, strict=True)):
        lines = dict(cartography.name_lines({"name_en": name_en, "name_ja": name_ja},
                                            language))
        fan = groups.get(index)
        projects.append({
            # drawn on its group's ring below the zoom the group opens at (fanout.py)
            "fan": _fan(fan),
            "id": project_id, "name": lines["name"], "local_name": lines.get("local_name"),
            "name_en": name_en, "name_ja": _plain(name_ja),
            "bureau_id": bureau_id, "fields": list(fields),
            "programs": list(programs),
            # its colour (and glyph: its field) with no field filter; a state names the
            # markers drawn otherwise
            "color": cartography.marker_color(fields, (), colors),
            "field": cartography.marker_field(fields, ()),
            "lon": _round(lons[index]), "lat": _round(lats[index]),
            "companies": _plain(companies), "universities": _plain(universities),
        })
    return projects


def _fan(fan) -> dict | None:
    """Where a marker of a shared point is drawn on its group's ring (fanout.py), or None."""
    if fan is None:
        return None
    return {"lat": _round(fan.lat), "lon": _round(fan.lon), "dx": fan.dx, "dy": fan.dy,
            "until_zoom": fan.until_zoom}


def _organisations(ds: Dataset, language: str) -> list[dict]:
    """One dict per imported organisation: its name in ``language`` (and the Japanese one
    under it on an English map), kind, project, place and ``fan`` as a project's (fanout.py:
    a list puts every organisation of a municipality on its one point)."""
    frame = imported_organisations(ds)
    lons, lats = _coordinates(frame.geometry)
    groups = fans(lons, lats)
    organisations = []
    for index, row in enumerate(frame[["participant_id", "project_id", "name_en", "name_ja",
                                       "kind"]].itertuples(index=False)):
        lines = dict(cartography.name_lines({"name_en": row.name_en, "name_ja": row.name_ja},
                                            language))
        fan = groups.get(index)
        organisations.append({
            "fan": _fan(fan),
            "id": row.participant_id, "project_id": row.project_id,
            # a list with only Japanese names gives them as both: named once
            "name": lines["name"], "local_name": (None if lines.get("local_name") == lines["name"]
                                                  else lines.get("local_name")),
            "kind": row.kind, "fill": cartography.ORGANISATION_FILLS[
                cartography.organisation_class(row.kind)],
            "lon": _round(lons[index]), "lat": _round(lats[index]),
        })
    return organisations


def _coordinates(points) -> tuple[list[float], list[float]]:
    """Longitudes and latitudes of a point column, as Python floats, read in one call each."""
    array = np.asarray(points.array)
    return shapely.get_x(array).tolist(), shapely.get_y(array).tolist()


def _tieups_json(ds: Dataset) -> str:
    """The tie-ups as a JSON array, without their arcs (``arcs_json``).

    The arcs were three quarters of a large dataset's page data (7 MB of 11) and are drawn
    only once the tie-up layer is shown: the page receives them then, so a start neither
    makes, keeps, reads nor hands over what it does not draw. ``partner_lon`` is unwrapped
    as a point is (cartography.unwrap_lon); the page moves a partner with an arc to where
    its arc ends, which an arc unwrapped from Japan may put a turn of the globe away.
    """
    frame = ds.tieups
    colors = ds.field_colors
    lons, lats = _coordinates(frame.geometry)
    columns = [frame[name].tolist() for name in (
        "tieup_id", "project_id", "bureau_id", "partner", "partner_place", "country", "field",
        "field_label")]
    tieups = []
    for (tieup_id, project_id, bureau_id, partner, partner_place, country, field,
         field_label), lon, lat in zip(zip(*columns, strict=True), lons, lats, strict=True):
        tieups.append({
            "id": tieup_id, "project_id": project_id, "bureau_id": bureau_id,
            "partner": partner, "partner_place": partner_place,
            "country": country, "field": field,
            "field_label": _plain(field_label),
            "color": cartography.field_color(colors, field),
            "partner_lon": _round(cartography.unwrap_lon(lon)),
            "partner_lat": _round(lat),
        })
    return _dumps(tieups)


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
    None). The three geometry layers arrive as GeoJSON text from GEOS; the rest is
    ``json.dumps``. Made once per dataset and language by the loader and kept on its
    LoadedDataset.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="label-points") as helper:
        # GEOS lets go of the GIL: the label points (0.3 s on a large dataset, most of it
        # union_all) are placed on the other core while this thread makes the rest.
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
    layers = {"bureaus": _bureaus(ds, language), "prefectures": prefecture_layer,
              "countries": countries_layer, "tieups": tieups_layer}
    layer_members = ",".join(f'"{name}":{layer}' for name, layer in layers.items())
    text = "{" + layer_members + "," + rest[1:]
    return text.replace("</", "<\\/")


def _page_rest(ds: Dataset, language: str, text: dict[str, str] | None) -> str:
    """Every member of the page data but the four layers, as one JSON object."""
    ordered = cartography.in_legend_order(ds.fields)
    glyphs = cartography.field_glyphs(ordered["field_id"])
    return _dumps({
        "projects": _projects(ds, language),
        "fields": [{"id": row.field_id, "name": display_name(row, language),
                    "name_en": row.name_en,
                    "legend_label": cartography.legend_label(row, language),
                    "color": row.color, "glyph": glyphs[row.field_id],
                    "ink": cartography.glyph_ink(cartography.field_color({}, None)
                                                 if not row.color else row.color)}
                   for row in ordered.itertuples(index=False)],
        "glyphs": {"paths": cartography.GLYPHS, **cartography.GLYPH},
        "places": _places(ds, language),
        "organisations": _organisations(ds, language),
        "japan_bounds": _japan_bounds(ds),
        "style": cartography.MAP_STYLE,
        "language": language,
        "text": {**cartography.PAGE_TEXT, **cartography.DOMAIN_TEXT, **(text or {})},
    })
