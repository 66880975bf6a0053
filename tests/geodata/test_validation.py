"""Damaged dataset files: every problem comes back located by layer, row/id and column.

Each case breaks one thing, either by mutating ``sample_layers()`` before writing it, or, for
damage no writer would produce, by editing the written file's bytes or SQLite tables the way a
person with a database browser would. Each case names the exact problems it must give — no
fewer (the check works) and no more (one mistake is not reported as many).
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from factories import KANTO_BOX, KINKI_BOX, sample_layers, write_sample_dataset
from shapely.geometry import MultiPolygon, Point, Polygon

from geodata import Dataset, DatasetError, Problem, load_dataset, validate

BOWTIE = Polygon([(135, 34), (136, 35), (136, 34), (135, 35), (135, 34)])
SEOUL = Point(126.98, 37.57)
BERLIN = Point(13.4, 52.5)
OSAKA = Point(135.5, 34.7)

# GDAL leaves warnings about the files these tests break on purpose; the problems are the result.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


# --- building bad files -------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def unsynced_sqlite_writes():
    """Write the throw-away test files without fsync: a third of the time, same bytes."""
    before = pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    yield
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": before})


def setting(layer: str, column: str, values):
    """A change that replaces one column of one layer."""
    def change(layers):
        layers[layer][column] = values
    return change


def placing(layer: str, position: int, geometry):
    """A change that replaces the geometry of one row."""
    def change(layers):
        frame = layers[layer]
        shapes = list(frame.geometry)
        shapes[position] = geometry
        frame["geometry"] = gpd.GeoSeries(shapes, index=frame.index, crs=frame.crs)
    return change


def dropping(layer: str, *columns: str):
    def change(layers):
        layers[layer] = layers[layer].drop(columns=list(columns))
    return change


def removing(layer: str):
    def change(layers):
        del layers[layer]
    return change


def repeating_first_row(layer: str):
    def change(layers):
        frame = layers[layer]
        layers[layer] = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    return change


def written(tmp_path: Path, change) -> Path:
    layers = sample_layers()
    change(layers)
    return write_sample_dataset(tmp_path / "bad.gpkg", layers)


@pytest.fixture(scope="module")
def sample_bytes(tmp_path_factory) -> bytes:
    """The valid sample file, written once; SQL cases edit copies of it."""
    return write_sample_dataset(tmp_path_factory.mktemp("sample") / "sample.gpkg").read_bytes()


def edited(tmp_path: Path, sample_bytes: bytes, *statements: str) -> Path:
    """A copy of the sample file changed with plain SQL, as a database browser would."""
    path = tmp_path / "edited.gpkg"
    path.write_bytes(sample_bytes)
    with closing(sqlite3.connect(path)) as db, db:
        # GDAL's R-tree triggers call SpatiaLite functions that plain sqlite3 does not have.
        triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (trigger,) in triggers:
            db.execute(f'DROP TRIGGER "{trigger}"')
        for statement in statements:
            db.execute(statement)
    return path


# --- checking what they give -------------------------------------------------------------------

Expected = tuple[str, str, str, str]  # layer, where, column, a fragment of the message


def problems_of(path: Path) -> list[Problem]:
    """The problems ``load_dataset`` raises for ``path`` (it must raise DatasetError)."""
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    return raised.value.problems


def assert_problems(path: Path, *expected: Expected) -> None:
    problems = problems_of(path)
    listing = "\n".join(map(str, problems))
    located = sorted((p.layer, p.where, p.column) for p in problems)
    assert located == sorted(e[:3] for e in expected), listing
    for layer, where, column, fragment in expected:
        match = next(p for p in problems if (p.layer, p.where, p.column) == (layer, where, column))
        assert fragment in match.message, listing


# --- the file itself ----------------------------------------------------------------------------

def _sqlite_without_layers(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE notes (text TEXT)")


@pytest.mark.parametrize(("make", "fragment"), [
    pytest.param(lambda path: path.write_bytes(b""), "the file is empty", id="empty"),
    pytest.param(lambda path: path.write_text("name,lon,lat\nTAMA,139.3,35.6\n"),
                 "not a GeoPackage (no SQLite header)", id="csv-text"),
    pytest.param(lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500)),
                 "not a GeoPackage (no SQLite header)", id="png-bytes"),
    pytest.param(lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xab" * 5000),
                 "not a readable GeoPackage", id="header-then-garbage"),
    pytest.param(_sqlite_without_layers, "not a readable GeoPackage", id="plain-sqlite"),
    pytest.param(lambda path: None, "file not found", id="no-such-file"),
])
def test_a_file_that_is_not_a_geopackage_is_one_file_level_problem(tmp_path, make, fragment):
    path = tmp_path / "data.gpkg"
    make(path)
    problems = problems_of(path)
    assert [(p.layer, p.where, p.column) for p in problems] == [("", "", "")]
    assert fragment in problems[0].message and str(path) in problems[0].message


def test_a_directory_is_not_a_dataset(tmp_path):
    problems = problems_of(tmp_path)
    assert [str(p) for p in problems] == [f"not a file: {tmp_path}"]


@pytest.mark.parametrize("keep", [0.5, 0.1], ids=["half", "tenth"])
def test_a_truncated_file_is_unreadable(tmp_path, sample_bytes, keep):
    path = tmp_path / "cut.gpkg"
    path.write_bytes(sample_bytes[: int(len(sample_bytes) * keep)])
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].message.startswith("the file is cut short")


def test_overwritten_pages_make_the_file_unreadable(tmp_path, sample_bytes):
    path = tmp_path / "scribbled.gpkg"
    path.write_bytes(sample_bytes[:4096] + b"\xab" * (len(sample_bytes) - 4096))
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].message.startswith("not a readable GeoPackage")


def test_a_layer_gdal_cannot_decode_is_reported_once(tmp_path, sample_bytes):
    path = edited(tmp_path, sample_bytes,
                  "UPDATE projects SET name_en = X'FFFE' WHERE project_id = 'tama'")
    assert_problems(path, ("projects", "", "", "cannot read the layer"))


# --- layers and columns -------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(removing("tieups"), ("tieups", "", "", "missing layer"), id="tieups"),
    # the layers others refer to: their absence is one problem, not one per reference
    pytest.param(removing("bureaus"), ("bureaus", "", "", "missing layer"), id="bureaus"),
    pytest.param(removing("sources"), ("sources", "", "", "missing layer"), id="sources"),
    pytest.param(removing("projects"), ("projects", "", "", "missing layer"), id="projects"),
])
def test_a_missing_layer(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(dropping("projects", "bureau_id"),
                 ("projects", "", "bureau_id", "missing column"), id="projects.bureau_id"),
    pytest.param(dropping("projects", "project_id"),
                 ("projects", "", "project_id", "missing column"), id="projects.project_id"),
    pytest.param(dropping("sources", "source_id"),
                 ("sources", "", "source_id", "missing column"), id="sources.source_id"),
    pytest.param(dropping("national_figures", "value"),
                 ("national_figures", "", "value", "missing column"), id="figures.value"),
])
def test_a_missing_required_column(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


def test_a_required_column_dropped_in_sqlite(tmp_path, sample_bytes):
    path = edited(tmp_path, sample_bytes, "ALTER TABLE projects DROP COLUMN fields")
    assert_problems(path, ("projects", "", "fields", "missing column"))


def test_missing_optional_columns_are_added_empty(tmp_path):
    path = written(tmp_path, dropping("projects", "former_names", "note", "companies"))
    assert validate(path) == []
    projects = load_dataset(path).projects
    assert projects["former_names"].isna().all() and projects["companies"].isna().all()


# --- types --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(setting("projects", "companies", ["many", 220, None]),
                 ("projects", "tama", "companies", "expected an integer, got 'many'"),
                 id="text-in-integer"),
    pytest.param(setting("projects", "companies", [260.5, 220, None]),
                 ("projects", "tama", "companies", "expected an integer, got 260.5"),
                 id="fraction-in-integer"),
    pytest.param(setting("projects", "companies", [1e17, 220, None]),
                 ("projects", "tama", "companies", "too large"), id="huge-integer"),
    pytest.param(setting("achievements", "value", ["lots"]),
                 ("achievements", "kinki-ventures", "value", "expected a number, got 'lots'"),
                 id="text-in-real"),
    pytest.param(setting("achievements", "kind", [7]),
                 ("achievements", "kinki-ventures", "kind", "expected text, got the number 7"),
                 id="number-in-id"),
    # a key that is not an integer cannot locate its own row
    pytest.param(setting("prefectures", "pref_code", ["thirteen", 27]),
                 ("prefectures", "row 1", "pref_code", "expected an integer, got 'thirteen'"),
                 id="text-in-integer-key"),
])
def test_a_value_of_the_wrong_type(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


@pytest.mark.parametrize(("statement", "expected"), [
    pytest.param("UPDATE projects SET companies = 'many' WHERE project_id = 'tama'",
                 ("projects", "tama", "companies", "expected an integer, got 'many'"),
                 id="text-in-real-column"),
    pytest.param("UPDATE fields SET sort_order = 'first' WHERE field_id = 'it'",
                 ("fields", "it", "sort_order", "expected an integer, got 'first'"),
                 id="text-in-integer-column"),
    pytest.param("UPDATE fields SET sort_order = 1.5 WHERE field_id = 'it'",
                 ("fields", "it", "sort_order", "1.5"), id="fraction-in-integer-column"),
    pytest.param("UPDATE achievements SET value = 'lots'",
                 ("achievements", "kinki-ventures", "value", "expected a number, got 'lots'"),
                 id="text-in-real-value"),
    pytest.param("UPDATE projects SET bureau_id = 5 WHERE project_id = 'tama'",
                 ("projects", "tama", "bureau_id", "unknown bureau '5'"),
                 id="number-in-text-column"),
])
def test_a_value_typed_wrongly_in_sqlite_is_not_read_as_a_number(tmp_path, sample_bytes,
                                                                 statement, expected):
    """SQLite lets any cell hold any type; GDAL alone would read 'many' as 0 and 1.5 as 1."""
    assert_problems(edited(tmp_path, sample_bytes, statement), expected)


# --- keys and references ------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(repeating_first_row("projects"),
                 ("projects", "row 4", "project_id", "duplicate id 'tama'"), id="projects"),
    pytest.param(repeating_first_row("sources"),
                 ("sources", "row 3", "source_id", "duplicate id 'src-a'"), id="sources"),
    pytest.param(setting("tieups", "tieup_id", ["kinki-berlin", "kinki-berlin"]),
                 ("tieups", "row 2", "tieup_id", "duplicate id 'kinki-berlin'"), id="tieups"),
    pytest.param(setting("prefectures", "pref_code", [13, 13]),
                 ("prefectures", "row 2", "pref_code", "duplicate id 13"), id="prefectures"),
])
def test_a_duplicate_id(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(setting("projects", "bureau_id", ["kanto", "kansai", "kinki"]),
                 ("projects", "kinki-bio", "bureau_id", "unknown bureau 'kansai'"),
                 id="project-bureau"),
    pytest.param(setting("prefectures", "bureau_id", ["kanto", "tokai"]),
                 ("prefectures", "27", "bureau_id", "unknown bureau 'tokai'"),
                 id="prefecture-bureau"),
    pytest.param(setting("tieups", "bureau_id", ["kyushu", "kanto"]),
                 ("tieups", "kinki-berlin", "bureau_id", "unknown bureau 'kyushu'"),
                 id="tieup-bureau"),
    pytest.param(setting("projects", "programs", ["icp-term1;icp-term3", "icp-term1",
                                                  "icp-term2"]),
                 ("projects", "tama", "programs", "unknown program 'icp-term3'"),
                 id="project-program"),
    pytest.param(setting("projects", "fields", ["it", "nanotech", "it;biotechnology"]),
                 ("projects", "kinki-bio", "fields", "unknown field 'nanotech'"),
                 id="project-field"),
    pytest.param(setting("tieups", "field", ["nanotech", "it"]),
                 ("tieups", "kinki-berlin", "field", "unknown field 'nanotech'"),
                 id="tieup-field"),
    pytest.param(setting("achievements", "source_id", ["src-z"]),
                 ("achievements", "kinki-ventures", "source_id", "unknown source 'src-z'"),
                 id="achievement-source"),
    pytest.param(setting("programs", "source_id", ["src-a", "src-z"]),
                 ("programs", "icp-term2", "source_id", "unknown source 'src-z'"),
                 id="program-source"),
    pytest.param(setting("projects", "source_id", ["src-z", "src-a", "src-a"]),
                 ("projects", "tama", "source_id", "unknown source 'src-z'"),
                 id="project-source"),
    pytest.param(setting("participant_counts", "source_id", ["src-z"]),
                 ("participant_counts", "row 1", "source_id", "unknown source 'src-z'"),
                 id="count-source"),
    pytest.param(setting("participants", "project_id", ["tama", "nope"]),
                 ("participants", "kinki-kyoto-u", "project_id", "unknown project 'nope'"),
                 id="participant-project"),
])
def test_a_reference_to_an_unknown_id(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


def test_the_unknown_id_message_lists_the_valid_ones(tmp_path):
    path = written(tmp_path, setting("projects", "bureau_id", ["kanto", "kansai", "kinki"]))
    (problem,) = problems_of(path)
    assert problem.message == "unknown bureau 'kansai' (valid: kanto, kinki)"


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(setting("projects", "project_id", ["tama", "kinki-bio", "Kansai IT"]),
                 ("projects", "row 3", "project_id", "'Kansai IT' is not an id"),
                 id="key-with-capitals"),
    pytest.param(setting("projects", "programs", ["icp-term1;ICP 2", "icp-term1", "icp-term2"]),
                 ("projects", "tama", "programs", "'ICP 2' is not an id"), id="list-item"),
    pytest.param(setting("projects", "programs", [" ; ", "icp-term1", "icp-term2"]),
                 ("projects", "tama", "programs", "needs at least one id"), id="empty-list"),
    pytest.param(setting("projects", "location_basis", ["guess", "source-city", "source-city"]),
                 ("projects", "tama", "location_basis", "not one of 'guess'"),
                 id="location-basis"),
    pytest.param(setting("participants", "kind", ["local-government", "bank"]),
                 ("participants", "kinki-kyoto-u", "kind", "not one of 'bank'"),
                 id="participant-kind"),
    pytest.param(setting("achievements", "kind", ["prize"]),
                 ("achievements", "kinki-ventures", "kind", "not one of 'prize'"),
                 id="achievement-kind"),
])
def test_an_id_of_the_wrong_form_or_outside_its_vocabulary(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(setting("projects", "name_en", ["  ", "Kinki Bio Cluster", "Kansai IT"]),
                 ("projects", "tama", "name_en", "required value is empty"), id="blank-text"),
    pytest.param(setting("sources", "title", [None, "Source B"]),
                 ("sources", "src-a", "title", "required value is empty"), id="null-text"),
    pytest.param(setting("participant_counts", "count", [None]),
                 ("participant_counts", "row 1", "count", "required value is empty"),
                 id="null-integer"),
    pytest.param(setting("participants", "location_note", ["Hachioji city hall", None]),
                 ("participants", "kinki-kyoto-u", "location_note", "required value is empty"),
                 id="location-note"),
])
def test_a_required_value_left_empty(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


# --- geometry -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(placing("bureaus", 1, MultiPolygon([BOWTIE])),
                 ("bureaus", "kinki", "geometry", "invalid geometry"), id="bowtie-bureau"),
    pytest.param(placing("prefectures", 1, MultiPolygon([BOWTIE])),
                 ("prefectures", "27", "geometry", "invalid geometry"), id="bowtie-prefecture"),
    pytest.param(placing("bureaus", 1, MultiPolygon()),
                 ("bureaus", "kinki", "geometry", "missing or empty geometry"),
                 id="empty-bureau"),
    pytest.param(placing("projects", 0, Point()),
                 ("projects", "tama", "geometry", "missing or empty geometry"),
                 id="empty-project-point"),
    pytest.param(placing("participants", 0, None),
                 ("participants", "tama-hachioji", "geometry", "missing or empty geometry"),
                 id="null-participant-point"),
    pytest.param(placing("tieups", 1, Point()),
                 ("tieups", "tama-shanghai", "geometry", "missing or empty geometry"),
                 id="empty-tieup-point"),
])
def test_an_invalid_or_empty_geometry(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


@pytest.mark.parametrize(("statement", "expected"), [
    pytest.param("UPDATE projects SET geom = (SELECT geom FROM bureaus WHERE bureau_id = 'kanto')"
                 " WHERE project_id = 'tama'",
                 ("projects", "tama", "geometry", "expected Point, got MultiPolygon"),
                 id="area-as-project"),
    # a bureau that is a point must not be used to place the projects of that bureau
    pytest.param("UPDATE bureaus SET geom = (SELECT geom FROM projects"
                 " WHERE project_id = 'kinki-bio') WHERE bureau_id = 'kinki'",
                 ("bureaus", "kinki", "geometry", "expected MultiPolygon, got Point"),
                 id="point-as-bureau"),
    pytest.param("UPDATE projects SET geom = X'00010203' WHERE project_id = 'tama'",
                 ("projects", "tama", "geometry", "missing or empty geometry"),
                 id="garbage-blob"),
])
def test_a_geometry_broken_in_sqlite(tmp_path, sample_bytes, statement, expected):
    assert_problems(edited(tmp_path, sample_bytes, statement), expected)


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(placing("projects", 0, BERLIN),
                 ("projects", "tama", "geometry", "point (13.4000, 52.5000) is outside Japan"),
                 id="berlin"),
    pytest.param(placing("projects", 0, Point(-74.0, 40.7)),
                 ("projects", "tama", "geometry", "point (-74.0000, 40.7000) is outside Japan"),
                 id="new-york"),
    # inside Japan's bounding box but on no bureau's land
    pytest.param(placing("projects", 1, SEOUL),
                 ("projects", "kinki-bio", "geometry",
                  "point is not in bureau 'kinki': it lies outside Japan's land"), id="seoul"),
    pytest.param(placing("projects", 0, OSAKA),
                 ("projects", "tama", "geometry",
                  "point is not in bureau 'kanto': it lies in kinki"), id="wrong-bureau"),
])
def test_a_project_point_outside_japan_or_its_bureau(tmp_path, change, expected):
    assert_problems(written(tmp_path, change), expected)


def test_participants_and_partners_abroad_are_fine(tmp_path):
    """Only projects must lie in Japan: a tie-up's point is at the overseas partner."""
    layers = sample_layers()
    assert layers["tieups"].geometry.x.min() < 20  # Berlin
    placing("participants", 1, SEOUL)(layers)
    assert validate(write_sample_dataset(tmp_path / "abroad.gpkg", layers)) == []


