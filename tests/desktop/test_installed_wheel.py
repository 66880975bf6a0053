"""A wheel built from the checkout carries every module and resource of it; installed into a
fresh environment and started from another folder, it imports every module, searches in
Japanese, exports every format, writes a report, imports a list, validates the result and draws
the map, offline.

The fresh environment gets the wheel alone (``--no-deps``); its dependencies come from the test
environment's site-packages through a ``.pth`` line, which does not run that environment's own
``.pth`` files, so the checkout's editable install cannot stand in for the wheel.
"""

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from geodata import load_dataset

CHECKOUT = Path(__file__).resolve().parents[2]
FORMATS = (".png", ".svg", ".pdf", ".pptx")
CODE_PACKAGES = ("desktop", "geodata")
RESOURCES_PACKAGE = "cluster_explorer_resources"
# Data beside the code that the app reads: the bundled dataset, its schema, the curated tables.
CODE_DATA = ("geodata/*.gpkg", "geodata/SCHEMA.md", "geodata/curated/*")
# Never copied into the folder the wheel is built from: a stale build/ (setuptools' own, or
# PyInstaller's) would put files in the wheel that today's configuration leaves out.
NOT_SOURCES_AT_TOP = {"build", "dist"}
NOT_SOURCES = shutil.ignore_patterns(".*", "*.egg-info", "__pycache__", "results.json")
# A list of one organisation in Kyoto, whose name is read 伏見 → ふしみ by the search.
IMPORTED_NAME = "伏見試作工房"


def _source_files(folder: Path, pattern: str = "*") -> list[Path]:
    return [path for path in folder.glob(pattern)
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"]


def checkout_files() -> set[str]:
    """What the wheel must hold, as paths inside it: every module of desktop/ and geodata/,
    their data, and every file of resources/ (installed as cluster_explorer_resources)."""
    wanted = {path.relative_to(CHECKOUT).as_posix()
              for package in CODE_PACKAGES for path in _source_files(CHECKOUT / package, "**/*.py")}
    wanted |= {path.relative_to(CHECKOUT).as_posix()
               for pattern in CODE_DATA for path in _source_files(CHECKOUT, pattern)}
    resources = CHECKOUT / "resources"
    wanted |= {f"{RESOURCES_PACKAGE}/{path.relative_to(resources).as_posix()}"
               for path in _source_files(resources, "**/*")}
    return wanted


def checkout_modules() -> list[str]:
    """The importable modules of desktop/ and geodata/ (not ``__main__``, which runs a job)."""
    modules = []
    for package in CODE_PACKAGES:
        for path in _source_files(CHECKOUT / package, "**/*.py"):
            parts = path.relative_to(CHECKOUT).with_suffix("").parts
            if parts[-1] == "__main__":
                continue
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(modules)


def _not_sources(folder: str, names: list[str]) -> set[str]:
    ignored = set(NOT_SOURCES(folder, names))
    return ignored | (NOT_SOURCES_AT_TOP & set(names) if Path(folder) == CHECKOUT else set())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout's sources."""
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(CHECKOUT, work / "source", ignore=_not_sources)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "--wheel-dir", str(work / "dist"), str(work / "source")],
                   check=True, timeout=300)
    (built,) = (work / "dist").glob("cluster_explorer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel) -> Path:
    """The python of a fresh environment holding only the wheel built from the checkout."""
    work = wheel.parents[1]
    venv.EnvBuilder(with_pip=False).create(work / "env")
    python = work / "env" / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "--quiet", str(wheel)], check=True, timeout=300)
    return python


def _run(python: Path, folder: Path, *args: str, **extra_env) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(HOME=str(folder), XDG_CONFIG_HOME=str(folder / "config"),
               XDG_CACHE_HOME=str(folder / "cache"), **extra_env)
    return subprocess.run([str(python), "-m", "desktop.cli", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=180)


def test_the_wheel_carries_every_module_and_resource_of_the_checkout(wheel):
    """Checked on the wheel itself, so a package or file the build leaves out is named (a
    listed package set once left out geodata.name_search: the installed app could not search)."""
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert sorted(checkout_files() - shipped) == []


def test_the_installed_wheel_imports_every_module_of_the_checkout(installed, tmp_path):
    modules = checkout_modules()
    script = ("import importlib, sys\n"
              "for name in sys.argv[1:]:\n"
              "    module = importlib.import_module(name)\n"
              f"    assert {str(CHECKOUT)!r} not in module.__file__, module.__file__\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([str(installed), "-c", script, *modules], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def write_list(path: Path) -> None:
    dataset = load_dataset()
    project_id = dataset.projects.loc[dataset.projects["bureau_id"] == "kinki",
                                      "project_id"].iloc[0]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["名称", "種別", "プロジェクト", "都道府県", "市区町村", "緯度", "経度"],
            [IMPORTED_NAME, "企業", project_id, "京都府", "京都市", "", ""]])


@pytest.mark.timeout(600)
def test_the_installed_wheel_runs_every_command_from_another_folder(installed, tmp_path):
    where = _run(installed, tmp_path, "summary")
    assert where.returncode == 0, where.stderr
    found = _run(installed, tmp_path, "search", "きょうと")
    assert found.returncode == 0, found.stderr
    assert "Kyoto University" in found.stdout
    for suffix in FORMATS:
        done = _run(installed, tmp_path, "export", f"map{suffix}", "--bureau", "kinki")
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"map{suffix}").stat().st_size > 1000
    reported = _run(installed, tmp_path, "report", "kinki.pdf", "--bureau", "kinki")
    assert reported.returncode == 0, reported.stderr
    assert (tmp_path / "kinki.pdf").read_bytes().startswith(b"%PDF")
    write_list(tmp_path / "list.csv")
    imported = _run(installed, tmp_path, "import", "list.csv", "--into", "mine.gpkg")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    checked = _run(installed, tmp_path, "validate", "mine.gpkg")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The imported list's names are read for search too: 伏見 is ふしみ.
    found = _run(installed, tmp_path, "search", "--data", "mine.gpkg", "ふしみ")
    assert IMPORTED_NAME in found.stdout, found.stdout + found.stderr


@pytest.mark.timeout(600)
def test_the_installed_wheel_draws_the_map(installed, tmp_path):
    drawn = _run(installed, tmp_path, CLUSTER_EXPLORER_REPORT_DRAWN="quit")
    assert drawn.returncode == 0, drawn.stderr
    report = [line for line in drawn.stdout.splitlines() if line.startswith("map-drawn ")]
    assert report and "from=kept" in report[0], drawn.stdout + drawn.stderr
    assert int(report[0].split("markers=")[1].split()[0]) > 0
