"""The data-source registry: the GeoPackage source opens .gpkg files and names their content,
a location no source takes is one clear problem, and a source registered by one line is used."""

import os
import shutil
from dataclasses import replace

import pytest

from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata.sources import (
    DataSource,
    as_location,
    data_sources,
    identity_of,
    register_source,
    source_for,
    unregister_source,
)


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


@pytest.fixture
def listed_source(bundled):
    """A throwaway source for '.list' names that opens the bundled dataset, registered for one
    test and withdrawn after it."""
    source = register_source(DataSource(
        name="Test list", description="a .list file",
        handles=lambda location: str(location).endswith(".list"),
        open=lambda location: replace(bundled, info={**bundled.info, "opened": str(location)}),
        identity=lambda location: f"list:{location}"))
    try:
        yield source
    finally:
        unregister_source(source.name)


def test_the_geopackage_source_opens_a_gpkg_present_or_not(tmp_path):
    assert source_for(tmp_path / "absent.GPKG").name == "GeoPackage"
    assert source_for(BUNDLED_DATASET).name == "GeoPackage"
    assert data_sources()[-1].name == "GeoPackage"  # the catch-all is asked last


def test_every_source_is_whole_and_asked_by_priority():
    sources = data_sources()
    assert [source.priority for source in sources] == sorted(
        (source.priority for source in sources), reverse=True)
    assert len({source.name for source in sources}) == len(sources)
    for source in sources:
        assert source.name and source.description
        assert all(suffix == suffix.lower() and suffix.startswith(".")
                   for suffix in source.suffixes)
        assert bool(source.files_title) == bool(source.suffixes), source.name
        for suffix in source.suffixes:  # a file of its suffix is its to open
            assert source_for(f"/nowhere/list{suffix.upper()}") is source


def test_the_postgis_source_knows_its_locations_by_their_text(tmp_path):
    for location in ("postgresql://bureau@db.example/clusters?schema=kinki",
                     "POSTGRES://db.example/clusters", "service=clusters schema=kinki"):
        assert source_for(location).name == "PostGIS"
        assert as_location(location) == location  # kept as text: Path makes // into /
    on_disk = tmp_path / "name=odd.gpkg"
    on_disk.write_bytes(b"")
    assert source_for(on_disk).name == "GeoPackage"
    assert as_location(str(on_disk)) == on_disk


def test_loading_goes_through_the_source(bundled):
    assert bundled.path == BUNDLED_DATASET
    assert bundled.summary().startswith("27 projects")
    assert isinstance(bundled.projects["fields"].iloc[0], list)


def test_the_identity_is_the_content_stable_and_changes_with_the_file(tmp_path):
    path = tmp_path / "copy.gpkg"
    shutil.copyfile(BUNDLED_DATASET, path)
    first = identity_of(path)
    assert identity_of(path) == first == identity_of(BUNDLED_DATASET)
    with path.open("r+b") as data:
        data.seek(100)
        data.write(b"\x01")
    assert identity_of(path) != first


def test_the_identity_refuses_what_is_not_a_regular_file_without_reading_it(tmp_path):
    fifo = tmp_path / "pipe.gpkg"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    with pytest.raises(OSError, match="not a regular file"):
        identity_of(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        identity_of(tmp_path)


def test_a_location_no_source_takes_is_one_problem(tmp_path):
    with pytest.raises(DatasetError) as raised:
        load_dataset(tmp_path / "list.ods")
    (message,) = raised.value.messages
    assert message.startswith(f"file not found: {tmp_path / 'list.ods'}; a dataset is ")
    for source in data_sources():
        assert source.description in message


def test_anything_else_on_disk_is_the_geopackage_reader_s_to_explain(tmp_path):
    text = tmp_path / "points.txt"
    text.write_text("name,lon,lat\n")
    with pytest.raises(DatasetError) as raised:
        load_dataset(text)
    assert raised.value.messages == [f"not a GeoPackage (no SQLite header): {text}"]


def test_a_registered_source_is_dispatched_to(tmp_path, listed_source):
    location = tmp_path / "clusters.list"
    assert source_for(location) is listed_source
    assert load_dataset(location).info["opened"] == str(location)
    assert identity_of(location) == f"list:{location}"
    assert source_for(tmp_path / "clusters.gpkg").name == "GeoPackage"


def test_a_registered_source_is_asked_before_the_catch_all(tmp_path, listed_source):
    location = tmp_path / "on-disk.list"
    location.write_text("anything")  # the GeoPackage source would take it too
    assert source_for(location) is listed_source


def test_a_name_is_registered_once(listed_source):
    with pytest.raises(ValueError, match="registered already"):
        register_source(listed_source)
