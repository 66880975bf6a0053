"""An A4 page (more if need be) about one bureau: its map, key figures, projects,
participants, tie-ups, achievements, one chart and the sources, for officials who print or
mail a region's summary.

The page is painted with QPainter on a QPdfWriter at 96 dpi (one unit is one CSS pixel, as
in the vector export) into memory, so a failed drawing never replaces a file. The map is the
export's own MapPainter; the figures come from the Qt-free queries and geodata/figures.py.
Every text goes through printable() and is wrapped whole in its column; what does not fit
the rest of the A4 page goes on to the next one (a heading never ends a page alone), so no
sentence is cut with "…".

The page is written in the language asked for (``report --lang``, or the window's): its words
through the catalogues (context "Report"), names through geodata/names.py, the data layer's
words and fiscal years through domain_text, whatever the window speaks.
"""

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from desktop.common.domain_text import domain_text
from desktop.common.figures_text import date_text
from desktop.common.fonts import install_pdf_font
from desktop.common.i18n import Speaker, speaker
from desktop.export.map_painter import (
    MapPainter,
    field_glyphs,
    paint_field_swatch,
    pixel_font,
)
from desktop.export.plain_text import printable
from desktop.export.safe_write import ExportError
from desktop.export.spec import ExportSpec
from desktop.export.vector import CSS_DPI, VECTOR_TOLERANCE_PX
from desktop.map import cartography
from geodata import Dataset, Filter, run_query
from geodata.errors import visible
from geodata.figures import outcome_rows, per_project_chart
from geodata.fiscal_years import WESTERN
from geodata.names import country_name, display_name, names_by_id

PAGE_WIDTH, PAGE_HEIGHT = 794, 1123  # A4 at 96 dpi
MARGIN = 36
# The name the map's spec carries; nothing is written there (the page is one PDF).
MAP_SPEC_NAME = Path("report.pdf")
GAP = 10
MAP_SIZE = (440, 300)
TEXT_PX, HEADING_PX, TITLE_PX = 10.5, 12.5, 19
LINE = 15          # one line of body text
HEADING_LINE = 22  # a section heading with the space above it
NO_FIGURE = "—"    # a figure the sources do not give, or nothing to count: never 0
TEXT_COLOR = QColor("#222222")
MUTED_COLOR = QColor("#666666")
BAR_COLORS = ("#1f77b4", "#ff7f0e")
CHART_LABEL_PX, MIN_CHART_LABEL_PX = 9.5, 7  # a project's name beside its bars


class _Words:
    """The report's language: its own words (context "Report"), the data layer's words and
    fiscal years (domain_text) and dataset names (geodata/names.py)."""

    def __init__(self, language: str, year_style: str):
        self.language, self.year_style = language, year_style
        self.speaker: Speaker = speaker(language)

    def translate(self, context: str, text: str) -> str:
        """``text`` of ``context`` (written out at each call, where lupdate finds it)."""
        return self.speaker.translate(context, text)

    def domain(self, text: str) -> str:
        return domain_text(text, self.language, self.year_style)

    def more(self, count: int) -> str:
        return self.speaker.translate("Report", "… and {count} more").format(count=count)

    def listed(self, parts) -> str:
        return self.speaker.translate("Report", ", ").join(parts)


def _figure(value) -> str:
    """A count as shown: '—' where it is missing or zero."""
    if value is None or pd.isna(value) or value == 0:
        return NO_FIGURE
    return f"{int(value):,}"


def _sum_figure(projects: pd.DataFrame, column: str, words: _Words) -> str:
    """The projects' counts added up, said as "about" when any of them is "about" in the
    sources: a sum of approximate figures is itself approximate."""
    total = _figure(projects[column].sum(min_count=1))
    qualifiers = projects.loc[projects[column].notna(), f"{column}_qualifier"]
    if total != NO_FIGURE and qualifiers.eq("about").any():
        return words.translate("Report", "about {figure}").format(figure=total)
    return total


