"""Where an import writes: a private staging folder beside the target (never a guessable name a
colleague could plant a symlink at), through a symlink at the target to its file, one import
at a time, and nothing left behind by an import that was killed."""

import os
import threading
import time

import pytest

from desktop.cli import main
from geodata import BUNDLED_DATASET, file_replace, load_dataset
from geodata.importing.columns import guess_columns
from geodata.importing.placing import gazetteer_of
from geodata.importing.planning import plan_import
from geodata.importing.reading import read_list
from geodata.importing.writing import write_import


@pytest.fixture(scope="module")
def bundled():
    return load_dataset()


@pytest.fixture(scope="module")
def gazetteer(bundled):
    return gazetteer_of(bundled)


def coordinate_list(path, bundled, names):
    """A UTF-8 CSV list of organisations given with coordinates (placed without the gazetteer)."""
    project_id = bundled.projects["project_id"].iloc[0]
    lines = ["Name,Kind,Project,Latitude,Longitude"]
    lines += [f"{name},University,{project_id},35.68,139.76" for name in names]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plan_for(path, bundled, gazetteer):
    table = read_list(path)
    return plan_import(table, guess_columns(table.headers), bundled.projects, gazetteer)


def test_a_symlink_planted_at_the_old_staging_name_is_not_written_through(
        tmp_path, bundled, gazetteer):
    """23.3: `ln -s victim.txt .shared.gpkg.import.tmp.gpkg` made the import overwrite the
    victim and leave shared.gpkg a symlink to it."""
    victim = tmp_path / "victim.txt"
    victim.write_text("a colleague's notes\n")
    (tmp_path / ".shared.gpkg.import.tmp.gpkg").symlink_to(victim)
    target = tmp_path / "shared.gpkg"
    plan = plan_for(coordinate_list(tmp_path / "list.csv", bundled, ["Alpha"]), bundled,
                    gazetteer)

    write_import(plan, target)

    assert victim.read_text() == "a colleague's notes\n"
    assert not target.is_symlink() and target.is_file()
    assert "Alpha" in set(load_dataset(target).participants["name_en"])


def test_two_imports_into_one_target_at_once_both_land(tmp_path, bundled, gazetteer,
                                                       monkeypatch):
    """23.3: two imports at once left a target that did not validate, or lost a row while
    saying "imported". The first import is held half-way until the second has either finished
    (no lock: the race) or is seen waiting for the lock."""
    target = tmp_path / "shared.gpkg"
    first = plan_for(coordinate_list(tmp_path / "first.csv", bundled, ["First Org"]), bundled,
                     gazetteer)
    second = plan_for(coordinate_list(tmp_path / "second.csv", bundled, ["Second Org"]),
                      bundled, gazetteer)
    second_started_or_waits = threading.Event()
    first_inside = threading.Event()
    import geodata.loading

    real_validate = geodata.loading.validate

    def held_validate(path):
        if threading.current_thread().name == "first":
            first_inside.set()
            assert second_started_or_waits.wait(60)
        return real_validate(path)

    monkeypatch.setattr(geodata.loading, "validate", held_validate)
    real_pause = file_replace._pause

    def pause(seconds):
        second_started_or_waits.set()
        real_pause(seconds)

    monkeypatch.setattr(file_replace, "_pause", pause)
    failures = []

    def run(plan):
        try:
            write_import(plan, target)
        except Exception as error:  # the race's symptom, reported below
            failures.append(error)
        finally:
            if threading.current_thread().name == "second":
                second_started_or_waits.set()

    one = threading.Thread(target=run, args=(first,), name="first")
    one.start()
    assert first_inside.wait(120)
    two = threading.Thread(target=run, args=(second,), name="second")
    two.start()
    one.join(120)
    two.join(120)

    assert failures == []
    names = set(load_dataset(target).participants["name_en"])
    assert {"First Org", "Second Org"} <= names
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_an_import_into_a_symlink_writes_the_linked_dataset(tmp_path, bundled, gazetteer):
    """23.10: the link was replaced by a file, and the linked dataset never got the rows."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "real.gpkg"
    real.write_bytes(BUNDLED_DATASET.read_bytes())
    link = tmp_path / "link.gpkg"
    link.symlink_to(real)
    plan = plan_for(coordinate_list(tmp_path / "list.csv", bundled, ["Linked Org"]), bundled,
                    gazetteer)

    assert main(["import", str(tmp_path / "list.csv"), "--into", str(link)]) == 0

    assert link.is_symlink() and link.resolve() == real
    assert "Linked Org" in set(load_dataset(real).participants["name_en"])
    assert plan.ready  # the list itself was importable


def test_an_import_keeps_the_mode_of_the_file_it_replaces(tmp_path, bundled, gazetteer):
    target = tmp_path / "shared.gpkg"
    target.write_bytes(BUNDLED_DATASET.read_bytes())
    target.chmod(0o640)
    write_import(plan_for(coordinate_list(tmp_path / "list.csv", bundled, ["Mode Org"]),
                          bundled, gazetteer), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_killed_import_leaves_no_staging_folder_forever(tmp_path, bundled, gazetteer):
    """Low: a killed import left its staging file for good. One old enough that no running
    import can own it is removed by the next write into that folder; a fresh one is kept."""
    stale = tmp_path / ".cluster-explorer-abcd1234.staging"
    stale.mkdir()
    (stale / "shared.gpkg").write_bytes(b"half a dataset")
    old = time.time() - file_replace.STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    running = tmp_path / ".cluster-explorer-efgh5678.staging"
    running.mkdir()

    write_import(plan_for(coordinate_list(tmp_path / "list.csv", bundled, ["Org"]), bundled,
                          gazetteer), tmp_path / "shared.gpkg")

    assert not stale.exists() and running.exists()


def test_refusing_the_list_itself_as_the_target_says_what_is_wrong(tmp_path, bundled,
                                                                    capsys):
    """Low: it said "the result would not validate", though no result was made."""
    listed = coordinate_list(tmp_path / "list.csv", bundled, ["Org"])
    before = listed.read_bytes()

    assert main(["import", str(listed), "--into", str(listed)]) == 1

    err = capsys.readouterr().err
    assert "the target is the list itself" in err and "would not validate" not in err
    assert listed.read_bytes() == before


def test_an_import_waits_a_bounded_time_for_another_and_then_says_so(tmp_path, bundled,
                                                                      gazetteer, monkeypatch):
    target = tmp_path / "shared.gpkg"
    plan = plan_for(coordinate_list(tmp_path / "list.csv", bundled, ["Org"]), bundled,
                    gazetteer)
    monkeypatch.setattr(file_replace, "LOCK_WAIT_SECONDS", 0.3)
    with file_replace.locked(target), \
            pytest.raises(file_replace.FileBusyError, match="still writing"):
        write_import(plan, target)
    assert not target.exists()
    write_import(plan, target)  # the lock is free again once its holder is done
    assert "Org" in set(load_dataset(target).participants["name_en"])
