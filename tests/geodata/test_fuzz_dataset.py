"""Property-based: any damage to a dataset file ends in a Dataset or in DatasetError, never else.

Mutations follow what hand editing does to a GeoPackage: columns dropped or renamed, wrong
types, NULLs, duplicate and dangling ids, broken or empty geometry, huge and Unicode-heavy
strings, another CRS, a truncated file, random bytes.
"""

import geopandas as gpd
import pandas as pd
import pytest
from factories import sample_layers, write_sample_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon

from geodata import Dataset, DatasetError, load_dataset
from geodata.schema import LAYERS

LAYER_NAMES = [layer.name for layer in LAYERS]
NASTY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40,
) | st.sampled_from(["<script>alert(1)</script>", "\u2028\u2029", "\u202e evil", "'\"\\",
                     "x" * 20_000, "近畿\x00null"])
BOWTIE = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
PROFILE = settings(max_examples=60, deadline=None,  # a loaded machine is slow, not wrong
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])


def _column(frame, draw):
    columns = [c for c in frame.columns if c != "geometry"]
    return draw(st.sampled_from(columns)) if columns else None


@st.composite
def mutated_layers(draw):
    layers = sample_layers()
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(LAYER_NAMES))
        if name not in layers:
            continue
        frame = layers[name]
        column = _column(frame, draw)
        mutation = draw(st.sampled_from([
            "drop-column", "rename-column", "nulls", "wrong-type", "text", "duplicate-row",
            "dangling", "bad-geometry", "empty-geometry", "crs", "drop-layer", "empty-layer",
        ]))
        if mutation == "drop-layer":
            layers.pop(name)
            continue
        if mutation == "empty-layer":
            layers[name] = frame.iloc[0:0]
            continue
        frame = frame.copy()
        if column is not None and mutation == "drop-column" and len(frame.columns) > 1:
            frame = frame.drop(columns=[column])  # a layer keeps a column: GDAL needs one
        elif column is not None and mutation == "rename-column":
            frame = frame.rename(columns={column: column + "_x"})
        elif column is not None and mutation == "nulls":
            frame[column] = None
        elif column is not None and mutation == "wrong-type":
            frame[column] = draw(st.sampled_from([3.5, -1, "seven", True, 10**30]))
        elif column is not None and mutation == "text":
            frame[column] = draw(NASTY_TEXT)
        elif mutation == "duplicate-row" and len(frame):
            frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
        elif column is not None and mutation == "dangling":
            frame[column] = "no-such-id"
        elif isinstance(frame, gpd.GeoDataFrame) and mutation == "bad-geometry":
            frame.loc[frame.index[:1], "geometry"] = BOWTIE
        elif isinstance(frame, gpd.GeoDataFrame) and mutation == "empty-geometry":
            frame.loc[frame.index[:1], "geometry"] = Point()
        elif isinstance(frame, gpd.GeoDataFrame) and mutation == "crs":
            frame = frame.to_crs(draw(st.sampled_from(["EPSG:3857", "EPSG:6668", "EPSG:6677"])))
        if isinstance(frame, gpd.GeoDataFrame) and "geometry" not in frame:
            frame = pd.DataFrame(frame)
        layers[name] = frame
    return layers


def _loads_or_explains(path) -> None:
    try:
        result = load_dataset(path)
    except DatasetError as error:
        assert error.problems and all(str(problem) for problem in error.problems)
    else:
        assert isinstance(result, Dataset)


@PROFILE
@given(layers=mutated_layers())
def test_mutated_datasets_load_or_explain(tmp_path_factory, layers):
    path = tmp_path_factory.mktemp("fuzz") / "mutated.gpkg"
    write_sample_dataset(path, layers)  # every mutation is one a GeoPackage can hold
    _loads_or_explains(path)


@PROFILE
@given(cut=st.floats(0.0, 0.99))
def test_truncated_files_are_refused(tmp_path_factory, cut):
    folder = tmp_path_factory.mktemp("cut")
    whole = write_sample_dataset(folder / "whole.gpkg").read_bytes()
    path = folder / "cut.gpkg"
    path.write_bytes(whole[: int(len(whole) * cut)])
    with pytest.raises(DatasetError) as refused:  # never a dataset missing what was cut off
        load_dataset(path)
    assert refused.value.problems and all(str(problem) for problem in refused.value.problems)


def test_a_file_cut_at_a_page_boundary_is_said_to_be_cut_short(tmp_path):
    """SQLite reads a page only when asked for it: a file missing its last pages failed deep
    inside GDAL ("database disk image is malformed"), or not at all if they went unread."""
    whole = write_sample_dataset(tmp_path / "whole.gpkg").read_bytes()
    page_size = int.from_bytes(whole[16:18], "big")
    path = tmp_path / "cut.gpkg"
    path.write_bytes(whole[:-page_size])
    with pytest.raises(DatasetError) as refused:
        load_dataset(path)
    assert refused.value.messages == [
        f"the file is cut short ({len(whole) - page_size:,} of {len(whole):,} bytes): {path}"]


@PROFILE
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.gpkg"
    path.write_bytes(data)
    with pytest.raises(DatasetError):
        load_dataset(path)