def test_a_point_on_the_coast_just_off_the_simplified_bureau_is_accepted(tmp_path):
    _, _, east, _ = KANTO_BOX.bounds
    path = written(tmp_path, placing("projects", 0, Point(east + 0.01, 35.5)))
    assert validate(path) == []


# --- coordinate reference systems ---------------------------------------------------------------

JAPAN_LAYERS = ("bureaus", "prefectures", "projects", "participants")


@pytest.mark.parametrize(("crs", "layer_names"), [
    pytest.param("EPSG:6668", (*JAPAN_LAYERS, "countries", "tieups"), id="jgd2011"),
    pytest.param("EPSG:6677", JAPAN_LAYERS, id="japan-plane-rectangular-ix"),
    pytest.param("EPSG:3857", (*JAPAN_LAYERS, "countries", "tieups"), id="web-mercator"),
    pytest.param("+proj=utm +zone=54 +datum=WGS84 +units=m +no_defs", JAPAN_LAYERS,
                 id="proj-string-utm54"),
])
def test_a_layer_in_another_crs_is_reprojected_on_load(tmp_path, crs, layer_names):
    layers = sample_layers()
    for name in layer_names:
        layers[name] = layers[name].to_crs(crs)
    assert layers["projects"].crs != "EPSG:4326"
    ds = load_dataset(write_sample_dataset(tmp_path / "other-crs.gpkg", layers))
    original = sample_layers()
    for name in ("bureaus", "prefectures", "countries", "projects", "participants", "tieups"):
        frame = getattr(ds, name)
        assert frame.crs.to_epsg() == 4326, name
        expected = original[name].geometry
        for got, want in zip(frame.geometry, expected, strict=True):
            assert got.equals_exact(want, tolerance=1e-6) or (
                got.symmetric_difference(want).area < 1e-9), name


