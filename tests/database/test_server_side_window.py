"""The window in server-side mode: a PostGIS dataset with a national organisation list shows
the list's counts and rows as its server answers them (desktop/sources/server_side.py) — the
whole country's count, the chosen bureau's, and rows a page at a time as the table is
scrolled — while the status bar says the list stays on the server. Against the real server
the suite starts, with the list generated as benchmarks/national.py generates it."""

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel
from real_input import (
    click,
    click_row,
    click_widget,
    press_key,
    wait_input_ready,
    wait_still,
    wheel,
)
from webpage import open_window, page_json, wait_settled

from benchmarks.national import organisation_lines
from desktop.panels.items import ID_ROLE
from geodata import BUNDLED_DATASET, load_dataset
from geodata.copying import copy_dataset
from geodata.server_side.organisations import COLUMNS, write_organisations
from geodata.server_side.queries import PAGE_SIZE
from geodata.sources.connection import connect, parse_location

ROWS = 3_000


@pytest.fixture(scope="module")
def national(postgis):
    """(the location of a copy of the bundled dataset with ROWS organisations, the rows as
    a frame)."""
    url = postgis.url(schema="window_national")
    copy_dataset(BUNDLED_DATASET, url)
    lines = list(organisation_lines(ROWS, load_dataset().places))
    database = parse_location(url)
    with connect(database) as connection:
        write_organisations(connection, database.schema, lines)
    frame = pd.DataFrame([line.split("\t") for line in lines],
                         columns=[*(name for name, _kind in COLUMNS), "point"])
    frame["pref_code"] = frame["pref_code"].astype(int)
    return url, frame


def _status_line(window) -> str:
    """The server-side mode's line in the status bar now (the mode of the dataset shown)."""
    lines = [label.text() for label in window.findChildren(QLabel, "server_side_status")
             if label.isVisible()]
    return lines[-1] if lines else ""


def _shown_numbers(view) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


MODE = (f"Server-side mode: {ROWS:,} organisations stay on the server; the window asks it "
        "for the rows it shows")


def open_in_server_side_mode(qtbot, tmp_path, url):
    """The window on ``url``, ready for real input, its organisations panel there: (window,
    the panel's dock, the status bar's line)."""
    window = open_window(qtbot, tmp_path, url)
    window.resize(1600, 1000)
    window.activateWindow()
    wait_input_ready(qtbot, window)
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "organisations_server_dock")
                    is not None, timeout=30_000)
    return (window, window.findChild(QDockWidget, "organisations_server_dock"),
            window.findChild(QLabel, "server_side_status"))


def _click_bureau(qtbot, window, bureau_id: str) -> None:
    model = window.region_list.model()
    row = next(model.index(row, 0) for row in range(model.rowCount())
               if model.index(row, 0).data(ID_ROLE) == bureau_id)
    click_row(qtbot, window.region_list, row)
    wait_settled(qtbot, window, lambda: window.state.filter.bureau_id == bureau_id)


@pytest.mark.timeout(180)
def test_the_window_lists_a_national_list_from_its_server(national, qtbot, tmp_path):
    url, frame = national
    window, dock, status = open_in_server_side_mode(qtbot, tmp_path, url)
    view = dock.widget().view
    summary = dock.widget().summary
    assert status.text().startswith(MODE)
    assert status.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: view.model().rowCount() == PAGE_SIZE, timeout=30_000)
    assert summary.text() == f"{ROWS:,} organisations in the whole country, counted by the server"
    assert _shown_numbers(view) == frame["corporate_number"].tolist()[:PAGE_SIZE]

    # scrolled to the end of the rows fetched: the next page comes, in the list's order
    dock.raise_()
    click_widget(qtbot, view.viewport(), view.visualRect(view.model().index(0, 1)).center())
    assert QApplication.focusWidget() is view
    press_key(qtbot, view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model().rowCount() >= 2 * PAGE_SIZE, timeout=30_000)
    rows = view.model().rowCount()
    assert _shown_numbers(view) == frame["corporate_number"].tolist()[:rows]

    # a bureau chosen in the regions list: its prefectures' organisations, counted and listed
    _click_bureau(qtbot, window, "kinki")
    prefectures = window.state.dataset.prefectures
    in_kinki = frame[frame["pref_code"].isin(
        prefectures.loc[prefectures["bureau_id"] == "kinki", "pref_code"])]
    expected = (f"{len(in_kinki):,} organisations in the prefectures of Kinki, counted by "
                "the server")
    qtbot.waitUntil(lambda: summary.text() == expected, timeout=30_000)
    assert _shown_numbers(view) == in_kinki["corporate_number"].tolist()[:PAGE_SIZE]
    names = dict(zip(prefectures["pref_code"], prefectures["name_en"], strict=True))
    assert {view.model().index(row, 3).data() for row in range(view.model().rowCount())} \
        <= {names[code] for code in in_kinki["pref_code"]}


