"""``python -m geodata.build`` (``make dataset``): regenerate geodata/cluster_explorer.gpkg.

Needs the boundary packages installed as geodata/PROVENANCE.md says; validates the result
with the same validator users run, and refuses to write a dataset that fails it.
"""

import sys
from pathlib import Path

from geodata.build.assemble import assemble, write_geopackage
from geodata.build.boundaries import (
    BuildInputMissing,
    build_countries,
    build_prefectures,
    dissolve_bureaus,
)
from geodata.build.gazetteer import build_gazetteer
from geodata.bundled import BUNDLED_DATASET
from geodata.loading import validate


def main() -> int:
    try:
        prefectures = build_prefectures()
        countries = build_countries()
        places = build_gazetteer(prefectures)
    except BuildInputMissing as error:
        print(error, file=sys.stderr)
        return 2
    layers = assemble(prefectures, dissolve_bureaus(prefectures), countries, places)
    candidate = BUNDLED_DATASET.with_name("candidate.gpkg")
    write_geopackage(layers, candidate)
    problems = validate(candidate)
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr)
        candidate.unlink()
        return 1
    candidate.replace(BUNDLED_DATASET)
    size = Path(BUNDLED_DATASET).stat().st_size / 1e6
    print(f"wrote {BUNDLED_DATASET} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
