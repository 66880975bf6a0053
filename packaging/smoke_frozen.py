"""Smoke check of the frozen app: run from another folder with a fresh home and no network, it
searches in Japanese, exports every format, imports a list and searches it (console
executable) and draws the map (windowed executable); checks that Qt answers the same with the
frozen app's reduced ICU data; prints the times next to the checkout's
environment, and the folder's and the archive's sizes, failing when they pass their limits.

    python packaging/smoke_frozen.py dist/cluster-explorer [--venv .venv/bin/python]

Headless settings (offscreen platform, no Chromium sandbox, no GPU) are this script's, as a
test's would be: the app itself never sets them. "No network" is a network namespace of its
own (``unshare -rn``) where the system allows one, else said so.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = (".png", ".svg", ".pdf", ".pptx")
HEADLESS = {"QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1",
            "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu --no-sandbox"}
TIMEOUT_S = 180
UNPACKED_LIMIT_MB = 600
PACKED_LIMIT_MB = 220
"""Megabytes of 10^6 bytes: the frozen folder and its .tar.xz, the sizes issue 25 asks for
(packaging/README.md says what each part weighs)."""
IMPORTED_NAME = "伏見試作工房"  # read ふしみ by the search: a user's list needs the readings too


def write_list(path: Path) -> None:
    """A list of one organisation in Kyoto, for a project of the bundled dataset."""
    from geodata import load_dataset

    projects = load_dataset().projects
    project_id = projects.loc[projects["bureau_id"] == "kinki", "project_id"].iloc[0]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["名称", "種別", "プロジェクト", "都道府県", "市区町村", "緯度", "経度"],
            [IMPORTED_NAME, "企業", project_id, "京都府", "京都市", "", ""]])


def folder_size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink()) / 1e6


def offline_prefix() -> list[str]:
    """A command prefix that gives the process no network, or [] where none can be had."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


