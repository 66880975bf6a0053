"""A dataset holding imported organisations, made as a bureau official makes one: a small
Shift_JIS (CP932) CSV list of organisations in nine cities, one per bureau, imported with the
app's own importer (geodata/importing) into a copy of the bundled dataset."""

import csv
from pathlib import Path

from geodata import load_dataset
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import read_list
from geodata.importing.writing import write_import

HEADERS = ["名称", "種別", "プロジェクト", "都道府県", "市区町村"]
# (bureau, prefecture, municipality, kind, name): one organisation per bureau, each kind once
CITIES = [
    ("hokkaido", "北海道", "札幌市", "企業", "札幌試験株式会社"),
    ("tohoku", "宮城県", "仙台市", "大学", "仙台試験大学"),
    ("kanto", "神奈川県", "横浜市", "研究機関", "横浜試験研究所"),
    ("chubu", "愛知県", "名古屋市", "自治体", "名古屋試験市役所"),
    ("kinki", "大阪府", "大阪市", "金融機関", "<b>大阪</b>試験銀行"),
    ("chugoku", "広島県", "広島市", "支援機関", "広島試験支援センター"),
    ("shikoku", "香川県", "高松市", "企業", "高松試験工業"),
    ("kyushu", "福岡県", "福岡市", "大学", "福岡試験大学"),
    ("okinawa", "沖縄県", "那覇市", "企業", "那覇試験商事"),
]


def write_list(path: Path, bundled) -> Path:
    """The list as CP932 CSV: each row at a city of its bureau, for that bureau's first
    project."""
    first_project = bundled.projects.groupby("bureau_id")["project_id"].first()
    with path.open("w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for bureau, prefecture, municipality, kind, name in CITIES:
            writer.writerow([name, kind, first_project[bureau], prefecture, municipality])
    return path


def imported_dataset(folder: Path) -> Path:
    """A GeoPackage: the bundled dataset with the list's nine organisations imported."""
    bundled = load_dataset()
    table = read_list(write_list(folder / "参加機関.csv", bundled))
    plan = plan_import(table, guess_columns(table.headers), bundled.projects,
                       gazetteer_of(bundled))
    assert plan.counts()["ready"] == len(CITIES), plan.counts()
    target = folder / "imported.gpkg"
    write_import(plan, target)
    return target
