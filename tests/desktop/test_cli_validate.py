"""`cluster-explorer validate PATH`, run as a user runs it: a separate process, its output read.

Valid: exit 0 and one summary line. Invalid: exit 1 and one stdout line per problem in the form
``layer, row/id, column: what is wrong`` — never a traceback, whatever the file holds.
"""

import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from factories import sample_layers, write_sample_dataset
from shapely.geometry import Point

from geodata import BUNDLED_DATASET, load_dataset, validate

ROW_PROBLEM = re.compile(r"(?P<layer>[a-z_]+), (?P<where>[^,]+), (?P<column>[a-z_]+): (?P<what>.+)")
CONSOLE_SCRIPT = Path(sys.executable).with_name("cluster-explorer")


def run_validate(path: Path, cwd: Path, command=None) -> subprocess.CompletedProcess:
    command = command or [sys.executable, "-m", "desktop.cli"]
    done = subprocess.run([*command, "validate", str(path)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def _broken_layers(tmp_path: Path) -> Path:
    """One file with four problems in four layers."""
    layers = sample_layers()
    layers["projects"]["bureau_id"] = ["kanto", "kansai", "kinki"]
    layers["projects"]["companies"] = ["many", 220, None]
    layers["achievements"]["source_id"] = ["src-z"]
    shapes = list(layers["participants"].geometry)
    shapes[0] = Point()
    layers["participants"]["geometry"] = shapes
    return write_sample_dataset(tmp_path / "broken.gpkg", layers)


def test_a_valid_file_exits_0_with_a_one_line_summary(tmp_path, sample_gpkg):
    done = run_validate(sample_gpkg, tmp_path)
    assert done.returncode == 0
    summary = load_dataset(sample_gpkg).summary()
    assert done.stdout.splitlines() == [f"{sample_gpkg}: valid — {summary}"]
    assert summary.startswith("3 projects, 2 named participants, 2 tie-ups")


def test_the_installed_console_script_finds_the_bundled_dataset_valid(tmp_path):
    assert CONSOLE_SCRIPT.exists(), "the project is not installed in this environment"
    done = run_validate(BUNDLED_DATASET, tmp_path, command=[str(CONSOLE_SCRIPT)])
    assert done.returncode == 0, done.stdout
    (line,) = done.stdout.splitlines()
    assert line.startswith(f"{BUNDLED_DATASET}: valid — 27 projects, ")
    assert "9 bureaus, 47 prefectures" in line


def test_every_problem_is_one_located_line_and_the_exit_status_is_1(tmp_path):
    path = _broken_layers(tmp_path)
    done = run_validate(path, tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines == [str(problem) for problem in validate(path)]
    located = set()
    for line in lines:
        match = ROW_PROBLEM.fullmatch(line)
        assert match, line
        located.add((match["layer"], match["where"], match["column"]))
    assert located == {
        ("projects", "kinki-bio", "bureau_id"),
        ("projects", "tama", "companies"),
        ("achievements", "kinki-ventures", "source_id"),
        ("participants", "tama-hachioji", "geometry"),
    }
    assert done.stderr.strip().splitlines()[-1] == f"{path}: 4 problem(s)"


def _edit(path: Path, statement: str) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(statement)


@pytest.mark.parametrize(("damage", "line"), [
    pytest.param(lambda path: path.write_bytes(b""), "the file is empty: {path}", id="empty"),
    pytest.param(lambda path: path.write_bytes(
        write_sample_dataset(path.with_name("whole.gpkg")).read_bytes()[:20_000]),
        "the file is cut short (20,000 of ", id="truncated"),
    pytest.param(lambda path: None, "file not found: {path}", id="absent"),
    pytest.param(lambda path: (write_sample_dataset(path), _edit(
        path, "UPDATE gpkg_geometry_columns SET srs_id = 0 WHERE table_name = 'projects'")),
        "projects, geometry: the layer has no CRS;", id="no-crs"),
])
def test_a_broken_file_is_explained_in_one_line(tmp_path, damage, line):
    path = tmp_path / "damaged.gpkg"
    damage(path)
    done = run_validate(path, tmp_path)
    assert done.returncode == 1
    (printed,) = done.stdout.splitlines()
    assert printed.startswith(line.format(path=path))


def test_a_layer_missing_is_named_and_nothing_else(tmp_path):
    layers = sample_layers()
    del layers["bureaus"]
    path = write_sample_dataset(tmp_path / "no-bureaus.gpkg", layers)
    done = run_validate(path, tmp_path)
    assert (done.returncode, done.stdout) == (1, "bureaus: missing layer\n")
