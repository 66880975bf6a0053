"""Opening postgresql:// through the data-source registry, the offline copy when the server is
down, and a password that never leaves the connection."""

import logging
import os

import pytest
from postgis_server import BUREAU_PASSWORD, BUREAU_USER

from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata.copying import copy_dataset
from geodata.sources import as_location, identity_of, shown_location, source_for
from geodata.sources.offline_copy import cache_dir
from geodata.sources.postgis import OfflineCopyWarning


def test_the_registry_opens_a_postgresql_location(postgis):
    url = postgis.url(schema="opened")
    copy_dataset(BUNDLED_DATASET, url)

    dataset = load_dataset(url)

    assert source_for(url).name == "PostGIS"
    assert isinstance(as_location(url), str)  # a Path would turn // into /
    assert dataset.summary() == load_dataset().summary()
    assert dataset.origin.location == url and dataset.origin.offline_reason is None
    assert dataset.path.parent == cache_dir() and dataset.path.is_file()  # the offline copy
    assert load_dataset(dataset.path).summary() == dataset.summary()


def test_the_identity_changes_with_a_row(postgis):
    import psycopg

    url = postgis.url(schema="identity")
    copy_dataset(BUNDLED_DATASET, url)
    before = identity_of(url)
    assert identity_of(url) == before
    with psycopg.connect(postgis.conninfo()) as connection:
        connection.execute("UPDATE identity.projects SET name_en = name_en || ' ' "
                           "WHERE fid = 1")
    assert identity_of(url) != before


IDENTITY_CHANGES = {
    "a cell": "UPDATE {s}.projects SET name_en = name_en || ' ' WHERE fid = 1",
    "a row removed": "DELETE FROM {s}.achievements WHERE fid = 1",
    "a row added": "INSERT INTO {s}.dataset_info (key, value) VALUES ('added', 'x')",
    "a column added with a default": "ALTER TABLE {s}.fields ADD COLUMN extra text "
                                     "DEFAULT 'x'",
    "a column renamed": "ALTER TABLE {s}.places RENAME COLUMN name_en TO name_english",
    "a column's type": "ALTER TABLE {s}.bureaus ALTER COLUMN seat_lon TYPE numeric",
}
"""Changes to a database's tables, each of which must change its identity (the key under
which the window keeps the page drawn from it): the cheap digest of row versions and columns
must see each (a rewrite with the same rows may change it too, which only costs a rebuild)."""


@pytest.mark.parametrize("change", IDENTITY_CHANGES)
def test_every_kind_of_change_changes_the_identity(postgis, change):
    import psycopg

    schema = "ident_" + "".join(ch for ch in change if ch.isalpha())[:40]
    url = postgis.url(schema=schema)
    copy_dataset(BUNDLED_DATASET, url)
    before = identity_of(url)
    with psycopg.connect(postgis.conninfo(), autocommit=True) as connection:
        for statement in IDENTITY_CHANGES[change].format(s=schema).split("; "):
            connection.execute(statement)
    assert identity_of(url) != before


