"""PowerPoint: a 16:9 slide per map, its title in the title placeholder, the source caption
as a text box.

Each slide takes the deck's "title only" layout (export/pptx_template.py): python-pptx's default
deck made 16:9, or the user's own template, so the slides carry its master. The map picture is
the PNG export without its own title and caption, fitted between them, described by alt text;
everything on the slide stays editable. The per-bureau deck follows each bureau's map with a
figures slide: its projects' companies and universities as a native, editable chart.
"""

import dataclasses
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from desktop.common.domain_text import localized_chart
from desktop.common.i18n import speaker
from desktop.export.captions import caption_for
from desktop.export.charts_pptx import add_chart_slide, charts_pptx_document
from desktop.export.plain_text import printable
from desktop.export.pptx_template import (
    MARGIN,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    TITLE_HEIGHT,
    content_top,
    new_deck,
    titled_slide,
)
from desktop.export.raster import png_bytes, render_image
from desktop.export.slide_text import CAPTION_CHARS, TITLE_CHARS, name_fonts, style_title
from desktop.export.spec import ExportSpec, subtitle_for, title_for
from geodata import Dataset, figures, run_query
from geodata.names import names_by_id

SUBTITLE_HEIGHT = Inches(0.45)
CAPTION_HEIGHT = Inches(0.45)
ALT_TEXT_CHARS = 1000


@dataclass(frozen=True)
class Slide:
    title: str
    caption: str
    png: bytes
    subtitle: str = ""
    alt_text: str = ""
    """What the picture shows, for screen readers and PowerPoint's accessibility checker."""


@dataclass(frozen=True)
class ChartSlide:
    """A slide holding one ``geodata.figures.Chart`` as a native PowerPoint chart."""

    chart: figures.Chart
    source_titles: Mapping[str, str]
    language: str = "en"
    """The reader's language of the slide's own words ("Sources:")."""


def _text_box(slide, left, top, width, height, text: str, max_chars: int, size: int,
              house_style: bool = True):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = printable(text, max_chars)
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    if house_style:
        name_fonts(run)
    return box


def _fitted_picture(slide, png: bytes, left, top, width, height, alt_text: str):
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        pixel_width, pixel_height = image.size
    scale = min(width / pixel_width, height / pixel_height)
    shown_width, shown_height = int(pixel_width * scale), int(pixel_height * scale)
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - shown_width) // 2),
                                       Emu(top + (height - shown_height) // 2),
                                       Emu(shown_width), Emu(shown_height))
    picture._element.nvPicPr.cNvPr.set("descr", printable(alt_text, ALT_TEXT_CHARS))
    return picture


def _add_map_slide(deck, content: Slide, house_style: bool) -> None:
    slide, title_shape = titled_slide(deck, printable(content.title, TITLE_CHARS))
    style_title(title_shape, house_style)
    inner_width = deck.slide_width - 2 * MARGIN
    picture_top = content_top(deck, title_shape)
    if content.subtitle:
        _text_box(slide, MARGIN, picture_top, inner_width, SUBTITLE_HEIGHT, content.subtitle,
                  TITLE_CHARS, 16, house_style)
        picture_top += SUBTITLE_HEIGHT
    caption_top = deck.slide_height - MARGIN - CAPTION_HEIGHT
    _fitted_picture(slide, content.png, MARGIN, picture_top, inner_width,
                    caption_top - picture_top, content.alt_text)
    _text_box(slide, MARGIN, caption_top, inner_width, CAPTION_HEIGHT, content.caption,
              CAPTION_CHARS, 10, house_style)


def slides_bytes(slides: list["Slide | ChartSlide"], template: Path | None = None) -> bytes:
    """The PowerPoint file of ``slides``, made in memory for one checked write; in the
    ``template``'s deck (.pptx or .potx) when one is given."""
    deck = new_deck(template)
    house_style = template is None
    for content in slides:
        if isinstance(content, ChartSlide):
            add_chart_slide(deck, content.chart, content.source_titles, house_style,
                            content.language)
        else:
            _add_map_slide(deck, content, house_style)
    document = io.BytesIO()
    deck.save(document)
    return document.getvalue()


