"""Rows fetched from PostGIS laid out column by column (geodata/sources/postgis_tables.py),
without a server: every cell stays one value, whatever it holds."""

import pytest

from geodata.sources.postgis_tables import _columns_of


@pytest.mark.parametrize(("rows", "width"), [
    pytest.param([("tama", 1, b"\x01\x01"), ("kinki", None, None)], 3, id="plain"),
    pytest.param([(["a", "b"],), (["c", "d"],)], 1, id="only-equal-lists"),
    pytest.param([(["a", "b"], [1, 2]), (["c", "d"], [3, 4])], 2, id="lists-of-lists"),
    pytest.param([("x", ["a", "b"]), ("y", ["c"])], 2, id="unequal-lists"),
    pytest.param([("x", {"k": [1]}), ("y", None)], 2, id="json"),
    pytest.param([], 4, id="no-rows"),
])
def test_each_cell_stays_one_value_in_its_column(rows, width):
    columns = _columns_of(rows, width)
    assert len(columns) == width
    assert [column.tolist() for column in columns] == [
        [row[index] for row in rows] for index in range(width)]
    assert all(column.dtype == object and column.shape == (len(rows),) for column in columns)
