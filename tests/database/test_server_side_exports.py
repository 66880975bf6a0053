"""Exports in server-side mode draw the national organisation list as the window's map does,
from the same queries (desktop/export/server_counts.py): from the window's Export… and from
``cluster-explorer export --data postgresql://…``. Against the real server the suite starts,
with the list generated as benchmarks/national.py generates it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from real_input import choose_in_combo, click_widget, press_key_here

from benchmarks.national import organisation_lines
from desktop.export.runner import run
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec
from geodata import BUNDLED_DATASET, load_dataset
from geodata.copying import copy_dataset
from geodata.server_side.organisations import write_organisations
from geodata.sources.connection import connect, parse_location

ROWS = 2_000
WHITE_TEXT = re.compile(r'<text fill="#ffffff"[^>]*\n?\s*>([^<]*)</text>')
"""A count drawn in its circle (white on the warm red), in an SVG written by Qt."""


@pytest.fixture(scope="module")
def listed(postgis):
    """(the location of a copy of the bundled dataset with ROWS organisations, their count per
    prefecture)."""
    url = postgis.url(schema="export_national")
    copy_dataset(BUNDLED_DATASET, url)
    lines = list(organisation_lines(ROWS, load_dataset().places, seed=7))
    database = parse_location(url)
    with connect(database) as connection:
        write_organisations(connection, database.schema, lines)
    per_prefecture = pd.Series([int(line.split("\t")[3]) for line in lines]).value_counts()
    return url, {int(code): int(count) for code, count in per_prefecture.items()}


def _drawn_counts(svg: Path) -> list[str]:
    return WHITE_TEXT.findall(svg.read_text(encoding="utf-8"))


def _prefecture_counts(per_prefecture: dict[int, int]) -> set[str]:
    """The counts the national picture draws per prefecture (Okinawa's is in its inset, at
    the inset's own zoom)."""
    return {f"{count:,}" for code, count in per_prefecture.items() if count and code != 47}


def test_the_command_line_export_draws_the_servers_counts(listed, tmp_path):
    url, per_prefecture = listed
    out = tmp_path / "national.svg"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "export", "--data", url,
                           "--size", "1920x1080", str(out)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    drawn = _drawn_counts(out)
    assert _prefecture_counts(per_prefecture) <= set(drawn)
    # without the layer (--no-organisations): no count
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "export", "--data", url,
                           "--no-organisations", "--size", "1920x1080", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _drawn_counts(out) == []


def test_a_server_that_cannot_be_asked_fails_the_export_and_keeps_the_old_file(tmp_path):
    """A map without the organisations would look complete: the export says why instead."""
    out = tmp_path / "national.png"
    out.write_bytes(b"the picture before")

    def unreachable():
        raise OSError("connection to server on socket failed: No such file or directory")

    spec = ExportSpec(out=out, size=(640, 360), organisations_from=unreachable)
    with pytest.raises(ExportError, match="cannot ask the server for the organisations to "
                                          "draw: connection to server on socket failed"):
        run(load_dataset(), spec)
    assert out.read_bytes() == b"the picture before"


@pytest.mark.timeout(240)
def test_the_windows_export_draws_the_counts_its_map_shows(listed, qtbot, tmp_path,
                                                           monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from test_server_side_window import open_in_server_side_mode

    url, per_prefecture = listed
    window, _dock, _status = open_in_server_side_mode(qtbot, tmp_path, url)
    out = tmp_path / "window.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(out), "any"))
    window.activateWindow()
    press_key_here(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.exporter.export_dialog is not None
                    and window.exporter.export_dialog.isVisible())
    dialog = window.exporter.export_dialog
    choose_in_combo(qtbot, dialog.format_box, ".svg")
    with qtbot.waitSignal(window.exporter.sig_exported, timeout=120_000):
        click_widget(qtbot, dialog.export_button)
    drawn = _drawn_counts(out)
    assert drawn, "the export drew no organisation count"
    total = sum(per_prefecture.values())
    numbers = [int(text.replace(",", "")) for text in drawn]
    assert max(numbers) <= total
    assert set(drawn) & (_prefecture_counts(per_prefecture)
                         | {f"{total:,}"} | _bureau_counts(window, per_prefecture))


def _bureau_counts(window, per_prefecture: dict[int, int]) -> set[str]:
    prefectures = window.state.dataset.prefectures
    owner = dict(zip(prefectures["pref_code"].astype(int), prefectures["bureau_id"],
                     strict=True))
    per_bureau: dict[str, int] = {}
    for code, count in per_prefecture.items():
        per_bureau[owner[code]] = per_bureau.get(owner[code], 0) + count
    return {f"{count:,}" for count in per_bureau.values()}


def _cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_region_report_counts_the_bureaus_organisations_on_the_server(
        listed, qapp, tmp_path, language):
    from PySide6.QtPdf import QPdfDocument

    url, per_prefecture = listed
    out = tmp_path / "kinki.pdf"
    done = _cli(tmp_path, "report", "--data", url, "--bureau", "kinki", "--lang", language,
                str(out))
    assert done.returncode == 0, done.stderr
    document = QPdfDocument()
    document.load(str(out))
    text = " ".join(document.getAllText(0).text().split())
    ds = load_dataset()
    kinki = ds.prefectures[ds.prefectures["bureau_id"] == "kinki"]
    counts = {int(code): per_prefecture.get(int(code), 0) for code in kinki["pref_code"]}
    total = f"{sum(counts.values()):,}"
    said = (f"National list: {total} organisations in its prefectures, counted by the server"
            if language == "en" else f"全国の法人一覧: 管内の府県に {total} 法人（サーバーで集計）")
    assert said in text
    name_column = "name_en" if language == "en" else "name_ja"
    for code, name in zip(kinki["pref_code"], kinki[name_column], strict=True):
        if counts[int(code)]:
            assert f"{name} {counts[int(code)]:,}" in text