def bureau_figures(ds: Dataset, spec: ExportSpec) -> ChartSlide:
    """The figures slide after a bureau's map: companies and universities per project of the
    bureau ``spec`` filters to, as the filter's other choices (year, programme…) leave them."""
    chart = localized_chart(figures.per_project_chart(run_query(ds, spec.filter).projects), ds,
                            spec.language, spec.year_style)
    bureau_name = names_by_id(ds.bureaus, "bureau_id", spec.language).get(
        spec.filter.bureau_id, spec.filter.bureau_id)
    return ChartSlide(dataclasses.replace(chart, title=f"{chart.title} — {bureau_name}"),
                      ds.source_titles, spec.language)


def slide_count(ds: Dataset, spec: ExportSpec) -> int:
    """How many slides ``iter_slides`` yields for ``spec``."""
    return 1 + 2 * len(ds.bureaus) if spec.per_bureau else 1


def iter_slides(ds: Dataset, spec: ExportSpec) -> Iterator["Slide | ChartSlide"]:
    """The slides of ``spec`` one by one (a caller can show progress and stop between them);
    with ``per_bureau``, a national slide, then per bureau its map slide and its figures slide
    (the national slide has no figures slide)."""
    if not spec.per_bureau:
        yield _map_slide(ds, spec)
        return
    national = dataclasses.replace(spec, filter=spec.filter.evolve(bureau_id=None,
                                                                   project_id=None))
    yield _map_slide(ds, national)
    for bureau_id in ds.bureaus["bureau_id"]:
        bureau = dataclasses.replace(national, filter=national.filter.evolve(
            bureau_id=bureau_id), title=None, subtitle=None, bounds=None, whole_country=False)
        yield _map_slide(ds, bureau)
        yield bureau_figures(ds, bureau)


def slides_for(ds: Dataset, spec: ExportSpec) -> list["Slide | ChartSlide"]:
    """Every slide of ``spec`` (see ``iter_slides``)."""
    return list(iter_slides(ds, spec))


SENTENCE_GAP = {"en": " ", "ja": ""}  # Japanese sentences follow one another after their 。


def map_alt_text(ds: Dataset, spec: ExportSpec) -> str:
    """What the map picture of ``spec`` shows, in words, for its alt text (in the spec's
    language: a screen reader reads it in the deck's language)."""
    words = speaker(spec.language)
    scope = run_query(ds, spec.filter.scope)
    parts = [words.translate("Export", "Map: {title}.").format(title=title_for(ds, spec)),
             words.translate("Export", "Cluster projects shown: {count}, as circles coloured "
                             "by field over the regions of the Regional Bureaus of Economy, "
                             "Trade and Industry.").format(count=len(scope.projects))]
    if spec.filter.bureau_id:
        name = names_by_id(ds.bureaus, "bureau_id", spec.language).get(
            spec.filter.bureau_id, spec.filter.bureau_id)
        parts.append(words.translate("Export", "The {name} region is highlighted.").format(
            name=name))
    if spec.show_tieups:
        parts.append(words.translate("Export", "Tie-ups drawn as lines to their partners: "
                                     "{count}.").format(count=len(scope.tieups)))
    return printable(SENTENCE_GAP[spec.language].join(parts), ALT_TEXT_CHARS)


def picture_points(spec: ExportSpec) -> tuple[float, float]:
    """The room (width, height in pt) the map picture has on a slide of the default deck,
    between its title (and subtitle) and its caption: the map's text is sized to read at
    8 pt or more there (cartography.MIN_TEXT_PT)."""
    top = MARGIN + TITLE_HEIGHT + (SUBTITLE_HEIGHT if subtitle_for(spec) else 0)
    height = SLIDE_HEIGHT - MARGIN - CAPTION_HEIGHT - top
    return (Emu(SLIDE_WIDTH - 2 * MARGIN).pt, Emu(height).pt)


def _map_slide(ds: Dataset, spec: ExportSpec) -> Slide:
    picture = render_image(ds, spec, with_text=False, shown_points=picture_points(spec))
    return Slide(title_for(ds, spec), caption_for(ds, spec), png_bytes(picture),
                 subtitle_for(spec), map_alt_text(ds, spec))


def pptx_document(ds: Dataset, spec: ExportSpec) -> bytes:
    """The PowerPoint file of ``spec`` (the writer desktop/export/formats.py registers): the
    map slides, or with ``spec.charts`` the deck of native charts (export/charts_pptx.py)."""
    if spec.charts:
        return charts_pptx_document(ds, spec)
    return slides_bytes(slides_for(ds, spec), spec.template)
