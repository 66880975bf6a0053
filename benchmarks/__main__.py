"""``python -m benchmarks`` (``make bench``, ``make bench-smoke``): the suite of
benchmarks/suite.py, once the modules it needs beyond the app's are known to be there.

Exit status: 0 every target met, 1 some target missed, 2 the bench could not run (a missing
module — ``make bench`` installs them with the ``bench`` extra — or a step that failed).
"""

import importlib.util
import os
import sys

COULD_NOT_RUN = 2
NEEDED = {
    "matplotlib": "the naive baseline's GeoDataFrame.explore() colours",
    "folium": "the naive baseline's map",
    "mapclassify": "the naive baseline's map",
    "psutil": "the peak memory",
}
"""Modules the bench needs that the app does not (the ``test`` and ``bench`` extras)."""


def missing_modules() -> list[str]:
    """What the bench needs but this environment lacks, each with what needs it."""
    return [f"{name} ({why})" for name, why in NEEDED.items()
            if importlib.util.find_spec(name) is None]


def main(argv: list[str]) -> int:
    missing = missing_modules()
    if missing:
        print("the bench cannot run: missing " + ", ".join(missing)
              + "; `make bench` installs them (pip install -e '.[test,bench]')", file=sys.stderr)
        return COULD_NOT_RUN
    from benchmarks.suite import main as run_suite

    return run_suite(argv)


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # no interpreter finalisation: see scenarios.py