class Runner:
    """Runs one build (frozen executables or the venv's python) in a fresh home."""

    def __init__(self, name: str, gui: list[str], cli: list[str], prefix: list[str]):
        self.name, self.gui, self.cli, self.prefix = name, gui, cli, prefix
        self.home = Path(tempfile.mkdtemp(prefix=f"smoke-{name}-"))

    def run(self, command: list[str], *args: str, **extra_env) -> tuple[float, str]:
        env = {key: value for key, value in os.environ.items()
               if key not in ("PYTHONPATH", "VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY")}
        env.update(HOME=str(self.home), XDG_CONFIG_HOME=str(self.home / "config"),
                   XDG_CACHE_HOME=str(self.home / "cache"),
                   XDG_DATA_HOME=str(self.home / "data"), **HEADLESS, **extra_env)
        started = time.perf_counter()
        done = subprocess.run([*self.prefix, *command, *args], cwd=self.home, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{self.name}: {' '.join(args) or 'window'} failed "
                             f"({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return elapsed, done.stdout

    def check(self) -> dict[str, float]:
        """Every check; the seconds each took."""
        times = {}
        times["summary"], _ = self.run(self.cli, "summary")
        # Japanese readings need the tokenizer's dictionary, collected by name in the spec.
        times["search きょうと"], found = self.run(self.cli, "search", "きょうと")
        if "Kyoto University" not in found:
            raise SystemExit(f"{self.name}: search きょうと did not find Kyoto:\n{found}")
        for suffix in FORMATS:
            out = self.home / f"map{suffix}"
            times[f"export {suffix}"], _ = self.run(self.cli, "export", out.name,
                                                    "--bureau", "kinki")
            if out.stat().st_size < 1000:
                raise SystemExit(f"{self.name}: {out.name} is only {out.stat().st_size} bytes")
        # countries named in Japanese from CLDR (Babel's locale data, trimmed in the spec)
        times["report in Japanese"], _ = self.run(self.cli, "--lang", "ja", "report",
                                                  "--bureau", "kinki", "kinki.pdf")
        if (self.home / "kinki.pdf").stat().st_size < 1000:
            raise SystemExit(f"{self.name}: the Japanese report is empty")
        write_list(self.home / "list.csv")
        times["import a list"], _ = self.run(self.cli, "import", "list.csv", "--into",
                                             "mine.gpkg")
        times["search ふしみ in it"], found = self.run(self.cli, "search", "--data", "mine.gpkg",
                                                     "ふしみ")
        if IMPORTED_NAME not in found:
            raise SystemExit(f"{self.name}: search ふしみ did not find {IMPORTED_NAME}:\n{found}")
        for start in ("first start", "second start"):  # the second draws the kept page
            total, stdout = self.run(self.gui, CLUSTER_EXPLORER_REPORT_DRAWN="quit")
            drawn = [line for line in stdout.splitlines() if line.startswith("map-drawn ")]
            if not drawn or int(drawn[0].split("markers=")[1].split()[0]) <= 0:
                raise SystemExit(f"{self.name}: no map drawn on the {start}:\n{stdout}")
            times[f"{start}: map drawn"] = float(drawn[0].split()[1])
            times[f"{start}: until quit"] = total
        shutil.rmtree(self.home, ignore_errors=True)
        return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the frozen app's folder (dist/cluster-explorer)")
    parser.add_argument("--venv", type=Path, help="also time this environment's python")
    args = parser.parse_args()
    folder = args.folder.resolve()
    prefix = offline_prefix()
    print(f"network: {'none (unshare -rn)' if prefix else 'available (no namespace here)'}")
    runners = [Runner("frozen", [str(folder / "cluster-explorer")],
                      [str(folder / "cluster-explorer-cli")], prefix)]
    if args.venv is not None:
        python = [str(args.venv.absolute()), "-m", "desktop.cli"]
        runners.append(Runner("venv", python, python, prefix))
    if args.venv is not None:
        same_icu_answers(folder, args.venv.absolute())
    results = {runner.name: runner.check() for runner in runners}
    names = list(results)
    print(f"{'seconds':<28}" + "".join(f"{name:>10}" for name in names))
    for check in results["frozen"]:
        print(f"{check:<28}" + "".join(f"{results[name][check]:>10.2f}" for name in names))
    return 0 if sizes_within_limits(folder) else 1


def same_icu_answers(folder: Path, python: Path) -> None:
    """Qt's answers through ICU (packaging/icu_probe.py: the dataset's names sorted by
    QCollator in ja_JP and en_US, Japanese text cut into words, lines and sentences, QLocale's
    formats) with the frozen app's reduced ICU data, preloaded into the environment's Qt (the
    same Qt libraries, unstripped), are the environment's with its full data."""
    data = next((folder / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"), None)
    if data is None:
        print("ICU data: none in the frozen app (Qt uses the system's)")
        return
    probe = [str(python), str(Path(__file__).resolve().parent / "icu_probe.py")]
    env = {**os.environ, **HEADLESS}
    answers = []
    for preload in ({}, {"LD_PRELOAD": str(data)}):
        done = subprocess.run(probe, env={**env, **preload}, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
        if done.returncode != 0:
            raise SystemExit(f"the ICU probe failed:\n{done.stderr}")
        answers.append(json.loads(done.stdout))
    full, frozen = answers
    if frozen.pop("libicudata") != str(data) or full.pop("libicudata") == str(data):
        raise SystemExit("the ICU probe did not load the ICU data it was given")
    differing = [key for key in full if full[key] != frozen.get(key)]
    if differing:
        raise SystemExit(f"the frozen app's ICU data answers otherwise: {', '.join(differing)}")
    print(f"ICU data: {data.stat().st_size / 1e6:.0f} MB, the same answers as the full data "
          f"({full['counts'][0]:,} Japanese names sorted, {len(full['word boundaries']):,} "
          "texts cut)")


def sizes_within_limits(folder: Path) -> bool:
    """Prints the folder's and its archive's sizes; whether both are within their limits."""
    unpacked = folder_size_mb(folder)
    archives = sorted(folder.parent.glob(f"{folder.name}-*.tar.xz"))
    packed = archives[-1].stat().st_size / 1e6 if archives else None
    print(f"frozen app: {unpacked:,.0f} MB unpacked (limit {UNPACKED_LIMIT_MB}) in {folder}")
    if packed is None:
        print(f"no {folder.name}-*.tar.xz beside {folder}")
        return False
    print(f"frozen app: {packed:,.0f} MB packed (limit {PACKED_LIMIT_MB}) in {archives[-1]}")
    if unpacked > UNPACKED_LIMIT_MB or packed > PACKED_LIMIT_MB:
        print("smoke check FAILED: the frozen app is larger than its limits")
        return False
    print("smoke check passed")
    return True


if __name__ == "__main__":
    sys.exit(main())