def test_the_reprojected_areas_match_the_boxes(tmp_path):
    layers = sample_layers()
    layers["bureaus"] = layers["bureaus"].to_crs("EPSG:6677")
    ds = load_dataset(write_sample_dataset(tmp_path / "plane.gpkg", layers))
    areas = dict(zip(ds.bureaus["bureau_id"], ds.bureaus.area, strict=True))
    assert areas["kanto"] == pytest.approx(KANTO_BOX.area, rel=1e-6)
    assert areas["kinki"] == pytest.approx(KINKI_BOX.area, rel=1e-6)


def test_a_layer_written_without_crs_is_refused(tmp_path):
    layers = sample_layers()
    layers["projects"] = layers["projects"].set_crs(None, allow_override=True)
    assert_problems(write_sample_dataset(tmp_path / "no-crs.gpkg", layers),
                    ("projects", "", "geometry", "the layer has no CRS"))


@pytest.mark.parametrize("srs_id", [0, -1, 99999], ids=["undefined-geographic",
                                                        "undefined-cartesian", "unlisted-id"])
def test_a_layer_whose_srs_is_undefined_is_refused(tmp_path, sample_bytes, srs_id):
    path = edited(tmp_path, sample_bytes, f"UPDATE gpkg_geometry_columns SET srs_id = {srs_id}"
                                          " WHERE table_name = 'bureaus'")
    assert_problems(path, ("bureaus", "", "geometry", "the layer has no CRS"))