class _Page:
    """A cursor down the pages: each block takes the room it needs; a block that does not
    fit what is left of a page starts the next one (nothing is cut to fit)."""

    def __init__(self, painter: QPainter, words: _Words, writer: QPdfWriter | None = None):
        self.painter = painter
        self.words = words
        self.writer = writer
        self.top = MARGIN
        self.left = MARGIN
        self.width = PAGE_WIDTH - 2 * MARGIN
        self.bottom = PAGE_HEIGHT - MARGIN
        self.pages = 1

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` fits under the cursor."""
        if self.top + height > self.bottom and self.writer is not None and self.top > MARGIN:
            self.writer.newPage()
            self.pages += 1
            self.top = MARGIN

    def text(self, text: str, x: float, width: float, size: float = TEXT_PX, bold=False,
             color: QColor = TEXT_COLOR, top: float | None = None) -> None:
        """One line, elided to ``width`` (the chart's short labels and figures)."""
        font = pixel_font(size, bold)
        shown = QFontMetricsF(font).elidedText(printable(text), Qt.TextElideMode.ElideRight,
                                              width)
        self.painter.setFont(font)
        self.painter.setPen(color)
        y = self.top if top is None else top
        self.painter.drawText(QRectF(x, y, width, LINE * size / TEXT_PX),
                              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)

    @staticmethod
    def wrapped_height(text: str, width: float, size: float = TEXT_PX, bold=False) -> float:
        font = pixel_font(size, bold)
        bounds = QFontMetricsF(font).boundingRect(
            QRectF(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), printable(text))
        return max(LINE * size / TEXT_PX, bounds.height() + 2)

    def wrapped_text(self, text: str, x: float, width: float, top: float,
                     size: float = TEXT_PX, bold=False, color: QColor = TEXT_COLOR) -> None:
        """``text`` whole, over as many lines as ``width`` needs."""
        self.painter.setFont(pixel_font(size, bold))
        self.painter.setPen(color)
        self.painter.drawText(QRectF(x, top, width, self.wrapped_height(text, width, size, bold)),
                              int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                  | Qt.TextFlag.TextWordWrap), printable(text))

    def line(self, text: str, **style) -> None:
        """A paragraph the page's width, wrapped whole (never cut with "…")."""
        height = self.wrapped_height(text, self.width, style.get("size", TEXT_PX),
                                     style.get("bold", False))
        self.room(height)
        self.wrapped_text(text, self.left, self.width, self.top, **style)
        self.top += height

    def heading(self, text: str) -> None:
        self.room(HEADING_LINE + 2 * LINE)  # a heading never ends a page alone
        self.top += HEADING_LINE - LINE
        self.text(text, self.left, self.width, HEADING_PX, bold=True)
        self.top += LINE

    def row(self, cells: list[str], shares: list[float], bold=False) -> None:
        """One row of cells, each wrapped in its column; the row as tall as its tallest."""
        widths = [self.width * share - 6 for share in shares]
        height = max(self.wrapped_height(cell, width, bold=bold)
                     for cell, width in zip(cells, widths, strict=True))
        self.room(height)
        x = self.left
        for cell, width, share in zip(cells, widths, shares, strict=True):
            self.wrapped_text(cell, x, width, self.top, bold=bold)
            x += self.width * share
        self.top += height

    def table(self, columns: list[tuple[str, float]], rows: list[list[str]]) -> None:
        """``columns`` as (header, share of the width); every row, over pages if need be."""
        shares = [share for _, share in columns]
        self.row([name for name, _ in columns], shares, bold=True)
        for cells in rows:
            self.row(cells, shares)


def _field_names(field_names: dict[str, str], field_ids, words: _Words) -> str:
    return words.listed(field_names.get(field_id, field_id) for field_id in field_ids)


def _source_line(ds: Dataset, source_id: str, language: str = "en") -> str:
    rows = ds.sources[ds.sources["source_id"] == source_id]
    if rows.empty:
        return source_id
    source = rows.iloc[0]
    date = source.get("date")
    date = date_text(date, language) if date is not None and not pd.isna(date) else None
    who = ", ".join(str(part) for part in (source.get("author"), date)
                    if part is not None and not pd.isna(part) and str(part))
    return f"{source['title']} ({who})" if who else str(source["title"])


def _paint_map(page: _Page, ds: Dataset, bureau_id: str, organisations_from=None) -> QRectF:
    width, height = MAP_SIZE
    # no legend on the small map (it covered a third of it): the fields are listed under it
    spec = ExportSpec(out=MAP_SPEC_NAME, filter=Filter(bureau_id=bureau_id), size=(width, height),
                      language=page.words.language, year_style=page.words.year_style,
                      show_legend=False, organisations_from=organisations_from)
    area = QRectF(page.left, page.top, width, height)
    painter = page.painter
    painter.save()
    painter.translate(area.topLeft())
    painter.setClipRect(QRectF(0, 0, width, height))
    MapPainter(ds, spec, with_text=False, pixel_tolerance=VECTOR_TOLERANCE_PX).paint(painter)
    painter.restore()
    painter.setPen(MUTED_COLOR)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(area)
    return area


def _paint_chart(page: _Page, projects: pd.DataFrame, area: QRectF) -> None:
    """Companies and universities per project as horizontal bars; a gap where none reported."""
    words = page.words
    chart = per_project_chart(projects)
    painter = page.painter
    page.text(words.domain(chart.title), area.left(), area.width(), bold=True, top=area.top())
    values = [value for series in chart.series.values() for value in series if value]
    if not chart.categories or not values:
        nothing = words.translate("Report", "{none} no counts reported").format(none=NO_FIGURE)
        page.text(nothing, area.left(), area.width(), color=MUTED_COLOR, top=area.top() + LINE)
        return
    legend_top = area.top() + LINE
    for index, name in enumerate(chart.series):
        x = area.left() + index * area.width() / 2
        painter.fillRect(QRectF(x, legend_top + 4, 8, 8), QColor(BAR_COLORS[index % 2]))
        page.text(words.domain(name), x + 12, area.width() / 2 - 12, top=legend_top)
    project_names = dict(zip(projects["name_en"], (display_name(row, words.language)
                                                   for row in projects.itertuples()),
                             strict=False))
    shown = chart.categories[:8]
    band = (area.bottom() - legend_top - 2 * LINE) / len(shown)
    label_width, largest = area.width() * 0.4, max(values)
    bar_room = area.width() - label_width - 36
    for row, category in enumerate(shown):
        y = legend_top + LINE + row * band
        name = project_names.get(category, category)
        size = CHART_LABEL_PX
        while size > MIN_CHART_LABEL_PX and page.wrapped_height(
                name, label_width - 4, size) > band:
            size -= 0.5  # a smaller type before any cut: the label reads whole
        height = min(band, page.wrapped_height(name, label_width - 4, size))
        page.wrapped_text(name, area.left(), label_width - 4, y + (band - height) / 2, size)
        for index, series in enumerate(chart.series.values()):
            value = series[row]
            bar_height = min(10.0, band / 2 - 1)
            bar_top = y + band / 2 - bar_height + index * bar_height
            if value:
                length = bar_room * value / largest
                painter.fillRect(QRectF(area.left() + label_width, bar_top, length, bar_height),
                                 QColor(BAR_COLORS[index % 2]))
            page.text(_figure(value), area.left() + label_width + (
                bar_room * value / largest if value else 0) + 3, 34, size=8,
                top=bar_top + bar_height / 2 - LINE * 8 / TEXT_PX / 2)
    if len(chart.categories) > len(shown):
        page.text(words.more(len(chart.categories) - len(shown)), area.left(),
                  area.width(), color=MUTED_COLOR, top=area.bottom() - LINE)


def _report_title(ds: Dataset, bureau_id: str, words: _Words) -> str:
    name = names_by_id(ds.bureaus, "bureau_id", words.language).get(bureau_id, bureau_id)
    return words.translate("Report", "{bureau} — Industrial clusters").format(bureau=name)


def _paint_report(painter: QPainter, ds: Dataset, bureau_id: str, words: _Words,
                  writer: QPdfWriter | None = None, organisations_from=None) -> _Page:
    listed = _listed_organisations(organisations_from, bureau_id)
    result = run_query(ds, Filter(bureau_id=bureau_id))
    projects, tieups = result.projects, result.tieups
    page = _Page(painter, words, writer)
    page.text(_report_title(ds, bureau_id, words), page.left, page.width, TITLE_PX, bold=True)
    page.top += LINE * TITLE_PX / TEXT_PX + GAP
    map_area = _paint_map(page, ds, bureau_id, organisations_from)
    chart_area = QRectF(map_area.right() + GAP + 6, map_area.top(),
                        page.left + page.width - map_area.right() - GAP - 6, map_area.height())
    _paint_chart(page, projects, chart_area)
    page.top = map_area.bottom() + 4
    _paint_field_key(page, ds, projects)
    page.top += GAP - 4

    page.heading(words.translate("Report", "Key figures"))
    page.line(words.translate("Report", "Projects: {projects} · Companies: {companies} · "
                              "Universities: {universities} · Tie-ups: {tieups} · "
                              "Achievements: {achievements}").format(
        projects=_figure(len(projects)),
        companies=_sum_figure(projects, "companies", words),
        universities=_sum_figure(projects, "universities", words),
        tieups=_figure(len(tieups)), achievements=_figure(result.outcome_count)))
    kinds = result.participants["kind"].value_counts()
    kinds = kinds[[kind != "map-label" for kind in kinds.index]]
    named = [words.translate("Report", "{kind} {count}").format(
        kind=words.domain(kind.replace("-", " ")), count=count) for kind, count in kinds.items()]
    page.line(words.translate("Report", "Participants named: {kinds}").format(
        kinds=words.listed(named) or NO_FIGURE))
    if listed is not None:
        _national_list_lines(page, ds, listed, words)

    sources = [_source_line(ds, source_id, words.language)
               for source_id in sorted(result.source_ids)]
    field_names = names_by_id(ds.fields, "field_id", words.language)
    page.heading(words.translate("Report", "Projects"))
    columns = [(words.translate("Report", "Name"), 0.46),
               (words.translate("Report", "Field"), 0.3),
               (words.translate("Report", "Companies"), 0.12),
               (words.translate("Report", "Universities"), 0.12)]
    page.table(columns,
               [[display_name(project, words.language),
                 _field_names(field_names, project.fields, words), _figure(project.companies),
                 _figure(project.universities)] for project in projects.itertuples()])

    page.heading(words.translate("Report", "Tie-ups"))
    tieup_lines = [words.translate("Report", "{partner} ({country})").format(
                       partner=row.partner, country=country_name(row.country, words.language))
                   if row.country else str(row.partner)
                   for row in tieups.itertuples()] or [NO_FIGURE]
    _two_columns(page, tieup_lines)

    page.heading(words.translate("Report", "Achievements"))
    achievement_lines = [_achievement_line(row, words)
                         for row in outcome_rows(result.achievements).itertuples()]
    for text in achievement_lines or [NO_FIGURE]:
        page.line(text)

    page.heading(words.translate("Report", "Sources:"))
    for text in sources or [NO_FIGURE]:
        page.line(text, color=MUTED_COLOR)
    return page


def _listed_organisations(organisations_from, bureau_id: str) -> dict[int, int] | None:
    """In server-side mode, the national organisation list's count per prefecture of the
    bureau, asked of its server (or of what the offline copy kept) as the window's panel asks;
    None otherwise. ExportError when the server cannot be asked."""
    if organisations_from is None:
        return None
    try:
        source = organisations_from()
        try:
            return source.organisations.by_prefecture(bureau_id)
        finally:
            source.close()
    except Exception as error:  # the server's own error, in one line
        why = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ExportError("cannot ask the server for the organisations of the report: "
                          f"{visible(why)[:300]}") from error


def _national_list_lines(page: _Page, ds: Dataset, listed: dict[int, int], words: _Words
                         ) -> None:
    """The national list's organisations in the bureau's prefectures, as its server counts
    them: the total, then each prefecture's."""
    names = {int(code): name for code, name in
             names_by_id(ds.prefectures, "pref_code", words.language).items()}
    page.line(words.translate("Report", "National list: {count} organisations in its "
                              "prefectures, counted by the server").format(
        count=_figure(sum(listed.values()))))
    parts = [words.translate("Report", "{kind} {count}").format(
        kind=names.get(code, str(code)), count=_figure(count))
        for code, count in sorted(listed.items()) if count]
    if parts:
        page.line(words.listed(parts))


def _paint_field_key(page: _Page, ds: Dataset, projects: pd.DataFrame) -> None:
    """The map's key under it, on one or more lines: a swatch and the name of each field the
    bureau's projects are in (the map's own legend covered a third of the small map)."""
    shown = {field for fields in projects["fields"] for field in fields}
    fields = ds.fields[ds.fields["field_id"].isin(shown)]
    names = names_by_id(fields, "field_id", page.words.language)
    glyphs = field_glyphs(ds)
    font = pixel_font(TEXT_PX - 1)
    metrics = QFontMetricsF(font)
    x = page.left
    for row in fields.itertuples():
        name = printable(names.get(row.field_id, row.field_id))
        width = 14 + metrics.horizontalAdvance(name) + 12
        if x + width > page.left + page.width and x > page.left:
            page.top += LINE
            x = page.left
        # the field's colour and glyph, as its markers on the map above
        paint_field_swatch(page.painter, x + 4.5, page.top + 8, 4.5,
                           cartography.field_color(ds.field_colors, row.field_id),
                           glyphs.get(row.field_id), QPen(QColor("#999999"), 0.5))
        page.text(name, x + 13, width - 13, size=TEXT_PX - 1, top=page.top)
        x += width
    page.top += LINE


def _achievement_line(row, words: _Words) -> str:
    """The achievement and, where the sources date it, when (a fiscal year in the year
    style; other periods as the sources word them)."""
    description = "" if row.description is None or pd.isna(row.description) else str(
        row.description)
    period = row.period
    if period is None or pd.isna(period) or not str(period):
        return description
    return words.translate("Report", "{achievement} ({period})").format(
        achievement=description, period=words.domain(str(period)))


def _two_columns(page: _Page, lines: list[str]) -> None:
    half = (len(lines) + 1) // 2
    for row in range(half):
        cells = [lines[row], lines[row + half] if row + half < len(lines) else ""]
        page.row(cells, [0.5, 0.5])


def report_pdf_bytes(ds: Dataset, bureau_id: str, language: str = "en",
                     year_style: str = WESTERN, organisations_from=None) -> bytes:
    """The one-page A4 report of ``bureau_id`` as a PDF document in ``language`` ("ja" or
    "en"), fiscal years in ``year_style`` (needs a QGuiApplication). ``organisations_from``
    (server-side mode: ExportSpec.organisations_from) adds the national list's counts to its
    map and its key figures."""
    words = _Words(language, year_style)
    install_pdf_font()  # its text extracts as written (common/fonts.py)
    output = QBuffer()
    output.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(output)
    writer.setResolution(CSS_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setTitle(printable(_report_title(ds, bureau_id, words)))
    writer.setCreator("Cluster Explorer")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start drawing the report")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint_report(painter, ds, bureau_id, words, writer, organisations_from)
    finally:
        painter.end()
    document = bytes(output.data().data())
    if not document.rstrip().endswith(b"%%EOF"):
        raise ExportError("could not finish drawing the report")
    return document

