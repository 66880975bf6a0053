"""The page data's projects, imported organisations and tie-ups written column by column
(map/page_data.py): the same members and values as one dict per row put through json.dumps,
and the column rules (names, marker fields and colours, fan groups) the rows' own."""

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imported_list import imported_dataset

from desktop.map import cartography, fanout, page_data
from desktop.map.layers import imported_organisations
from geodata import load_dataset


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return load_dataset(imported_dataset(tmp_path_factory.mktemp("imported")))


def _plain(value):
    """A value as the page reads it: numpy and pandas scalars as Python's, missing as None."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(item) for item in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _fan(fan):
    return None if fan is None else {
        "lat": round(fan.lat, 4), "lon": round(fan.lon, 4), "dx": fan.dx, "dy": fan.dy,
        "until_zoom": fan.until_zoom}


def _rows_as_dicts(ds, language):
    """The projects and organisations made one dict per row, each rule asked row by row."""
    projects, colors = ds.projects, ds.field_colors
    groups = fanout.fans(projects.geometry.x, projects.geometry.y)
    expected_projects = []
    for index, row in enumerate(projects.itertuples(index=False)):
        lines = dict(cartography.name_lines({"name_en": row.name_en, "name_ja": row.name_ja},
                                            language))
        expected_projects.append({
            "fan": _fan(groups.get(index)), "id": row.project_id, "name": lines["name"],
            "local_name": lines.get("local_name"), "name_en": row.name_en,
            "name_ja": _plain(row.name_ja), "bureau_id": row.bureau_id,
            "fields": list(row.fields), "programs": list(row.programs),
            "color": cartography.marker_color(row.fields, (), colors),
            "field": cartography.marker_field(row.fields, ()),
            "lon": round(row.geometry.x, 4), "lat": round(row.geometry.y, 4),
            "companies": _plain(row.companies), "universities": _plain(row.universities)})
    organisations = imported_organisations(ds)
    groups = fanout.fans(organisations.geometry.x, organisations.geometry.y)
    expected_organisations = []
    for index, row in enumerate(organisations.itertuples(index=False)):
        lines = dict(cartography.name_lines({"name_en": row.name_en, "name_ja": row.name_ja},
                                            language))
        local = lines.get("local_name")
        expected_organisations.append({
            "fan": _fan(groups.get(index)), "id": row.participant_id,
            "project_id": row.project_id, "name": lines["name"],
            "local_name": None if local == lines["name"] else local, "kind": row.kind,
            "fill": cartography.ORGANISATION_FILLS[cartography.organisation_class(row.kind)],
            "lon": round(row.geometry.x, 4), "lat": round(row.geometry.y, 4)})
    expected_tieups = [{
        "id": row.tieup_id, "project_id": row.project_id, "bureau_id": row.bureau_id,
        "partner": row.partner, "partner_place": row.partner_place, "country": row.country,
        "field": row.field, "field_label": _plain(row.field_label),
        "color": cartography.field_color(colors, row.field),
        "partner_lon": round(cartography.unwrap_lon(row.geometry.x), 4),
        "partner_lat": round(row.geometry.y, 4)} for row in ds.tieups.itertuples(index=False)]
    return expected_projects, expected_organisations, expected_tieups


@pytest.mark.parametrize("language", ["en", "ja"])
def test_projects_and_organisations_are_what_a_dict_per_row_makes(ds, language):
    data = json.loads(page_data.page_json(ds, language))
    projects, organisations, tieups = _rows_as_dicts(ds, language)
    assert len(organisations) > 0 and any(row["fan"] for row in projects)
    assert any(row["partner_lon"] > 180 for row in tieups), "a partner east of the antimeridian"
    assert data["projects"] == projects
    assert data["organisations"] == organisations
    assert data["tieups"] == tieups
    for written, made in ((data["projects"], projects), (data["organisations"], organisations),
                          (data["tieups"], tieups)):
        assert [list(row) for row in written] == [list(row) for row in made], "member order"


VALUES = [None, "", "名古屋", "a\"b\\c</script>", "\U0001f600", 0, 1, -7, 1.0, 2.5, True, False,
          np.int64(3), np.float64(4.25), np.float64("nan"), pd.NA, ["x", "y"], ("x", "y"),
          np.array(["x", "y"]), [1], [1.0], [True], [None, "z"], [], [[1, 2]]]


def test_every_kind_of_value_is_written_as_json_writes_it():
    values = VALUES + VALUES[::-1]  # each twice: a kept text is the value's own
    assert page_data._json_texts(values) == [page_data._dumps(_plain(value))
                                             for value in values]
    column = pd.Series([1, None, 3, 1], dtype="Int64")
    assert page_data._json_texts(column) == ["1", "null", "3", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.floats(min_value=-400, max_value=400, allow_nan=False),
    # values a hair from a rounding half, where numpy's rounding and Python's may part
    st.integers(-4_000_000, 4_000_000).map(lambda k: (k + 0.5) / 10_000),
    st.integers(-4_000_000, 4_000_000).map(lambda k: math.nextafter((k + 0.5) / 10_000, 0)),
    st.sampled_from([140.03125, -0.00001, 0.0, -0.0, 0.00005, 359.99995]))))
def test_coordinates_are_rounded_and_written_as_round_and_json_do(values):
    assert page_data._coordinate_texts(values) == [
        json.dumps(round(value, 4)) for value in values]


def test_a_coordinate_that_is_no_number_is_refused():
    with pytest.raises(ValueError):
        page_data._coordinate_texts([1.0, float("nan")])


def test_name_columns_are_each_rows_name_lines():
    english = pd.Series(["Kanto", "Kinki", None, "Tohoku", "Chubu"])
    japanese = pd.Series(["関東", None, "北海道", "  ", np.nan])
    for language in ("en", "ja"):
        names, local_names = cartography.name_line_columns(english, japanese, language)
        for index, (name, local_name) in enumerate(zip(names, local_names, strict=True)):
            lines = dict(cartography.name_lines(
                {"name_en": english[index], "name_ja": japanese[index]}, language))
            assert (name, local_name) == (lines["name"], lines.get("local_name"))


def test_marker_field_and_colour_columns_are_each_rows():
    colors = {"bio": "#117733", "it": "#88ccee"}
    project_fields = [["bio", "it"], ["it"], [], ["unknown"], ("it", "bio"), np.array(["bio"])]
    for selected in ((), ("it",), ("unknown", "bio")):
        fields = cartography.marker_fields(project_fields, selected)
        assert fields == [cartography.marker_field(list(each), selected)
                          for each in project_fields]
        assert cartography.field_colors_of(colors, fields) == [
            cartography.field_color(colors, field) for field in fields]


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_any_number_of_rows_is_one_json_array(count):
    columns = {"id": [json.dumps(f"p{index}") for index in range(count)],
               "n": [str(index) for index in range(count)]}
    assert json.loads(page_data._objects_json(("id", "n"), columns)) == [
        {"id": f"p{index}", "n": index} for index in range(count)]


def test_longitudes_are_unwrapped_as_one_is():
    lons = [-179.5, -30.0, -30.000001, 0.0, 139.7, 180.0, -120.25]
    assert cartography.unwrap_lons(lons).tolist() == [cartography.unwrap_lon(lon)
                                                     for lon in lons]


def test_neighbourhood_sums_count_each_points_nine_cells():
    rng = np.random.default_rng(3)
    cx, cy = rng.integers(-6, 6, 400), rng.integers(-6, 6, 400)
    values = rng.integers(0, 3, 400).astype(float)
    expected = [values[(np.abs(cx - x) <= 1) & (np.abs(cy - y) <= 1)].sum()
                for x, y in zip(cx, cy, strict=True)]
    assert fanout._neighbourhood_sums(cx, cy, values).tolist() == expected
