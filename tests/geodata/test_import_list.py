"""Importing an organisation list: CP932 CSV and XLSX of 200 organisations made here, every row
placed or reported, ambiguous municipalities listed and never guessed, the result validating."""

import csv
import sqlite3

import pytest
from openpyxl import Workbook

from desktop.cli import main
from geodata import load_dataset
from geodata.build.assemble import write_geopackage
from geodata.errors import DatasetError
from geodata.importing import target_projects_and_gazetteer
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import ListReadError, decode_csv, read_list
from geodata.importing.writing import write_import
from geodata.loading import validate
from geodata.reading import read_layers

KINDS_JA = ["企業", "大学", "研究機関", "自治体", "金融機関", "支援機関"]
AMBIGUOUS = "伊達市"  # Date, Hokkaido and Date, Fukushima
UNMATCHED = "存在しない村"


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


@pytest.fixture(scope="module")
def gazetteer(bundled):
    return gazetteer_of(bundled)


def organisation_rows(bundled, gazetteer, count=200):
    """``count`` rows: most in a city named with its prefecture, some with coordinates, some
    ambiguous, some unmatched; with each placed row's intended GeoNames id."""
    project_id = bundled.projects["project_id"].iloc[0]
    prefectures = dict(zip(bundled.prefectures["pref_code"], bundled.prefectures["name_ja"],
                           strict=True))
    cities = bundled.places[(bundled.places["kind"] == "city")
                            & bundled.places["name_ja"].notna()]
    cities = cities.sort_values("population", ascending=False)
    rows, intended = [], {}
    for place in cities.itertuples():
        if len(rows) == count - 10:
            break
        prefecture = prefectures[place.pref_code]
        found = gazetteer.match(prefecture, place.name_ja, None).candidates
        if [each.code for each in found] != [place.code]:
            continue  # two places of one name in one prefecture: not this test's subject
        row_number = len(rows) + 2
        intended[row_number] = place.code
        rows.append([f"組織{row_number}", KINDS_JA[row_number % len(KINDS_JA)], project_id,
                     prefecture, place.name_ja, "", ""])
    for _ in range(5):
        rows.append([f"組織{len(rows) + 2}", "大学", project_id, "", "", "35.6812", "139.7671"])
    for _ in range(3):
        rows.append([f"組織{len(rows) + 2}", "企業", project_id, "", AMBIGUOUS, "", ""])
    for _ in range(2):
        rows.append([f"組織{len(rows) + 2}", "企業", project_id, "北海道", UNMATCHED, "", ""])
    return rows, intended


HEADERS_JA = ["名称", "種別", "プロジェクト", "都道府県", "市区町村", "緯度", "経度"]
HEADERS_EN = ["Name", "Kind", "Project", "Prefecture", "Municipality", "Latitude", "Longitude"]


def write_cp932_csv(path, rows):
    with path.open("w", encoding="cp932", newline="") as handle:
        csv.writer(handle).writerows([HEADERS_JA, *rows])


def write_xlsx(path, rows, sheet="名簿"):
    workbook = Workbook()
    workbook.active.title = "表紙"
    workbook.active.append(["この名簿は試験用です"])
    sheet_ = workbook.create_sheet(sheet)
    sheet_.append(HEADERS_EN)
    for row in rows:
        sheet_.append([float(cell) if cell and cell[0].isdigit() and "." in cell else
                       (cell or None) for cell in row])
    workbook.save(path)


def check_plan(plan, intended, count=200):
    assert len(plan.outcomes) == count  # every row comes back: placed or reported
    assert {o.status for o in plan.outcomes} <= {"ready", "choose", "unplaced", "invalid"}
    by_row = {o.row_number: o for o in plan.outcomes}
    for row_number, geonameid in intended.items():
        assert by_row[row_number].status == "ready"
        assert by_row[row_number].place.code == geonameid
    counts = plan.counts()
    assert counts == {"ready": count - 5, "choose": 3, "unplaced": 2, "invalid": 0}
    ambiguous = [o for o in plan.outcomes if o.status == "choose"]
    for outcome in ambiguous:
        assert outcome.place is None  # never guessed
        names = {place.name_ja for place in outcome.match.candidates}
        prefectures = {place.pref_code for place in outcome.match.candidates}
        assert names == {"伊達市"} and {1, 7} <= prefectures
        assert "choose one" in outcome.message(plan.prefecture_names)
    assert all(UNMATCHED in o.message(plan.prefecture_names)
               for o in plan.outcomes if o.status == "unplaced")
    coordinates = [o for o in plan.outcomes if o.basis == "list-coordinates"]
    assert len(coordinates) == 5 and coordinates[0].lat == pytest.approx(35.6812)


