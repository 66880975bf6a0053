"""Deterministic generated datasets: ministry scale (``synthetic``: 1,000 projects, 10,000
participants, 500 tie-ups) and ten times that (``large``).

Built from the bundled boundaries, fields, programs and sources so they validate like any user
file; points are drawn inside each bureau's land with a fixed seed, so every run measures the
same data. A generated file is kept on disk between runs (``cached_dataset``), under a name
that changes with the generator.
"""

import argparse
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata import BUNDLED_DATASET, load_dataset
from geodata.build.assemble import write_geopackage

SEED = 20261123
KINDS = ("company", "university", "research-institute", "local-government", "incubator",
         "finance")


def _points_in(shape, count: int, rng: np.random.Generator) -> list:
    lon_min, lat_min, lon_max, lat_max = shape.bounds
    shapely.prepare(shape)
    found: list = []
    while len(found) < count:
        xs = rng.uniform(lon_min, lon_max, count * 4)
        ys = rng.uniform(lat_min, lat_max, count * 4)
        candidates = shapely.points(xs, ys)
        found.extend(candidates[shapely.contains(shape, candidates)][: count - len(found)])
    return found


@dataclass(frozen=True)
class Scale:
    """How many rows of each generated layer."""

    projects: int
    participants: int
    tieups: int


SCALES = {"synthetic": Scale(projects=1_000, participants=10_000, tieups=500),
          "large": Scale(projects=10_000, participants=100_000, tieups=5_000)}
"""The generated datasets of the bench, by name."""

_GENERATOR_FILES = ("benchmarks/synthetic.py", "geodata/build/assemble.py", "geodata/schema.py",
                    "geodata/vocabulary.py")
"""The code whose change makes a kept file stale (the bundled dataset's bytes count too)."""


def synthetic_layers(scale: Scale = SCALES["synthetic"]) -> dict:
    """Every layer of a generated dataset of ``scale``, in memory."""
    project_count, participant_count = scale.projects, scale.participants
    rng = np.random.default_rng(SEED)
    base = load_dataset()
    field_ids = base.fields["field_id"].tolist()
    program_ids = base.programs["program_id"].tolist()
    bureaus = base.bureaus.set_index("bureau_id")
    bureau_of = rng.choice(bureaus.index.to_numpy(), project_count)
    project_points = np.empty(project_count, dtype=object)
    for bureau_id in bureaus.index:
        rows = np.flatnonzero(bureau_of == bureau_id)
        shape = bureaus.loc[bureau_id, "geometry"].buffer(-0.02)
        project_points[rows] = _points_in(shape, len(rows), rng)
    project_ids = [f"synthetic-project-{i:04d}" for i in range(project_count)]
    located = {"location_basis": "source-city", "location_note": "synthetic",
               "source_id": base.sources["source_id"].iloc[0]}
    projects = gpd.GeoDataFrame({
        "project_id": project_ids,
        "name_en": [f"Synthetic cluster {i} 合成クラスター" for i in range(project_count)],
        "name_ja": None, "former_names": None, "bureau_id": bureau_of,
        "programs": [";".join(rng.choice(program_ids, rng.integers(1, 3), replace=False))
                     for _ in range(project_count)],
        "fields": [";".join(rng.choice(field_ids, rng.integers(1, 3), replace=False))
                   for _ in range(project_count)],
        "companies": pd.array(rng.integers(10, 2000, project_count), dtype="Int64"),
        "universities": pd.array(rng.integers(1, 60, project_count), dtype="Int64"),
        "counts_as_of": None, "promoters": None, "leaders": None, "areas": None,
        "description": None, "note": None, **located,
    }, geometry=list(project_points), crs="EPSG:4326")
    owner = rng.integers(0, project_count, participant_count)
    jitter = rng.normal(0, 0.03, (participant_count, 2))
    participants = gpd.GeoDataFrame({
        "participant_id": [f"synthetic-org-{i:05d}" for i in range(participant_count)],
        "project_id": [project_ids[i] for i in owner],
        "name_en": [f"Organisation {i}" for i in range(participant_count)], "name_ja": None,
        "kind": rng.choice(KINDS, participant_count), "role": None, **located,
    }, geometry=shapely.points(shapely.get_x(project_points[owner]) + jitter[:, 0],
                               shapely.get_y(project_points[owner]) + jitter[:, 1]),
        crs="EPSG:4326")
    partner_owner = rng.integers(0, project_count, scale.tieups)
    countries = base.countries[base.countries["iso_a2"].fillna("").str.len() == 2]
    partner_rows = countries.iloc[rng.integers(0, len(countries), scale.tieups)]
    tieups = gpd.GeoDataFrame({
        "tieup_id": [f"synthetic-tieup-{i:03d}" for i in range(scale.tieups)],
        "project_id": [project_ids[i] for i in partner_owner],
        "bureau_id": bureau_of[partner_owner],
        "partner": [f"Partner cluster {i}" for i in range(scale.tieups)],
        "partner_place": partner_rows["name_en"].to_numpy(),
        "country": partner_rows["iso_a2"].to_numpy(),
        "field": rng.choice(field_ids, scale.tieups), "field_label": None, "kind": None,
        "year": None, **located,
    }, geometry=partner_rows.geometry.representative_point().to_numpy(), crs="EPSG:4326")
    achievements = pd.DataFrame({
        "achievement_id": [f"synthetic-achievement-{i:04d}" for i in range(2 * project_count)],
        "project_id": [project_ids[i % project_count] for i in range(2 * project_count)],
        "kind": rng.choice(["venture", "product", "alliance"], 2 * project_count),
        "description": "Synthetic achievement", "value": rng.integers(1, 400, 2 * project_count),
        "unit": "cases", "period": "FY2005", "note": None, "source_id": located["source_id"],
    })
    counts = pd.DataFrame({
        "project_id": project_ids, "kind": "university",
        "count": rng.integers(1, 40, project_count), "as_of": "FY2005", "note": None,
        "source_id": located["source_id"],
    })
    return {
        "dataset_info": pd.DataFrame({"key": ["schema_version", "title"],
                                      "value": ["1", "synthetic benchmark dataset"]}),
        "sources": base.sources, "fields": base.fields, "bureaus": base.bureaus,
        "prefectures": base.prefectures, "countries": base.countries,
        "programs": base.programs, "projects": projects, "participants": participants,
        "participant_counts": counts, "tieups": tieups, "achievements": achievements,
        "national_figures": base.national_figures,
    }


