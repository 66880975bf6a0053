"""Search as a person types: the index build, then the time of every keystroke.

``python -m benchmarks.search [--datasets large]`` prints, per dataset, the index build
(readings included: it happens once, on the first search) and the median and p95 of
``search()`` for each prefix of a few queries typed one character at a time, the way the
search box asks on every keystroke. Pure Python, no window: the box adds only its ≤ 50 rows.
"""

import argparse
import json
import time

from benchmarks.measure import summarise
from benchmarks.synthetic import SCALES, cached_dataset
from geodata import BUNDLED_DATASET, load_dataset, search
from geodata.name_search import search_index
from geodata.queries import prepare_indexes

TYPED = ("Organisation 4242", "organisation 9", "Synthetic cluster 77", "合成クラスター",
         "ごうせいくらすたー", "Kyoto University", "きょうと", "バイオ", "ｋｏｂｅ", "Tama")
"""Queries typed character by character: the generated names (100,000 organisations start
with "o"), Japanese and kana, full-width, and names of the bundled data."""
REPEATS = 5


def keystrokes(query: str) -> list[str]:
    return [query[:end] for end in range(1, len(query) + 1)]


def measure_search(ds) -> dict:
    """The index build, and per-keystroke search times over every prefix of TYPED."""
    prepare_indexes(ds)  # the filter indexes, which the app's loader builds anyway
    start = time.perf_counter()
    search_index(ds)
    build = time.perf_counter() - start
    samples, worst = [], ("", 0.0)
    for query in TYPED:
        for typed in keystrokes(query):
            for _ in range(REPEATS):
                start = time.perf_counter()
                search(ds, typed)
                elapsed = time.perf_counter() - start
                samples.append(elapsed)
                if elapsed > worst[1]:
                    worst = (typed, elapsed)
    return {"index_build_ms": round(build * 1000, 1), "keystroke": summarise(samples),
            "slowest_keystroke": {"typed": worst[0], "ms": round(worst[1] * 1000, 2)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__)
    parser.add_argument("--datasets", default="bundled,synthetic,large",
                        help=f"some of bundled, {', '.join(SCALES)} (comma-separated)")
    names = [name for name in parser.parse_args(argv).datasets.split(",") if name]
    for name in names:
        path = BUNDLED_DATASET if name == "bundled" else cached_dataset(name)
        ds = load_dataset(path)
        sizes = f"{len(ds.projects)} projects, {len(ds.participants)} participants"
        print(f"{name} ({sizes}): {json.dumps(measure_search(ds))}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