def test_a_cp932_csv_of_200_organisations_imports_every_row_placed_or_reported(
        tmp_path, bundled, gazetteer):
    rows, intended = organisation_rows(bundled, gazetteer)
    listed = tmp_path / "参加機関.csv"
    write_cp932_csv(listed, rows)
    before = listed.read_bytes()
    table = read_list(listed)
    assert table.encoding == "cp932" and table.headers == HEADERS_JA
    mapping = guess_columns(table.headers)
    assert mapping == {"name_ja": 0, "kind": 1, "project": 2, "prefecture": 3,
                       "municipality": 4, "lat": 5, "lon": 6}
    plan = plan_import(table, mapping, bundled.projects, gazetteer)
    check_plan(plan, intended)
    target = tmp_path / "mine.gpkg"
    result = write_import(plan, target)
    assert (result.imported, result.reported) == (195, 5)
    assert validate(target) == []
    imported = load_dataset(target).participants
    mine = imported[imported["source_id"] == plan.source_id]
    assert len(mine) == 195 and len(imported) == len(bundled.participants) + 195
    row_2 = mine.set_index("participant_id").loc[f"{plan.source_id}-row2"]
    assert row_2["location_basis"] == "gazetteer-place"
    assert bundled.places.set_index("code").loc[intended[2], "name_ja"] in row_2["location_note"]
    assert "row 2 of 参加機関.csv" in row_2["location_note"]
    # each row names the municipality it was placed at by its code, never "GeoNames None"
    placed = mine[mine["location_basis"] == "gazetteer-place"]
    assert placed["location_note"].str.startswith("municipality ").all()
    assert f"municipality {intended[2]}:" in row_2["location_note"]
    assert listed.read_bytes() == before  # the list is only read


def test_an_xlsx_of_200_organisations_with_english_headers_imports_from_its_sheet(
        tmp_path, bundled, gazetteer):
    rows, intended = organisation_rows(bundled, gazetteer)
    listed = tmp_path / "members.xlsx"
    write_xlsx(listed, rows)
    table = read_list(listed, "名簿")
    assert table.sheets == ["表紙", "名簿"] and table.row_numbers[0] == 2
    mapping = guess_columns(table.headers)
    assert mapping == {"name_en": 0, "kind": 1, "project": 2, "prefecture": 3,
                       "municipality": 4, "lat": 5, "lon": 6}
    plan = plan_import(table, mapping, bundled.projects, gazetteer)
    check_plan(plan, intended)
    target = tmp_path / "mine.gpkg"
    write_import(plan, target)
    assert validate(target) == []
    assert len(load_dataset(target).participants) == len(bundled.participants) + 195


def test_an_ambiguous_municipality_is_placed_only_where_the_user_chooses(
        tmp_path, bundled, gazetteer):
    rows, _ = organisation_rows(bundled, gazetteer, count=20)
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, rows)
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    row = next(o for o in plan.outcomes if o.status == "choose")
    fukushima = next(p for p in row.match.candidates if p.pref_code == 7)
    chosen = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer,
                         choices={row.row_number: fukushima.code})
    outcome = next(o for o in chosen.outcomes if o.row_number == row.row_number)
    assert outcome.status == "ready" and outcome.place == fukushima and outcome.chosen
    write_import(chosen, tmp_path / "out.gpkg")
    participant = load_dataset(tmp_path / "out.gpkg").participants.set_index(
        "participant_id").loc[chosen.participant_id(outcome)]
    assert "chosen by the user among 2" in participant["judgement"]


def test_prefecture_and_address_narrow_a_name_that_fits_several_places(gazetteer):
    assert len(gazetteer.match(None, "府中市", None).candidates) == 2  # Tokyo and Hiroshima
    tokyo = gazetteer.match("東京都", "府中市", None).place
    assert tokyo is not None and tokyo.pref_code == 13
    hiroshima = gazetteer.match("広島県", "府中市", None).place
    assert hiroshima is not None and hiroshima.pref_code == 34
    # 府中町 is a town of its own, about 70 km from Hiroshima's 府中市: never one for the other
    town = gazetteer.match("広島県", "府中町", None).place
    assert town is not None and town.kind == "town" and town.code == 343021
    assert hiroshima.code == 342084 and abs(town.lon - hiroshima.lon) > 0.5
    assert gazetteer.match(None, None, "〒183-0055 東京都府中市府中町2-24").place == tokyo
    assert gazetteer.match("Tokyo", "Fuchu-shi", None).place == tokyo
    assert gazetteer.match(None, None, "神奈川県横浜市港北区日吉4-1-1").place.name_en == "Yokohama"


def test_reimporting_a_list_replaces_its_earlier_rows(tmp_path, bundled, gazetteer):
    rows, _ = organisation_rows(bundled, gazetteer, count=20)
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, rows)
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    target = tmp_path / "out.gpkg"
    write_import(plan, target)
    again = write_import(plan, target)
    assert again.replaced == 15 and again.imported == 15
    assert len(load_dataset(target).participants) == len(bundled.participants) + 15


