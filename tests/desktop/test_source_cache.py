"""PySide6's check of imported modules keeps no source lines (desktop/common/source_cache.py)."""

import importlib
import linecache
import os
import subprocess
import sys

import PySide6.QtCore  # noqa: F401 - the check runs on modules imported after PySide6

from desktop.common.source_cache import drop_cached_sources, lighten_pyside_module_check


def _import_new_module(tmp_path, name: str, text: str):
    (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.invalidate_caches()
        return __import__(name)  # an import statement: what PySide6 hooks (not importlib)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


def test_a_module_imported_after_pyside_leaves_no_lines_in_memory(tmp_path):
    assert lighten_pyside_module_check()
    module = _import_new_module(tmp_path, "source_cache_probe_plain", "VALUE = 1\n" * 2000)
    assert module.__file__ not in linecache.cache


def test_the_check_still_finds_modules_that_use_pyside(tmp_path):
    lighten_pyside_module_check()
    feature = sys.modules["shibokensupport.feature"]
    uses = _import_new_module(tmp_path, "source_cache_probe_qt",
                              "from PySide6.QtCore import QObject\n")
    plain = _import_new_module(tmp_path, "source_cache_probe_other", "VALUE = 2\n")
    assert feature.pyside_feature_dict[uses.__name__] == 0  # PySide6's "uses PySide"
    assert feature.pyside_feature_dict[plain.__name__] == -1  # "ignore this module"


def test_dropping_cached_sources_empties_the_line_cache():
    linecache.getlines(__file__)
    drop_cached_sources()
    assert __file__ not in linecache.cache


def test_an_export_keeps_no_module_sources(tmp_path):
    """The export command imports PySide6 before pandas with the lighter check in place."""
    out = tmp_path / "map.png"
    probe = ("import linecache, sys\n"
             "from desktop.cli import main\n"
             f"code = main(['export', '--size', '320x200', {str(out)!r}])\n"
             "print(sorted(name for name in linecache.cache if 'pandas' in name))\n"
             "sys.stdout.flush()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.is_file(), done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
