"""Hostile datasets: files edited by tools that skip GeoPackage bookkeeping, coordinates and
numbers no map can draw, text that would drive a terminal, and problems by the ten thousand.

Each test is named for the item of the hostile-data review it guards. The files start from the
bundled dataset, changed the way a person with plain sqlite3 changes them.
"""

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from factories import bundled_copy, gpkg_geometry
from shapely.geometry import MultiPolygon, Point, box

from geodata import BUNDLED_DATASET, DatasetError, Problem, load_dataset, validate
from geodata.errors import visible

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

BUNDLED_PROJECTS = 27


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a user runs it, its output kept as bytes to see every escape byte."""
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          cwd=cwd, timeout=300)
    assert b"Traceback" not in done.stdout + done.stderr, done.stderr.decode(errors="replace")
    return done


def located(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return sorted((p.layer, p.where, p.column) for p in problems)


def only_problem(path: Path, layer: str, where: str, column: str) -> Problem:
    """The one problem of ``path``, which must be at ``layer, where, column``."""
    problems = validate(path)
    assert located(problems) == [(layer, where, column)], "\n".join(map(str, problems))
    return problems[0]


# --- 6: rows beyond a stale gpkg_ogr_contents.feature_count --------------------------------------

COPY_A_PROJECT = (
    "CREATE TEMP TABLE copied AS SELECT * FROM projects WHERE project_id = 'kyushu-k-rip'",
    "UPDATE copied SET fid = NULL, project_id = 'kyushu-k-rip-copy'",
    "INSERT INTO projects SELECT * FROM copied",
)


def test_item06_rows_beyond_stale_feature_count_are_read(tmp_path):
    """sqlite3 without GDAL's triggers adds a row but leaves the stored count at 27."""
    path = bundled_copy(tmp_path / "stale.gpkg",
                        "DROP TRIGGER trigger_insert_feature_count_projects", *COPY_A_PROJECT)
    projects = load_dataset(path).projects
    assert len(projects) == BUNDLED_PROJECTS + 1
    assert "kyushu-k-rip-copy" in set(projects["project_id"])
    done = run_cli("validate", str(path), cwd=tmp_path)
    assert done.returncode == 0
    assert f"valid — {BUNDLED_PROJECTS + 1} projects, ".encode() in done.stdout


def test_item06_a_lowered_feature_count_loses_no_row_of_any_layer(tmp_path):
    path = bundled_copy(tmp_path / "zeroed.gpkg", "UPDATE gpkg_ogr_contents SET feature_count = 0")
    edited, bundled = load_dataset(path), load_dataset(BUNDLED_DATASET)
    for name in ("sources", "fields", "bureaus", "prefectures", "countries", "programs",
                 "projects", "participants", "participant_counts", "tieups", "achievements",
                 "national_figures"):
        assert len(getattr(edited, name)) == len(getattr(bundled, name)) > 0, name
    assert edited.info == bundled.info


# --- 7: coordinates no map can draw --------------------------------------------------------------

def _tieup_at(tieup_id: str, shape):
    return ("UPDATE tieups SET geom = ? WHERE tieup_id = ?", (gpkg_geometry(shape), tieup_id))


@pytest.mark.parametrize(("statement", "expected", "fragment"), [
    # Shanghai is (121.47, 31.23); typed the other way round its latitude is 121.47
    pytest.param(_tieup_at("tama-shanghai", Point(31.2304, 121.4737)),
                 ("tieups", "tama-shanghai", "geometry"), "latitude 121.4737", id="swapped"),
    pytest.param(_tieup_at("k-rip-seoul", Point(1e6, 37.5)),
                 ("tieups", "k-rip-seoul", "geometry"), "longitude 1000000", id="lon-1e6"),
    pytest.param(_tieup_at("k-rip-seoul", Point(-200.0, 37.5)),
                 ("tieups", "k-rip-seoul", "geometry"), "longitude -200", id="lon-minus-200"),
    pytest.param(_tieup_at("k-rip-seoul", Point(math.inf, 37.5)),
                 ("tieups", "k-rip-seoul", "geometry"), "not a finite number", id="lon-inf"),
    pytest.param(_tieup_at("k-rip-seoul", Point(126.97, math.nan)),
                 ("tieups", "k-rip-seoul", "geometry"), "not a finite number", id="lat-nan"),
    pytest.param(("UPDATE participants SET geom = ? WHERE rowid = 1",
                  (gpkg_geometry(Point(135.0, -95.0)),)),
                 ("participants", "*", "geometry"), "latitude -95", id="participant"),
    # a project off the globe is that one problem, not also "outside Japan"
    pytest.param(("UPDATE projects SET geom = ? WHERE project_id = 'kyushu-k-rip'",
                  (gpkg_geometry(Point(1e6, 33.0)),)),
                 ("projects", "kyushu-k-rip", "geometry"), "longitude 1000000", id="project"),
    # an area with one vertex past the pole: reported once, and not used to place projects
    pytest.param(("UPDATE bureaus SET geom = ? WHERE bureau_id = 'kyushu'",
                  (gpkg_geometry(MultiPolygon([box(128.0, 24.0, 132.0, 95.0)])),)),
                 ("bureaus", "kyushu", "geometry"), "latitude 95", id="bureau"),
])
def test_item07_a_coordinate_off_the_globe_is_a_located_problem(tmp_path, statement, expected,
                                                                 fragment):
    path = bundled_copy(tmp_path / "off-globe.gpkg", statement)
    layer, where, column = expected
    if where == "*":  # the first participant of the bundled file
        where = load_dataset(BUNDLED_DATASET).participants["participant_id"].iloc[0]
    problem = only_problem(path, layer, where, column)
    assert fragment in problem.message, problem


