"""GeoPackages read and written through sqlite3 and shapely (geodata/geopackage.py), with GDAL
(pyogrio, installed for building datasets) as the oracle: the frames are the ones pyogrio
reads, and a file an import wrote is one GDAL reads the same, spatial index included."""

import sqlite3
from contextlib import closing

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import MultiPolygon, Point, box

from geodata import BUNDLED_DATASET, geopackage, load_dataset
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import read_list
from geodata.importing.writing import write_import


def gdal_frame(path, layer: str) -> pd.DataFrame:
    """The layer as pyogrio reads it (by SQL, as the app read it before)."""
    return pyogrio.read_dataframe(path, sql=f'SELECT * FROM "{layer}"',
                                  fid_as_index=True).reset_index(drop=True)


def assert_same_as_gdal(path, layer: str) -> None:
    ours, gdal = geopackage.read_table(path, layer), gdal_frame(path, layer)
    pd.testing.assert_frame_equal(ours, gdal)
    if isinstance(gdal, gpd.GeoDataFrame):
        assert ours.crs == gdal.crs


@pytest.mark.parametrize("layer", [name for name, _ in pyogrio.list_layers(BUNDLED_DATASET)])
def test_every_bundled_layer_reads_as_gdal_reads_it(layer):
    assert_same_as_gdal(BUNDLED_DATASET, layer)


def test_the_layers_are_the_ones_gdal_lists():
    assert geopackage.layer_names(BUNDLED_DATASET) == list(
        pyogrio.list_layers(BUNDLED_DATASET)[:, 0])


@pytest.fixture(scope="module")
def gdal_written(tmp_path_factory):
    """A file GDAL wrote with every column type the schema uses (text, integer, real), nulls
    in each, points and multipolygons with envelopes, a layer in another CRS, an empty one."""
    path = tmp_path_factory.mktemp("gdal") / "written.gpkg"
    frame = pd.DataFrame({
        "text": ["a", None, "日本語", ""],
        "whole": np.array([1, 2, 3, -(2 ** 62)], dtype=np.int64),
        "whole_or_null": [1.0, None, 3.0, 4.0],
        "real": [0.1, None, -2.5e300, 7.0],
    })
    points = [Point(135.5, 34.7), Point(-179.99, 64.2), None, Point(0, 0)]
    shapes = [MultiPolygon([box(128, 24, 132, 35)]), None,
              MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]), MultiPolygon([box(-1, -1, 0, 0)])]
    pyogrio.write_dataframe(gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326"), path,
                            layer="points", driver="GPKG")
    pyogrio.write_dataframe(gpd.GeoDataFrame(frame, geometry=shapes, crs="EPSG:4326"), path,
                            layer="areas", driver="GPKG", promote_to_multi=True)
    pyogrio.write_dataframe(gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
                            .to_crs("EPSG:6677"), path, layer="tokyo", driver="GPKG")
    pyogrio.write_dataframe(frame, path, layer="table", driver="GPKG")
    pyogrio.write_dataframe(frame.iloc[:0], path, layer="empty", driver="GPKG")
    return path


@pytest.mark.parametrize("layer", ["points", "areas", "tokyo", "table", "empty"])
def test_a_file_gdal_wrote_reads_as_gdal_reads_it(gdal_written, layer):
    assert_same_as_gdal(gdal_written, layer)


def test_only_the_columns_asked_for_are_read(gdal_written):
    frame = geopackage.read_table(gdal_written, "points", columns=["real", "text"],
                                  geometry=False)
    pd.testing.assert_frame_equal(frame, gdal_frame(gdal_written, "points")
                                  .drop(columns="geometry")[["text", "real"]]
                                  .pipe(pd.DataFrame))


@pytest.mark.parametrize("blob", [b"XX\x00\x01\xe6\x10\x00\x00" + Point(1, 2).wkb, b"GP\x00",
                                  b"GP\x00\x01\xe6\x10\x00\x00\x01\x99\x99", b"",
                                  b"GP\x00\x11\xe6\x10\x00\x00" + Point(1, 2).wkb],
                         ids=["no-magic", "cut-header", "cut-wkb", "empty-blob", "flagged-empty"])
def test_a_blob_that_is_no_geometry_reads_as_a_missing_one(blob):
    assert geopackage.decode_geometries([blob, None, "text"]).tolist() == [None, None, None]


