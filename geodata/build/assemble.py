"""Assemble the bundled GeoPackage from the curated CSV files and the boundary layers.

The curated CSVs in ``geodata/curated/`` are the reviewed, diff-able record of what the five
source documents say; this step only types them, turns ``lon``/``lat`` into points, joins the
bureau attributes onto the dissolved bureau polygons, and writes one GeoPackage.
"""

import csv
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import MultiPolygon, Polygon

from geodata.build.gazetteer import places_attribution
from geodata.schema import INTEGER, LAYERS, LAYERS_BY_NAME, REAL
from geodata.vocabulary import SCHEMA_VERSION

CURATED_DIR = Path(__file__).resolve().parent.parent / "curated"
POINT_LAYERS = ("projects", "participants", "tieups")
ATTRIBUTE_LAYERS = (
    "sources", "fields", "programs", "participant_counts", "achievements", "national_figures",
)


def read_curated(name: str, curated_dir: Path = CURATED_DIR) -> pd.DataFrame:
    """One curated CSV as a frame typed per the schema (empty cells become NULL)."""
    with (curated_dir / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    frame = pd.DataFrame(rows).replace({"": None})
    layer = LAYERS_BY_NAME.get(name)
    if layer is not None:
        for column in layer.columns:
            if column.name not in frame:
                frame[column.name] = None
            if column.kind == INTEGER:
                frame[column.name] = pd.to_numeric(frame[column.name]).astype("Int64")
            elif column.kind == REAL:
                frame[column.name] = pd.to_numeric(frame[column.name]).astype("Float64")
        frame = frame[[c.name for c in layer.columns] + [c for c in ("lon", "lat") if c in frame]]
    return frame


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    geometry = gpd.points_from_xy(frame.pop("lon").astype(float), frame.pop("lat").astype(float))
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _multi(geometry):
    return MultiPolygon([geometry]) if isinstance(geometry, Polygon) else geometry


def assemble(prefectures: gpd.GeoDataFrame, bureaus: gpd.GeoDataFrame,
             countries: gpd.GeoDataFrame, places: gpd.GeoDataFrame | None = None,
             curated_dir: Path = CURATED_DIR) -> dict:
    """All layers of the dataset, ready to write (``places`` only when given)."""
    bureau_info = read_curated("bureaus", curated_dir)
    for column in ("seat_lon", "seat_lat"):
        bureau_info[column] = pd.to_numeric(bureau_info[column])
    bureaus = bureaus[["bureau_id", "geometry"]].merge(bureau_info, on="bureau_id")
    bureaus = bureaus[[c.name for c in LAYERS_BY_NAME["bureaus"].columns] + ["geometry"]]
    layers = {
        "dataset_info": pd.DataFrame({
            "key": ["schema_version", "title", "built",
                    *([] if places is None else ["places_attribution"])],
            "value": [SCHEMA_VERSION, "Japan's regional industrial clusters (bundled)",
                      date.today().isoformat(),
                      *([] if places is None else [places_attribution()])],
        }),
        **({} if places is None else {"places": places}),
        "bureaus": bureaus,
        "prefectures": prefectures,
        "countries": countries,
    }
    for name in ATTRIBUTE_LAYERS:
        layers[name] = read_curated(name, curated_dir)
    for name in POINT_LAYERS:
        layers[name] = _points(read_curated(name, curated_dir))
    for name in ("bureaus", "prefectures", "countries"):
        frame = layers[name].copy()
        frame["geometry"] = frame.geometry.map(_multi)
        layers[name] = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    return layers


def write_geopackage(layers: dict, path: Path) -> None:
    """Write the given schema layers, in schema order, replacing ``path`` atomically."""
    temporary = path.with_suffix(".tmp.gpkg")
    temporary.unlink(missing_ok=True)
    for layer in LAYERS:
        if layer.name not in layers:
            continue
        frame = layers[layer.name]
        if layer.geometry:
            pyogrio.write_dataframe(frame, temporary, layer=layer.name, driver="GPKG",
                                    geometry_type=layer.geometry, promote_to_multi=False)
        else:
            pyogrio.write_dataframe(pd.DataFrame(frame), temporary, layer=layer.name,
                                    driver="GPKG")
    temporary.replace(path)
