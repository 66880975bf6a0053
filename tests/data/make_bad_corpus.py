"""Regenerate tests/data/bad/: one broken dataset per problem, and the message each must give.

Run from the repository root: ``.venv/bin/python tests/data/make_bad_corpus.py``. The files are
committed so the corpus stays fixed even if the factory changes; expected.json pairs each file
with the validator message it must produce.
"""

import json
import sqlite3
import sys
from pathlib import Path

from shapely.geometry import Point, Polygon

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from factories import sample_layers, write_sample_dataset  # noqa: E402

BAD = Path(__file__).resolve().parent / "bad"


def mutate(name: str, change) -> None:
    layers = sample_layers()
    change(layers)
    write_sample_dataset(BAD / f"{name}.gpkg", layers)


def main() -> None:
    expected = {}
    BAD.mkdir(exist_ok=True)
    (BAD / "empty.gpkg").write_bytes(b"")
    expected["empty.gpkg"] = "the file is empty"
    (BAD / "not-a-geopackage.gpkg").write_text("name,lon,lat\nTAMA,139.3,35.6\n")
    expected["not-a-geopackage.gpkg"] = "not a GeoPackage (no SQLite header)"
    mutate("missing-layer", lambda layers: layers.pop("tieups"))
    expected["missing-layer.gpkg"] = "tieups: missing layer"
    mutate("missing-column", lambda layers: layers["projects"].drop(columns=["bureau_id"],
                                                                   inplace=True))
    expected["missing-column.gpkg"] = "projects, bureau_id: missing column"
    mutate("wrong-type", lambda layers: layers["projects"].__setitem__(
        "companies", ["many", 220, None]))
    expected["wrong-type.gpkg"] = "projects, tama, companies: expected an integer, got 'many'"
    mutate("duplicate-id", lambda layers: layers["projects"].__setitem__(
        "project_id", ["tama", "tama", "kansai-it"]))
    expected["duplicate-id.gpkg"] = "projects, row 2, project_id: duplicate id 'tama'"
    mutate("unknown-bureau", lambda layers: layers["projects"].__setitem__(
        "bureau_id", ["kanto", "kansai", "kinki"]))
    expected["unknown-bureau.gpkg"] = "projects, kinki-bio, bureau_id: unknown bureau 'kansai'"
    mutate("unknown-program", lambda layers: layers["projects"].__setitem__(
        "programs", ["icp-term1;icp-term3", "icp-term1", "icp-term2"]))
    expected["unknown-program.gpkg"] = "projects, tama, programs: unknown program 'icp-term3'"
    mutate("unknown-field", lambda layers: layers["projects"].__setitem__(
        "fields", ["it", "nanotech", "it"]))
    expected["unknown-field.gpkg"] = "projects, kinki-bio, fields: unknown field 'nanotech'"
    mutate("unknown-source", lambda layers: layers["achievements"].__setitem__(
        "source_id", ["src-z"]))
    expected["unknown-source.gpkg"] = (
        "achievements, kinki-ventures, source_id: unknown source 'src-z'")
    bowtie = Polygon([(135, 34), (136, 35), (136, 34), (135, 35), (135, 34)])
    mutate("invalid-geometry", lambda layers: layers["bureaus"].__setitem__(
        "geometry", [layers["bureaus"].geometry.iloc[0], bowtie]))
    expected["invalid-geometry.gpkg"] = "bureaus, kinki, geometry: invalid geometry"
    mutate("empty-geometry", lambda layers: layers["projects"].__setitem__(
        "geometry", [Point(), *layers["projects"].geometry.iloc[1:]]))
    expected["empty-geometry.gpkg"] = "projects, tama, geometry: missing or empty geometry"
    mutate("outside-japan", lambda layers: layers["projects"].__setitem__(
        "geometry", [Point(13.4, 52.5), *layers["projects"].geometry.iloc[1:]]))
    expected["outside-japan.gpkg"] = "projects, tama, geometry: point (13.4000, 52.5000) is " \
        "outside Japan"
    mutate("wrong-bureau-point", lambda layers: layers["projects"].__setitem__(
        "geometry", [Point(135.5, 34.7), *layers["projects"].geometry.iloc[1:]]))
    expected["wrong-bureau-point.gpkg"] = (
        "projects, tama, geometry: point is not in bureau 'kanto': it lies in kinki")
    mutate("no-crs", lambda layers: None)
    with sqlite3.connect(BAD / "no-crs.gpkg") as db:
        db.execute("UPDATE gpkg_geometry_columns SET srs_id = 0 WHERE table_name = 'projects'")
    expected["no-crs.gpkg"] = "projects, geometry: the layer has no CRS"
    (BAD / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