def test_blobs_carry_the_header_gdal_writes(gdal_written):
    with closing(sqlite3.connect(gdal_written)) as db:
        stored = [blob for (blob,) in db.execute("SELECT geom FROM points ORDER BY fid")]
        areas = [blob for (blob,) in db.execute("SELECT geom FROM areas ORDER BY fid")]
    ours = geopackage.encode_geometries(geopackage.decode_geometries(stored), 4326)
    assert ours == stored
    assert geopackage.encode_geometries(geopackage.decode_geometries(areas), 4326) == areas


# --- an import writes a file GDAL reads the same, its R-tree whole -------------------------------

@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    bundled = load_dataset()
    project_id = bundled.projects["project_id"].iloc[0]
    listed = folder / "list.csv"
    listed.write_text("Name,Kind,Project,Latitude,Longitude\n"
                      f"Alpha,University,{project_id},35.68,139.76\n"
                      f"Beta,Company,{project_id},43.06,141.35\n", encoding="utf-8")
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects,
                       gazetteer_of(bundled))
    target = folder / "target.gpkg"
    write_import(plan, target)
    write_import(plan, target)  # the same list again replaces its rows
    return target


@pytest.mark.parametrize("layer", ["participants", "sources"])
def test_an_imported_file_reads_in_gdal_as_here(imported, layer):
    assert_same_as_gdal(imported, layer)
    names = set(geopackage.read_table(imported, "participants")["name_en"])
    assert {"Alpha", "Beta"} <= names


def test_an_imported_file_keeps_its_counts_index_and_extent(imported):
    with closing(sqlite3.connect(imported)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT count(*) FROM participants").fetchone()[0]
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents"
                          " WHERE table_name = 'participants'").fetchone() == (rows,)
        indexed = dict(((fid, bounds) for fid, *bounds in db.execute(
            "SELECT id, minx, maxx, miny, maxy FROM rtree_participants_geom")))
        stored = db.execute("SELECT fid, geom FROM participants").fetchall()
        extent = db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents"
                            " WHERE table_name = 'participants'").fetchone()
    points = geopackage.decode_geometries([blob for _fid, blob in stored])
    assert len(indexed) == len(stored)  # one entry a row, none left of the replaced rows
    for (fid, _blob), point in zip(stored, points, strict=True):
        minx, maxx, miny, maxy = indexed[fid]  # 32-bit floats, rounded outwards
        assert minx <= point.x <= maxx and miny <= point.y <= maxy
        assert [minx, maxx, miny, maxy] == pytest.approx([point.x, point.x, point.y, point.y],
                                                         abs=1e-4)
        assert extent[0] <= point.x <= extent[2] and extent[1] <= point.y <= extent[3]
    # GDAL's spatial filter goes through the R-tree
    near_sapporo = pyogrio.read_dataframe(imported, layer="participants",
                                          bbox=(141.3, 43.0, 141.4, 43.1))
    assert "Beta" in set(near_sapporo["name_en"])
    assert pyogrio.read_info(imported, layer="participants")["features"] == rows


# --- a new file, as a copy of a dataset writes it ------------------------------------------------

@pytest.fixture(scope="module")
def rewritten(tmp_path_factory):
    """The bundled dataset's layers written anew without GDAL."""
    from geodata.geopackage_create import write_dataset
    from geodata.reading import read_layers

    frames, problems = read_layers(BUNDLED_DATASET)
    assert problems == []
    path = tmp_path_factory.mktemp("rewritten") / "copy.gpkg"
    write_dataset(frames, path)
    return path


@pytest.mark.parametrize("layer", [name for name, _ in pyogrio.list_layers(BUNDLED_DATASET)])
def test_a_written_file_reads_in_gdal_and_here_as_the_original(rewritten, layer):
    assert_same_as_gdal(rewritten, layer)
    pd.testing.assert_frame_equal(geopackage.read_table(rewritten, layer),
                                  geopackage.read_table(BUNDLED_DATASET, layer))


