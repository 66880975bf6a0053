"""The domain layer of Cluster Explorer: schema, loading, validation and queries. No Qt.

Names are imported on first use (PEP 562): ``import geodata.bundled`` or ``geodata.errors``
must not pull in pandas and geopandas, which are most of the app's start-up time.
"""

import importlib

_HOMES = {
    "BUNDLED_DATASET": "geodata.bundled",
    "Dataset": "geodata.dataset",
    "load_dataset": "geodata.loading",
    "validate": "geodata.loading",
    "DatasetError": "geodata.errors",
    "Problem": "geodata.errors",
    "Filter": "geodata.values",
    "QueryResult": "geodata.queries",
    "bureau_summaries": "geodata.queries",
    "facet_counts": "geodata.queries",
    "run_query": "geodata.queries",
    "search": "geodata.name_search",
    "visible_project_count": "geodata.queries",
    "visible_project_ids": "geodata.queries",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'geodata' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
