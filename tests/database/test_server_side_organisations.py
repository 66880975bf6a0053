"""The optional organisations layer on the server: a generated list in the corporate-number
list's columns (benchmarks/national.py, 20,000 rows here), written by COPY, counted per
prefecture and listed page by page as the same rows counted in memory."""

import numpy as np
import pandas as pd
import psycopg
import pytest

from benchmarks.national import check_digits, organisation_lines, placeable
from geodata import BUNDLED_DATASET, DatasetError, load_dataset
from geodata.copying import copy_dataset
from geodata.server_side.organisations import (
    COLUMNS,
    OrganisationQueries,
    write_organisations,
)
from geodata.server_side.queries import open_server_queries
from geodata.sources.connection import connect, parse_location

ROWS = 20_000


@pytest.fixture(scope="module")
def listed(postgis):
    """(the generated rows as a frame, OrganisationQueries) on a copy of the bundled dataset."""
    url = postgis.url(schema="organisations_listed")
    copy_dataset(BUNDLED_DATASET, url)
    places = load_dataset().places
    lines = list(organisation_lines(ROWS, places))
    database = parse_location(url)
    with connect(database) as connection:
        assert write_organisations(connection, database.schema, lines) == ROWS
    frame = pd.DataFrame([line.split("\t") for line in lines],
                         columns=[*(name for name, _kind in COLUMNS), "point"])
    frame["pref_code"] = frame["pref_code"].astype(int)
    frame["municipality_code"] = frame["municipality_code"].astype(int)
    queries = open_server_queries(url)
    try:
        yield frame, OrganisationQueries(queries.connection, queries.schema)
    finally:
        queries.close()


def _check_digit(number: str) -> int:
    """The corporate number's check digit by the published rule, digit by digit."""
    base = number[1:]
    total = sum(int(digit) * (1 if position % 2 else 2)
                for position, digit in enumerate(reversed(base), start=1))
    return 9 - total % 9


def test_corporate_numbers_are_distinct_with_their_check_digit(listed):
    frame, _queries = listed
    numbers = frame["corporate_number"]
    assert numbers.str.fullmatch(r"\d{13}").all()
    assert numbers.is_unique
    assert all(int(number[0]) == _check_digit(number) for number in numbers)
    # the vectorised rule agrees on a known number (the National Tax Agency's: 7000012050002)
    assert check_digits(np.array([12050002]))[0] == 7


def test_organisations_sit_at_municipalities_weighted_by_population(listed):
    frame, _queries = listed
    places = load_dataset().places
    kept, _weights = placeable(places)
    by_code = places.set_index("code")
    assert frame["municipality_code"].isin(kept["code"]).all()
    assert (frame["pref_code"].to_numpy()
            == by_code.loc[frame["municipality_code"], "pref_code"].to_numpy()).all()
    assert not frame["municipality_code"].isin(places["city_code"].dropna()).any()
    population = kept.groupby("pref_code")["population"].sum()
    assert frame["pref_code"].value_counts().idxmax() == population.idxmax()


def test_counts_per_prefecture_are_the_rows_counted_in_memory(listed):
    frame, queries = listed
    prefectures = load_dataset().prefectures
    expected = frame["pref_code"].value_counts()
    assert queries.by_prefecture() == {int(code): int(expected.get(code, 0))
                                       for code in sorted(prefectures["pref_code"])}
    kinki = set(prefectures.loc[prefectures["bureau_id"] == "kinki", "pref_code"])
    assert queries.by_prefecture("kinki") == {code: int(expected.get(code, 0))
                                              for code in sorted(kinki)}


@pytest.mark.parametrize("bureau_id", ["okinawa", "shikoku", None])
def test_pages_list_a_bureaus_organisations_once_in_the_lists_order(listed, bureau_id):
    frame, queries = listed
    prefectures = load_dataset().prefectures
    codes = (set(prefectures["pref_code"]) if bureau_id is None else
             set(prefectures.loc[prefectures["bureau_id"] == bureau_id, "pref_code"]))
    expected = frame.loc[frame["pref_code"].isin(codes), "corporate_number"].tolist()
    listed_numbers, after = [], 0
    while after is not None:
        page = queries.page(bureau_id, after=after, limit=900)
        listed_numbers += [row[0] for row in page.rows]
        after = page.after
    assert listed_numbers == expected
    total, first = queries.panel_action(bureau_id, limit=100)
    assert total == len(expected) == queries.count(bureau_id)
    assert [row[0] for row in first.rows] == expected[:100]
    assert first.columns[-2:] == ("lon", "lat")


