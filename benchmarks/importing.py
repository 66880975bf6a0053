"""The import of an organisation list of 10,000 rows (a CP932 CSV made here from the bundled
gazetteer's places, every tenth row with coordinates): read, check and place, write and
validate the target, each timed."""

import csv
import time
from pathlib import Path

from benchmarks.measure import repeats, summarise
from geodata import load_dataset
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import read_list
from geodata.importing.writing import write_import

IMPORT_ROWS, SMOKE_IMPORT_ROWS = 10_000, 1_000
IMPORT_REPEATS, SMOKE_IMPORT_REPEATS = 3, 1


def import_rows() -> int:
    """The rows of the list imported: fewer in CI's smoke run (read when the bench runs)."""
    return repeats(IMPORT_ROWS, SMOKE_IMPORT_ROWS)
KINDS = ("企業", "大学", "研究機関", "自治体", "金融機関", "支援機関")


def write_list(path: Path, rows: int) -> None:
    bundled = load_dataset()
    prefectures = dict(zip(bundled.prefectures["pref_code"], bundled.prefectures["name_ja"],
                           strict=True))
    places = bundled.places[bundled.places["name_ja"].notna()].reset_index(drop=True)
    project_id = bundled.projects["project_id"].iloc[0]
    with path.open("w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["名称", "種別", "プロジェクト", "都道府県", "市区町村", "緯度", "経度"])
        for number in range(rows):
            place = places.iloc[number % len(places)]
            coordinates = ([f"{place.geometry.y:.5f}", f"{place.geometry.x:.5f}"]
                           if number % 10 == 0 else ["", ""])
            writer.writerow([f"組織{number}", KINDS[number % len(KINDS)], project_id,
                             prefectures[place["pref_code"]], place["name_ja"], *coordinates])


def measure_import(folder: Path) -> dict:
    listed = folder / "organisations.csv"
    rows = import_rows()
    write_list(listed, rows)
    bundled = load_dataset()
    timings: dict[str, list[float]] = {"read": [], "plan": [], "write": [], "total": []}
    for run in range(repeats(IMPORT_REPEATS, SMOKE_IMPORT_REPEATS)):
        start = time.perf_counter()
        table = read_list(listed)
        read_done = time.perf_counter()
        plan = plan_import(table, guess_columns(table.headers), bundled.projects,
                           gazetteer_of(bundled))
        plan_done = time.perf_counter()
        write_import(plan, folder / f"imported-{run}.gpkg")
        end = time.perf_counter()
        for key, seconds in (("read", read_done - start), ("plan", plan_done - read_done),
                             ("write", end - plan_done), ("total", end - start)):
            timings[key].append(seconds)
    counts = plan.counts()
    return {"rows": rows, "counts": counts,
            **{key: summarise(samples) for key, samples in timings.items()}}


def report_import(result: dict) -> None:
    counts = ", ".join(f"{count} {status}" for status, count in result["counts"].items())
    print(f"list import of {result['rows']:,} rows (CP932 CSV; {counts}): "
          f"total {result['total']['median_ms']:.0f} ms median — read "
          f"{result['read']['median_ms']:.0f}, check and place {result['plan']['median_ms']:.0f}, "
          f"write and validate {result['write']['median_ms']:.0f} ms")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report_import(measure_import(Path(folder)))
