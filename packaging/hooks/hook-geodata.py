"""The data layer for PyInstaller: data sources registered by name, and the bundled dataset.

geodata/sources/__init__.py imports each source module through importlib, and geodata/__init__.py
resolves its public names lazily; the analysis sees neither. ``geodata.build`` (regenerating the
bundled dataset from the curated files) is a developer step and stays out.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules, get_package_paths

hiddenimports = collect_submodules("geodata", filter=lambda name: not name.startswith(
    "geodata.build"))
_, _package_dir = get_package_paths("geodata")
datas = [(str(Path(_package_dir) / name), "geodata")
         for name in ("cluster_explorer.gpkg", "SCHEMA.md")]
