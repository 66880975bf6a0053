"""The domain layer of Cluster Explorer: schema, loading, validation and queries. No Qt."""

from geodata.dataset import BUNDLED_DATASET, Dataset, load_dataset, validate
from geodata.errors import DatasetError, Problem
from geodata.queries import Filter, QueryResult, bureau_summaries, run_query, search

__all__ = [
    "BUNDLED_DATASET",
    "Dataset",
    "DatasetError",
    "Filter",
    "Problem",
    "QueryResult",
    "bureau_summaries",
    "load_dataset",
    "run_query",
    "search",
    "validate",
]
