"""pyogrio for PyInstaller (pyinstaller-hooks-contrib has no hook for it).

Its Cython modules import each other from C (``pyogrio._geometry`` is found by no import
statement: the frozen app crashed with "No module named 'pyogrio._geometry'"), and its wheel
carries GDAL's and PROJ's data folders (``gdal_data``, ``proj_data``), which GDAL reads to open
a GeoPackage and to know EPSG:4326. Both folders are found beside the package at run time.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("pyogrio", filter=lambda name: ".tests" not in name)
datas = collect_data_files("pyogrio", excludes=["tests", "tests/**"])
