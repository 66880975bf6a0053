"""The command line and the window on a PostGIS dataset: --data postgresql://…, copy, and the
offline copy with its age when the server is stopped."""

import pytest
from postgis_server import BUREAU_PASSWORD, BUREAU_USER

from desktop.cli import main
from geodata import BUNDLED_DATASET, load_dataset
from geodata.copying import copy_dataset
from geodata.reading import read_layers


def test_copy_command_both_ways(postgis, tmp_path, capsys):
    url = postgis.url(schema="cli_copy")
    back = tmp_path / "back.gpkg"

    assert main(["copy", str(BUNDLED_DATASET), url]) == 0
    assert main(["copy", url, str(back)]) == 0

    out = capsys.readouterr().out
    frames, _problems = read_layers(BUNDLED_DATASET)  # every layer of the file, as copied
    rows = sum(len(frame) for frame in frames.values())
    assert out.count(f"copied {rows:,} rows in {len(frames)} layers") == 2
    assert load_dataset(back).summary() == load_dataset().summary()


def test_copy_command_says_why_nothing_was_copied(postgis, tmp_path, capsys):
    assert main(["copy", postgis.url(schema="cli_absent"), str(tmp_path / "x.gpkg")]) == 1
    assert "nothing copied to" in capsys.readouterr().err
    assert not (tmp_path / "x.gpkg").exists()


def test_summary_of_the_offline_copy_says_its_age_on_stderr(postgis, capsys):
    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="cli_offline")
    assert main(["copy", str(BUNDLED_DATASET), url]) == 0
    assert main(["summary", "--data", url]) == 0  # online: keeps the offline copy
    postgis.stop()
    try:
        assert main(["--data", url, "summary"]) == 0
    finally:
        postgis.start()
    captured = capsys.readouterr()
    assert "opened its offline copy, less than a minute old" in captured.err
    assert "27 projects" in captured.out.splitlines()[-1]
    assert BUREAU_PASSWORD not in captured.out + captured.err


@pytest.mark.timeout(120)
@pytest.mark.filterwarnings("ignore::geodata.sources.postgis.OfflineCopyWarning")
def test_the_window_opens_the_offline_copy_and_says_how_old(postgis, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.app.main_window import MainWindow
    from desktop.app.open_database import read_saved_location, write_saved_location

    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="window_offline")
    copy_dataset(BUNDLED_DATASET, url)
    load_dataset(url)  # the offline copy
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    postgis.stop()
    try:
        with qtbot.waitSignal(window.sig_dataset_shown, timeout=90_000) as shown:
            window.open_dataset(url)
    finally:
        postgis.start()
    dataset = shown.args[0].dataset
    assert dataset.origin.offline_reason
    message = window.statusBar().currentMessage()
    assert "offline copy from less than a minute ago" in message
    assert window.database_opening.offline_dialog.text() == message
    assert BUREAU_PASSWORD not in message + window.windowTitle()
    write_saved_location(settings, url)
    settings.sync()
    assert BUREAU_PASSWORD not in (tmp_path / "settings.ini").read_text()
    assert read_saved_location(settings) == dataset.origin.location
    assert window.database_opening.action in window.file_menu.actions()
