"""The charts as a PowerPoint deck of native chart objects, whose data PowerPoint can edit.

One 16:9 slide per chart of ``geodata.figures.all_charts`` (the charts panel's data): a real
chart part written with python-pptx's chart API (line or clustered column/bar over
``CategoryChartData``), the unit as the value axis title, and the sources and notes as a
text box. A value the sources do not give is left empty in the chart's data, not written as 0.
Bar series told apart by colour are also hatched, each with the pattern nearest its glyph
(``field_cues.series_glyphs``, as the charts panel hatches them); a line chart's series
already differ by their markers' shapes, which PowerPoint varies by itself.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN, MSO_THEME_COLOR
from pptx.util import Pt

from desktop.common.domain_text import localized_chart
from desktop.common.field_cues import series_glyphs
from desktop.common.i18n import speaker
from desktop.export.plain_text import printable
from desktop.export.pptx_template import MARGIN, content_top, new_deck, titled_slide
from desktop.export.slide_text import CAPTION_CHARS, TITLE_CHARS, name_fonts, style_title

if TYPE_CHECKING:
    from desktop.export.spec import ExportSpec
    from geodata import Dataset, Filter
    from geodata.figures import Chart

CAPTION_SHARE = 0.16  # of the slide's height: the notes and sources under the chart
LABEL_CHARS = 80
MANY_CATEGORIES = 12  # more than this: horizontal bars, so long names stay readable
GLYPH_HATCHES = {
    "hbar": MSO_PATTERN.DARK_HORIZONTAL,
    "vbar": MSO_PATTERN.DARK_VERTICAL,
    "plus": MSO_PATTERN.LARGE_GRID,
    "cross": MSO_PATTERN.DIAGONAL_CROSS,
    "slash": MSO_PATTERN.DARK_UPWARD_DIAGONAL,
    "square": MSO_PATTERN.OUTLINED_DIAMOND,
    "chevron": MSO_PATTERN.ZIG_ZAG,
    "equals": MSO_PATTERN.NARROW_HORIZONTAL,
    "triangle": MSO_PATTERN.DIVOT,
    "backslash": MSO_PATTERN.DARK_DOWNWARD_DIAGONAL,
}
"""Office's preset pattern nearest each glyph (field_cues.GLYPHS): a deck has no drawn
glyphs, and a preset pattern stays editable in PowerPoint."""
ACCENTS = (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
           MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6)
"""The theme's colours, which PowerPoint gives series in turn: a hatched series keeps its own."""


def chart_type(chart: Chart):
    """The PowerPoint chart type a chart is written as."""
    if chart.kind == "line":
        return XL_CHART_TYPE.LINE_MARKERS
    if len(chart.categories) > MANY_CATEGORIES:
        return XL_CHART_TYPE.BAR_CLUSTERED
    return XL_CHART_TYPE.COLUMN_CLUSTERED


def chart_data(chart: Chart) -> CategoryChartData:
    data = CategoryChartData()
    data.categories = [printable(category, LABEL_CHARS) for category in chart.categories]
    for name, values in chart.series.items():
        data.add_series(printable(name, LABEL_CHARS), values)
    return data


def add_chart_slide(deck, chart: Chart, source_titles: Mapping[str, str],
                    house_style: bool = True, language: str = "en") -> None:
    """A slide of ``deck`` holding ``chart`` as a native chart under its title (in the title
    placeholder), its notes and sources under it (the charts deck's slides and the per-bureau
    map deck's figures slides); ``house_style`` False keeps a template's fonts."""
    slide, title_shape = titled_slide(deck, printable(chart.title, TITLE_CHARS))
    style_title(title_shape, house_style)
    width = deck.slide_width - 2 * MARGIN
    caption_block = int(deck.slide_height * CAPTION_SHARE)
    top = content_top(deck, title_shape)
    height = deck.slide_height - top - MARGIN - caption_block
    frame = slide.shapes.add_chart(chart_type(chart), MARGIN, top, width, height,
                                   chart_data(chart))
    native = frame.chart
    native.has_title = False  # the slide's title says it, once
    if chart.kind == "bar" and len(chart.series) > 1:
        hatch_series(native, chart)
    native.has_legend = len(chart.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
    value_axis = native.value_axis
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = printable(chart.unit, LABEL_CHARS)
    sources = "; ".join(f"{source_titles.get(source, source)} [{source}]"
                        for source in chart.source_ids)
    caption = "\n".join([*chart.notes, speaker(language).translate(
        "ChartsDeck", "Sources: {sources}").format(sources=sources)])
    box = slide.shapes.add_textbox(MARGIN, deck.slide_height - MARGIN - caption_block, width,
                                   caption_block)
    box.text_frame.word_wrap = True
    box.text_frame.text = printable(caption, CAPTION_CHARS)
    for paragraph in box.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10)
            if house_style:
                name_fonts(run)  # a font Office has, with Japanese


def hatch_series(native, chart: Chart) -> None:
    """Each bar series of ``native`` hatched by its glyph (GLYPH_HATCHES) in the slide's
    background colour over the theme colour it would have had."""
    glyphs = list(series_glyphs(chart.series).values())
    for index, series in enumerate(native.plots[0].series):
        fill = series.format.fill
        fill.patterned()
        fill.pattern = GLYPH_HATCHES[glyphs[index]]
        fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
        fill.back_color.theme_color = ACCENTS[index % len(ACCENTS)]


def charts_pptx_bytes(ds: Dataset, flt: Filter, template: Path | None = None,
                      language: str = "en", year_style: str = "western") -> bytes:
    """The deck of every chart for ``flt`` (its scope per bureau, its selection per project),
    in the ``template``'s deck when one is given, its words in ``language``."""
    from geodata import figures, run_query

    charts = [localized_chart(chart, ds, language, year_style) for chart in figures.all_charts(
        ds, run_query(ds, flt.scope).projects, run_query(ds, flt).projects)]
    deck = new_deck(template)
    for chart in charts:
        add_chart_slide(deck, chart, ds.source_titles, template is None, language)
    document = io.BytesIO()
    deck.save(document)
    return document.getvalue()


def charts_pptx_document(ds: Dataset, spec: ExportSpec) -> bytes:
    """The export writer (``(dataset, spec) -> bytes``) for the charts deck."""
    return charts_pptx_bytes(ds, spec.filter, spec.template, spec.language, spec.year_style)
