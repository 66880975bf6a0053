"""The dataset as the map page draws it: plain JSON-ready structures, made once per dataset.

No Qt and no folium here (the page itself is a static file, see page_builder.py), so this runs
off the GUI thread at start-up and is tested by reading the JSON back.

Safety: the data reaches the page only as JSON produced by ``json.dumps`` (ASCII-only, with
``</`` escaped) passed as one string argument to ``clusterMap.setData``, and the page's JS
escapes every string it puts in HTML.
"""

import json

import numpy as np
import shapely
from pyproj import Geod
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, mapping

from desktop.fonts import FONT_FAMILY, japanese_font_path
from geodata import Dataset

ARC_POINTS = 64
COORD_DECIMALS = 4
# The page is centred on Japan; anything west of this longitude is drawn east of the
# antimeridian (longitude + 360) so the Pacific and the Americas are continuous.
UNWRAP_WEST_OF = -30.0
JAPAN_FALLBACK_BOUNDS = [[24.0, 122.9], [45.6, 146.0]]
GEOD = Geod(ellps="WGS84")


def _round(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def _unwrap_lon(lon: float) -> float:
    return lon + 360.0 if lon < UNWRAP_WEST_OF else lon


def _unwrapped_parts(geometry) -> MultiPolygon:
    """Shift the polygon parts of the western hemisphere east by 360° (see UNWRAP_WEST_OF)."""
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    moved = [translate(part, xoff=360.0) if part.centroid.x < UNWRAP_WEST_OF else part
             for part in parts if isinstance(part, Polygon)]
    return MultiPolygon(moved)


def _feature_collection(frame, properties: list[str], geometry_of=None) -> dict:
    features = []
    geometries = shapely.set_precision(frame.geometry.array, 10 ** -COORD_DECIMALS)
    for row, geometry in zip(frame.itertuples(index=False), geometries, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        shape = geometry_of(geometry) if geometry_of else geometry
        features.append({
            "type": "Feature",
            "properties": {name: _plain(getattr(row, name)) for name in properties},
            "geometry": mapping(shape),
        })
    return {"type": "FeatureCollection", "features": features}


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


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float) -> list[list[float]]:
    """[[lat, lon], …] along the geodesic, longitudes unwrapped to stay continuous."""
    inner = GEOD.npts(lon1, lat1, lon2, lat2, ARC_POINTS - 2)
    points = [(lon1, lat1), *inner, (lon2, lat2)]
    arc, previous = [], None
    for lon, lat in points:
        if previous is not None:
            while lon - previous > 180:
                lon -= 360
            while lon - previous < -180:
                lon += 360
        previous = lon
        arc.append([_round(lat), _round(lon)])
    return arc


def _bureaus(ds: Dataset) -> dict:
    frame = ds.bureaus.copy()
    points = frame.geometry.map(lambda shape: _largest_part(shape).representative_point())
    frame["label_lon"] = [_round(point.x) for point in points]
    frame["label_lat"] = [_round(point.y) for point in points]
    frame["id"] = frame["bureau_id"]
    return _feature_collection(frame, ["id", "name_en", "name_ja", "color", "label_lon",
                                       "label_lat"])


def _largest_part(shape):
    if isinstance(shape, MultiPolygon):
        return max(shape.geoms, key=lambda part: part.area)
    return shape


def _projects(ds: Dataset) -> list[dict]:
    colors = ds.field_colors
    projects = []
    for row in ds.projects.itertuples(index=False):
        projects.append({
            "id": row.project_id, "name_en": row.name_en, "name_ja": _plain(row.name_ja),
            "bureau_id": row.bureau_id, "fields": list(row.fields),
            "programs": list(row.programs),
            "color": colors.get(row.fields[0], "#555555") if row.fields else "#555555",
            "lon": _round(row.geometry.x), "lat": _round(row.geometry.y),
            "companies": _plain(row.companies), "universities": _plain(row.universities),
        })
    return projects


def _tieups(ds: Dataset) -> list[dict]:
    colors = ds.field_colors
    origin = {row.project_id: (row.geometry.x, row.geometry.y)
              for row in ds.projects.itertuples(index=False)}
    tieups = []
    for row in ds.tieups.itertuples(index=False):
        start = origin.get(row.project_id)
        partner_lon, partner_lat = row.geometry.x, row.geometry.y
        arc = great_circle(*start, partner_lon, partner_lat) if start else []
        tieups.append({
            "id": row.tieup_id, "project_id": row.project_id, "bureau_id": row.bureau_id,
            "partner": row.partner, "partner_place": row.partner_place,
            "country": row.country, "field": row.field,
            "field_label": _plain(row.field_label),
            "color": colors.get(row.field, "#555555"),
            "partner_lon": arc[-1][1] if arc else _round(_unwrap_lon(partner_lon)),
            "partner_lat": _round(partner_lat), "arc": arc,
        })
    return tieups


def _japan_bounds(ds: Dataset) -> list[list[float]]:
    if ds.prefectures.empty:
        return JAPAN_FALLBACK_BOUNDS
    lon_min, lat_min, lon_max, lat_max = ds.prefectures.total_bounds
    return [[_round(lat_min), _round(lon_min)], [_round(lat_max), _round(lon_max)]]


def page_data(ds: Dataset) -> dict:
    """Everything the page draws, as plain JSON-ready structures."""
    prefectures = ds.prefectures.copy()
    prefectures["geometry"] = prefectures.geometry.boundary
    return {
        "bureaus": _bureaus(ds),
        "prefectures": _feature_collection(prefectures, ["pref_code", "name_en", "name_ja",
                                                         "bureau_id"]),
        "countries": _feature_collection(ds.countries, ["iso_a2", "name_en"], _unwrapped_parts),
        "projects": _projects(ds),
        "tieups": _tieups(ds),
        "fields": [{"id": row.field_id, "name_en": row.name_en, "name_ja": row.name_ja,
                    "color": row.color}
                   for row in ds.fields.sort_values("sort_order", na_position="last")
                   .itertuples(index=False)],
        "japan_bounds": _japan_bounds(ds),
        "font_family": FONT_FAMILY,
        "font_url": japanese_font_path().as_uri(),
    }


def page_json(ds: Dataset) -> str:
    """The page's data as ASCII-only JSON that cannot close a <script> element; cached."""
    if "page_json" not in ds._cache:
        text = json.dumps(page_data(ds), ensure_ascii=True, separators=(",", ":"),
                          allow_nan=False)
        ds._cache["page_json"] = text.replace("</", "<\\/")
    return ds._cache["page_json"]