def test_a_target_that_would_not_validate_is_left_untouched(tmp_path, bundled, gazetteer):
    rows, _ = organisation_rows(bundled, gazetteer, count=20)
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, rows)
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    target = tmp_path / "broken.gpkg"
    target.write_bytes(bundled.path.read_bytes())
    with sqlite3.connect(target) as connection:  # a hand edit that breaks the file
        connection.execute("UPDATE fields SET color = 'red;x' WHERE rowid = 1")
    before = target.read_bytes()
    with pytest.raises(DatasetError) as raised:
        write_import(plan, target)
    assert any(problem.layer == "fields" for problem in raised.value.problems)
    assert target.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if "tmp" in path.name] == []


def test_validate_messages_name_the_spreadsheet_row(tmp_path, bundled, gazetteer):
    rows, _ = organisation_rows(bundled, gazetteer, count=20)
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, rows)
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    row_7 = next(o for o in plan.outcomes if o.row_number == 7)
    row_7.kind = "guild"  # a value the planner would have refused, to see the validator's word
    with pytest.raises(DatasetError) as raised:
        write_import(plan, tmp_path / "out.gpkg")
    assert [(p.where, p.column) for p in raised.value.problems] == [
        (f"{plan.source_id}-row7", "kind")]
    assert not (tmp_path / "out.gpkg").exists()


def test_rows_with_bad_values_are_reported_with_their_reasons(tmp_path, bundled, gazetteer):
    listed = tmp_path / "bad.csv"
    listed.write_text("名称,種別,プロジェクト,緯度,経度\n"
                      ",企業,x,35,139\n"
                      "A,ギルド,{p},35,139\n"
                      "B,企業,nope,35,139\n"
                      "C,企業,{p},139.7,35.6\n"
                      "D,企業,{p},35.6,\n".replace("{p}", bundled.projects["project_id"][0]),
                      encoding="utf-8-sig")
    table = read_list(listed)
    assert table.encoding == "utf-8-sig"
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    messages = {o.row_number: o.message(plan.prefecture_names) for o in plan.outcomes}
    assert "the name is empty" in messages[2]
    assert "unknown kind 'ギルド'" in messages[3]
    assert "unknown project 'nope'" in messages[4]
    assert "swapped" in messages[5]
    assert "both latitude and longitude" in messages[6]
    assert plan.ready == []


def test_a_file_in_neither_utf8_nor_cp932_is_refused_clearly():
    assert decode_csv("名称".encode("cp932")) == ("名称", "cp932")
    assert decode_csv("\ufeff名称".encode()) == ("名称", "utf-8-sig")
    with pytest.raises(ListReadError, match="neither UTF-8 nor Shift_JIS"):
        decode_csv(b"\x82\xa0\x85\x40\xa0")


def test_a_user_dataset_without_places_still_opens(tmp_path, bundled):
    frames, problems = read_layers(bundled.path)
    assert problems == []
    frames.pop("places")
    target = tmp_path / "no-places.gpkg"
    write_geopackage(frames, target)
    assert validate(target) == []
    assert load_dataset(target).places.empty


def test_the_import_command_reports_rows_and_writes_the_dataset(tmp_path, bundled, gazetteer,
                                                                capsys):
    rows, _ = organisation_rows(bundled, gazetteer, count=20)
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, rows)
    target = tmp_path / "out.gpkg"
    assert main(["import", str(listed), "--into", str(target)]) == 3
    out = capsys.readouterr().out
    assert out.count("fits 2 places, choose one") == 3
    assert f"imported 15 of 20 rows from {listed.name}" in out
    projects, _ = target_projects_and_gazetteer(target)
    assert len(projects) == len(bundled.projects)
    ambiguous_row = 2 + 15 + 0  # after 10 cities and 5 coordinate rows
    date_fukushima = next(p for p in gazetteer.match("福島県", AMBIGUOUS, None).candidates)
    assert main(["import", str(listed), "--into", str(target), "--place",
                 f"{ambiguous_row}={date_fukushima.code}"]) == 3
    assert "imported 16 of 20 rows" in capsys.readouterr().out
    assert main(["import", str(listed), "--into", str(target), "--place", "x"]) == 2


