"""The offline copy is written only when the server's tables changed, and, in the window, after
the dataset is handed over; a quit during the write leaves the old copy whole. Against the real
PostGIS server (tests/database/conftest.py); writes are counted, never timed."""

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from geodata import BUNDLED_DATASET, load_dataset
from geodata.copying import copy_dataset
from geodata.sources import offline_copy
from geodata.sources.connection import parse_location

CHANGES = {
    "dataset_info": "value = value || ' changed'",
    "sources": "title = title || ' changed'",
    "fields": "name_en = name_en || ' changed'",
    "bureaus": "seat_lon = seat_lon + 0.0001",
    "prefectures": "name_en = name_en || ' changed'",
    "countries": "name_en = name_en || ' changed'",
    "programs": "name_en = name_en || ' changed'",
    "projects": "geometry = ST_Translate(geometry, 0.0001, 0)",
    "participants": "name_en = name_en || ' changed'",
    "participant_counts": "note = coalesce(note, '') || ' changed'",
    "tieups": "partner = partner || ' changed'",
    "achievements": "description = description || ' changed'",
    "national_figures": "label = label || ' changed'",
    "places": "name_en = name_en || ' changed'",
}
"""One cell changed in each table, keeping the dataset valid."""


@pytest.fixture
def writes(monkeypatch):
    """Every write of an offline copy, counted (the real writer still writes)."""
    import geodata.geopackage_create as writer

    counted: list[Path] = []
    real = writer.write_dataset

    def write_dataset(frames, path):
        counted.append(path)
        real(frames, path)

    monkeypatch.setattr(writer, "write_dataset", write_dataset)
    return counted


def _copy_of(url: str) -> Path:
    return offline_copy.copy_path(parse_location(url))


def test_the_copy_is_written_again_only_when_a_table_changed(postgis, writes):
    import psycopg

    from geodata.schema import LAYERS

    assert set(CHANGES) == {layer.name for layer in LAYERS}
    url = postgis.url(schema="refresh")
    copy_dataset(BUNDLED_DATASET, url)
    load_dataset(url)
    assert len(writes) == 1
    copy = _copy_of(url)
    written = copy.stat()
    os.utime(copy, (written.st_atime, written.st_mtime - 3600))

    opened = load_dataset(url)  # the same tables: kept as they are, marked refreshed

    assert len(writes) == 1
    assert copy.stat().st_ino == written.st_ino
    assert copy.stat().st_mtime > written.st_mtime - 60  # not pruned as a stale copy
    assert load_dataset(copy).summary() == opened.summary()
    for table, change in CHANGES.items():
        with psycopg.connect(postgis.conninfo()) as connection:
            connection.execute(f"UPDATE refresh.{table} SET {change} "
                               f"WHERE ctid IN (SELECT ctid FROM refresh.{table} LIMIT 1)")
        before = len(writes)
        load_dataset(url)
        assert len(writes) == before + 1, f"a change in {table} did not rewrite the copy"
        load_dataset(url)
        assert len(writes) == before + 1, f"{table} unchanged, the copy was rewritten"


def test_a_copy_without_a_digest_or_open_to_others_is_written_again(postgis, writes):
    """A copy an older version wrote (no digest) or that others may write is not trusted to
    hold the tables: it is written again."""
    import sqlite3

    url = postgis.url(schema="nodigest")
    copy_dataset(BUNDLED_DATASET, url)
    load_dataset(url)
    copy = _copy_of(url)
    with sqlite3.connect(copy) as db:
        db.execute(f"DROP TABLE {offline_copy.DIGEST_TABLE}")
    db.close()
    load_dataset(url)
    assert len(writes) == 2 and offline_copy.stored_digest(copy)
    copy.chmod(0o666)
    load_dataset(url)
    assert len(writes) == 3 and offline_copy.untrusted_reason(copy) is None


def test_a_deferred_copy_is_written_when_the_caller_runs_it(postgis, writes):
    url = postgis.url(schema="deferred")
    copy_dataset(BUNDLED_DATASET, url)
    copy = _copy_of(url)

    with offline_copy.deferred_writes() as pending:
        dataset = load_dataset(url)

    assert not copy.exists() and not writes and len(pending) == 1
    assert dataset.origin.offline_reason is None and len(dataset.projects)
    assert datetime.now(UTC) - dataset.origin.copy_saved < timedelta(minutes=1)
    pending[0]()
    assert len(writes) == 1 and load_dataset(copy).summary() == dataset.summary()


def test_the_window_writes_the_copy_after_its_map_is_drawn(postgis, qtbot, tmp_path, writes):
    """The open's critical path: the window gets the dataset and draws its map, then the copy
    is written (on the loader's thread)."""
    from PySide6.QtCore import QSettings

    import geodata.geopackage_create as writer
    from desktop.app.main_window import MainWindow

    url = postgis.url(schema="windoworder")
    copy_dataset(BUNDLED_DATASET, url)
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    order: list[str] = []
    window.sig_dataset_shown.connect(lambda loaded: order.append("shown"))
    window.map_controller.sig_drawn.connect(lambda *drawn: order.append("drawn"))
    counting = writer.write_dataset

    def write_dataset(frames, path):
        order.append("copy written")
        counting(frames, path)

    writer.write_dataset = write_dataset
    try:
        with qtbot.waitSignal(window.sig_dataset_shown, timeout=90_000):
            loader = window.open_dataset(url)
        qtbot.waitUntil(lambda: "copy written" in order, timeout=60_000)
        loader.wait(60)
    finally:
        writer.write_dataset = counting
    assert order.index("shown") < order.index("drawn") < order.index("copy written")
    assert len(writes) == 1 and _copy_of(url).is_file()
    qtbot.waitUntil(lambda: "its offline copy is up to date"
                    in window.statusBar().currentMessage(), timeout=10_000)


