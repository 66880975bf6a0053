"""A small, valid dataset built in code, for tests that must not depend on the bundled file.

Geometry is schematic (boxes around Tokyo and Osaka) but every layer, column and reference
follows the schema, so tests can mutate one thing and expect exactly one kind of problem.
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Point, box

from geodata.build.assemble import write_geopackage

KANTO_BOX = box(138.5, 34.8, 140.9, 37.0)
KINKI_BOX = box(134.3, 33.4, 136.4, 35.8)


def _multi(shape):
    return MultiPolygon([shape])


def _points(rows: list[dict]) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows)
    geometry = [Point(lon, lat) for lon, lat in zip(frame.pop("lon"), frame.pop("lat"),
                                                    strict=True)]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def sample_layers() -> dict:
    """Every layer of a tiny dataset: 2 bureaus, 3 projects, tie-ups abroad."""
    located = {"location_basis": "source-city", "location_note": "test point",
               "source_id": "src-a"}
    return {
        "dataset_info": pd.DataFrame({"key": ["schema_version"], "value": ["1"]}),
        "sources": pd.DataFrame([
            {"source_id": "src-a", "title": "Source A", "author": "METI", "date": "2003",
             "file": "a.txt", "description": None},
            {"source_id": "src-b", "title": "Source B", "author": "METI", "date": "2011",
             "file": "b.txt", "description": None},
        ]),
        "fields": pd.DataFrame([
            {"field_id": "biotechnology", "name_en": "Biotechnology", "name_ja": "バイオ",
             "color": "#1b9e77", "sort_order": 1},
            {"field_id": "it", "name_en": "IT", "name_ja": "情報技術", "color": "#7570b3",
             "sort_order": 2},
        ]),
        "bureaus": gpd.GeoDataFrame({
            "bureau_id": ["kanto", "kinki"], "name_en": ["Kanto", "Kinki"],
            "name_ja": ["関東", "近畿"], "office_en": ["Kanto Bureau", "Kansai Bureau"],
            "seat_city": ["Saitama", "Osaka"], "seat_lon": [139.63, 135.5],
            "seat_lat": [35.86, 34.69], "color": ["#fbb4ae", "#b3cde3"],
        }, geometry=[_multi(KANTO_BOX), _multi(KINKI_BOX)], crs="EPSG:4326"),
        "prefectures": gpd.GeoDataFrame({
            "pref_code": [13, 27], "name_en": ["Tokyo", "Osaka"], "name_ja": ["東京都", "大阪府"],
            "bureau_id": ["kanto", "kinki"],
        }, geometry=[_multi(KANTO_BOX), _multi(KINKI_BOX)], crs="EPSG:4326"),
        "countries": gpd.GeoDataFrame({
            "iso_a2": ["DE", "JP"], "name_en": ["Germany", "Japan"],
        }, geometry=[_multi(box(6, 47, 15, 55)), _multi(box(129, 31, 146, 45))],
            crs="EPSG:4326"),
        "programs": pd.DataFrame([
            {"program_id": "icp-term1", "name_en": "Term I", "name_ja": None, "ministry": "METI",
             "start_fy": 2001, "end_fy": 2005, "project_count": 19, "budget_note": None,
             "description": None, "note": None, "source_id": "src-a"},
            {"program_id": "icp-term2", "name_en": "Term II", "name_ja": None,
             "ministry": "METI", "start_fy": 2006, "end_fy": 2009, "project_count": 18,
             "budget_note": None, "description": None, "note": None, "source_id": "src-b"},
        ]),
        "projects": _points([
            {"project_id": "tama", "name_en": "TAMA Project", "name_ja": None,
             "former_names": None, "bureau_id": "kanto", "programs": "icp-term1;icp-term2",
             "fields": "it", "companies": 260, "universities": 27, "counts_as_of": None,
             "promoters": "TAMA Association", "leaders": None, "areas": "Hachioji",
             "description": None, "note": None, "lon": 139.32, "lat": 35.66, **located},
            {"project_id": "kinki-bio", "name_en": "Kinki Bio Cluster", "name_ja": "近畿バイオ",
             "former_names": None, "bureau_id": "kinki", "programs": "icp-term1",
             "fields": "biotechnology", "companies": 220, "universities": None,
             "counts_as_of": None, "promoters": None, "leaders": None, "areas": None,
             "description": None, "note": None, "lon": 135.19, "lat": 34.69, **located},
            {"project_id": "kansai-it", "name_en": "Kansai IT", "name_ja": None,
             "former_names": None, "bureau_id": "kinki", "programs": "icp-term2",
             "fields": "it;biotechnology", "companies": None, "universities": 4,
             "counts_as_of": None, "promoters": None, "leaders": None, "areas": None,
             "description": None, "note": None, "lon": 135.5, "lat": 34.7, **located},
        ]),
        "participants": _points([
            {"participant_id": "tama-hachioji", "project_id": "tama",
             "name_en": "Hachioji City", "name_ja": "八王子市", "kind": "local-government",
             "role": None, "lon": 139.32, "lat": 35.66, **located},
            {"participant_id": "kinki-kyoto-u", "project_id": "kinki-bio",
             "name_en": "Kyoto University", "name_ja": "京都大学", "kind": "university",
             "role": None, "lon": 135.78, "lat": 35.03, **located},
        ]),
        "participant_counts": pd.DataFrame([
            {"project_id": "tama", "kind": "university", "count": 27, "as_of": "FY2002",
             "note": None, "source_id": "src-a"},
        ]),
        "tieups": _points([
            {"tieup_id": "kinki-berlin", "project_id": "kinki-bio", "bureau_id": "kinki",
             "partner": "Berlin", "partner_place": "Berlin", "country": "DE",
             "field": "biotechnology", "field_label": "Regenerative medicine", "kind": "MoU",
             "year": None, "lon": 13.4, "lat": 52.52, **located},
            {"tieup_id": "tama-shanghai", "project_id": "tama", "bureau_id": "kanto",
             "partner": "Shanghai", "partner_place": "Shanghai", "country": "CN",
             "field": "it", "field_label": None, "kind": None, "year": None,
             "lon": 121.47, "lat": 31.23, **located},
        ]),
        "achievements": pd.DataFrame([
            {"achievement_id": "kinki-ventures", "project_id": "kinki-bio", "kind": "venture",
             "description": "Bio-ventures established", "value": 15.0, "unit": "companies",
             "period": "FY2001–2003", "note": None, "source_id": "src-b"},
        ]),
        "national_figures": pd.DataFrame([
            {"figure_id": "smes-2004", "series": "network-smes", "label": "SMEs", "value": 5800.0,
             "unit": "SMEs", "fiscal_year": 2004, "as_of": None, "note": None,
             "source_id": "src-a"},
        ]),
    }


def write_sample_dataset(path: Path, layers: dict | None = None) -> Path:
    """Write ``layers`` (default: sample_layers()) as a GeoPackage at ``path``."""
    write_geopackage(layers if layers is not None else sample_layers(), path)
    return path


def with_text(ds, layer: str, id_column: str, row_id: str, column: str, value: str):
    """A copy of the loaded ``ds`` whose ``layer`` row ``row_id`` has ``column`` = ``value``.

    Hostile-text tests change one name in memory instead of writing a GeoPackage; the copy
    gets its own query cache, since the original's would answer with the old text.
    """
    import dataclasses

    frame = getattr(ds, layer).copy()
    frame.loc[frame[id_column] == row_id, column] = value
    return dataclasses.replace(ds, **{layer: frame})


def gpkg_geometry(shape, srs_id: int = 4326) -> bytes:
    """``shape`` as a GeoPackage geometry blob (little-endian, no envelope), as GDAL writes a
    point, so a test can put coordinates no writer would accept straight into a table."""
    import struct

    import shapely

    return b"GP\x00\x01" + struct.pack("<i", srs_id) + shapely.to_wkb(shape, byte_order=1)


def bundled_copy(path: Path, *statements) -> Path:
    """A copy of the bundled dataset at ``path``, changed with plain SQL as a database browser
    would. A statement is an SQL string or an ``(sql, parameters)`` pair.

    GDAL's R-tree triggers call SpatiaLite functions that plain sqlite3 does not have, so they
    are dropped first; the triggers that keep ``gpkg_ogr_contents`` counts stay.
    """
    import shutil
    import sqlite3
    from contextlib import closing

    from geodata import BUNDLED_DATASET

    shutil.copyfile(BUNDLED_DATASET, path)
    with closing(sqlite3.connect(path)) as db, db:
        rtree = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                           " AND name LIKE 'rtree%'").fetchall()
        for (trigger,) in rtree:
            db.execute(f'DROP TRIGGER "{trigger}"')
        for statement in statements:
            sql, parameters = (statement, ()) if isinstance(statement, str) else statement
            db.execute(sql, parameters)
    return path
