"""GeoPackage → PostGIS → GeoPackage keeps every row and geometry; a copy is all or nothing."""

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from geopandas.testing import assert_geoseries_equal

from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata.copying import copy_dataset
from geodata.schema import LAYERS


def _layer(path, layer):
    return pyogrio.read_dataframe(path, layer=layer.name, read_geometry=layer.geometry is not None)


def _same_values(left: pd.Series, right: pd.Series) -> bool:
    """Equal cell by cell, a missing value equal to a missing one (dtypes may differ)."""
    return [None if pd.isna(value) else value for value in left.tolist()] == \
        [None if pd.isna(value) else value for value in right.tolist()]


def test_round_trip_keeps_every_row_and_geometry(postgis, tmp_path):
    url = postgis.url(schema="round_trip")
    back = tmp_path / "back.gpkg"

    to_database = copy_dataset(BUNDLED_DATASET, url)
    from_database = copy_dataset(url, back)

    assert to_database.rows == from_database.rows
    for layer in LAYERS:
        original, returned = _layer(BUNDLED_DATASET, layer), _layer(back, layer)
        assert len(returned) == len(original) == to_database.rows[layer.name], layer.name
        assert list(returned.columns) == list(original.columns), layer.name
        for column in original.columns:
            if column == "geometry":
                assert_geoseries_equal(gpd.GeoSeries(returned.geometry),
                                       gpd.GeoSeries(original.geometry), check_less_precise=False)
                assert returned.geometry.geom_equals_exact(original.geometry, 0).all()
            else:
                assert _same_values(returned[column], original[column]), (layer.name, column)
    assert load_dataset(back).summary() == load_dataset(BUNDLED_DATASET).summary()


def test_a_refused_dataset_is_not_copied_and_the_tables_stay(postgis, tmp_path):
    url = postgis.url(schema="refusal")
    copy_dataset(BUNDLED_DATASET, url)
    broken = tmp_path / "broken.gpkg"
    projects = gpd.read_file(BUNDLED_DATASET, layer="projects")
    projects.loc[0, "bureau_id"] = "atlantis"
    layers = {layer.name: _layer(BUNDLED_DATASET, layer) for layer in LAYERS}
    layers["projects"] = projects
    from geodata.build.assemble import write_geopackage

    write_geopackage(layers, broken)

    with pytest.raises(DatasetError, match="atlantis"):
        copy_dataset(broken, url)
    assert "atlantis" not in set(load_dataset(url).projects["bureau_id"])


def test_a_failure_half_way_leaves_the_old_tables(postgis, monkeypatch):
    url = postgis.url(schema="half_way")
    copy_dataset(BUNDLED_DATASET, url)
    before = load_dataset(url).projects["project_id"].tolist()
    from geodata.sources import postgis_tables

    real = postgis_tables._write_table

    def fail_on_projects(connection, schema, name, frame):
        real(connection, schema, name, frame.iloc[:1] if name == "programs" else frame)
        if name == "projects":
            raise RuntimeError("disk full")

    monkeypatch.setattr(postgis_tables, "_write_table", fail_on_projects)
    with pytest.raises(RuntimeError, match="disk full"):
        copy_dataset(BUNDLED_DATASET, url)
    monkeypatch.undo()

    after = load_dataset(url)
    assert after.projects["project_id"].tolist() == before
    assert len(after.programs) == len(load_dataset().programs)


def test_a_geopackage_copy_replaces_the_target_atomically(postgis, tmp_path):
    url = postgis.url(schema="atomic_target")
    copy_dataset(BUNDLED_DATASET, url)
    target = tmp_path / "kept.gpkg"
    target.write_bytes(b"the old file")

    with pytest.raises(DatasetError, match="no schema 'absent'"):
        copy_dataset(postgis.url(schema="absent"), target)

    assert target.read_bytes() == b"the old file"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
