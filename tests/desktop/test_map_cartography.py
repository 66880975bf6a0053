"""Maps a ministry can publish (issue 26): the largest cities named, text readable on a slide,
Okinawa in an inset and whole, a legend of what is drawn, captions off the land."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import shapely

from desktop.export.map_frame import fitted_frame
from desktop.export.map_painter import MapPainter
from desktop.export.spec import ExportSpec
from desktop.export.vector import write_vector
from geodata import Filter, load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _svg_runs(path) -> list[tuple[str, float]]:
    """(text, font size in px) of every text run of a QSvgGenerator drawing."""
    runs = []

    def walk(element, size):
        style = element.get("font-size")
        if style:
            size = float(re.match(r"[\d.]+", style).group())
        if element.tag.endswith("text"):
            text = "".join(element.itertext()).strip()
            if text:
                runs.append((text, size))
        for child in element:
            walk(child, size)

    walk(ET.parse(path).getroot(), None)
    return runs


def _largest_cities(ds, language: str) -> list[str]:
    column = "name_ja" if language == "ja" else "name_en"
    return ds.places.sort_values("population", ascending=False)[column].head(8).tolist()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_national_map_names_the_largest_cities_even_under_markers(qapp, ds, tmp_path,
                                                                      language):
    out = tmp_path / f"japan-{language}.svg"
    write_vector(ds, ExportSpec(out, language=language), out)
    texts = {text for text, _size in _svg_runs(out)}
    named = [city for city in _largest_cities(ds, language) if city in texts]
    assert len(named) >= 7, f"named only {named}"
    assert ("大阪市" if language == "ja" else "Osaka") in named


def test_no_text_run_of_a_1920x1080_export_is_under_16_px(qapp, ds, tmp_path):
    for name, spec_filter, tieups in (("japan", Filter(), False),
                                      ("kinki", Filter(bureau_id="kinki"), False),
                                      ("tieups", Filter(bureau_id="kinki"), True)):
        out = tmp_path / f"{name}.svg"
        write_vector(ds, ExportSpec(out, spec_filter, show_tieups=tieups), out)
        runs = _svg_runs(out)
        small = [(text, size) for text, size in runs if size is None or size < 16]
        assert len(runs) > 20 and not small, (name, small[:5])


def _shown(painter, lon: float, lat: float) -> bool:
    """Whether the picture shows (lon, lat): in the main map or in an inset."""
    frames = [(painter.frame, painter.frame.width, painter.map_height)]
    frames += [(frame, frame.width, frame.height) for _box, frame in painter.insets]
    for frame, width, height in frames:
        xs, ys = frame.to_pixels([lon], [lat])
        if 0 < xs[0] < width and 0 < ys[0] < height:
            return True
    return False


@pytest.mark.parametrize("bureau_id, names", [
    ("okinawa", ("与那国町", "南大東村", "北大東村", "石垣市", "那覇市")),
    ("kyushu", ("与論町", "奄美市", "対馬市", "屋久島町", "福岡市")),
    ("kanto", ("八丈町", "青ヶ島村", "大島町", "横浜市")),
    ("hokkaido", ("稚内市", "根室市", "函館市")),
])
def test_a_bureau_slide_holds_all_its_inhabited_islands(qapp, ds, bureau_id, names):
    places = ds.places.set_index("name_ja").geometry
    painter = MapPainter(ds, ExportSpec("o.png", Filter(bureau_id=bureau_id)), with_text=False)
    for name in names:
        assert _shown(painter, places[name].x, places[name].y), name


def test_the_okinawa_frame_holds_yonaguni_and_the_main_frame_minami_daito_inset(qapp, ds):
    places = ds.places.set_index("name_ja").geometry
    frame = fitted_frame(ds, ExportSpec("o.png", Filter(bureau_id="okinawa")))
    xs, ys = frame.to_pixels([places["与那国町"].x], [places["与那国町"].y])
    assert 0 < xs[0] < frame.width and 0 < ys[0] < frame.height
    painter = MapPainter(ds, ExportSpec("o.png", Filter(bureau_id="okinawa")), with_text=False)
    (_box, daito), = painter.insets
    xs, ys = daito.to_pixels([places["南大東村"].x], [places["南大東村"].y])
    assert 0 < xs[0] < daito.width and 0 < ys[0] < daito.height


def test_the_northern_territories_are_framed_with_hokkaido(ds):
    from desktop.map.framing import bureau_frame, national_layout

    assert bureau_frame(ds, "hokkaido").east > 148.7, "Etorofu's east cape"
    assert national_layout(ds)[0].east > 148.7


def test_the_national_map_draws_okinawa_in_an_inset_and_the_main_islands_large(qapp, ds):
    from desktop.map.framing import national_layout

    main, insets = national_layout(ds)
    assert [what for what, _frame in insets] == ["okinawa"]
    assert main.south > 30.0, "the main frame is Kyushu to Hokkaido"
    painter = MapPainter(ds, ExportSpec("j.png"))
    (box, frame), = painter.insets
    places = ds.places.set_index("name_ja").geometry
    for name in ("与那国町", "南大東村", "那覇市"):
        xs, ys = frame.to_pixels([places[name].x], [places[name].y])
        assert 0 < xs[0] < box.width() and 0 < ys[0] < box.height(), name
    sapporo, kagoshima = places["札幌市"], places["鹿児島市"]
    _xs, ys = painter.frame.to_pixels([sapporo.x, kagoshima.x], [sapporo.y, kagoshima.y])
    assert ys[1] - ys[0] > 0.6 * painter.frame.height, "the main islands fill the picture"


def test_a_tieup_map_keeps_its_bureau_readable_in_an_inset(qapp, ds):
    painter = MapPainter(ds, ExportSpec("t.png", Filter(bureau_id="kinki"), show_tieups=True))
    (box, frame), = painter.insets
    assert frame.zoom > painter.frame.zoom + 3
    assert box.height() > 0.35 * painter.map_height


def test_the_legend_lists_only_the_fields_drawn(qapp, ds, tmp_path):
    out = tmp_path / "okinawa.svg"
    spec = ExportSpec(out, Filter(bureau_id="okinawa"))
    write_vector(ds, spec, out)
    texts = {text for text, _size in _svg_runs(out)}
    okinawa = ds.projects[ds.projects["bureau_id"] == "okinawa"]
    drawn = {fields[0] for fields in okinawa["fields"]}  # nothing else is in its frame
    labels = dict(zip(ds.fields["field_id"], ds.fields["name_en"], strict=True))
    hidden = [labels[field] for field in ds.fields["field_id"] if field not in drawn]
    assert hidden and not [label for label in hidden if label in texts]


@pytest.mark.parametrize("bureau_id", [None, "okinawa", "kyushu", "hokkaido"])
def test_the_caption_covers_no_land(qapp, ds, bureau_id):
    painter = MapPainter(ds, ExportSpec("c.png", Filter(bureau_id=bureau_id)))
    box = painter.caption_box()
    caption = shapely.box(box.left(), box.top(), box.right(), box.bottom())
    countries, bureaus = painter.land()
    land = [shape for shape in np.concatenate([countries, bureaus])
            if not shapely.is_empty(shape)]
    # the map is drawn above the caption's band and clipped there
    assert box.top() >= painter.map_height
    shown = shapely.box(0, 0, painter.frame.width, painter.map_height)
    assert not any(shapely.intersects(caption, shapely.intersection(shape, shown))
                   for shape in land)


@pytest.mark.parametrize("font_px", [12, 18])
def test_partner_names_are_not_drawn_on_japan(qapp, ds, font_px):
    from desktop.export.map_painter import pixel_font
    from desktop.map.framing import tieup_arcs

    painter = MapPainter(ds, ExportSpec("k.png", Filter(bureau_id="kinki"), show_tieups=True))
    tieups = painter.drawn_tieups()
    arcs = tieup_arcs(ds, tieups)
    xs, ys = painter.frame.to_pixels(arcs[:, -1, 1], arcs[:, -1, 0])
    japan = shapely.union_all(painter.frame.project(np.asarray(ds.bureaus.geometry.array),
                                                    0.25))
    for text, box in painter.partner_labels(tieups["partner"].tolist(), xs, ys,
                                            pixel_font(font_px)):
        assert not shapely.intersects(
            shapely.box(box.left(), box.top(), box.right(), box.bottom()), japan), text


@pytest.mark.parametrize("bureau_id", [None, "kinki", "kanto", "kyushu"])
def test_bureau_names_are_never_under_a_marker(qapp, ds, bureau_id):
    from desktop.map.cartography import MAP_STYLE

    painter = MapPainter(ds, ExportSpec("b.png", Filter(bureau_id=bureau_id)))
    radius = MAP_STYLE["project"]["normal"]["radius"]
    xs, ys = painter.marker_pixels()
    markers = shapely.buffer(shapely.points(np.column_stack([xs, ys])), radius)
    shown = shapely.box(0, 0, painter.frame.width, painter.frame.height)
    for _x, _y, lines, box in painter.bureau_names():
        name = shapely.box(*box)
        if not shapely.intersects(name, shown):
            continue  # off the picture (Okinawa's true place below a national map)
        assert not shapely.intersects(name, markers).any(), lines[0][0]
