"""PowerPoint that behaves like PowerPoint: 16:9 layouts that fit, the title in the title
placeholder, alt text on the map, and the user's own template (.pptx or .potx)."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Inches

from desktop.export.pptx_template import PRESENTATION_TYPE, TEMPLATE_TYPE
from desktop.export.runner import run
from desktop.export.safe_write import ExportError
from desktop.export.slides import slides_bytes, slides_for
from desktop.export.spec import ExportSpec, SpecError, check_spec
from geodata import Filter, load_dataset

SMALL = (320, 180)
MASTER_MARK = "MINISTRY MASTER 経済産業省"
LAYOUT_NAME = "Ministry title only"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def deck(ds, qapp):
    spec = ExportSpec(Path("deck.pptx"), size=SMALL, per_bureau=True,
                      title="産業クラスター — Japan")
    return Presentation(io.BytesIO(slides_bytes(slides_for(ds, spec))))


def _first_placeholder(slide):
    return next(iter(slide.placeholders))


def test_every_slide_has_its_title_in_its_first_placeholder(deck, ds):
    assert len(deck.slides) == 1 + 2 * len(ds.bureaus)
    titles = []
    for slide in deck.slides:
        first = _first_placeholder(slide)
        assert first.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert slide.shapes.title.shape_id == first.shape_id
        titles.append(first.text_frame.text)
    assert titles[0] == "産業クラスター — Japan"
    for position, name in enumerate(ds.bureaus["name_en"]):
        assert name in titles[1 + 2 * position]  # its map
        assert name in titles[2 + 2 * position]  # its figures


def test_slides_are_16_9_and_the_layouts_fit_them(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    for master in deck.slide_masters:
        for owner in [master, *master.slide_layouts]:
            for shape in owner.placeholders:
                assert shape.left + shape.width <= deck.slide_width, (owner.name, shape.name)
    body = next(shape for shape in deck.slide_master.placeholders
                if shape.placeholder_format.type == PP_PLACEHOLDER.BODY)
    assert body.width > Inches(11)  # widened with the slide, not left at 4:3's 9 in


def test_the_map_picture_has_alt_text_that_describes_it(deck, ds):
    pictures = [shape for shape in deck.slides[0].shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    description = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert description.startswith("Map: 産業クラスター — Japan.")
    assert f"Cluster projects shown: {len(ds.projects)}," in description
    kinki = [shape for shape in deck.slides[1 + 2 * 4].shapes
             if shape.shape_type == MSO_SHAPE_TYPE.PICTURE][0]
    bureau = ds.bureaus["name_en"].iat[4]
    assert f"The {bureau} region is highlighted." in kinki._element.nvPicPr.cNvPr.get("descr")


def test_the_caption_stays_editable_text(deck):
    texts = [shape.text_frame.text for shape in deck.slides[0].shapes
             if shape.has_text_frame and not shape.is_placeholder]
    assert any(text.startswith("Sources:") for text in texts)


def _template(path, *, keep_titles=True):
    """A template with a distinctive master shape, its title-only layout renamed and moved
    off python-pptx's index, and a slide of its own that the export must drop."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    own_slide = deck.slides.add_slide(deck.slide_layouts[6])
    mark = own_slide.shapes.add_textbox(Inches(11), Inches(7), Inches(2), Inches(0.4))
    mark.text_frame.text = MASTER_MARK
    mark._element.nvSpPr.cNvPr.id = 1000  # python-pptx adds no shapes to a master: moved there
    deck.slide_master.shapes._spTree.append(mark._element)
    layouts = deck.slide_layouts
    for layout in list(layouts):
        has_title = any(shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE,
                                                          PP_PLACEHOLDER.CENTER_TITLE)
                        for shape in layout.placeholders)
        if layout.name == "Title Only" and keep_titles:
            layout.name = LAYOUT_NAME
        elif layout.name in ("Title and Content", "Section Header") or (
                has_title and not keep_titles):
            layouts.remove(layout)
    deck.save(str(path))
    return path


