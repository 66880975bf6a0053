"""Build the map page for one dataset: a folium map with local assets and the data as JSON.

The page is written once per dataset (``map.html`` + ``data.js``) and then only driven through
``clusterMap.*`` calls (resources/map/cluster_map.js). No Qt here, so it is tested by rendering
the HTML and reading it back.

Offline: folium's own CDN scripts and styles are replaced by the vendored Leaflet, the map has
no tile layer, and every script, style and font is a file:// URL (plus Qt's qrc:// channel).

Safety: the data reaches the page only as JSON produced by ``json.dumps`` (ASCII-only, with
``</`` escaped) inside a script file, and the page's JS escapes every string it puts in HTML.
"""

import json
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from branca.utilities import color_brewer
from jinja2 import Template
from pyproj import Geod
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import polylabel

from desktop.fonts import japanese_font_path
from desktop.resources import resource_url
from geodata import Dataset

ARC_POINTS = 64
COORD_DECIMALS = 4
MIN_ZOOM, MAX_ZOOM = 2, 12
# The page is centred on Japan; anything west of this longitude is drawn east of the
# antimeridian (longitude + 360) so the Pacific and the Americas are continuous.
UNWRAP_WEST_OF = -30.0
# Islands smaller than this do not widen the frame of Japan or of a bureau: Tokyo's Ogasawara
# islands and Minamitorishima would otherwise push the start view 1,000 km out to sea.
FRAME_MIN_ISLAND_KM2 = 50.0
EQUAL_AREA_CRS = "EPSG:6933"
JAPAN_FALLBACK_BOUNDS = [[24.0, 122.9], [45.6, 146.0]]
FALLBACK_COLOR = "#555555"
GEOD = Geod(ellps="WGS84")


class OfflineMap(folium.Map):
    """A folium map whose only scripts and styles are the vendored Leaflet files."""

    default_js = [("leaflet", resource_url("vendor/leaflet/leaflet.js"))]
    default_css = [("leaflet_css", resource_url("vendor/leaflet/leaflet.css"))]


class ClusterLayers(MacroElement):
    """Loads the data and the page's JS API, then hands folium's map to clusterMap.init."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>@font-face { font-family: "IPAexGothic";
                src: url("{{ this.font_url }}") format("truetype"); font-display: swap; }</style>
            <link rel="stylesheet" href="{{ this.css_url }}"/>
            <script src="{{ this.channel_url }}"></script>
            <script src="{{ this.data_url }}"></script>
            <script src="{{ this.js_url }}"></script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            window.clusterMap.init({{ this._parent.get_name() }}, window.CX_DATA);
        {% endmacro %}
    """)

    def __init__(self, data_url: str):
        super().__init__()
        self._name = "ClusterLayers"
        self.data_url = data_url
        self.js_url = resource_url("map/cluster_map.js")
        self.css_url = resource_url("map/cluster_map.css")
        self.font_url = japanese_font_path().as_uri()
        self.channel_url = "qrc:///qtwebchannel/qwebchannel.js"


