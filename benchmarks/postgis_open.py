"""The PostGIS open of a generated dataset (issue 19): copy it into a throwaway PostgreSQL
with PostGIS (the tests' server, tests/postgis_server.py), then time opening it from the server
(read, validate, keep the offline copy), its identity (the server hashes every row), the
offline copy with the server stopped, and the same dataset from its GeoPackage for comparison.

``python -m benchmarks.postgis_open [synthetic|large]`` measures one dataset alone; ``make
bench`` measures the synthetic one with the rest.
"""

import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks.measure import summarise

RUNS = 5
TESTS_FOLDER = Path(__file__).resolve().parent.parent / "tests"


def _timed(action, runs: int = RUNS) -> dict:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return summarise(samples)


def measure_postgis(dataset: Path) -> dict:
    """Median/p95 of each way of opening ``dataset`` through PostGIS, in ms."""
    sys.path.insert(0, str(TESTS_FOLDER))
    from postgis_server import remove_server, start_server

    from geodata import load_dataset
    from geodata.copying import copy_dataset
    from geodata.sources import identity_of
    from geodata.sources.postgis import OfflineCopyWarning

    saved_cache = os.environ.get("XDG_CACHE_HOME")
    server = start_server()
    try:
        with tempfile.TemporaryDirectory() as cache:
            os.environ["XDG_CACHE_HOME"] = cache  # the offline copies of this run only
            url = server.url(schema="bench")
            result = {"copy_to_postgis": _timed(lambda: copy_dataset(dataset, url), runs=1),
                      "open_postgis": _timed(lambda: load_dataset(url)),
                      "identity_postgis": _timed(lambda: identity_of(url)),
                      "open_geopackage": _timed(lambda: load_dataset(dataset))}
            server.stop()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", OfflineCopyWarning)
                result["open_offline_copy"] = _timed(lambda: load_dataset(url))
            server.start()
            result["projects"] = len(load_dataset(url).projects)
    finally:
        remove_server(server)
        if saved_cache is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved_cache
    return result


def report_postgis(name: str, result: dict) -> None:
    print(f"\nPostGIS open of the {name} dataset ({result['projects']:,} projects), "
          "median/p95 ms:")
    for key in ("copy_to_postgis", "open_postgis", "identity_postgis", "open_offline_copy",
                "open_geopackage"):
        stat = result[key]
        print(f"  {key.replace('_', ' '):<28}{stat['median_ms']:>10} /{stat['p95_ms']:>10}"
              f"  ({stat['runs']} runs)")


def main(argv: list[str]) -> int:
    from benchmarks.synthetic import cached_dataset

    name = argv[0] if argv else "synthetic"
    report_postgis(name, measure_postgis(cached_dataset(name)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
