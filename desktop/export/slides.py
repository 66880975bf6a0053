"""PowerPoint: a 16:9 slide per map, with the title and the source caption as real text boxes.

The map picture is the PNG export without its own title and caption, fitted between them, so
everything on the slide stays editable. The per-bureau deck follows each bureau's map with a
figures slide: its projects' companies and universities as a native, editable chart.
"""

import dataclasses
import io
from collections.abc import Mapping
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from desktop.export.plain_text import printable
from desktop.export.raster import png_bytes, render_image
from desktop.export.spec import ExportSpec, caption_for, title_for
from geodata import Dataset, figures, run_query

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.3)
TITLE_HEIGHT = Inches(0.75)
CAPTION_HEIGHT = Inches(0.45)
# What the text boxes hold before they spill over the map: two lines of the 28 pt title, four
# of the 10 pt caption, across the slide.
TITLE_CHARS = 150
CAPTION_CHARS = 700
# The slide text names a font Office has, not the bundled IPAex Gothic (which a colleague's
# PowerPoint lacks and replaces with whatever it likes): Meiryo ships with Windows since Vista
# and with Office for Mac, and draws both Latin and Japanese. The East Asian typeface also says
# what kind of font it is (Meiryo's panose, a variable-pitch sans-serif, the Shift-JIS
# charset), which is what PowerPoint substitutes by where Meiryo is missing: a Japanese
# sans-serif font, not boxes.
SLIDE_FONT_LATIN = "Meiryo"
SLIDE_FONT_EAST_ASIAN = "Meiryo"
EAST_ASIAN_FONT_ATTRIBUTES = {"panose": "020B0604030504040204", "pitchFamily": "34",
                              "charset": "-128"}


@dataclass(frozen=True)
class Slide:
    title: str
    caption: str
    png: bytes


@dataclass(frozen=True)
class ChartSlide:
    """A slide holding one ``geodata.figures.Chart`` as a native PowerPoint chart."""

    chart: figures.Chart
    source_titles: Mapping[str, str]


def _text_box(slide, left, top, width, height, text: str, max_chars: int, size: int,
              bold: bool = False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = printable(text, max_chars)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0x1D, 0x2B, 0x3A) if bold else RGBColor(0x44, 0x44, 0x44)
    name_fonts(run)
    return box


def name_fonts(run) -> None:
    """Latin and East Asian typefaces: ``font.name`` sets only ``a:latin``, and PowerPoint
    draws Japanese with the ``a:ea`` typeface (the theme's when absent)."""
    run.font.name = SLIDE_FONT_LATIN
    properties = run._r.get_or_add_rPr()
    for old in properties.findall(qn("a:ea")):
        properties.remove(old)
    east_asian = OxmlElement("a:ea")
    east_asian.set("typeface", SLIDE_FONT_EAST_ASIAN)
    for name, value in EAST_ASIAN_FONT_ATTRIBUTES.items():
        east_asian.set(name, value)
    properties.find(qn("a:latin")).addnext(east_asian)  # the schema's order: latin, ea, cs


def _fitted_picture(slide, png: bytes, left, top, width, height) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        pixel_width, pixel_height = image.size
    scale = min(width / pixel_width, height / pixel_height)
    shown_width, shown_height = int(pixel_width * scale), int(pixel_height * scale)
    slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - shown_width) // 2),
                             Emu(top + (height - shown_height) // 2),
                             Emu(shown_width), Emu(shown_height))


def _add_map_slide(deck, content: Slide) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    inner_width = SLIDE_WIDTH - 2 * MARGIN
    _text_box(slide, MARGIN, MARGIN, inner_width, TITLE_HEIGHT, content.title,
              TITLE_CHARS, 28, True)
    picture_top = MARGIN + TITLE_HEIGHT
    picture_height = SLIDE_HEIGHT - picture_top - CAPTION_HEIGHT - MARGIN
    _fitted_picture(slide, content.png, MARGIN, picture_top, inner_width, picture_height)
    _text_box(slide, MARGIN, SLIDE_HEIGHT - MARGIN - CAPTION_HEIGHT, inner_width,
              CAPTION_HEIGHT, content.caption, CAPTION_CHARS, 10)


def slides_bytes(slides: list[Slide | ChartSlide]) -> bytes:
    """The PowerPoint file of ``slides``, made in memory for one checked write."""
    # charts_pptx builds on this module's slide geometry, so it is imported when used.
    from desktop.export.charts_pptx import add_chart_slide

    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for content in slides:
        if isinstance(content, ChartSlide):
            add_chart_slide(deck, content.chart, content.source_titles)
        else:
            _add_map_slide(deck, content)
    document = io.BytesIO()
    deck.save(document)
    return document.getvalue()


def bureau_figures(ds: Dataset, spec: ExportSpec) -> ChartSlide:
    """The figures slide after a bureau's map: companies and universities per project of the
    bureau ``spec`` filters to, as the filter's other choices (year, programme…) leave them."""
    chart = figures.per_project_chart(run_query(ds, spec.filter).projects)
    bureau_name = ds.bureau_names.get(spec.filter.bureau_id, spec.filter.bureau_id)
    return ChartSlide(dataclasses.replace(chart, title=f"{chart.title} — {bureau_name}"),
                      ds.source_titles)


def slides_for(ds: Dataset, spec: ExportSpec) -> list[Slide | ChartSlide]:
    """The slide of ``spec``; with ``per_bureau``, a national slide, then per bureau its map
    slide and its figures slide (the national slide has no figures slide)."""
    if not spec.per_bureau:
        return [_map_slide(ds, spec)]
    national = dataclasses.replace(spec, filter=spec.filter.evolve(bureau_id=None,
                                                                   project_id=None))
    slides: list[Slide | ChartSlide] = [_map_slide(ds, national)]
    for bureau_id in ds.bureaus["bureau_id"]:
        bureau = dataclasses.replace(national, filter=national.filter.evolve(
            bureau_id=bureau_id), title=None, bounds=None)
        slides += [_map_slide(ds, bureau), bureau_figures(ds, bureau)]
    return slides


def _map_slide(ds: Dataset, spec: ExportSpec) -> Slide:
    return Slide(title_for(ds, spec), caption_for(ds, spec),
                 png_bytes(render_image(ds, spec, with_text=False)))


def pptx_document(ds: Dataset, spec: ExportSpec) -> bytes:
    """The PowerPoint file of ``spec`` (the writer desktop/export/formats.py registers): the
    map slides, or with ``spec.charts`` the deck of native charts (export/charts_pptx.py)."""
    if spec.charts:
        from desktop.export.charts_pptx import charts_pptx_document

        return charts_pptx_document(ds, spec)
    return slides_bytes(slides_for(ds, spec))
