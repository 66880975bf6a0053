"""Imported organisations on the map: the page data and state (no Qt), the window's state, and
the export painter drawing them as the page does — squares under the project markers, a fill
per kind from the one rule in cartography.py, listed in the legend, left out when hidden."""

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from imported_list import CITIES, imported_dataset
from PIL import Image

from desktop.map import cartography
from desktop.map.page_data import imported_organisations, page_json
from desktop.map.page_state import map_state
from geodata import Filter, load_dataset


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return load_dataset(imported_dataset(tmp_path_factory.mktemp("imported")))


def test_the_bundled_dataset_has_an_empty_organisation_layer():
    bundled = load_dataset()
    assert imported_organisations(bundled).empty
    assert json.loads(page_json(bundled))["organisations"] == []
    state = map_state(bundled, Filter(), None, False, True)
    assert state.visible_organisations == [] and state.organisation_legend == []


def test_the_page_data_carries_each_imported_organisation_with_its_kind_fill(ds):
    data = json.loads(page_json(ds))
    organisations = {row["id"]: row for row in data["organisations"]}
    imported = imported_organisations(ds).set_index("participant_id")
    assert set(organisations) == set(imported.index) and len(organisations) == len(CITIES)
    for participant_id, row in organisations.items():
        source = imported.loc[participant_id]
        assert row["kind"] == source["kind"] and row["project_id"] == source["project_id"]
        assert row["fill"] == cartography.ORGANISATION_FILLS[
            cartography.organisation_class(source["kind"])]
        assert (row["lon"], row["lat"]) == pytest.approx(
            (source.geometry.x, source.geometry.y), abs=1e-4)
    # a name is data, never markup: it reaches the page as the text it is (escaped there)
    assert any(row["name"] == "<b>大阪</b>試験銀行" for row in organisations.values())
    # the curated participants (the sources' named organisations) are not on this layer
    assert len(ds.participants) > len(organisations)
    # the look and every fill the page applies come with the data (one rule, cartography)
    assert data["style"]["organisation"] == cartography.MAP_STYLE["organisation"]
    assert data["style"]["organisation_fills"] == cartography.ORGANISATION_FILLS
    assert data["text"]["organisations_title"] == "Imported organisations"
    assert data["text"]["kind:company"] == "Company"
    assert data["text"]["organisations:other"] == "Other organisations"


def test_a_project_hidden_by_a_filter_hides_its_organisations(ds):
    every = map_state(ds, Filter(), None, False, True)
    assert len(every.visible_organisations) == len(CITIES)
    assert every.organisation_legend == list(cartography.ORGANISATION_FILLS)
    imported = imported_organisations(ds)
    project_id = imported["project_id"].iloc[0]
    field = ds.projects.set_index("project_id").loc[project_id, "fields"][0]
    filtered = map_state(ds, Filter(fields=frozenset({field})), None, False, True)
    shown_projects = set(filtered.visible_projects)
    expected = imported[imported["project_id"].isin(shown_projects)]["participant_id"]
    assert filtered.visible_organisations == expected.tolist()
    assert 0 < len(expected) < len(CITIES)


def test_selecting_an_organisation_selects_its_project_and_bureau(qapp, ds):
    from desktop.common.loaded_dataset import LoadedDataset
    from desktop.state import ExplorerState

    state = ExplorerState()
    state.set_dataset(LoadedDataset(ds))
    organisation = imported_organisations(ds).iloc[2]
    state.select_organisation(organisation["participant_id"])
    assert state.selected_organisation == organisation["participant_id"]
    assert state.filter.project_id == organisation["project_id"]
    bureau = ds.projects.set_index("project_id").loc[organisation["project_id"], "bureau_id"]
    assert state.filter.bureau_id == bureau
    state.select_project(organisation["project_id"])
    assert state.selected_organisation is None
    state.select_organisation("no-such-organisation")
    assert state.selected_organisation is None


def _picture(ds, tmp_path, name: str, flt: Filter, **options):
    from desktop.export.raster import render_image
    from desktop.export.spec import ExportSpec

    spec = ExportSpec(tmp_path / name, flt, size=(1280, 720), show_places=False, **options)
    path = tmp_path / name
    render_image(ds, spec).save(str(path))
    return np.asarray(Image.open(path).convert("RGB"), dtype=int), spec


