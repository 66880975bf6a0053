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
                typed[layer_name][column] = typed[layer_name][column].map(split_id_list)
    info = dict(zip(typed["dataset_info"]["key"], typed["dataset_info"]["value"], strict=True))
    layers = {name: frame for name, frame in typed.items() if name != "dataset_info"}
    return Dataset(path=path, info=info, **layers)