def _window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.app.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_the_status_says_the_copy_is_up_to_date_only_once_it_is(postgis, qtbot, tmp_path,
                                                                  monkeypatch):
    """The status bar said "its offline copy is up to date" when the dataset was shown, while
    the copy was still to be written: it says the copy is being saved until it is."""
    import threading

    import geodata.geopackage_create as writer

    url = postgis.url(schema="statusorder")
    copy_dataset(BUNDLED_DATASET, url)
    window = _window(qtbot, tmp_path)
    release, writing = threading.Event(), threading.Event()
    real = writer.write_dataset

    def held_write(frames, path):
        writing.set()
        release.wait(60)
        real(frames, path)

    monkeypatch.setattr(writer, "write_dataset", held_write)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=90_000):
        loader = window.open_dataset(url)
    try:
        qtbot.waitUntil(writing.is_set, timeout=60_000)
        said = window.statusBar().currentMessage()
        assert "saving its offline copy" in said and "up to date" not in said
    finally:
        release.set()
    with qtbot.waitSignal(loader.sig_copy_kept, timeout=60_000):
        pass
    assert "its offline copy is up to date" in window.statusBar().currentMessage()
    loader.wait(60)


def test_the_status_says_why_the_copy_could_not_be_saved(postgis, qtbot, tmp_path,
                                                          monkeypatch):
    import errno

    import geodata.geopackage_create as writer

    url = postgis.url(schema="statusfull")
    copy_dataset(BUNDLED_DATASET, url)
    window = _window(qtbot, tmp_path)

    def full_disk(frames, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "write_dataset", full_disk)
    with qtbot.waitSignal(window.sig_dataset_shown, timeout=90_000):
        loader = window.open_dataset(url)
    with qtbot.waitSignal(loader.sig_copy_kept, timeout=60_000) as kept:
        pass
    assert kept.args == ["No space left on device"]
    said = window.statusBar().currentMessage()
    assert "could not be saved (No space left on device)" in said and "up to date" not in said
    loader.wait(60)


def test_a_quit_before_the_map_is_drawn_does_not_wait_for_a_drawing(postgis, qtbot, writes):
    """A quit before the map was drawn waited COPY_WAIT_S (30 s) for a drawing that never
    came before the copy was written: the quit writes it at once."""
    from desktop.app.loader import COPY_WAIT_S, DatasetLoader

    url = postgis.url(schema="quitearly")
    copy_dataset(BUNDLED_DATASET, url)
    loader = DatasetLoader(url)
    with qtbot.waitSignal(loader.sig_finished, timeout=90_000):
        loader.start()
    loader.wait(COPY_WAIT_S / 3)  # as the window's quit does, with no map drawn
    assert not loader._thread.is_alive()
    assert len(writes) == 1 and _copy_of(url).is_file()


QUIT_DURING_WRITE = textwrap.dedent("""
    import sys, threading, time
    import geodata.geopackage_create as writer
    from geodata import load_dataset
    from geodata.sources import offline_copy

    real = writer.write_dataset
    staged = threading.Event()

    def write_dataset(frames, path):
        real(frames, path)
        staged.set()
        time.sleep(120)  # the quit comes now: the new copy is staged, not yet in place

    writer.write_dataset = write_dataset
    with offline_copy.deferred_writes() as pending:
        load_dataset(sys.argv[1])
    threading.Thread(target=pending[0], daemon=True).start()  # as the window's loader
    staged.wait(120)
    print("quitting", flush=True)
""")


def test_quitting_during_the_write_leaves_the_old_copy_whole(postgis, tmp_path, monkeypatch):
    import psycopg

    # the quit leaves its staged file behind: in a cache folder of this test's own
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    url = postgis.url(schema="quitting")
    copy_dataset(BUNDLED_DATASET, url)
    old = load_dataset(url)
    copy = _copy_of(url)
    old_bytes = copy.read_bytes()
    with psycopg.connect(postgis.conninfo()) as connection:
        connection.execute("UPDATE quitting.projects SET name_en = name_en || ' changed'")

    done = subprocess.run([sys.executable, "-c", QUIT_DURING_WRITE, url], capture_output=True,
                          text=True, timeout=120, env=os.environ | {
                              "PYTHONPATH": os.pathsep.join(sys.path)})

    assert done.returncode == 0 and "quitting" in done.stdout, done.stderr
    assert copy.read_bytes() == old_bytes
    assert load_dataset(copy).summary() == old.summary()
    load_dataset(url)  # the next open writes the change
    assert load_dataset(copy).projects["name_en"].str.endswith(" changed").all()