@pytest.mark.timeout(240)
def test_a_server_gone_a_while_is_said_and_asked_again_once_back(national, postgis, qtbot,
                                                                 tmp_path):
    url, frame = national
    window, dock, status = open_in_server_side_mode(qtbot, tmp_path, url)
    summary = dock.widget().summary
    qtbot.waitUntil(lambda: summary.text().startswith(f"{ROWS:,} organisations"),
                    timeout=30_000)
    postgis.stop()
    try:
        _click_bureau(qtbot, window, "kinki")
        qtbot.waitUntil(lambda: status.text().startswith(
            "Server-side mode: the server did not answer ("), timeout=30_000)
    finally:
        postgis.start()
    _click_bureau(qtbot, window, "shikoku")
    prefectures = window.state.dataset.prefectures
    in_shikoku = frame["pref_code"].isin(
        prefectures.loc[prefectures["bureau_id"] == "shikoku", "pref_code"]).sum()
    qtbot.waitUntil(lambda: summary.text() == (
        f"{in_shikoku:,} organisations in the prefectures of Shikoku, counted by the server"),
        timeout=30_000)
    assert status.text().startswith(MODE)


@pytest.mark.timeout(300)
@pytest.mark.filterwarnings("ignore::geodata.sources.postgis.OfflineCopyWarning")
def test_the_offline_copy_keeps_the_counts_and_the_own_bureaus_rows(national, postgis, qtbot,
                                                                    tmp_path):
    url, frame = national
    window, dock, status = open_in_server_side_mode(qtbot, tmp_path, url)
    qtbot.waitUntil(lambda: status.text() == (
        f"{MODE}; the offline copy keeps the counts per prefecture (choose a bureau to keep "
        "its organisations too)"), timeout=60_000)
    _click_bureau(qtbot, window, "kinki")  # the user's own bureau: the one chosen last
    prefectures = window.state.dataset.prefectures
    in_kinki = frame[frame["pref_code"].isin(
        prefectures.loc[prefectures["bureau_id"] == "kinki", "pref_code"])]
    qtbot.waitUntil(lambda: status.text() == (
        f"{MODE}; the offline copy keeps the counts per prefecture and Kinki's "
        f"{len(in_kinki):,} organisations"), timeout=60_000)

    postgis.stop()
    try:
        with qtbot.waitSignal(window.sig_dataset_shown, timeout=90_000):
            window.open_dataset(url)  # the server gone: its offline copy opens
        qtbot.waitUntil(lambda: _status_line(window).startswith("Offline copy of "),
                        timeout=30_000)
        assert _status_line(window).endswith(
            f"the {ROWS:,} organisations counted per prefecture, and Kinki's rows; the other "
            "rows are on the server")
        docks = [dock for dock in window.findChildren(QDockWidget, "organisations_server_dock")
                 if dock.isVisible()]
        assert len(docks) == 1
        summary, view = docks[0].widget().summary, docks[0].widget().view
        qtbot.waitUntil(lambda: summary.text() == (
            f"{ROWS:,} organisations in the whole country, as the offline copy counted them; "
            "their rows are on the server"), timeout=30_000)
        _click_bureau(qtbot, window, "kinki")
        qtbot.waitUntil(lambda: summary.text() == (
            f"{len(in_kinki):,} organisations in the prefectures of Kinki, from the offline "
            "copy"), timeout=30_000)
        assert _shown_numbers(view) == in_kinki["corporate_number"].tolist()[:PAGE_SIZE]

        _click_bureau(qtbot, window, "shikoku")  # its rows were not kept: its count only
        in_shikoku = frame["pref_code"].isin(
            prefectures.loc[prefectures["bureau_id"] == "shikoku", "pref_code"]).sum()
        qtbot.waitUntil(lambda: summary.text() == (
            f"{in_shikoku:,} organisations in the prefectures of Shikoku, as the offline copy "
            "counted them; their rows are on the server"), timeout=30_000)
        assert view.model().rowCount() == 0
    finally:
        postgis.start()