def _as_potx(pptx_path, potx_path):
    with zipfile.ZipFile(pptx_path) as source, zipfile.ZipFile(potx_path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(PRESENTATION_TYPE, TEMPLATE_TYPE)
            target.writestr(item, content)
    return potx_path


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_a_template_gives_the_slides_its_master_and_title_layout(ds, qapp, tmp_path, suffix):
    template = _template(tmp_path / "ministry.pptx")
    if suffix == ".potx":
        template = _as_potx(template, tmp_path / "ministry.potx")
        assert TEMPLATE_TYPE in zipfile.ZipFile(template).read("[Content_Types].xml")
        with pytest.raises(ValueError):
            Presentation(str(template))  # what python-pptx makes of a .potx by itself
    out = tmp_path / "deck.pptx"
    spec = check_spec(ExportSpec(out, Filter(bureau_id="kinki"), size=SMALL,
                                 template=template), ds)
    run(ds, spec)
    deck = Presentation(str(out))
    assert len(deck.slides) == 1  # the template's own slide is not kept
    slide = deck.slides[0]
    assert slide.slide_layout.name == LAYOUT_NAME
    master_texts = [shape.text_frame.text for shape in slide.slide_layout.slide_master.shapes
                    if shape.has_text_frame]
    assert MASTER_MARK in master_texts
    assert _first_placeholder(slide).text_frame.text == "Industrial clusters — Kinki"


def test_a_template_without_a_title_layout_is_refused_with_a_clear_message(ds, qapp, tmp_path):
    template = _template(tmp_path / "no-titles.pptx", keep_titles=False)
    out = tmp_path / "deck.pptx"
    with pytest.raises(ExportError, match="no slide layout with a title placeholder"):
        run(ds, ExportSpec(out, size=SMALL, template=template))
    assert not out.exists()


def test_a_template_that_is_not_powerpoint_is_refused(ds, qapp, tmp_path):
    template = tmp_path / "notes.pptx"
    template.write_text("not a presentation")
    with pytest.raises(ExportError, match="is not a PowerPoint .pptx or .potx file"):
        run(ds, ExportSpec(tmp_path / "deck.pptx", size=SMALL, template=template))


def test_the_command_line_takes_a_template(ds, tmp_path):
    template = _template(tmp_path / "ministry.pptx")
    out = tmp_path / "cli.pptx"
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "export", str(out), "--size",
                           "320x180", "--template", str(template)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert Presentation(str(out)).slides[0].slide_layout.name == LAYOUT_NAME
    with pytest.raises(SpecError, match="--template needs a .pptx output"):
        check_spec(ExportSpec(tmp_path / "map.png", template=template), ds)


@pytest.mark.parametrize("bureau_id", ["kinki", None])
def test_the_map_text_on_a_slide_is_8_pt_or_more_as_shown(ds, qapp, bureau_id):
    """The slide's picture is shown smaller than the slide (between title and caption): its
    place names came out at 4–5 pt on the Kinki slide (issue 26)."""
    from desktop.export.map_painter import MapPainter
    from desktop.export.slides import picture_points
    from desktop.map.cartography import TEXT_PT

    spec = ExportSpec(Path("k.pptx"), Filter(bureau_id=bureau_id))
    deck = Presentation(io.BytesIO(slides_bytes(slides_for(ds, spec))))
    picture = next(shape for shape in deck.slides[0].shapes
                   if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    shown_pt = picture.width.pt
    pixels_per_pt = spec.size[0] / shown_pt
    painter = MapPainter(ds, spec, with_text=False, shown_points=picture_points(spec))
    smallest = min(painter.font(kind).pixelSize() for kind in TEXT_PT) / pixels_per_pt
    assert smallest >= 8 - 0.3, f"map text at {smallest:.1f} pt on the slide"


def test_a_japanese_per_bureau_deck_says_its_figures_slides_sources_in_japanese(ds, qapp):
    """The figures slide after each bureau's map said "Sources:" in a Japanese deck."""
    spec = ExportSpec(Path("deck.pptx"), size=SMALL, per_bureau=True, language="ja")
    deck = Presentation(io.BytesIO(slides_bytes(slides_for(ds, spec))))
    figures_slide = deck.slides[2]
    texts = [shape.text_frame.text for shape in figures_slide.shapes if shape.has_text_frame]
    assert not any(text.startswith("Sources:") for text in texts)
    assert any("出典：" in text for text in texts)
