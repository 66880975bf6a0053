"""Keep PySide6 from holding the source text of every imported module (about 37 MB).

PySide6 checks each module imported after it for the word "PySide6" (its ``__feature__``
switch, PYSIDE-2029) with ``inspect.getsource``, which reads the module's file through
``linecache`` and keeps every line of it for the life of the process: about 620 modules —
pandas, geopandas, numpy and the app — 37 MB of the window's memory, and the time to read
and split them at start-up. ``lighten_pyside_module_check`` answers the same question from the
file's bytes, kept nowhere; ``drop_cached_sources`` lets go of the lines read before it (the
modules PySide6 checks when it is first imported). ``linecache`` is only a cache: a traceback
reads a file again when it needs its lines.
"""

import linecache
import sys

_CHECKER = "_mod_uses_pyside"
_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")


def lighten_pyside_module_check() -> bool:
    """Replace PySide6's check with one that reads the file's bytes (after PySide6 is
    imported); False when this PySide6 has no such check (a later one may not), then nothing
    changes."""
    feature = next((sys.modules[name] for name in _FEATURE_MODULES if name in sys.modules),
                   None)
    upstream = getattr(feature, _CHECKER, None)
    if upstream is None or getattr(upstream, "reads_bytes", False):
        return upstream is not None

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)  # frozen, compiled or built-in: PySide6's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    uses_pyside.reads_bytes = True
    setattr(feature, _CHECKER, uses_pyside)
    return True


def import_pyside() -> None:
    """Import PySide6 with the lighter check, for a command that will draw with Qt: called
    before the data layer is imported, no module's lines are read at all."""
    import PySide6.QtCore  # noqa: F401 - the check is installed by this import

    lighten_pyside_module_check()


def drop_cached_sources() -> None:
    """Forget the source lines read so far (PySide6's first check, at its import)."""
    linecache.clearcache()
