"""Where the bundled dataset lives; a module of its own so the app can find (and hash) the
file without importing pandas and geopandas."""

from pathlib import Path

BUNDLED_DATASET = Path(__file__).with_name("cluster_explorer.gpkg")
