"""The bundled gazetteer (``places``): every municipality of Japan under its official name, at
its own point; GeoNames' known errors gone (issue 26 item 2), and import placing by it
(issue 28 item 1)."""

import csv
import math

import pytest

from geodata import load_dataset
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import read_list


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


@pytest.fixture(scope="module")
def places(bundled):
    return bundled.places


@pytest.fixture(scope="module")
def gazetteer(bundled):
    return gazetteer_of(bundled)


def km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def one(places, name_ja, pref_code):
    found = places[(places["name_ja"] == name_ja) & (places["pref_code"] == pref_code)]
    assert len(found) == 1, (name_ja, pref_code, len(found))
    return found.iloc[0]


def test_every_municipality_of_the_official_count_is_present(places):
    special = places[(places["kind"] == "ward") & places["city_code"].isna()]
    municipalities = places[places["kind"].isin(["city", "town", "village"])]
    assert len(municipalities) == 1718  # 総務省: 792 市, 743 町, 183 村
    assert municipalities["kind"].value_counts().to_dict() == {
        "city": 792, "town": 743, "village": 183}
    assert len(special) == 23 and set(special["pref_code"]) == {13}
    assert places["code"].is_unique and set(places["pref_code"]) == set(range(1, 48))


def test_places_have_an_official_kanji_name_and_reading(places):
    assert places["name_ja"].notna().all() and places["reading"].notna().all()
    assert (places["name_ja"].str[-1].isin(list("市区町村"))).all()


def test_shinagawa_ku_is_in_tokyo_not_in_shikoku(places):
    shinagawa = one(places, "品川区", 13)
    assert km(shinagawa.geometry.x, shinagawa.geometry.y, 139.730, 35.609) < 3
    assert places[places["name_ja"] == "品川区"].shape[0] == 1


def test_no_minato_stands_where_wakayama_city_is(places):
    wakayama = one(places, "和歌山市", 30)
    assert km(wakayama.geometry.x, wakayama.geometry.y, 135.171, 34.226) < 3
    assert "湊" not in set(places["name_ja"])
    near = places[[km(p.x, p.y, wakayama.geometry.x, wakayama.geometry.y) < 3
                   for p in places.geometry]]
    assert list(near["name_ja"]) == ["和歌山市"]


def test_ibaraki_in_osaka_is_spelt_ibaraki_shi_with_ki(places):
    assert "茨城市" not in set(places["name_ja"])
    ibaraki = one(places, "茨木市", 27)
    assert km(ibaraki.geometry.x, ibaraki.geometry.y, 135.569, 34.816) < 5


def test_suginami_is_in_tokyo_not_near_mito(places):
    suginami = places[places["names"].str.contains("Suginami", case=False)]
    assert list(suginami["name_ja"]) == ["杉並区"] and list(suginami["pref_code"]) == [13]
    point = suginami.geometry.iloc[0]
    assert km(point.x, point.y, 139.636, 35.699) < 3


def test_seika_cho_and_the_held_out_towns_and_villages_are_present(places):
    seika = one(places, "精華町", 26)
    assert km(seika.geometry.x, seika.geometry.y, 135.786, 34.761) < 5
    for name_ja, pref_code in (("白川村", 21), ("大潟村", 5), ("檜原村", 13), ("府中町", 34),
                               ("南阿蘇村", 43), ("十津川村", 29), ("与那国町", 47)):
        one(places, name_ja, pref_code)


def test_same_named_municipalities_are_apart(places):
    tokyo, hiroshima = one(places, "府中市", 13), one(places, "府中市", 34)
    town = one(places, "府中町", 34)
    assert km(hiroshima.geometry.x, hiroshima.geometry.y, town.geometry.x, town.geometry.y) > 50
    assert km(tokyo.geometry.x, tokyo.geometry.y, 139.477, 35.669) < 3
    date_hokkaido, date_fukushima = one(places, "伊達市", 1), one(places, "伊達市", 7)
    assert date_hokkaido.geometry.y > 42 > date_fukushima.geometry.y


def test_the_bundled_places_credit_their_sources(bundled):
    credit = bundled.info["places_attribution"]
    assert "OpenStreetMap contributors" in credit and "ODbL" in credit
    assert "GeoNames" in credit and "CC BY 4.0" in credit


# --- placing a CP932 list (issue 28 item 1) ---------------------------------------------------

HEADERS = ["名称", "種別", "プロジェクト", "都道府県", "市区町村", "緯度", "経度"]