def test_a_prefecture_page_holds_only_that_prefecture(listed):
    frame, queries = listed
    page = queries.page(pref_code=13, limit=50)
    assert {row[3] for row in page.rows} == {13}
    assert [row[0] for row in page.rows] == \
        frame.loc[frame["pref_code"] == 13, "corporate_number"].tolist()[:50]


def test_organisations_are_never_written_outside_a_dataset(postgis):
    with psycopg.connect(postgis.conninfo(), autocommit=True) as connection:
        connection.execute("CREATE SCHEMA IF NOT EXISTS someone_elses")
    database = parse_location(postgis.url(schema="someone_elses"))
    with connect(database) as connection, pytest.raises(DatasetError,
                                                        match="holds no Cluster Explorer"):
        write_organisations(connection, database.schema, [])
    with psycopg.connect(postgis.conninfo()) as connection:
        assert connection.execute("SELECT count(*) FROM information_schema.tables WHERE "
                                  "table_schema = 'someone_elses'").fetchone()[0] == 0


def test_the_dataset_opens_as_before_with_organisations_beside_it(listed, postgis):
    url = postgis.url(schema="organisations_listed")
    assert load_dataset(url).summary() == load_dataset(BUNDLED_DATASET).summary()


@pytest.mark.parametrize(("bounds", "cell", "bureau_id"), [
    ((122.0, 20.0, 154.0, 46.0), 1.0, None),  # the national zoom
    ((138.5, 34.8, 140.9, 36.9), 0.1, None),  # around Tokyo
    ((134.0, 33.5, 136.9, 35.8), 0.05, "kinki"),  # a bureau's prefectures only
    ((135.4, 34.6, 135.6, 34.75), 0.01, None),  # a city's wards
])
def test_map_clusters_are_the_rows_gridded_in_memory(listed, bounds, cell, bureau_id):

    frame, queries = listed
    rows = _inside(frame, bounds, bureau_id)
    cells = rows.groupby([np.floor(rows["lon"] / cell), np.floor(rows["lat"] / cell)])
    expected = {key: (len(group), group["lon"].mean(), group["lat"].mean())
                for key, group in cells}
    clusters = queries.grid(bounds, cell, bureau_id)
    assert sum(count for count, _lon, _lat in clusters) == len(rows) > 0
    assert [count for count, _lon, _lat in clusters] == sorted(
        (count for count, _lon, _lat in clusters), reverse=True)
    found = {}
    for count, lon, lat in clusters:
        key = (np.floor(lon / cell), np.floor(lat / cell))  # a mean stays in its cell
        assert key not in found
        found[key] = (count, lon, lat)
    assert found.keys() == expected.keys()
    for key, (count, lon, lat) in found.items():
        assert count == expected[key][0]
        assert lon == pytest.approx(expected[key][1]) and lat == pytest.approx(expected[key][2])


@pytest.mark.parametrize(("bounds", "bureau_id"), [
    ((139.6, 35.6, 139.9, 35.8), None),  # central Tokyo
    ((135.4, 34.6, 135.6, 34.75), "kinki"),  # Osaka's wards, the bureau chosen
    ((139.6, 35.6, 139.9, 35.8), "kinki"),  # Tokyo while Kinki is chosen: none
])
def test_map_points_are_the_rows_inside_the_view(listed, bounds, bureau_id):
    frame, queries = listed
    rows = _inside(frame, bounds, bureau_id)
    total, found = queries.points(bounds, bureau_id, limit=len(frame))
    assert total == len(rows)
    assert sorted(name for name, _lon, _lat in found) == sorted(rows["name"])
    assert all(west <= lon <= east and south <= lat <= north
               for _name, lon, lat in found
               for west, south, east, north in [bounds])
    total, found = queries.points(bounds, bureau_id, limit=3)  # the count, whatever the limit
    assert total == len(rows) and len(found) == min(3, len(rows))