def test_reading_leaves_the_identity_as_it_was(postgis):
    """Reading (and the server's own upkeep) changes no row: the page kept stays usable."""
    import psycopg

    url = postgis.url(schema="identread")
    copy_dataset(BUNDLED_DATASET, url)
    before = identity_of(url)
    load_dataset(url)
    with psycopg.connect(postgis.conninfo(), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE identread.projects")
    assert identity_of(url) == before


def test_a_schema_without_the_optional_places_layer_opens(postgis):
    """The places layer is optional, as in a GeoPackage; a schema without it was refused with
    "missing layer"."""
    import psycopg

    url = postgis.url(schema="noplaces")
    copy_dataset(BUNDLED_DATASET, url)
    with psycopg.connect(postgis.conninfo()) as connection:
        connection.execute("DROP TABLE noplaces.places")
    dataset = load_dataset(url)
    assert dataset.places.empty
    assert len(dataset.projects) == len(load_dataset().projects)


def test_a_missing_schema_is_one_clear_problem(postgis):
    with pytest.raises(DatasetError, match="no schema 'nowhere'") as refused:
        load_dataset(postgis.url(schema="nowhere"))
    assert len(refused.value.problems) == 1


def test_with_the_server_stopped_the_offline_copy_opens_and_says_its_age(postgis):
    url = postgis.url(schema="offline")
    copy_dataset(BUNDLED_DATASET, url)
    online = load_dataset(url)
    postgis.stop()
    try:
        with pytest.warns(OfflineCopyWarning, match=r"offline copy, less than a minute old"):
            offline = load_dataset(url)
        assert offline.summary() == online.summary()
        assert offline.origin.offline_reason
        assert offline.origin.copy_saved == online.origin.copy_saved
        assert identity_of(url).startswith("offline-copy ")
        with pytest.raises(DatasetError, match="no offline copy"):
            load_dataset(postgis.url(schema="never_opened"))
    finally:
        postgis.start()


def test_a_password_is_used_and_never_shown_logged_or_named(postgis, caplog, tmp_path):
    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="secret")
    caplog.set_level(logging.DEBUG)

    report = copy_dataset(BUNDLED_DATASET, url)
    dataset = load_dataset(url)

    assert dataset.summary() == load_dataset().summary()  # the password was used
    shown = [report.summary(), dataset.origin.location, shown_location(url),
             str(dataset.path), caplog.text]
    assert all(BUREAU_PASSWORD not in text for text in shown), shown
    assert all(BUREAU_PASSWORD not in name for name in os.listdir(cache_dir()))
    with pytest.raises(DatasetError) as refused:
        load_dataset(postgis.url(user=BUREAU_USER, password="wrong" + BUREAU_PASSWORD,
                                 schema="secret_wrong"))
    assert "password authentication failed" in str(refused.value.problems[0])
    assert BUREAU_PASSWORD not in "\n".join(map(str, refused.value.problems))


def test_pgpassword_gives_the_password(postgis, monkeypatch):
    url = postgis.url(user=BUREAU_USER, schema="from_environment")
    monkeypatch.setenv("PGPASSWORD", BUREAU_PASSWORD)
    copy_dataset(BUNDLED_DATASET, url)
    assert load_dataset(url).origin.offline_reason is None


def test_a_keyword_location_with_a_password_is_shown_without_it():
    location = f"host=/nowhere dbname=clusters password='{BUREAU_PASSWORD}' schema=kinki"
    assert source_for(location).name == "PostGIS"
    assert BUREAU_PASSWORD not in shown_location(location)
    assert "schema=kinki" in shown_location(location)


def test_plain_columns_are_read_without_a_look_at_each_cell(postgis, monkeypatch):
    """A layer's text, numbers and missing cells are taken as they come (a national dataset's
    few hundred thousand rows were converted cell by cell in Python, seconds of its open);
    only a column of other types, a numeric or a date, is converted cell by cell."""
    import psycopg

    from geodata.sources import postgis_tables
    from geodata.sources.connection import connect, parse_location

    url = postgis.url(schema="cells")
    copy_dataset(BUNDLED_DATASET, url)
    with psycopg.connect(postgis.conninfo()) as connection:
        connection.execute("ALTER TABLE cells.projects ADD COLUMN budget numeric, "
                           "ADD COLUMN started date, ADD COLUMN code text")
        connection.execute("UPDATE cells.projects SET budget = fid * 1.5, "
                           "started = date '2024-04-01', code = '007'")
    looked_at = []
    plain_value = postgis_tables._plain_value
    monkeypatch.setattr(postgis_tables, "_plain_value",
                        lambda value: looked_at.append(value) or plain_value(value))
    database = parse_location(url)
    with connect(database) as connection:
        frames, problems = postgis_tables.read_tables(connection, database.schema)

    projects = frames["projects"]
    assert not problems
    assert len(looked_at) == 2 * len(projects)  # the numeric and the date column only
    assert projects["budget"].tolist() == [1.5 * row for row in range(1, len(projects) + 1)]
    assert set(projects["started"]) == {"2024-04-01"} and set(projects["code"]) == {"007"}
    assert projects["name_en"].tolist() == load_dataset().projects["name_en"].tolist()