@pytest.mark.parametrize("flt", [Filter(), Filter(bureau_id="kanto")], ids=["japan", "kanto"])
def test_the_export_places_each_organisation_where_the_page_does(qapp, ds, flt):
    """The painter's centres are the page data's points, on the page's fan ring below the
    zoom the ring opens at (fanout.py), projected as the page projects them."""
    from desktop.export.map_painter import MapPainter
    from desktop.export.spec import ExportSpec

    painter = MapPainter(ds, ExportSpec("m.png", flt, size=(1280, 720)))
    drawn = painter.drawn_organisations()
    xs, ys = painter.organisation_pixels()
    page = {row["id"]: row for row in json.loads(page_json(ds))["organisations"]}
    frame = painter.frame
    for participant_id, x, y in zip(drawn["participant_id"], xs, ys, strict=True):
        row, dx, dy = page[participant_id], 0.0, 0.0
        lon, lat = row["lon"], row["lat"]
        if row["fan"] and frame.zoom < row["fan"]["until_zoom"]:
            lon, lat, dx, dy = row["fan"]["lon"], row["fan"]["lat"], row["fan"]["dx"], \
                row["fan"]["dy"]
        page_x, page_y = frame.to_pixels([lon], [lat])
        assert (x, y) == pytest.approx((page_x[0] + dx, page_y[0] + dy), abs=0.5)


def test_the_export_draws_an_organisation_as_the_page_does(qapp, ds, tmp_path):
    """A square of the page's fill for its kind, under the project markers; nothing when the
    layer is hidden. Framed on Kanto: Yokohama's organisation lies clear of every project."""
    from desktop.export.map_painter import MapPainter

    kanto = Filter(bureau_id="kanto")
    shown, spec = _picture(ds, tmp_path, "shown.png", kanto)
    hidden, _ = _picture(ds, tmp_path, "hidden.png", kanto, show_organisations=False)
    painter = MapPainter(ds, spec)
    drawn = painter.drawn_organisations()
    xs, ys = painter.organisation_pixels()
    marker_xs, marker_ys = painter.marker_pixels()
    look = cartography.organisation_look(False)
    reach = cartography.MAP_STYLE["project"]["normal"]["radius"] + 2 * look["radius"] + 2
    page = {row["id"]: row for row in json.loads(page_json(ds))["organisations"]}
    seen = 0
    for participant_id, x, y in zip(drawn["participant_id"], xs, ys, strict=True):
        inside = 0 <= x < shown.shape[1] and 0 <= y < shown.shape[0]
        if not inside or np.hypot(marker_xs - x, marker_ys - y).min() < reach:
            continue  # off the picture, or a project's marker is drawn over it
        seen += 1
        fill = page[participant_id]["fill"]  # the page's fill for the same organisation
        expected = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
        assert np.abs(shown[round(y), round(x)] - expected).max() <= 12, participant_id
        # a square, not a circle: drawn to its corners (a circle leaves them untouched)
        half = look["radius"]  # CSS pixels, as the project markers
        corner = (round(y - half + 0.5), round(x - half + 0.5))
        assert np.abs(shown[corner] - hidden[corner]).max() > 40, participant_id
    assert seen >= 1, "Yokohama's organisation lies clear of the project markers"


def test_the_export_legend_lists_the_organisations_shown_and_only_then(qapp, ds, tmp_path):
    from desktop.export.spec import ExportSpec
    from desktop.export.vector import write_vector

    def texts(name, **options):
        spec = ExportSpec(tmp_path / name, Filter(), size=(1280, 720), whole_country=True,
                          **options)
        write_vector(ds, spec, spec.out)
        return ["".join(element.itertext()) for element in ET.parse(spec.out).iter()
                if element.tag.endswith("text")]

    shown = texts("shown.svg")
    assert "Imported organisations" in shown
    for words in ("Companies", "Universities", "Research institutes", "Other organisations"):
        assert words in shown
    hidden = texts("hidden.svg", show_organisations=False)
    assert "Imported organisations" not in hidden and "Other organisations" not in hidden
    japanese = "".join(texts("ja.svg", language="ja"))  # the SVG cuts text at each script
    assert "取り込んだ参加機関" in japanese and "その他の機関" in japanese


@pytest.mark.parametrize("flag", [[], ["--no-organisations"]], ids=["shown", "left-out"])
def test_the_export_command_leaves_the_organisations_out_when_told(qapp, ds, tmp_path, flag):
    from desktop.cli import main

    out = tmp_path / "map.svg"
    assert main(["export", str(out), "--data", str(ds.path), "--lang", "en", *flag]) in (0, None)
    texts = " ".join("".join(element.itertext()) for element in ET.parse(out).iter()
                     if element.tag.endswith("text"))
    assert ("Imported organisations" in texts) == (not flag)


@pytest.mark.parametrize("text", ["", None])
def test_no_viewport_from_a_closing_page_is_no_warning(text, caplog):
    """A window closed while the server-side map asked the page where it stands got "" back
    and logged "the map page sent a malformed viewport" at every such quit."""
    import logging
    from types import SimpleNamespace

    from desktop.sources.organisation_map import OrganisationMap

    asked = []
    fake = SimpleNamespace(mode=SimpleNamespace(worker=SimpleNamespace(
        ask=lambda *args: asked.append(args))))
    with caplog.at_level(logging.WARNING):
        OrganisationMap._ask_parsed(fake, text)
        assert not caplog.records and not asked
        OrganisationMap._ask_parsed(fake, "{not json")
    assert "malformed viewport" in caplog.text and not asked
