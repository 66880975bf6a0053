"""The domain layer of Cluster Explorer: schema, loading, validation and queries. No Qt."""

from geodata.dataset import BUNDLED_DATASET, Dataset, load_dataset, validate
from geodata.errors import DatasetError, Problem
from geodata.queries import (
    Filter,
    QueryResult,
    bureau_summaries,
    facet_counts,
    run_query,
    search,
    visible_project_ids,
)

__all__ = [
    "BUNDLED_DATASET",
    "Dataset",
    "DatasetError",
    "Filter",
    "Problem",
    "QueryResult",
    "bureau_summaries",
    "facet_counts",
    "load_dataset",
    "run_query",
    "search",
    "validate",
    "visible_project_ids",
]