@pytest.mark.timeout(180)
def test_a_dataset_without_a_list_keeps_the_window_as_it_was(postgis, qtbot, tmp_path):
    from desktop.sources.server_side import OBJECT_NAME, ServerSideMode

    url = postgis.url(schema="window_no_list")
    copy_dataset(BUNDLED_DATASET, url)
    window = open_window(qtbot, tmp_path, url)
    qtbot.waitUntil(lambda: window.findChild(ServerSideMode, OBJECT_NAME) is None,
                    timeout=30_000)  # the server said it has no list: the mode ended
    assert window.findChild(QDockWidget, "organisations_server_dock") is None
    assert _status_line(window) == ""


@pytest.mark.timeout(180)
def test_a_password_written_in_the_location_is_the_modes_too(postgis, qtbot, tmp_path):
    """The mode connected with the location shown (without its password): a server that asks
    for one refused it, and the panel said the server did not answer."""
    from postgis_server import BUREAU_PASSWORD, BUREAU_USER

    url = postgis.url(user=BUREAU_USER, password=BUREAU_PASSWORD, schema="window_password")
    copy_dataset(BUNDLED_DATASET, url)
    lines = list(organisation_lines(ROWS, load_dataset().places))
    database = parse_location(url)
    with connect(database) as connection:
        write_organisations(connection, database.schema, lines)
    window, dock, status = open_in_server_side_mode(qtbot, tmp_path, url)
    view = dock.widget().view
    qtbot.waitUntil(lambda: view.model().rowCount() == PAGE_SIZE, timeout=30_000)
    assert status.text().startswith(MODE)
    assert BUREAU_PASSWORD not in status.text() + window.windowTitle()


# --- the map ------------------------------------------------------------------------------
def _drawn(qtbot, window) -> dict:
    """What the page draws of the list now: {level, items: [{count, key, name, point}]}."""
    return page_json(qtbot, window, "serverOrganisations")


def _drawn_at_rest(qtbot, window, mode) -> dict:
    """What the page draws once the view has held still and the answer for it came."""
    wait_still(qtbot, window)
    zoom = page_json(qtbot, window, "view")["zoom"]
    qtbot.waitUntil(lambda: mode.map.drawn is not None and mode.map.drawn["zoom"] == zoom
                    and _drawn(qtbot, window)["level"] == mode.map.drawn["level"],
                    timeout=30_000)
    return _drawn(qtbot, window)


def _points_of(frame) -> tuple:
    import shapely

    points = shapely.from_wkb(frame["point"].to_numpy())
    return shapely.get_x(points), shapely.get_y(points)


def _in_bounds(frame, bounds) -> pd.DataFrame:
    west, south, east, north = bounds
    lon, lat = _points_of(frame)
    return frame[(lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)]


def _free_point(qtbot, window, item) -> list[float]:
    """A point inside ``item``'s circle that no project's marker covers (a marker drawn
    over the count takes the click there, as it should)."""
    ids = page_json(qtbot, window, "visibleProjectIds")
    markers = [point for point in page_json(qtbot, window, "markerPoints", ids).values()
               if point is not None]
    x, y = item["point"]
    reach = 0.6 * item["radius"]
    candidates = [(x + dx * reach / 3, y + dy * reach / 3)
                  for dx in range(-3, 4) for dy in range(-3, 4) if dx * dx + dy * dy <= 9]
    candidates.sort(key=lambda point: (point[0] - x) ** 2 + (point[1] - y) ** 2)
    return list(next(point for point in candidates
                     if all((point[0] - mx) ** 2 + (point[1] - my) ** 2 > 14 ** 2
                            for mx, my in markers)))