def test_a_layer_whose_srs_definition_is_nonsense_is_refused(tmp_path, sample_bytes):
    path = edited(
        tmp_path, sample_bytes,
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('junk', 777, 'NONE', 777, 'NONSENSE', NULL)",
        "UPDATE gpkg_geometry_columns SET srs_id = 777 WHERE table_name = 'projects'",
    )
    assert_problems(path, ("projects", "", "geometry", "no CRS"))


# --- the two entry points agree -----------------------------------------------------------------

def test_the_sample_dataset_is_valid(sample_gpkg):
    assert validate(sample_gpkg) == []
    assert isinstance(load_dataset(sample_gpkg), Dataset)


@pytest.mark.parametrize("change", [
    removing("tieups"),
    placing("projects", 0, BERLIN),
], ids=["layer", "point"])
def test_validate_returns_what_load_dataset_raises(tmp_path, change):
    path = written(tmp_path, change)
    problems = validate(path)
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    assert problems and raised.value.problems == problems
    assert raised.value.messages == [str(problem) for problem in problems]


def test_validate_and_load_dataset_agree_on_file_level_failures(tmp_path):
    for path in (tmp_path / "absent.gpkg", tmp_path):
        assert validate(path) == problems_of(path)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    def change(layers):
        setting("projects", "bureau_id", ["kanto", "kansai", "kinki"])(layers)
        setting("achievements", "source_id", ["src-z"])(layers)
        placing("participants", 0, None)(layers)
    problems = problems_of(written(tmp_path, change))
    assert {(p.layer, p.column) for p in problems} == {
        ("projects", "bureau_id"), ("achievements", "source_id"), ("participants", "geometry")}


def test_the_error_text_names_the_first_problem_and_counts_the_rest(tmp_path):
    def change(layers):
        setting("projects", "bureau_id", ["kanto", "kansai", "kinki"])(layers)
        setting("achievements", "source_id", ["src-z"])(layers)
    with pytest.raises(DatasetError) as raised:
        load_dataset(written(tmp_path, change))
    assert str(raised.value) == f"{raised.value.messages[0]} (and 1 more)"


@pytest.mark.parametrize(("problem", "text"), [
    (Problem("projects", "tama", "bureau_id", "unknown bureau 'x'"),
     "projects, tama, bureau_id: unknown bureau 'x'"),
    (Problem("projects", "", "bureau_id", "missing column"), "projects, bureau_id: missing column"),
    (Problem("tieups", "", "", "missing layer"), "tieups: missing layer"),
    (Problem("", "", "", "the file is empty: x.gpkg"), "the file is empty: x.gpkg"),
])
def test_a_problem_reads_layer_where_column_message(problem, text):
    assert str(problem) == text
