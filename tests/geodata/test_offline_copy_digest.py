"""The offline copy's digest of the tables read (geodata/sources/offline_copy.py): the same
tables give the same digest, and a change to any one cell gives another, so a copy is written
again exactly when what the server gave changed."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon

from geodata.sources.offline_copy import frames_digest


def tables() -> dict[str, pd.DataFrame]:
    """Tables as the PostGIS reader gives them: text (pandas' str and plain objects), whole
    numbers, reals, missing cells, geometries."""
    return {
        "projects": gpd.GeoDataFrame({
            "project_id": pd.Series(["tama", "kinki-bio", "kansai-it"], dtype="str"),
            "name_ja": pd.Series([None, "近畿バイオ", None], dtype=object),
            "companies": np.array([260, 220, 4], dtype=np.int64),
            "value": np.array([1.5, np.nan, 3.0]),
            "mixed": pd.Series([1, "a", None], dtype=object),
        }, geometry=[Point(139.32, 35.66), Point(135.19, 34.69), None], crs="EPSG:4326"),
        "bureaus": gpd.GeoDataFrame({"bureau_id": ["kanto"]}, geometry=[
            Polygon([(138, 35), (140, 35), (140, 37), (138, 35)])], crs="EPSG:4326"),
        "dataset_info": pd.DataFrame({"key": ["schema_version"], "value": ["1"]}),
        "empty": pd.DataFrame(),
    }


def changed(layer: str, column: str, row: int, value):
    frames = tables()
    frame = frames[layer].copy()
    if column == "geometry":
        shapes = list(frame.geometry)
        shapes[row] = value
        frame["geometry"] = gpd.GeoSeries(shapes, index=frame.index, crs=frame.crs)
    else:
        cells = frame[column].astype(object)
        cells.iloc[row] = value
        frame[column] = cells.astype(frame[column].dtype)
    frames[layer] = frame
    return frames


def test_the_same_tables_give_the_same_digest():
    assert frames_digest(tables()) == frames_digest(tables())


@pytest.mark.parametrize("frames", [
    pytest.param(changed("projects", "project_id", 1, "kinki-bio2"), id="text"),
    pytest.param(changed("projects", "name_ja", 0, ""), id="missing-to-empty-text"),
    pytest.param(changed("projects", "name_ja", 1, None), id="text-to-missing"),
    pytest.param(changed("projects", "companies", 2, 5), id="integer"),
    pytest.param(changed("projects", "value", 1, 0.0), id="missing-real"),
    pytest.param(changed("projects", "mixed", 0, "1"), id="mixed-cells"),
    pytest.param(changed("projects", "geometry", 0, Point(139.32, 35.67)), id="point"),
    pytest.param(changed("projects", "geometry", 2, Point(135, 34)), id="missing-point"),
    pytest.param(changed("bureaus", "geometry", 0,
                         Polygon([(138, 35), (140, 35), (140, 37.5), (138, 35)])), id="polygon"),
    pytest.param(changed("dataset_info", "value", 0, "2"), id="small-table"),
])
def test_a_change_to_one_cell_changes_the_digest(frames):
    assert frames_digest(frames) != frames_digest(tables())


def test_texts_are_told_apart_where_they_end():
    """Joined texts must not read alike when a text holds the joining character."""
    def with_names(names):
        return {"t": pd.DataFrame({"name": pd.Series(names, dtype=object)})}

    assert frames_digest(with_names(["a\0", "b"])) != frames_digest(with_names(["a", "\0b"]))
    assert frames_digest(with_names(["a\0b", "c"])) != frames_digest(with_names(["a", "b\0c"]))
    assert frames_digest(with_names(["ab", "c"])) != frames_digest(with_names(["a", "bc"]))


def test_the_digest_follows_names_columns_and_types():
    frames = tables()
    renamed = {**frames, "sources": frames.pop("dataset_info")}
    assert frames_digest(renamed) != frames_digest(tables())
    retyped = tables()
    retyped["projects"]["companies"] = retyped["projects"]["companies"].astype("float64")
    assert frames_digest(retyped) != frames_digest(tables())