def _expected_counts(window, frame, level: str) -> dict[str, int]:
    prefectures = window.state.dataset.prefectures
    if level == "prefecture":
        return {str(code): int(count) for code, count in frame["pref_code"].value_counts().items()}
    bureau_of = dict(zip(prefectures["pref_code"], prefectures["bureau_id"], strict=True))
    return {str(bureau): int(count) for bureau, count in
            frame["pref_code"].map(bureau_of).value_counts().items()}


def _check_drawn(window, frame, drawn: dict, answer: dict) -> None:
    """The counts drawn are the list's: per bureau or prefecture as the rows say, a grid's
    clusters or the points summing to the rows inside the view's bounds."""
    level = drawn["level"]
    if level in ("bureau", "prefecture"):
        assert {item["key"]: item["count"] for item in drawn["items"]} == \
            _expected_counts(window, frame, level)
        return
    inside = _in_bounds(frame, answer["bounds"])
    assert sum(item["count"] for item in drawn["items"]) == len(inside)
    if level == "points":
        assert sorted(item["name"] for item in drawn["items"]) == sorted(inside["name"])


@pytest.mark.timeout(240)
def test_the_map_draws_the_list_as_the_server_counts_it_for_each_view(national, qtbot,
                                                                      tmp_path):
    from desktop.sources.server_side import OBJECT_NAME, ServerSideMode
    from geodata.server_side.organisation_map import level_for

    url, frame = national
    window, _dock, _status = open_in_server_side_mode(qtbot, tmp_path, url)
    mode = window.findChild(ServerSideMode, OBJECT_NAME)
    qtbot.waitUntil(lambda: mode.map is not None, timeout=30_000)

    # the whole country: a count per bureau, each as many as the rows of its prefectures
    drawn = _drawn_at_rest(qtbot, window, mode)
    assert drawn["level"] == "bureau" == level_for(page_json(qtbot, window, "view")["zoom"])
    _check_drawn(window, frame, drawn, mode.map.drawn)

    # a click on the largest count zooms in on it; what that view shows follows
    before = page_json(qtbot, window, "view")["zoom"]
    largest = max(drawn["items"], key=lambda item: item["count"])
    click(qtbot, window, _free_point(qtbot, window, largest))
    qtbot.waitUntil(lambda: page_json(qtbot, window, "view")["zoom"] == before + 2,
                    timeout=30_000)
    drawn = _drawn_at_rest(qtbot, window, mode)
    zoom = page_json(qtbot, window, "view")["zoom"]
    assert drawn["level"] == level_for(zoom) != "bureau"
    _check_drawn(window, frame, drawn, mode.map.drawn)

    # the wheel turned over the largest cluster: closer views, down to the organisations
    for _turn in range(3):
        largest = max(drawn["items"], key=lambda item: item["count"])
        wheel(qtbot, window, largest["point"], 2)
        qtbot.waitUntil(lambda zoom=zoom: page_json(qtbot, window, "view")["zoom"] > zoom,
                        timeout=30_000)
        drawn = _drawn_at_rest(qtbot, window, mode)
        zoom = page_json(qtbot, window, "view")["zoom"]
        _check_drawn(window, frame, drawn, mode.map.drawn)
        if drawn["level"] == "points":
            break
    assert drawn["level"] == "points" and drawn["items"]


@pytest.mark.timeout(240)
def test_a_chosen_bureau_narrows_the_map_to_its_organisations(national, qtbot, tmp_path):
    from desktop.sources.server_side import OBJECT_NAME, ServerSideMode

    url, frame = national
    window, _dock, _status = open_in_server_side_mode(qtbot, tmp_path, url)
    mode = window.findChild(ServerSideMode, OBJECT_NAME)
    qtbot.waitUntil(lambda: mode.map is not None and mode.map.drawn is not None,
                    timeout=30_000)
    _click_bureau(qtbot, window, "kinki")
    prefectures = window.state.dataset.prefectures
    in_kinki = frame[frame["pref_code"].isin(
        prefectures.loc[prefectures["bureau_id"] == "kinki", "pref_code"])]
    qtbot.waitUntil(lambda: sum(item["count"] for item in mode.map.drawn["items"])
                    < len(frame), timeout=30_000)
    drawn = _drawn_at_rest(qtbot, window, mode)
    assert drawn["items"]
    _check_drawn(window, in_kinki, drawn, mode.map.drawn)
