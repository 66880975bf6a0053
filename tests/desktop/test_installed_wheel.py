"""A wheel built from the checkout, installed into a fresh environment and started from another
folder, draws the map and exports every format, offline.

The fresh environment gets the wheel alone (``--no-deps``); its dependencies come from the test
environment's site-packages through a ``.pth`` line, which does not run that environment's own
``.pth`` files, so the checkout's editable install cannot stand in for the wheel.
"""

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
FORMATS = (".png", ".svg", ".pdf", ".pptx")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The python of a fresh environment holding only the wheel built from the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "--wheel-dir", str(work / "dist"), str(CHECKOUT)],
                   check=True, timeout=300)
    (wheel,) = (work / "dist").glob("cluster_explorer-*.whl")
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


def test_the_wheel_carries_every_resource_of_the_checkout(installed):
    """Checked on the wheel itself, so a file missing from package-data is named."""
    (wheel,) = installed.parents[2].glob("dist/cluster_explorer-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    resources = CHECKOUT / "resources"
    wanted = {f"cluster_explorer_resources/{path.relative_to(resources).as_posix()}"
              for path in resources.rglob("*")
              if path.is_file() and "__pycache__" not in path.parts}
    assert wanted - shipped == set()


@pytest.mark.timeout(600)
def test_the_installed_wheel_runs_from_another_folder(installed, tmp_path):
    where = _run(installed, tmp_path, "summary")
    assert where.returncode == 0, where.stderr
    located = subprocess.run([str(installed), "-c", "import desktop, sys; print(desktop.__file__)"],
                             cwd=tmp_path, capture_output=True, text=True, check=True)
    assert not located.stdout.startswith(str(CHECKOUT)), "the checkout was imported, not the wheel"
    for suffix in FORMATS:
        done = _run(installed, tmp_path, "export", f"map{suffix}", "--bureau", "kinki")
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"map{suffix}").stat().st_size > 1000
    drawn = _run(installed, tmp_path, CLUSTER_EXPLORER_REPORT_DRAWN="quit")
    assert drawn.returncode == 0, drawn.stderr
    report = [line for line in drawn.stdout.splitlines() if line.startswith("map-drawn ")]
    assert report and "from=kept" in report[0], drawn.stdout + drawn.stderr
    assert int(report[0].split("markers=")[1].split()[0]) > 0