def listed_rows(places, project_id):
    """Per prefecture its first city and its first town or village (by code): 94 rows across
    the 47 prefectures, named with prefecture and municipality; with each row's code."""
    rows, intended = [], {}
    prefecture_names = {1: "北海道"}
    for pref_code in range(1, 48):
        mine = places[(places["pref_code"] == pref_code) & places["city_code"].isna()]
        unique = mine[~mine["name_ja"].duplicated(keep=False)].sort_values("code")
        for kinds in (("city",), ("town", "village")):
            place = unique[unique["kind"].isin(kinds)].iloc[0]
            prefecture = prefecture_names.get(pref_code, place["pref_name"])
            rows.append([f"試験機関{len(rows)}", "企業", project_id, prefecture,
                         place["name_ja"], "", ""])
            intended[len(rows) + 1] = int(place["code"])
    return rows, intended


def write_cp932(path, rows):
    with path.open("w", encoding="cp932", newline="") as handle:
        csv.writer(handle).writerows([HEADERS, *rows])


def test_a_cp932_list_across_the_47_prefectures_lands_on_each_municipality(
        tmp_path, bundled, gazetteer):
    places = bundled.places.merge(
        bundled.prefectures[["pref_code", "name_ja"]].rename(columns={"name_ja": "pref_name"}),
        on="pref_code")
    project_id = bundled.projects["project_id"].iloc[0]
    rows, intended = listed_rows(places, project_id)
    # same names both ways: with the prefecture they are told apart, without it they are asked
    rows += [["府中A", "企業", project_id, "広島県", "府中市", "", ""],
             ["府中B", "企業", project_id, "東京都", "府中市", "", ""],
             ["府中C", "企業", project_id, "広島県", "府中町", "", ""],
             ["伊達A", "企業", project_id, "福島県", "伊達市", "", ""],
             ["府中D", "企業", project_id, "", "府中市", "", ""],
             ["伊達B", "企業", project_id, "", "伊達市", "", ""]]
    by_name = {(r["name_ja"], r["pref_code"]): int(r["code"]) for _, r in places.iterrows()}
    start = len(rows) - 6 + 2
    intended |= {start: by_name[("府中市", 34)], start + 1: by_name[("府中市", 13)],
                 start + 2: by_name[("府中町", 34)], start + 3: by_name[("伊達市", 7)]}
    listed = tmp_path / "一覧.csv"
    write_cp932(listed, rows)
    table = read_list(listed)
    assert table.encoding == "cp932"
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    assert len(plan.outcomes) == len(rows) >= 60 + 6
    points = places.set_index("code")
    by_row = {outcome.row_number: outcome for outcome in plan.outcomes}
    for row_number, code in intended.items():
        outcome = by_row[row_number]
        assert outcome.status == "ready", outcome.message(plan.prefecture_names)
        assert outcome.place.code == code
        point = points.loc[code].geometry
        assert km(outcome.lon, outcome.lat, point.x, point.y) < 1
        assert outcome.basis == "gazetteer-place"
        assert str(code) in outcome.message(plan.prefecture_names)  # how it was placed
    for row_number in (start + 4, start + 5):  # no prefecture: a choice, never a guess
        outcome = by_row[row_number]
        assert outcome.status == "choose" and outcome.place is None
        assert len(outcome.match.candidates) == 2
    assert {place.pref_code for place in by_row[start + 4].match.candidates} == {13, 34}
    assert {place.pref_code for place in by_row[start + 5].match.candidates} == {1, 7}
    kinds = {by_row[n].place.kind for n in intended}
    assert {"city", "town", "village"} <= kinds
    assert {by_row[n].place.pref_code for n in intended} == set(range(1, 48))


def test_every_english_name_is_the_municipalitys_own():
    """GeoNames files some municipalities' kanji under a settlement of theirs: 北大東村 was
    labelled "Nakano" on the Okinawa slide, 竹富町 "Shirahama", 七飯町 "Honchō" (490 in all).
    An English name is taken only when it sounds like the official reading."""
    from geodata.build.gazetteer import latin_stem_key, reading_key

    places = load_dataset().places
    wrong = [(row.name_ja, row.name_en) for row in places.itertuples()
             if latin_stem_key(row.name_en) != reading_key(row.reading)]
    assert wrong == []
    named = dict(zip(places["name_ja"], places["name_en"], strict=False))
    assert named["北大東村"].startswith("Kitadait") and named["竹富町"].startswith("Taketomi")