def test_a_written_file_has_what_gdal_writes(rewritten):
    """The same tables, triggers and R-trees as GDAL's file, the same counts and extents, an
    R-tree entry per geometry, and the GeoPackage's application id."""
    def layout(path):
        with closing(sqlite3.connect(path)) as db:
            names = {(kind, name) for kind, name in db.execute(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'gpkg_tile%'"
                " AND name NOT LIKE 'sqlite_autoindex%' AND name NOT LIKE 'gpkg_metadata%'"
                " AND name NOT LIKE 'gpkg_data_column%'")}
            counts = db.execute("SELECT * FROM gpkg_ogr_contents ORDER BY 1").fetchall()
            extents = db.execute("SELECT table_name, data_type, round(min_x, 3),"
                                 " round(min_y, 3), round(max_x, 3), round(max_y, 3), srs_id"
                                 " FROM gpkg_contents ORDER BY 1").fetchall()
            indexed = {name: db.execute(f'SELECT count(*) FROM "rtree_{name}_geom"').fetchone()
                       for (name,) in db.execute("SELECT table_name FROM gpkg_geometry_columns")}
            header = db.execute("PRAGMA application_id").fetchone()
        return names, counts, extents, indexed, header
    assert layout(rewritten) == layout(BUNDLED_DATASET)
    with closing(sqlite3.connect(rewritten)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_written_file_validates(rewritten):
    from geodata import validate

    assert validate(rewritten) == []


# --- the app's own path needs no GDAL (the frozen app leaves it out) ----------------------------

NO_GDAL = """
import sys
sys.modules["pyogrio"] = None  # any import of it fails, as in the frozen app
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_validate_import_and_copy_run_without_gdal(tmp_path):
    import subprocess
    import sys

    project_id = load_dataset().projects["project_id"].iloc[0]
    listed = tmp_path / "list.csv"
    listed.write_text("Name,Kind,Project,Latitude,Longitude\n"
                      f"Gamma,University,{project_id},35.0,135.7\n", encoding="utf-8")
    target, copied = tmp_path / "mine.gpkg", tmp_path / "copied.gpkg"

    def run(*args):
        done = subprocess.run([sys.executable, "-c", NO_GDAL, *args], capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done

    run("validate", str(BUNDLED_DATASET))
    run("import", str(listed), "--into", str(target))
    run("copy", str(target), str(copied))
    assert "valid" in run("validate", str(copied)).stdout
    assert "Gamma" in set(geopackage.read_table(copied, "participants")["name_en"])


@pytest.mark.parametrize("blob", [b"XX\x00\x01\xe6\x10\x00\x00" + Point(1, 2).wkb,
                                  b"GP\x00\x01\xe6\x10\x00\x00\x01\x99\x99", b"hello"],
                         ids=["no-magic", "cut-wkb", "not-a-geometry"])
def test_a_geometry_with_a_bad_header_is_named_where_it_is(tmp_path, blob):
    """As with GDAL: the row's geometry is missing, the rest of the layer reads."""
    from factories import bundled_copy

    from geodata import validate

    path = bundled_copy(tmp_path / "bad.gpkg", ("UPDATE tieups SET geom = ?"
                                                " WHERE tieup_id = 'k-rip-seoul'", (blob,)))
    problems = validate(path)
    assert [(p.layer, p.where, p.column, p.message) for p in problems] == [
        ("tieups", "k-rip-seoul", "geometry", "missing or empty geometry")]


def test_columns_gdal_reads_or_leaves_out_are_read_or_left_out_alike(tmp_path):
    """A blob column is read as bytes; a column of a type no GeoPackage has as text (with a
    warning naming it); a cell of another type than its column's is kept as stored."""
    from factories import bundled_copy

    path = bundled_copy(tmp_path / "odd.gpkg", "ALTER TABLE tieups ADD COLUMN photo BLOB",
                        "UPDATE tieups SET photo = x'00ff10' WHERE rowid = 1",
                        "ALTER TABLE tieups ADD COLUMN extra FOOTYPE",
                        "UPDATE tieups SET partner = 5, year = 2.5 WHERE rowid = 2")
    with pytest.warns(RuntimeWarning, match="'extra' of 'tieups'"):
        ours = geopackage.read_table(path, "tieups")
    gdal = gdal_frame(path, "tieups")
    pd.testing.assert_frame_equal(ours, gdal)


def test_equal_text_cells_of_a_column_are_one_object(tmp_path):
    """A text column holds one str per distinct value, across the chunks it is fetched in
    (a stray number among them included): the repeats are not kept in memory."""
    path = tmp_path / "repeats.gpkg"
    rows = 2 * geopackage.CHUNK_ROWS + 3
    frame = pd.DataFrame({"kind": [f"kind-{i % 3}" for i in range(rows)],
                          "name": [f"name {i}" for i in range(rows)]})
    pyogrio.write_dataframe(frame, path, layer="table", driver="GPKG")
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE \"table\" SET kind = 7 WHERE rowid = 5")
    assert_same_as_gdal(path, "table")
    kinds = geopackage.read_table(path, "table")["kind"].tolist()
    assert set(kinds) == {"7", "kind-0", "kind-1", "kind-2"}
    assert len({id(cell) for cell in kinds if cell != "7"}) == 3