def write_synthetic(path: Path, scale: Scale = SCALES["synthetic"]) -> Path:
    write_geopackage(synthetic_layers(scale), path)
    return path


def cache_dir() -> Path:
    """Beside the app's own cache (see desktop/map/page_cache.py), not inside it."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cluster-explorer-bench"


def generator_key(scale: Scale) -> str:
    """Digest of what makes the file: the scale, the seed, the generating code and the
    bundled dataset it borrows its boundaries and vocabularies from."""
    digest = hashlib.sha256(f"{scale} {SEED}\n".encode())
    top = Path(__file__).resolve().parent.parent
    for name in _GENERATOR_FILES:
        digest.update((top / name).read_bytes())
    digest.update(Path(BUNDLED_DATASET).read_bytes())
    return digest.hexdigest()[:16]


def cached_dataset(name: str) -> Path:
    """The generated dataset ``name`` (a key of SCALES), written only when no file made by the
    current generator is kept; files from earlier generators of that name are removed."""
    scale = SCALES[name]
    folder = cache_dir()
    path = folder / f"{name}-{generator_key(scale)}.gpkg"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{name}-*.gpkg"):
        stale.unlink()
    return write_synthetic(path, scale)


DATASETS = ("bundled", *SCALES)
"""Every dataset of the bench, in the order of the table's columns."""


def dataset_path(name: str) -> Path:
    """The bundled file, or a generated one (written on the first run, then kept on disk)."""
    if name == "bundled":
        return BUNDLED_DATASET
    print(f"· dataset ({name})", flush=True)
    return cached_dataset(name)


def parse_datasets(text: str) -> tuple[str, ...]:
    """Names separated by commas or spaces, returned in the table's order."""
    names = set(text.replace(",", " ").split())
    unknown = names - set(DATASETS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"expected some of {', '.join(DATASETS)}, got {text!r}")
    return tuple(name for name in DATASETS if name in names)
