"""A library the frozen app keeps only because a left-out binary links it goes with it
(packaging/linked_libraries.py): Qt's GTK 3 theme takes cairo and pango, but not a library a
kept binary still reaches, nor one nothing links (the bootloader opens libpython by name)."""

import importlib.util
import sys
from pathlib import Path

import numpy

CHECKOUT = Path(__file__).resolve().parents[2]


def _load():
    spec = importlib.util.spec_from_file_location(
        "linked_libraries", CHECKOUT / "packaging" / "linked_libraries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LINKS = {
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": [
        "libgtk-3.so.0", "libpango-1.0.so.0", "libcairo.so.2", "libglib-2.0.so.0",
        "libQt6Gui.so.6"],
    "libpango-1.0.so.0": ["libharfbuzz.so.0", "libglib-2.0.so.0"],
    "libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"],
    "libharfbuzz.so.0": ["libfreetype.so.6"],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libglib-2.0.so.0", "libfreetype.so.6"],
    "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "PIL/_imaging.cpython-311-x86_64-linux-gnu.so": ["libpng16.so.16"],
    "libpixman-1.so.0": [], "libpng16.so.16": [], "libfreetype.so.6": [],
    "libglib-2.0.so.0": [], "libpython3.11.so.1.0": [],
}


def test_what_only_the_left_out_theme_links_goes_with_it():
    theme = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    orphans = _load().orphaned(LINKS, {theme})
    assert orphans == {"libpango-1.0.so.0", "libcairo.so.2", "libharfbuzz.so.0",
                       "libpixman-1.so.0"}


def test_nothing_left_out_leaves_no_orphan():
    assert _load().orphaned(LINKS, set()) == set()


def test_needed_reads_an_extension_modules_links():
    module = next(Path(numpy.__file__).parent.glob("_core/_multiarray_umath*.so"))
    links = _load().needed(str(module))
    assert any(name.startswith("libscipy_openblas") for name in links)
    assert "libc.so.6" in links
    assert _load().needed(sys.executable + ".missing") == []
