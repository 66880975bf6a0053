"""A deterministic ministry-scale dataset: 1,000 projects, 10,000 participants, 500 tie-ups.

Built from the bundled boundaries, fields, programs and sources so it validates like any user
file; points are drawn inside each bureau's land with a fixed seed, so every run measures the
same data.
"""

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata import load_dataset
from geodata.build.assemble import write_geopackage

SEED = 20261123
PROJECTS = 1_000
PARTICIPANTS = 10_000
TIEUPS = 500
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


def synthetic_layers() -> dict:
    rng = np.random.default_rng(SEED)
    base = load_dataset()
    field_ids = base.fields["field_id"].tolist()
    program_ids = base.programs["program_id"].tolist()
    bureaus = base.bureaus.set_index("bureau_id")
    bureau_of = rng.choice(bureaus.index.to_numpy(), PROJECTS)
    project_points = np.empty(PROJECTS, dtype=object)
    for bureau_id in bureaus.index:
        rows = np.flatnonzero(bureau_of == bureau_id)
        shape = bureaus.loc[bureau_id, "geometry"].buffer(-0.02)
        project_points[rows] = _points_in(shape, len(rows), rng)
    project_ids = [f"synthetic-project-{i:04d}" for i in range(PROJECTS)]
    located = {"location_basis": "source-city", "location_note": "synthetic",
               "source_id": base.sources["source_id"].iloc[0]}
    projects = gpd.GeoDataFrame({
        "project_id": project_ids,
        "name_en": [f"Synthetic cluster {i} 合成クラスター" for i in range(PROJECTS)],
        "name_ja": None, "former_names": None, "bureau_id": bureau_of,
        "programs": [";".join(rng.choice(program_ids, rng.integers(1, 3), replace=False))
                     for _ in range(PROJECTS)],
        "fields": [";".join(rng.choice(field_ids, rng.integers(1, 3), replace=False))
                   for _ in range(PROJECTS)],
        "companies": pd.array(rng.integers(10, 2000, PROJECTS), dtype="Int64"),
        "universities": pd.array(rng.integers(1, 60, PROJECTS), dtype="Int64"),
        "counts_as_of": None, "promoters": None, "leaders": None, "areas": None,
        "description": None, "note": None, **located,
    }, geometry=list(project_points), crs="EPSG:4326")
    owner = rng.integers(0, PROJECTS, PARTICIPANTS)
    jitter = rng.normal(0, 0.03, (PARTICIPANTS, 2))
    participants = gpd.GeoDataFrame({
        "participant_id": [f"synthetic-org-{i:05d}" for i in range(PARTICIPANTS)],
        "project_id": [project_ids[i] for i in owner],
        "name_en": [f"Organisation {i}" for i in range(PARTICIPANTS)], "name_ja": None,
        "kind": rng.choice(KINDS, PARTICIPANTS), "role": None, **located,
    }, geometry=shapely.points(shapely.get_x(project_points[owner]) + jitter[:, 0],
                               shapely.get_y(project_points[owner]) + jitter[:, 1]),
        crs="EPSG:4326")
    partner_owner = rng.integers(0, PROJECTS, TIEUPS)
    countries = base.countries[base.countries["iso_a2"].fillna("").str.len() == 2]
    partner_rows = countries.iloc[rng.integers(0, len(countries), TIEUPS)]
    tieups = gpd.GeoDataFrame({
        "tieup_id": [f"synthetic-tieup-{i:03d}" for i in range(TIEUPS)],
        "project_id": [project_ids[i] for i in partner_owner],
        "bureau_id": bureau_of[partner_owner],
        "partner": [f"Partner cluster {i}" for i in range(TIEUPS)],
        "partner_place": partner_rows["name_en"].to_numpy(),
        "country": partner_rows["iso_a2"].to_numpy(),
        "field": rng.choice(field_ids, TIEUPS), "field_label": None, "kind": None,
        "year": None, **located,
    }, geometry=partner_rows.geometry.representative_point().to_numpy(), crs="EPSG:4326")
    achievements = pd.DataFrame({
        "achievement_id": [f"synthetic-achievement-{i:04d}" for i in range(2 * PROJECTS)],
        "project_id": [project_ids[i % PROJECTS] for i in range(2 * PROJECTS)],
        "kind": rng.choice(["venture", "product", "alliance"], 2 * PROJECTS),
        "description": "Synthetic achievement", "value": rng.integers(1, 400, 2 * PROJECTS),
        "unit": "cases", "period": "FY2005", "note": None, "source_id": located["source_id"],
    })
    counts = pd.DataFrame({
        "project_id": project_ids, "kind": "university",
        "count": rng.integers(1, 40, PROJECTS), "as_of": "FY2005", "note": None,
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


def write_synthetic(path: Path) -> Path:
    write_geopackage(synthetic_layers(), path)
    return path
