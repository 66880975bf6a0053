"""The desktop package for PyInstaller: modules reached only by name.

Export writers (desktop/export/formats.py names them "module:function") and panels are
imported through importlib, which PyInstaller's analysis cannot follow. The map page builder is
left out: it runs at build time (``make page``) and needs folium, which the app never loads.
"""

from PyInstaller.utils.hooks import collect_submodules

BUILD_TIME_ONLY = ("desktop.map.page_builder",)

hiddenimports = collect_submodules("desktop", filter=lambda name: name not in BUILD_TIME_ONLY)