@pytest.mark.parametrize("shape", [
    Point(180.0, 90.0), Point(-180.0, -90.0), Point(-179.99, 64.2),
    Point(180 + 3e-14, -16.5),  # 180 after a round trip through another CRS
], ids=["180-90", "minus-180-90", "west", "rounded-180"])
def test_item07_partners_anywhere_on_the_globe_stay_valid(tmp_path, shape):
    """Tie-ups are stored in -180..180; the map unwraps the Americas itself, not the data."""
    assert validate(bundled_copy(tmp_path / "edge.gpkg", _tieup_at("k-rip-seoul", shape))) == []


# --- 8: non-finite numbers and colours that are not colours --------------------------------------

FIRST_ACHIEVEMENT = "hokkaido-university-ventures-29"
FIRST_FIGURE = "SELECT figure_id FROM national_figures ORDER BY fid LIMIT 1"


def _achievement_value(value: str) -> str:
    return (f"UPDATE achievements SET value = {value}"
            f" WHERE achievement_id = '{FIRST_ACHIEVEMENT}'")


@pytest.mark.parametrize(("statement", "expected", "fragment"), [
    pytest.param(_achievement_value("9e999"),
                 ("achievements", FIRST_ACHIEVEMENT, "value"), "finite", id="inf-real"),
    pytest.param(_achievement_value("-9e999"),
                 ("achievements", FIRST_ACHIEVEMENT, "value"), "finite", id="minus-inf-real"),
    pytest.param(_achievement_value("'Infinity'"),
                 ("achievements", FIRST_ACHIEVEMENT, "value"), "finite", id="inf-text"),
    pytest.param(f"UPDATE national_figures SET value = 9e999 WHERE figure_id = ({FIRST_FIGURE})",
                 ("national_figures", "*", "value"), "finite", id="figure"),
    pytest.param("UPDATE bureaus SET seat_lon = -9e999 WHERE bureau_id = 'kinki'",
                 ("bureaus", "kinki", "seat_lon"), "finite", id="seat"),
    pytest.param("UPDATE fields SET color = 'red;background:url(https://x.example/a.png)'"
                 " WHERE field_id = 'it'",
                 ("fields", "it", "color"), "is not a colour", id="css-injection"),
    pytest.param("UPDATE fields SET color = 'red' WHERE field_id = 'it'",
                 ("fields", "it", "color"), "'red' is not a colour", id="colour-name"),
    pytest.param("UPDATE fields SET color = '#12345' WHERE field_id = 'it'",
                 ("fields", "it", "color"), "is not a colour", id="five-digits"),
    pytest.param("UPDATE bureaus SET color = 'javascript:alert(1)' WHERE bureau_id = 'kinki'",
                 ("bureaus", "kinki", "color"), "is not a colour", id="bureau-colour"),
])
def test_item08_non_finite_numbers_and_non_colours_are_refused(tmp_path, statement, expected,
                                                               fragment):
    path = bundled_copy(tmp_path / "odd-values.gpkg", statement)
    layer, where, column = expected
    if where == "*":
        where = load_dataset(BUNDLED_DATASET).national_figures["figure_id"].iloc[0]
    problem = only_problem(path, layer, where, column)
    assert fragment in problem.message, problem


def test_item08_short_and_long_hex_colours_and_an_absent_optional_colour_are_fine(tmp_path):
    path = bundled_copy(tmp_path / "colours.gpkg",
                        "UPDATE fields SET color = '#abc' WHERE field_id = 'it'",
                        "UPDATE fields SET color = '#A1B2C3' WHERE field_id = 'biotechnology'",
                        "UPDATE bureaus SET color = NULL WHERE bureau_id = 'kinki'")
    assert validate(path) == []


# --- 15: text from the file reaches the terminal with its control characters visible --------------

ESCAPE = "\x1b[31m"


EVIL_TABLE = f"evil{ESCAPE}"


