"""The saved-view file format: round trips, and clear refusals of files that are not views."""

import json

import pytest
from PySide6.QtCore import QSettings

from desktop.app.settings import read_saved_views, write_saved_views
from desktop.common.view_file import (
    MAX_FILE_BYTES,
    SavedView,
    ViewFileError,
    known_part,
    read_view_document,
    unknown_ids,
    view_document,
)
from geodata import load_dataset

VIEW = SavedView(name="Kinki biotech 大阪", fields=("biotechnology",), programs=(),
                 text="bio", fiscal_year=2003, bureau_id="kinki",
                 project_id="kansai-bio-cluster", tieup_id=None, show_tieups=True,
                 show_prefectures=False, center={"lat": 34.7, "lon": 135.5, "zoom": 8.0},
                 bounds=[[33.0, 133.0], [36.0, 138.0]])


def test_a_view_round_trips_through_its_file():
    data = view_document(VIEW)
    assert len(data) < 2_000
    document = json.loads(data)
    assert document["format"] == "cluster-explorer-view" and document["version"] == 1
    assert read_view_document(data) == VIEW


def test_views_round_trip_through_the_settings(tmp_path, qapp):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    write_saved_views(settings, [VIEW])
    settings.sync()
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert read_saved_views(again) == [VIEW]
    write_saved_views(again, [VIEW, SavedView("Whole country")])
    assert [view.name for view in read_saved_views(again)] == [VIEW.name, "Whole country"]
    write_saved_views(again, [])
    assert read_saved_views(again) == []


def document(**view) -> bytes:
    return json.dumps({"format": "cluster-explorer-view", "version": 1,
                       "view": {"name": "x", **view}}).encode()


@pytest.mark.parametrize("data, reason", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[]", "not a Cluster Explorer view"),
    (json.dumps({"format": "other"}).encode(), "not a Cluster Explorer view"),
    (json.dumps({"format": "cluster-explorer-view", "version": 99, "view": {}}).encode(),
     "version 99"),
    (b" " * (MAX_FILE_BYTES + 1), "at most"),
    (document(evil="x"), "unknown keys in the view: evil"),
    (document(fields="biotechnology"), "'fields' must be a list"),
    (document(fields=["x"] * 1000), "'fields' must be a list of at most"),
    (document(show_tieups="yes"), "'show_tieups' must be true or false"),
    (document(center={"lat": 999, "lon": 0, "zoom": 5}), "'center.lat' must be a number"),
    (document(bounds=[[0, 0]]), "'bounds' must be"),
    (document(name=""), "no name"),
    (document(name="a\x00b"), "control characters"),
    (document(fiscal_year=True), "'fiscal_year'"),
])
def test_a_bad_file_is_refused_with_a_clear_reason(data, reason):
    with pytest.raises(ViewFileError, match=reason.replace("(", r"\(").replace("[", r"\[")):
        read_view_document(data)


def test_ids_the_dataset_lacks_are_reported_and_left_out():
    ds = load_dataset()
    view = SavedView("shared", fields=("biotechnology", "warp-drives"),
                     project_id="no-such-project", bureau_id="kinki", tieup_id="nope")
    assert unknown_ids(view, ds) == ['field "warp-drives"', 'project "no-such-project"',
                                     'tie-up "nope"']
    kept = known_part(view, ds)
    assert kept.fields == ("biotechnology",) and kept.project_id is None
    assert kept.bureau_id == "kinki" and kept.tieup_id is None
    assert unknown_ids(kept, ds) == []
