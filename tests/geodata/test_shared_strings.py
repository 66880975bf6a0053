"""A loaded dataset holds each repeated string once (geodata/shared_strings.py), and reads
exactly as before: the same values, dtypes and missing cells."""

import math

import numpy as np
import pandas as pd
import pytest

from geodata import load_dataset
from geodata.shared_strings import share_repeated_strings


def _separate(text: str) -> str:
    """An equal string that is another object (as the reader gives each cell)."""
    return "".join(list(text))


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = 40
    return pd.DataFrame({
        "kind": pd.Series([_separate("university" if i % 2 else "company")
                           for i in range(rows)], dtype=object),
        "participant_id": pd.Series([f"org-{i}" for i in range(rows)], dtype=object),
        "note": pd.Series([None if i % 3 else _separate("sic") for i in range(rows)],
                          dtype=object),
        "judgement": pd.Series([pd.NA if i % 2 else math.nan for i in range(rows)],
                               dtype=object),
        "mixed": pd.Series([1 if i % 2 else 1.0 for i in range(rows)], dtype=object),
        "fields": pd.Series([["energy"] for _ in range(rows)], dtype=object),
        "count": pd.array(range(rows), dtype="Int64"),
    })


def _identities(column: pd.Series) -> int:
    return len({id(value) for value in column.tolist()})


def test_repeated_strings_become_one_object_each(frame):
    assert _identities(frame["kind"]) == len(frame)
    share_repeated_strings([frame])
    assert _identities(frame["kind"]) == 2
    assert _identities(frame["note"].dropna()) == 1


def test_values_dtypes_and_missing_cells_are_as_read(frame):
    before = frame.copy(deep=True)
    share_repeated_strings([frame])
    pd.testing.assert_frame_equal(frame, before)
    assert list(frame.dtypes) == list(before.dtypes)  # object stays object, not str
    for name in frame.columns:
        for old, new in zip(before[name].tolist(), frame[name].tolist(), strict=True):
            assert type(old) is type(new)
            assert old is new or old == new or (old is pd.NA and new is pd.NA) or (
                isinstance(old, float) and np.isnan(old) and np.isnan(new))


def test_numbers_that_compare_equal_are_not_merged(frame):
    share_repeated_strings([frame])
    assert [type(value) for value in frame["mixed"]] == [float, int] * (len(frame) // 2)


def test_the_loaded_dataset_shares_its_repeated_strings():
    participants = load_dataset().participants
    kinds = participants["kind"].dropna()
    assert participants["kind"].dtype == object
    assert _identities(kinds) == kinds.nunique()