def _inside(frame, bounds, bureau_id):
    import shapely

    points = shapely.from_wkb(frame["point"].to_numpy())
    rows = frame.assign(lon=shapely.get_x(points), lat=shapely.get_y(points))
    west, south, east, north = bounds
    rows = rows[rows["lon"].between(west, east) & rows["lat"].between(south, north)]
    if bureau_id is not None:
        prefectures = load_dataset().prefectures
        rows = rows[rows["pref_code"].isin(
            prefectures.loc[prefectures["bureau_id"] == bureau_id, "pref_code"])]
    return rows


@pytest.mark.parametrize(("zoom", "level"), [(5.0, "bureau"), (6.5, "prefecture"),
                                             (8.0, "grid"), (11.0, "points")])
def test_the_map_answer_at_each_zoom_counts_the_rows(listed, zoom, level):
    from geodata.server_side.organisation_map import Anchors, map_answer

    frame, queries = listed
    dataset = load_dataset()
    anchors = Anchors.of_dataset(dataset, "name_en")
    bounds = (139.7, 35.65, 139.8, 35.72) if level == "points" else (122.0, 20.0, 154.0, 46.0)
    answer = map_answer(queries, anchors, bounds, zoom, None)
    assert answer["level"] == level
    counts = [item["count"] for item in answer["items"]]
    bureau_of = dict(zip(dataset.prefectures["pref_code"], dataset.prefectures["bureau_id"],
                         strict=True))
    if level == "bureau":
        assert {item["key"]: item["count"] for item in answer["items"]} == \
            frame["pref_code"].map(bureau_of).value_counts().to_dict()
    elif level == "prefecture":
        assert {int(item["key"]): item["count"] for item in answer["items"]} == \
            frame["pref_code"].value_counts().to_dict()
    else:
        assert sum(counts) == len(_inside(frame, bounds, None)) > 0
    if level == "points":
        assert set(counts) == {1}


def test_the_map_answer_from_the_offline_copy_stops_at_the_prefectures(listed, tmp_path):
    from geodata.server_side.offline import OfflineOrganisations, save_organisations
    from geodata.server_side.organisation_map import Anchors, map_answer

    frame, queries = listed
    path = tmp_path / "kept.sqlite"
    save_organisations(queries, path, None)
    kept = OfflineOrganisations(path)
    try:
        answer = map_answer(kept, Anchors.of_dataset(load_dataset(), "name_en"),
                            (139.7, 35.65, 139.8, 35.72), 11.0, None)
    finally:
        kept.close()
    assert answer["level"] == "prefecture"
    assert {int(item["key"]): item["count"] for item in answer["items"]} == \
        frame["pref_code"].value_counts().to_dict()


def test_the_offline_copy_keeps_the_counts_and_one_bureaus_rows(listed, tmp_path):
    """What an offline copy keeps of the list answers as the server does: every count, and
    the rows of the bureau kept (in the list's order); another bureau has its count only."""
    import os
    import stat

    from geodata.server_side.offline import OfflineOrganisations, save_organisations

    frame, queries = listed
    path = tmp_path / "cache" / "copy.organisations.sqlite"
    kinki = frame[frame["pref_code"].isin(_bureau_prefectures("kinki"))]
    assert save_organisations(queries, path, "kinki") == len(kinki) > 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    kept = OfflineOrganisations(path)
    try:
        assert kept.bureau_id == "kinki"
        for bureau_id in (None, "kinki", "okinawa"):
            assert kept.by_prefecture(bureau_id) == queries.by_prefecture(bureau_id)
            assert kept.count(bureau_id) == queries.count(bureau_id)
        rows, after = [], 0
        while after is not None:
            page = kept.page("kinki", after=after, limit=97)
            rows += page.rows
            after = page.after
        assert [row[0] for row in rows] == kinki["corporate_number"].tolist()
        server_rows, after = [], 0
        while after is not None:
            page = queries.page("kinki", after=after, limit=5_000)
            server_rows += page.rows
            after = page.after
        assert rows == server_rows
        total, first = kept.panel_action("okinawa")
        assert total == queries.count("okinawa") and first.rows == [] and first.after is None
    finally:
        kept.close()
    assert save_organisations(queries, path, None) == 0  # the counts alone
    only_counts = OfflineOrganisations(path)
    try:
        assert only_counts.bureau_id is None
        assert only_counts.by_prefecture() == queries.by_prefecture()
    finally:
        only_counts.close()


def _bureau_prefectures(bureau_id: str) -> set[int]:
    prefectures = load_dataset().prefectures
    return set(prefectures.loc[prefectures["bureau_id"] == bureau_id, "pref_code"])
