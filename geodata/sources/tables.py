"""What every source does once it has read its tables: check them against SCHEMA.md and build
the Dataset, so each source only reads, and all of them validate alike."""

from pathlib import Path

import pandas as pd

from geodata.dataset import Dataset
from geodata.errors import DatasetError, Problem
from geodata.validation import normalise_and_check
from geodata.vocabulary import split_id_list

ID_LIST_COLUMNS = {"projects": ("programs", "fields", "cooperates_with")}  # text, used as lists


def checked_dataset(path: Path, frames: dict[str, pd.DataFrame],
                    read_problems: list[Problem]) -> Dataset:
    """The Dataset of the layers a source read from ``path``, or one DatasetError listing
    every problem: the source's reading problems first, then the schema's."""
    typed, check_problems = normalise_and_check(frames)
    problems = read_problems + check_problems
    if problems:
        raise DatasetError(problems)
    for layer_name, columns in ID_LIST_COLUMNS.items():
        for column in columns:
            if column in typed[layer_name]:
                typed[layer_name][column] = id_lists(typed[layer_name][column])
    info = dict(zip(typed["dataset_info"]["key"], typed["dataset_info"]["value"], strict=True))
    layers = {name: frame for name, frame in typed.items() if name != "dataset_info"}
    return Dataset(path=path, info=info, **layers)


def id_lists(values: pd.Series) -> pd.Series:
    """``values.map(split_id_list)``, each distinct text split once (100,000 projects name a
    few thousand programme lists); every row gets a list of its own, as ``map`` gives."""
    codes, distinct = pd.factorize(values.to_numpy(dtype=object))
    split = [split_id_list(value) for value in distinct] + [[]]  # code -1: missing
    lists = [split[code].copy() for code in codes.tolist()]
    return pd.Series(lists, index=values.index, name=values.name, dtype=object)
