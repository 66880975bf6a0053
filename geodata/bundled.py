"""Where the bundled dataset lives; a module of its own so the app can find (and hash) the
file without importing pandas and geopandas."""

from pathlib import Path

BUNDLED_DATASET = Path(__file__).with_name("cluster_explorer.gpkg")


def bundled_bureau_ids() -> list[str]:
    """The bundled dataset's bureau ids in its own order, read with sqlite3 (a GeoPackage is
    a SQLite file) so that a command's --help can list them without loading the dataset."""
    import sqlite3
    from contextlib import closing

    uri = f"{BUNDLED_DATASET.as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT bureau_id FROM bureaus ORDER BY fid")]