@pytest.mark.parametrize("statements", [
    # an extension the reader does not know, its name holding an escape
    pytest.param([("INSERT INTO gpkg_extensions VALUES ('projects', NULL, ?, 'x', 'read-write')",
                   (f"x{ESCAPE}red",))], id="extension-name"),
    # the reader warns that it ignores a column of an unknown type, naming the column
    pytest.param([f'ALTER TABLE projects ADD COLUMN "note{ESCAPE}red" FOOTYPE'], id="column-name"),
    # an extra layer that relies on such an extension, its name holding an escape
    pytest.param([f'CREATE TABLE "{EVIL_TABLE}" (fid INTEGER PRIMARY KEY, value TEXT)',
                  ("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                   " VALUES (?, 'attributes', ?, 0)", (EVIL_TABLE, EVIL_TABLE)),
                  ("INSERT INTO gpkg_extensions VALUES (?, NULL, 'x', 'x', 'read-write')",
                   (EVIL_TABLE,))], id="table-name"),
])
def test_item15_gdal_warnings_about_hostile_names_reach_the_terminal_escaped(tmp_path,
                                                                            statements):
    path = bundled_copy(tmp_path / "escapes.gpkg", *statements)
    done = run_cli("validate", str(path), cwd=tmp_path)
    assert b"\x1b" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout


def test_item15_a_gdal_warning_is_shown_not_lost(tmp_path):
    path = bundled_copy(tmp_path / "escapes.gpkg",
                        f'ALTER TABLE projects ADD COLUMN "note{ESCAPE}red" FOOTYPE')
    done = run_cli("validate", str(path), cwd=tmp_path)
    assert b"note\\x1b[31mred" in done.stderr


def test_item15_problems_print_their_control_characters_visibly(tmp_path):
    path = tmp_path / f"evil{ESCAPE}\x9b2J\u202e.gpkg"
    for args in (["validate", str(path)], ["--data", str(path), "summary"]):
        done = run_cli(*args, cwd=tmp_path)
        assert done.returncode == 1
        output = (done.stdout + done.stderr).decode()
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", output), output
        assert "evil\\x1b[31m\\x9b2J\\u202e.gpkg" in output


def test_item15_visible_escapes_controls_and_keeps_ordinary_text():
    assert visible("近畿 Bio\tCluster\n\x1b[2J\x07\x7f\x85\u2028\u2066") == (
        "近畿 Bio\\x09Cluster\\x0a\\x1b[2J\\x07\\x7f\\x85\\u2028\\u2066")
    problem = Problem("projects", "", "", f"cannot read the layer ({ESCAPE})")
    assert str(problem) == "projects: cannot read the layer (\\x1b[31m)"
    assert problem.message.endswith(f"({ESCAPE})")  # the record keeps what the file said


# --- 16: ten thousands of problems print a capped list and the true count -----------------------

BULK_ROWS = 50_000
BAD_ACHIEVEMENTS = (
    f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BULK_ROWS})"
    " INSERT INTO achievements (achievement_id, project_id, kind, description, value, source_id)"
    " SELECT 'bulk-' || i, 'no-such-project', 'venture', 'bulk', 'lots',"
    " (SELECT source_id FROM sources LIMIT 1) FROM n"
)


def test_item16_a_flood_of_problems_prints_a_capped_list_and_the_true_count(tmp_path):
    path = bundled_copy(tmp_path / "flood.gpkg", BAD_ACHIEVEMENTS)
    done = run_cli("validate", str(path), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert len(lines) < 60 and len(done.stdout) < 10_000, len(done.stdout)
    total = 2 * BULK_ROWS
    assert done.stderr.decode().splitlines()[-1] == f"{path}: {total} problem(s)"
    more = [line for line in lines if line.startswith("… and ")]
    assert sorted(more) == [f"… and {BULK_ROWS - 20} more such problems ({place})"
                            for place in ("achievements, project_id", "achievements, value")]


def test_item16_summary_lines_show_the_first_of_each_kind_and_count_the_rest():
    unknown = [Problem("projects", f"p{n}", "bureau_id", f"unknown bureau 'b{n}' (valid: x)")
               for n in range(45)]
    empty = [Problem("projects", f"p{n}", "bureau_id", "required value is empty")
             for n in range(3)]
    other = [Problem("tieups", "t1", "geometry", "missing or empty geometry")]
    error = DatasetError(unknown[:30] + empty + other + unknown[30:])
    lines = error.summary_lines(limit_per_kind=20)
    assert lines == ([str(p) for p in unknown[:20]]
                     + ["… and 25 more such problems (projects, bureau_id)"]
                     + [str(p) for p in empty + other])
    assert error.summary_lines(limit_per_kind=100) == [str(p) for p in error.problems]


def test_item16_every_problem_of_a_kind_is_counted_not_just_the_first_fifty(tmp_path):
    path = bundled_copy(tmp_path / "flood.gpkg", BAD_ACHIEVEMENTS.replace(str(BULK_ROWS), "120"))
    problems = validate(path)
    assert sum(p.column == "project_id" for p in problems) == 120
    assert sum(p.column == "value" for p in problems) == 120