def test_a_list_opens_as_a_data_source_on_the_bundled_dataset(bundled, tmp_path, monkeypatch):
    """The spreadsheet source of the registry: a list opened directly shows its placeable rows
    on the bundled dataset, says which rows it left out, and leaves the list untouched."""
    import warnings

    from geodata.sources import identity_of, source_for
    from geodata.sources.spreadsheet import OpenedListWarning

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project_id = bundled.projects["project_id"].iloc[0]
    rows = [["札幌テスト機構", "企業", project_id, "北海道", "札幌市", "", ""],
            ["伊達テスト組合", "企業", project_id, "", AMBIGUOUS, "", ""]]
    listed = tmp_path / "名簿.csv"
    write_cp932_csv(listed, rows)
    before = listed.read_bytes()
    assert source_for(listed).name == "Spreadsheet list"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        opened = load_dataset(listed)
    added = opened.participants[opened.participants["name_ja"] == "札幌テスト機構"]
    assert len(added) == 1
    assert len(opened.participants) == len(bundled.participants) + 1
    (warning,) = [each.message for each in caught if isinstance(each.message, OpenedListWarning)]
    assert "row 3" in str(warning) and "1 of 2 rows" in str(warning)
    assert listed.read_bytes() == before
    first = identity_of(listed)
    write_cp932_csv(listed, rows[:1])
    assert identity_of(listed) != first  # a changed list is placed again


def test_a_list_with_no_placeable_row_says_so_row_by_row(bundled, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project_id = bundled.projects["project_id"].iloc[0]
    listed = tmp_path / "list.csv"
    write_cp932_csv(listed, [["どこか", "企業", project_id, "北海道", UNMATCHED, "", ""]])
    with pytest.raises(DatasetError) as raised:
        load_dataset(listed)
    text = "\n".join(problem.message for problem in raised.value.problems)
    assert "no row of 1 can be placed" in text and "row 2" in text


def test_a_list_without_a_project_column_gives_a_reason_code_and_no_flag(bundled, gazetteer,
                                                                        tmp_path):
    listed = tmp_path / "no-project.csv"
    listed.write_text("名称,種別,都道府県,市区町村\n札幌の会社,企業,北海道,札幌市\n"
                      "府中の会社,企業,広島県,府中市\n", encoding="utf-8")
    table = read_list(listed)
    plan = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)
    assert [[problem.code for problem in outcome.problems] for outcome in plan.outcomes] == [
        ["no-project"], ["no-project"]]
    assert plan.lacking_project() == 2
    assert all("--" not in outcome.message(plan.prefecture_names) for outcome in plan.outcomes)
    project_id = bundled.projects["project_id"].iloc[0]
    chosen = plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer,
                         project_id)
    assert chosen.lacking_project() == 0 and len(chosen.ready) == 2
    assert {outcome.project_id for outcome in chosen.ready} == {project_id}


def test_the_import_command_names_its_project_flag_for_rows_without_a_project(tmp_path,
                                                                               capsys):
    listed = tmp_path / "no-project.csv"
    listed.write_text("名称,種別,都道府県,市区町村\n札幌の会社,企業,北海道,札幌市\n",
                      encoding="utf-8")
    assert main(["import", str(listed), "--into", str(tmp_path / "out.gpkg")]) == 1
    out = capsys.readouterr().out
    assert "row 2 (札幌の会社): no project: give a project column or --project ID" in out


def test_the_place_option_is_given_a_municipality_code(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--place ROW=CODE" in shown and "municipality code" in shown
    assert "GEONAMEID" not in shown and "GeoNames" not in shown


def test_plan_import_reports_its_progress_and_stops_when_told(bundled, gazetteer, tmp_path):
    from geodata.importing.planning import PROGRESS_EVERY, ImportCancelled

    project_id = bundled.projects["project_id"].iloc[0]
    listed = tmp_path / "long.csv"
    write_cp932_csv(listed, [[f"組織{n}", "企業", project_id, "北海道", "札幌市", "", ""]
                             for n in range(3 * PROGRESS_EVERY)])
    table = read_list(listed)
    seen = []
    plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer,
                progress=lambda done, total: seen.append((done, total)))
    assert seen == [(done, 3 * PROGRESS_EVERY) for done in range(0, 3 * PROGRESS_EVERY,
                                                                 PROGRESS_EVERY)]

    def stop(done, total):
        if done:
            raise ImportCancelled

    with pytest.raises(ImportCancelled):
        plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer,
                    progress=stop)


def test_a_list_without_a_project_column_is_opened_for_its_project_not_refused(bundled,
                                                                               tmp_path,
                                                                               monkeypatch):
    """Issue 28: opening such a list (``Open with``) was refused naming ``--project ID``; the
    source now says which choice is the user's, and the window opens the import dialog."""
    from geodata.sources.spreadsheet import ListWithoutProject

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    listed = tmp_path / "名簿.csv"
    listed.write_text("名称,種別,都道府県,市区町村\n札幌の会社,企業,北海道,札幌市\n",
                      encoding="cp932")
    with pytest.raises(ListWithoutProject) as raised:
        load_dataset(listed)
    (problem,) = raised.value.problems
    assert "no project column" in problem.message and "--" not in problem.message
