"""Equal strings of a loaded dataset held once.

The reader gives every cell its own ``str``: the bench's large dataset names its 10,000
projects, six kinds, one source and one location basis in a million separate strings across
its 100,000 participants — about 35 MB of the window's memory for text that repeats. Once a
dataset is loaded, each text column whose values repeat is rebuilt so that equal strings are
one object. The values, the dtype and the missing cells stay exactly as read; only the copies
go.
"""

import numpy as np
import pandas as pd

SAMPLE = 1000
"""Cells looked at first: a column of ids or names, all different, is left as it is."""
WORTH_SHARING = 0.5
"""A column is rebuilt when its sample's distinct values are at most this share of it."""


def share_repeated_strings(frames) -> None:
    """Rebuild, in place, the text columns of each frame in ``frames`` whose strings repeat."""
    for frame in frames:
        for name in list(frame.columns):
            shared = _shared_column(frame[name])
            if shared is not None:  # kept of dtype object, as read (not inferred as str)
                frame[name] = pd.Series(shared, index=frame.index, dtype=object)


def _shared_column(column: pd.Series) -> np.ndarray | None:
    """The column's values with equal strings as one object; None when its sample holds
    lists (id lists, unhashable) or too few repeats to be worth a copy.

    Strings only are merged, by a dict (which also compares them as Python does): a number
    or a missing cell (None, NaN, NA) stays the very object it was.
    """
    if column.dtype != object or len(column) < 2:
        return None
    values = column.to_numpy()
    sample = values[:SAMPLE]
    try:
        distinct = len(set(sample.tolist()))
    except TypeError:  # unhashable cells
        return None
    if distinct > WORTH_SHARING * len(sample):
        return None
    seen: dict[str, str] = {}
    shared = np.empty(len(values), dtype=object)
    shared[:] = [seen.setdefault(value, value) if type(value) is str else value
                 for value in values.tolist()]
    return shared