# --- geometry helpers ------------------------------------------------------------------------
def _round(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def unwrap_lon(lon: float) -> float:
    """The longitude a point is drawn at on the Japan-centred map (see UNWRAP_WEST_OF)."""
    return lon + 360.0 if lon < UNWRAP_WEST_OF else lon


def _polygon_parts(geometry) -> list[Polygon]:
    parts = list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
    return [part for part in parts if isinstance(part, Polygon) and not part.is_empty]


def _unwrapped_parts(geometry) -> MultiPolygon:
    """Shift the polygon parts of the western hemisphere east by 360° (see UNWRAP_WEST_OF)."""
    return MultiPolygon([translate(part, xoff=360.0) if part.centroid.x < UNWRAP_WEST_OF else part
                         for part in _polygon_parts(geometry)])


def _largest_part(geometry) -> Polygon:
    return max(_polygon_parts(geometry), key=lambda part: part.area)


def _framing_parts(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The polygon parts big enough to count when framing (FRAME_MIN_ISLAND_KM2).

    A frame whose parts are all small keeps them all, so no area ever has an empty frame.
    """
    parts = frame.explode(index_parts=False)
    parts = parts[~parts.geometry.is_empty]
    area_km2 = parts.geometry.to_crs(EQUAL_AREA_CRS).area / 1e6
    big = parts[area_km2 >= FRAME_MIN_ISLAND_KM2]
    return big if not big.empty else parts


def _bounds(west: float, south: float, east: float, north: float) -> list[list[float]]:
    """Leaflet's [[south, west], [north, east]]."""
    return [[_round(south), _round(west)], [_round(north), _round(east)]]


def _extend(bounds: tuple, points) -> tuple:
    west, south, east, north = bounds
    for point in points:
        west, east = min(west, point.x), max(east, point.x)
        south, north = min(south, point.y), max(north, point.y)
    return west, south, east, north


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float) -> list[list[float]]:
    """[[lat, lon], …] along the geodesic, drawn for the Japan-centred map.

    Longitudes run on without jumps and the line ends at ``unwrap_lon(lon2)``, where the
    partner's point and its (shifted) country are drawn. For the few places where the shortest
    way leaves Japan westward but the partner is drawn east (eastern Brazil, near Japan's
    antipode), the line takes the same great circle the other way round, through the antipode
    of the short way's midpoint.
    """
    arc = _continuous(_geodesic(lon1, lat1, lon2, lat2, ARC_POINTS))
    if abs(arc[-1][0] - unwrap_lon(lon2)) > 180.0:
        azimuth, _back, distance = GEOD.inv(lon1, lat1, lon2, lat2)
        mid_lon, mid_lat, _az = GEOD.fwd(lon1, lat1, azimuth, distance / 2)
        via_lon, via_lat = mid_lon + 180.0, -mid_lat
        half = ARC_POINTS // 2
        points = (_geodesic(lon1, lat1, via_lon, via_lat, half)
                  + _geodesic(via_lon, via_lat, lon2, lat2, half)[1:])
        arc = _continuous(points)
    return [[_round(lat), _round(lon)] for lon, lat in arc]


def _geodesic(lon1: float, lat1: float, lon2: float, lat2: float, count: int) -> list[tuple]:
    """``count`` points from start to end along the geodesic, both ends included."""
    return [(lon1, lat1), *GEOD.npts(lon1, lat1, lon2, lat2, count - 2), (lon2, lat2)]


def _continuous(points: list[tuple]) -> list[tuple]:
    """The points with each longitude moved by whole turns to lie within 180° of the last."""
    result, previous = [], None
    for lon, lat in points:
        if previous is not None:
            lon = previous + ((lon - previous + 180.0) % 360.0) - 180.0
        previous = lon
        result.append((lon, lat))
    return result


# --- layers ------------------------------------------------------------------------------------
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


def _feature_collection(frame, properties: list[str], geometry_of=None) -> dict:
    """GeoJSON of ``frame`` with only ``properties``, coordinates on a 10^-4 degree grid."""
    features = []
    geometries = shapely.set_precision(frame.geometry.array, 10 ** -COORD_DECIMALS)
    for row, geometry in zip(frame.itertuples(index=False), geometries, strict=True):
        shape = geometry_of(geometry) if geometry_of and geometry is not None else geometry
        if shape is None or shape.is_empty:
            continue
        features.append({
            "type": "Feature",
            "properties": {name: _plain(getattr(row, name)) for name in properties},
            "geometry": mapping(shape),
        })
    return {"type": "FeatureCollection", "features": features}


def _bureau_colors(ds: Dataset) -> list[str]:
    """Each bureau's colour from the data; ColorBrewer Pastel1 where the file gives none."""
    palette = color_brewer("Pastel1", max(len(ds.bureaus), 3))
    return [color if isinstance(color, str) and color else palette[index % len(palette)]
            for index, color in enumerate(ds.bureaus["color"])]


def _bureaus(ds: Dataset) -> dict:
    """Bureau areas with a label point (pole of inaccessibility) and a frame for fitBureau."""
    frame = ds.bureaus.copy()
    frame["id"] = frame["bureau_id"]
    frame["color"] = _bureau_colors(ds)
    labels = [polylabel(_largest_part(shape), tolerance=0.01) for shape in frame.geometry]
    frame["label_lon"] = [_round(point.x) for point in labels]
    frame["label_lat"] = [_round(point.y) for point in labels]
    parts = _framing_parts(frame[["bureau_id", "geometry"]])
    projects = ds.projects.groupby("bureau_id").geometry
    frame["bounds"] = [_bureau_bounds(parts, projects, bureau_id)
                       for bureau_id in frame["bureau_id"]]
    return _feature_collection(frame, ["id", "name_en", "name_ja", "color", "label_lon",
                                       "label_lat", "bounds"])


def _bureau_bounds(parts, projects, bureau_id: str) -> list[list[float]]:
    bounds = tuple(parts[parts["bureau_id"] == bureau_id].total_bounds)
    if bureau_id in projects.groups:
        bounds = _extend(bounds, projects.get_group(bureau_id))
    return _bounds(*bounds)


def _prefecture_borders(ds: Dataset) -> gpd.GeoDataFrame:
    """Each prefecture's borders inside its bureau: its outline less its bureau's outline.

    The bureau areas already draw the coasts and the bureau borders, so the toggleable layer
    only adds the lines between prefectures of one bureau.
    """
    frame = ds.prefectures.copy()
    outlines = dict(zip(ds.bureaus["bureau_id"], ds.bureaus.geometry.boundary, strict=True))
    frame["geometry"] = [shape.boundary.difference(outlines[bureau_id])
                         if bureau_id in outlines else shape.boundary
                         for shape, bureau_id in zip(frame.geometry, frame["bureau_id"],
                                                     strict=True)]
    return frame


def _projects(ds: Dataset) -> list[dict]:
    colors = ds.field_colors
    projects = []
    for row in ds.projects.itertuples(index=False):
        fields = list(row.fields)
        projects.append({
            "id": row.project_id, "name_en": row.name_en, "name_ja": _plain(row.name_ja),
            "bureau_id": row.bureau_id, "fields": fields, "programs": list(row.programs),
            "color": colors.get(fields[0], FALLBACK_COLOR) if fields else FALLBACK_COLOR,
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
        tieups.append({
            "id": row.tieup_id, "project_id": row.project_id, "bureau_id": row.bureau_id,
            "partner": row.partner, "partner_place": row.partner_place,
            "country": row.country, "field": row.field,
            "field_label": _plain(row.field_label),
            "color": colors.get(row.field, FALLBACK_COLOR),
            "partner_lon": _round(unwrap_lon(partner_lon)), "partner_lat": _round(partner_lat),
            "arc": great_circle(*start, partner_lon, partner_lat) if start else [],
        })
    return tieups


def _fields(ds: Dataset) -> list[dict]:
    ordered = ds.fields.sort_values("sort_order", na_position="last", kind="stable")
    return [{"id": row.field_id, "name_en": row.name_en, "name_ja": row.name_ja,
             "color": row.color} for row in ordered.itertuples(index=False)]


def japan_bounds(ds: Dataset) -> list[list[float]]:
    """[[south, west], [north, east]] of Japan's main islands and every project."""
    if ds.prefectures.empty:
        return JAPAN_FALLBACK_BOUNDS
    bounds = tuple(_framing_parts(ds.prefectures[["geometry"]]).total_bounds)
    return _bounds(*_extend(bounds, ds.projects.geometry))


def page_data(ds: Dataset) -> dict:
    """Everything the page draws, as plain JSON-ready structures (documented in cluster_map.js)."""
    return {
        "bureaus": _bureaus(ds),
        "prefectures": _feature_collection(_prefecture_borders(ds),
                                           ["pref_code", "name_en", "name_ja", "bureau_id"]),
        "countries": _feature_collection(ds.countries, ["iso_a2", "name_en"], _unwrapped_parts),
        "projects": _projects(ds),
        "tieups": _tieups(ds),
        "fields": _fields(ds),
        "japan_bounds": japan_bounds(ds),
    }


def data_script(data: dict) -> str:
    """``window.CX_DATA = …;`` — ASCII-only JSON that cannot close a <script> element."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return "window.CX_DATA = " + text.replace("</", "<\\/") + ";\n"


CSP = ("default-src 'self' file: qrc: data: blob: 'unsafe-inline'; connect-src 'none'")


def build_map_page(ds: Dataset, out_dir: Path) -> Path:
    """Write map.html and data.js for ``ds`` into ``out_dir``; returns map.html's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data_path = out_dir / "data.js"
    data = page_data(ds)
    data_path.write_text(data_script(data), encoding="ascii")
    fmap = OfflineMap(location=None, tiles=None, zoom_control=True, prefer_canvas=True,
                      control_scale=False, zoom_snap=0.25, world_copy_jump=False)
    # folium passes min_zoom/max_zoom only to a tile layer; without one they go to the map.
    fmap.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    fmap.fit_bounds(data["japan_bounds"])
    fmap.get_root().header.add_child(
        Element(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'), name="csp")
    fmap.add_child(ClusterLayers(data_path.as_uri()))
    page_path = out_dir / "map.html"
    fmap.save(str(page_path))
    return page_path
