"""The exported map, painted with QPainter: one drawing for PNG, the clipboard, PPTX, SVG, PDF.

Exports used to photograph the Leaflet page in a second, off-screen web view. That cost a
second web-engine renderer: a 1920x1080 export took the app and its web engine from about
490 MB to 920 MB, a 2x one to 1,300 MB. Painting the same layers with the page's own style
(desktop/map/cartography.py), projection (Web Mercator, export/map_frame.py) and framing costs one
image: 8 MB at 1920x1080, 33 MB at 2x. The same calls on a QSvgGenerator or a QPdfWriter
give true vectors with text kept as text. The rules too are the page's, from the same module:
which field colours a marker, which fields the legend lists, which look a bureau has.

Layers, bottom to top, as the page stacks its panes: countries, bureau areas, prefecture
lines, place names (the gazetteer, by the page's rule at the export's scale), tie-up arcs,
bureau names, imported organisations (when shown), project markers; then the insets (each
the same layers in its own frame: a national map's Okinawa, a bureau's far islands, a tie-up
map's bureau or Japan), the legend of the fields (and organisations) drawn, scale bar, north
arrow, title and subtitle, and the caption in a band of its own under the map (the spec turns
legend, scale bar and north arrow on or off).

Text is sized in points where the picture is shown (cartography.TEXT_PT, never under 8 pt): a
whole 16:9 slide, or the room a slide gives its picture. The largest cities are always named,
moved out beside their markers with a leader line if need be; bureau names keep off the
markers and off other bureaus' land; partner names keep off Japan (labels.py).

Text comes from the dataset and the command line: each text is made printable and bounded
(export/plain_text.py), then elided to the room a slide gives it, so a name of any length
costs the same as a short one.
"""

import math

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextOption,
)

from desktop.common.field_cues import legend_field_glyphs
from desktop.common.fonts import FONT_FAMILY
from desktop.common.glyph_drawing import paint_field_swatch as paint_field_swatch
from desktop.common.glyph_drawing import paint_glyph
from desktop.export.captions import caption_for
from desktop.export.kept_label_points import bureau_label_points
from desktop.export.map_frame import MapFrame, export_layout, nice_scale
from desktop.export.place_names import candidate_places
from desktop.export.plain_text import printable
from desktop.export.safe_write import ExportError
from desktop.export.server_counts import ServerCounts, paint_answer
from desktop.export.spec import ExportSpec, subtitle_for, title_for
from desktop.export.stamps import paint_marks
from desktop.map import cartography
from desktop.map.cartography import MAP_STYLE
from desktop.map.fanout import fanned
from desktop.map.framing import shown_tieups, tieup_arcs
from desktop.map.labels import clear_spot, place_labels, place_point_labels
from desktop.map.layers import imported_organisations, unwrapped
from desktop.map.page_state import shown_organisations
from desktop.map.page_text import page_text
from geodata import Dataset, run_query
from geodata.errors import visible
from geodata.queries import bureau_project_counts
from geodata.server_side.organisation_map import Anchors

CONTROL_MARGIN = MAP_STYLE["control_margin"]
TEXT_COLOR = cartography.TEXT_LOOK["text_color"]
HALO = cartography.TEXT_LOOK["halo"]
LEGEND_BOX = cartography.TEXT_LOOK["legend_box"]
SWATCH_EDGE = cartography.TEXT_LOOK["swatch_edge"]
# Distances (margins, paddings, markers' rings) are CSS pixels of a 1280x720 picture spanning
# a slide, scaled with the picture; text sizes are points where it is shown
# (cartography.TEXT_PT), never under 8 pt.
POINTS_AT_UNIT_SCALE = 0.75  # 1280 px across a 960 pt slide: 4/3 px a point
# The room text may take, as shares of the picture; longer text is elided with '…'.
LABEL_WIDTH_SHARE = 0.25     # one bureau name
LEGEND_WIDTH_SHARE = 0.5     # one legend entry
TITLE_HEIGHT_SHARE = 0.2     # the lines of the title
CAPTION_HEIGHT_SHARE = 0.25  # the lines of the source caption
CAPTION_WIDTH_SHARE = 0.8    # the caption's band is as wide as this, at most
MIN_LINES = 2                # of either, however small the picture
CAPTION_PADDING = (8, 3)
INSET_ENLARGEMENT = 1.4  # a far bureau's inset, against the main map's scale
PARTNER_ROOM = 40  # px an inset keeps from a partner's point, for its name
MIN_INSET_ASPECT = 1.6  # the least inset is this much wider than tall: room for a name


def _color(hex_color: str | None, opacity: float = 1.0) -> QColor:
    color = QColor(hex_color or cartography.FALLBACK_COLOR)
    color.setAlphaF(float(opacity))
    return color


def _pen(hex_color: str, width: float, opacity: float = 1.0) -> QPen:
    pen = QPen(_color(hex_color, opacity), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def pixel_font(pixels: float, bold: bool = False) -> QFont:
    """The bundled font at a size in pixels (the report's text uses it too)."""
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    # Unhinted, as on paper: by default Qt hints text on a 100 % screen and not on a scaled
    # one, which moved every label of an export made on a 150 % or 200 % screen.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _path(geometry) -> QPainterPath:
    """A QPainterPath of pixel geometry; polygon rings closed, holes by the odd-even rule."""
    path = QPainterPath()
    if geometry is None or shapely.is_empty(geometry):
        return path
    for part in shapely.get_parts(geometry):
        polygon = shapely.get_type_id(part) == shapely.GeometryType.POLYGON
        rings = [part.exterior, *part.interiors] if polygon else [part]
        for ring in rings:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring.coords]))
            if polygon:
                path.closeSubpath()
    return path


class MapPainter:
    """Paints one export spec of one dataset onto a QPainter sized to the spec, in CSS px.

    ``shown_points`` is the size (width, height in pt) the picture is shown at, when it is not
    a whole 16:9 slide (a slide's picture between its title and caption): text is sized in
    points there. A national map draws the far bureaus (Okinawa) in insets; a tie-up map much
    wider than Japan draws its bureau or Japan in an inset (map_frame.export_layout). With
    text, the caption has a band of its own under the map, so it covers no land."""

    def __init__(self, ds: Dataset, spec: ExportSpec, with_text: bool = True,
                 pixel_tolerance: float = 0.25,
                 shown_points: tuple[float, float] | None = None):
        self.ds = ds
        self.spec = spec
        self.with_text = with_text
        self.tolerance = pixel_tolerance
        width, height = spec.size
        self.px_per_pt = cartography.pixels_per_point(width, height, shown_points)
        self.ui = self.px_per_pt * POINTS_AT_UNIT_SCALE
        self.margin = CONTROL_MARGIN * self.ui
        self.caption_text = caption_for(ds, spec) if with_text else ""
        self.footer = self._caption_band() if with_text else 0.0
        bounds, padding, insets = export_layout(ds, spec)
        self.frame: MapFrame = MapFrame.fitted(bounds, width, height, padding * self.ui,
                                               self.footer)
        self.main_frame = self.frame
        self.scope = run_query(ds, spec.filter.scope)
        self.marker_fields = [cartography.marker_field(fields, spec.filter.fields)
                              for fields in self.scope.projects["fields"]]
        self._pixels: dict = {}
        self.insets = self._inset_boxes(insets)
        self.server_counts: ServerCounts | None = None

    def font(self, kind: str, bold: bool = False) -> QFont:
        """The font of ``kind``'s text (cartography.TEXT_PT) at this picture's size."""
        return pixel_font(cartography.text_pixels(kind, self.px_per_pt), bold)

    @property
    def map_height(self) -> float:
        """The height of the map above the caption's band."""
        return self.frame.height - self.footer

    def paint(self, painter: QPainter) -> None:
        self.server_counts = self._open_server_counts()
        try:
            self._paint(painter)
        finally:
            if self.server_counts is not None:
                self.server_counts.close()
            self.server_counts = None

    def _open_server_counts(self) -> ServerCounts | None:
        """The national organisation list's source, in server-side mode (server_counts.py);
        ExportError when the server cannot be asked: a map without them would look
        complete."""
        opener = self.spec.organisations_from
        if opener is None or not self.spec.show_organisations:
            return None
        try:
            source = opener()
        except Exception as error:  # the server's own error, in one line
            why = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise ExportError("cannot ask the server for the organisations to draw: "
                              f"{visible(why)[:300]}") from error
        name_column = "name_ja" if self.spec.language == "ja" else "name_en"
        return ServerCounts(source, Anchors.of_dataset(self.ds, name_column),
                            self.spec.filter.bureau_id)

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, self.frame.width, self.frame.height),
                         _color(MAP_STYLE["export_background"]))
        self._map(painter, self.main_frame, QRectF(0, 0, self.frame.width, self.map_height),
                  partner_names=True)
        for box, frame in self.insets:
            self._map(painter, frame, box, partner_names=False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(_pen(cartography.INSET["color"], cartography.INSET["weight"] * self.ui))
            painter.drawRect(box)
        legend_width = self._legend(painter) if self.spec.show_legend else 0.0
        if self.with_text:
            self._caption(painter, legend_width)
        if self.spec.show_scale_bar:
            self._scale_bar(painter, self.map_height)
        if self.spec.show_north_arrow:
            self._north_arrow(painter)
        if self.with_text:
            self._title(painter)

    def _map(self, painter: QPainter, frame: MapFrame, box: QRectF,
             partner_names: bool) -> None:
        """Every map layer of ``frame`` into ``box`` of the picture (the whole map, or an
        inset): the layers' methods draw in ``self.frame``, which is ``frame`` meanwhile."""
        self.frame = frame
        painter.save()
        try:
            painter.setClipRect(box)
            painter.translate(box.topLeft())
            painter.fillRect(QRectF(0, 0, box.width(), box.height()),
                             _color(MAP_STYLE["export_background"]))
            self._countries(painter)
            self._bureaus(painter)
            self._prefectures(painter)
            bureau_names = (self.bureau_names() if frame.zoom >= MAP_STYLE["label_min_zoom"]
                            else [])
            self._place_names(painter, [box for _x, _y, _lines, box in bureau_names])
            if self.spec.show_tieups:
                self._tieups(painter, partner_names)
            for x, y, lines, _box in bureau_names:
                self._haloed_lines(painter, x, y, lines)
            self._organisations(painter)
            if self.server_counts is not None:
                paint_answer(painter, frame, self.server_counts.answer(frame), self.ui)
            self._projects(painter)
        finally:
            painter.restore()
            self.frame = self.main_frame

    def _inset_boxes(self, insets) -> list[tuple[QRectF, MapFrame]]:
        """Where each inset goes and what it frames: far islands a little larger than the main
        map's scale (INSET_ENLARGEMENT), a tie-up map's bureau or Japan large, each box
        between INSET["min_share"] and INSET["height_share"] (Japan: 1.5 times) of the map's
        height and shaped like what it frames, in the free corner nearest where it lies
        (_free_corner). A tie-up map's base inset is left out when the map itself is close."""
        placed = []
        japan = shapely.union_all(self.land(self.main_frame)[1])
        partners = (self._partner_points() if self.spec.show_tieups
                    else shapely.points(np.empty((0, 2))))
        look = cartography.INSET
        for what, frame in insets:
            west, south, east, north = frame.bounds
            xs, ys = self.main_frame.to_pixels([west, east], [south, north])
            if what == "base":
                base_zoom = MapFrame.fitted(frame.bounds, self.frame.width,
                                            round(self.map_height)).zoom
                if base_zoom - self.main_frame.zoom < look["min_zoom_gap"]:
                    continue
                height = 1.5 * look["height_share"] * self.map_height
            else:
                height = min(look["height_share"] * self.map_height,
                             INSET_ENLARGEMENT * float(ys[0] - ys[1]) + frame.padding * self.ui)
            height = max(height, look["min_share"] * self.map_height)
            aspect = self.main_frame.aspect(frame.bounds)
            width = min(max(height * aspect, MIN_INSET_ASPECT * look["min_share"]
                            * self.map_height), 0.45 * self.frame.width)
            height = min(height, width / aspect) if aspect > 0 else height
            height = max(height, look["min_share"] * self.map_height)
            where = QPointF(float(xs.mean()), float(ys.mean()))
            box = self._free_corner(width, height, japan, partners,
                                    [taken for taken, _f in placed], where)
            padding = frame.padding * self.ui / 2
            placed.append((box, MapFrame.fitted(frame.bounds, max(1, round(box.width())),
                                                max(1, round(box.height())), padding)))
        return placed

    def _free_corner(self, width, height, japan, partners, taken, where: QPointF) -> QRectF:
        """Of the picture's four corners (clear of the title, the north arrow, the scale bar
        and the legend), one where a width x height box covers no land of Japan, no partner
        and no inset placed before: the nearest to ``where`` (what the inset shows, in the
        main map's pixels), as Japanese maps put Okinawa's inset off Kyushu and the Daito
        islands' east of Okinawa; the one covering the least of Japan if none is free."""
        top = self._title_bottom() + self.margin if self.with_text else self.margin
        bottom = self.map_height - self.margin - self._scale_bar_height() - self.margin
        left, right = self.margin, self.frame.width - self.margin - width
        arrow = 1.5 * 34 * self.ui + self.margin if self.spec.show_north_arrow else 0.0
        corners = [(left, top), (left, bottom - height), (right, top + arrow),
                   (right, self.map_height - 2 * self.margin - height - self._legend_height())]
        scored = []
        for index, (x, y) in enumerate(corners):
            box = shapely.box(x, y, x + width, y + height)
            covered = shapely.area(shapely.intersection(box, japan)) if japan else 0.0
            hidden = int(shapely.intersects(box, partners).sum()) if len(partners) else 0
            crowd = (int(shapely.dwithin(box, partners, PARTNER_ROOM * self.ui).sum())
                     if len(partners) else 0)
            clash = any(QRectF(x, y, width, height).intersects(other) for other in taken)
            off = math.hypot(x + width / 2 - where.x(), y + height / 2 - where.y())
            scored.append((clash, covered > 0 or hidden > 0, covered, hidden, crowd, off,
                           index))
        x, y = corners[min(scored)[-1]]
        return QRectF(x, y, width, height)

    def _partner_points(self):
        tieups = self.drawn_tieups()
        if tieups.empty:
            return shapely.points(np.empty((0, 2)))
        arcs = tieup_arcs(self.ds, tieups)
        xs, ys = self.frame.to_pixels(arcs[:, -1, 1], arcs[:, -1, 0])
        return shapely.points(np.column_stack([xs, ys]))

    def land(self, frame: MapFrame | None = None):
        """(countries, bureaus): each layer's shapes in ``frame``'s pixels, made once."""
        frame = frame or self.frame
        key = id(frame)
        if key not in self._pixels:
            if "countries" not in self._pixels:  # the same for every frame
                self._pixels["countries"] = unwrapped(np.asarray(self.ds.countries.geometry.array))
            countries = self._projected_in(frame, self._pixels["countries"])
            bureaus = self._projected_in(frame, self.ds.bureaus.geometry.array)
            self._pixels[key] = (countries, bureaus)
        return self._pixels[key]

    def _projected_in(self, frame: MapFrame, geometries) -> np.ndarray:
        return frame.project(np.asarray(geometries), self.tolerance)

    # --- map layers --------------------------------------------------------------------
    def _projected(self, geometries) -> np.ndarray:
        return self.frame.project(np.asarray(geometries), self.tolerance)

    def _countries(self, painter: QPainter) -> None:
        look = MAP_STYLE["country"]
        shapes = self.land()[0]
        path = QPainterPath()
        for shape in shapes:
            path.addPath(_path(shape))
        painter.setPen(_pen(look["color"], look["weight"]))
        painter.setBrush(_color(look["fillColor"], look["fillOpacity"]))
        painter.drawPath(path)

    def _bureaus(self, painter: QPainter) -> None:
        looks = MAP_STYLE["bureau"]
        counts = bureau_project_counts(self.ds, self.spec.filter)
        selected = self.spec.filter.bureau_id
        shapes = self.land()[1]
        rows = list(zip(self.ds.bureaus["bureau_id"], self.ds.bureaus["color"], shapes,
                        strict=True))
        rows.sort(key=lambda row: row[0] == selected)  # the selected one on top, as on screen
        for bureau_id, color, shape in rows:
            look = looks[cartography.bureau_look(bureau_id == selected, counts[bureau_id])]
            painter.setBrush(_color(cartography.bureau_fill(color), look["fillOpacity"]))
            painter.setPen(_pen(look["color"], look["weight"], look["opacity"]))
            painter.drawPath(_path(shape))

    def _prefectures(self, painter: QPainter) -> None:
        look = MAP_STYLE["prefecture"]
        lines = self._projected(self.ds.prefectures.geometry.boundary.array)
        path = QPainterPath()
        for line in lines:
            path.addPath(_path(line))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(look["color"], look["weight"], look["opacity"]))
        painter.drawPath(path)

    def drawn_tieups(self):
        """The tie-ups the export draws: the selection's own, as the window shows them
        (framing.shown_tieups), those whose project has a place."""
        tieups = shown_tieups(self.ds, self.spec.filter)
        return tieups[tieups["project_id"].isin(self.ds.projects["project_id"])]

    def _tieups(self, painter: QPainter, partner_names: bool = True) -> None:
        arc_look, partner_look = MAP_STYLE["arc"]["normal"], MAP_STYLE["partner"]
        tieups = self.drawn_tieups()
        if tieups.empty:
            return
        arcs = tieup_arcs(self.ds, tieups)  # (arcs, points, [lat, lon])
        colors = [cartography.field_color(self.ds.field_colors, field)
                  for field in tieups["field"]]
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for arc, color in zip(arcs, colors, strict=True):
            xs, ys = self.frame.to_pixels(arc[:, 1], arc[:, 0])
            painter.setPen(_pen(color, arc_look["weight"], arc_look["opacity"]))
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]))
        ends_x, ends_y = self.frame.to_pixels(arcs[:, -1, 1], arcs[:, -1, 0])
        for x, y, color in zip(ends_x, ends_y, colors, strict=True):
            self._circle(painter, x, y, partner_look["radius"],
                         _color(color, partner_look["fillOpacity"]),
                         _pen(partner_look["color"], partner_look["weight"]))
        if self.with_text and partner_names:
            self._partner_names(painter, tieups["partner"].tolist(), ends_x, ends_y)

    def partner_labels(self, names: list, xs, ys, font: QFont) -> list[tuple[str, QRectF]]:
        """(text, box) of each partner place named: one name per place, the places with the
        most tie-ups first, clear of each other and of the markers (labels.place_labels)."""
        tieups_at: dict[tuple[str, int, int], int] = {}
        for name, x, y in zip(names, xs, ys, strict=True):
            key = (printable(name), round(float(x)), round(float(y)))
            tieups_at[key] = tieups_at.get(key, 0) + 1
        places = sorted(tieups_at, key=lambda key: (-tieups_at[key], key[0]))
        places = places[:MAP_STYLE["partner_label"]["most_tried"]]  # each one is measured
        metrics = QFontMetricsF(font)
        room = LABEL_WIDTH_SHARE * self.main_frame.width
        texts = [_elided(text, font, room) for text, _x, _y in places]
        sizes = [(metrics.horizontalAdvance(text) + 4 * self.ui, _line_height(font))
                 for text in texts]
        farthest = MAP_STYLE["partner_label"]["gap"] * self.ui + max(
            (max(size) for size in sizes), default=0.0)
        obstacles = self._markers_near(np.array([x for _t, x, _y in places]),
                                       np.array([y for _t, _x, y in places]), farthest)
        obstacles += [(x, y, MAP_STYLE["partner"]["radius"]) for _t, x, y in places]
        inset_boxes = [(box.left(), box.top(), box.right(), box.bottom())
                       for box, _f in self.insets]
        allowed = self._on_own_land([(x, y) for _t, x, y in places], inset_boxes)
        placed = place_labels([(x, y) for _t, x, y in places], sizes, obstacles,
                              gap=MAP_STYLE["partner_label"]["gap"] * self.ui,
                              bounds=(self.frame.width, self.map_height),
                              most_tried=MAP_STYLE["partner_label"]["most_tried"],
                              allowed=allowed)
        return [(texts[label.index], QRectF(label.left, label.top, label.width, label.height))
                for label in placed]

    def _on_own_land(self, points, avoid=()):
        """``allowed`` for labels.place_labels: a partner's name abroad is never drawn on
        Japan (the Kinki map drew "Seoul National University" on Japan), nor on an inset
        (boxes in ``avoid``); a partner in Japan keeps the map's own rule (markers, names).
        Foreign neighbours are not refused: Europe's partners would lose their names."""
        bureaus = self.land()[1]
        japan = shapely.union_all(bureaus)
        shapely.prepare(japan)
        abroad = [not shapely.intersects(japan, shapely.Point(x, y)) for x, y in points]

        def allowed(index, box) -> bool:
            if any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3]
                   and other[1] < box[3] for other in avoid):
                return False
            return not abroad[index] or not shapely.intersects(japan, shapely.box(*box))

        return allowed

    def _partner_names(self, painter: QPainter, names: list, xs, ys) -> None:
        font = self.font("partner")
        for text, box in self.partner_labels(names, xs, ys, font):
            self._haloed_lines(painter, box.center().x(), box.center().y(),
                               [(text, font, MAP_STYLE["partner_label"]["color"])])

    def bureau_names(self) -> list[tuple[float, float, list, tuple]]:
        """Each bureau's name as drawn: (x, y, lines for _haloed_lines, box (left, top,
        right, bottom)), the box what place names keep out of, as on the page."""
        if "label_points" not in self._pixels:  # once per painter: both maps and insets
            self._pixels["label_points"] = bureau_label_points(self.ds)
        points = self._pixels["label_points"]
        xs, ys = self.frame.to_pixels([point.x for point in points],
                                      [point.y for point in points])
        room = LABEL_WIDTH_SHARE * self.main_frame.width
        fonts = {"name": self.font("bureau_name", bold=True),
                 "local_name": self.font("bureau_local_name")}
        colors = MAP_STYLE["bureau_label"]
        radius = MAP_STYLE["project"]["normal"]["radius"]
        marker_xs, marker_ys = self.marker_pixels()
        markers = np.column_stack([marker_xs - radius, marker_ys - radius,
                                   marker_xs + radius, marker_ys + radius])
        step, reach = 5 * self.ui, 60 * self.ui
        bureaus = self.land()[1]
        shapely.prepare(bureaus)
        names = []
        rows = self.ds.bureaus.itertuples(index=False)
        for index, (x, y, row) in enumerate(zip(xs, ys, rows, strict=True)):
            lines = [(_elided(text, fonts[kind], room), fonts[kind], colors[f"{kind}_color"])
                     for kind, text in cartography.name_lines(row, self.spec.language)]
            width = max(QFontMetricsF(font).horizontalAdvance(text) for text, font, _c in lines)
            height = sum(_line_height(font) for _t, font, _c in lines)
            others = np.delete(bureaus, index)

            def allowed(box, others=others) -> bool:  # never on another bureau's land
                return not shapely.intersects(shapely.box(*box), others).any()

            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            bounds = (self.frame.width, self.frame.height)
            if _can_enter(box, bounds, reach + step):  # else clear_spot leaves it as it is
                box = clear_spot(box, _near(markers, box, reach + step), bounds,
                                 step=step, reach=reach, allowed=allowed)
            names.append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, lines, box))
        return names

    def place_names(self, taken=()) -> list[tuple[str, float, float, QRectF]]:
        """(name, x, y, box) of each place named: the page's rule at the export's zoom
        (export/place_names.py), placed greedily clear of ``taken`` boxes (the bureau names),
        of the project markers and of each other (labels.place_point_labels)."""
        places = candidate_places(self.ds, self.spec, self.frame)
        if places.empty:
            return []
        font = self.font("place")
        metrics = QFontMetricsF(font)
        room = LABEL_WIDTH_SHARE * self.main_frame.width
        texts = [_elided(name, font, room) for name in places["name"]]
        xs, ys = self.frame.to_pixels(places["lon"], places["lat"])
        height = _line_height(font)
        sizes = [(metrics.horizontalAdvance(text) + 2, height) for text in texts]
        must = int((places["zoom"] <= MAP_STYLE["place"]["from_zoom"][0][0]).sum())
        look = MAP_STYLE["place"]
        rings = np.where(np.arange(len(sizes)) < must, max(look["rings"]), 0)  # as tried
        farthest = ((look["dot_radius"] + look["gap"] + rings) * self.ui
                    + np.array([max(size) for size in sizes]))
        markers = self._markers_near(xs, ys, farthest)
        if self.frame is self.main_frame:
            taken = [*taken, *((box.left(), box.top(), box.right(), box.bottom())
                               for box, _f in self.insets)]
        foreign = self._foreign_land()
        placed = place_point_labels(
            list(zip(xs.tolist(), ys.tolist(), strict=True)), sizes,
            (self.frame.width, self.frame.height if self.frame is not self.main_frame
             else self.map_height), taken, markers, must=must,
            allowed=lambda _index, box: not shapely.intersects(shapely.box(*box), foreign),
            scale=self.ui)
        return [(texts[label.index], float(xs[label.index]), float(ys[label.index]),
                 QRectF(label.left, label.top, label.width, label.height)) for label in placed]

    def _markers_near(self, xs: np.ndarray, ys: np.ndarray,
                      reach: float | np.ndarray) -> list[tuple[float, float, float]]:
        """The project markers (x, y, radius) a label of a point at (xs, ys) could touch,
        reaching at most ``reach`` px (one for all, or each point's) from its point: the
        labels' placement tests each of its tries against these, not against the 100,000
        markers of a national map."""
        radius = MAP_STYLE["project"]["normal"]["radius"]
        marker_xs, marker_ys = self.marker_pixels()
        near = np.zeros(len(marker_xs), dtype=bool)
        reaches = np.broadcast_to(np.asarray(reach, dtype=float) + radius, np.shape(xs))
        for x, y, most in zip(np.asarray(xs, dtype=float).tolist(),
                              np.asarray(ys, dtype=float).tolist(), reaches.tolist(),
                              strict=True):
            near |= ((np.abs(marker_xs - x) <= most) & (np.abs(marker_ys - y) <= most))
        return [(x, y, radius) for x, y in zip(marker_xs[near].tolist(),
                                               marker_ys[near].tolist(), strict=True)]

    def _foreign_land(self):
        """Other countries' land in this frame's pixels, ready for many tests: no place
        name of Japan lies on it."""
        countries = self.land()[0]
        foreign = shapely.union_all(countries[(self.ds.countries["iso_a2"] != "JP").to_numpy()])
        shapely.prepare(foreign)
        return foreign

    def _place_names(self, painter: QPainter, taken) -> None:
        look = MAP_STYLE["place"]
        font = self.font("place")
        beside = (look["dot_radius"] + look["gap"] + look["rings"][1]) * self.ui
        for text, x, y, box in self.place_names(taken):
            near_x = min(max(x, box.left()), box.right())
            near_y = min(max(y, box.top()), box.bottom())
            if math.hypot(near_x - x, near_y - y) > beside:  # moved out past the markers
                painter.setPen(_pen(look["dot_color"], 0.8 * self.ui, 0.8))
                leader = QPainterPath(QPointF(x, y))
                leader.lineTo(near_x, near_y)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(leader)
            self._circle(painter, x, y, look["dot_radius"] * self.ui, _color(look["dot_color"]),
                         _pen("#ffffff", self.ui))
            self._haloed_lines(painter, box.center().x(), box.center().y(),
                               [(text, font, look["color"])])

    def _haloed_lines(self, painter: QPainter, x: float, y: float, lines) -> None:
        """Centred lines of text with a white halo, like the page's text-shadow labels."""
        heights = [_line_height(font) for _text, font, _color_hex in lines]
        top = y - sum(heights) / 2
        stroker = QPainterPathStroker()
        stroker.setWidth(4 * self.ui)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for (text, font, color), height in zip(lines, heights, strict=True):
            painter.setFont(font)
            metrics = painter.fontMetrics()
            baseline = QPointF(x - metrics.horizontalAdvance(text) / 2,
                               top + metrics.ascent() + (height - metrics.height()) / 2)
            outline = QPainterPath()
            outline.addText(baseline, font, text)
            painter.fillPath(stroker.createStroke(outline), _color(HALO["color"], HALO["opacity"]))
            painter.setPen(_color(color))
            painter.drawText(baseline, text)
            top += height

    def _projects(self, painter: QPainter) -> None:
        """Every shown marker, the selected one last (on top), as the page stacks them.

        Markers are taken by position (at 10,000 projects, looking each one's id up in the
        frame twice cost 0.85 s) and, on a picture of pixels, stamped once per look
        (export/stamps.py: drawing 100,000 one by one took 2 s of a national export)."""
        glyphs = self.field_glyphs()
        xs, ys = self.marker_pixels()
        project_ids = self.scope.projects["project_id"].to_numpy(dtype=object)
        selected = project_ids == self.spec.filter.project_id
        looks = {chosen: cartography.project_look(chosen) for chosen in (False, True)}
        reach = max(look["radius"] + look["weight"] for look in looks.values())
        seen = _within(painter.clipBoundingRect(), xs, ys, reach)
        order = np.argsort(selected, kind="stable")
        order = order[seen[order]]
        codes, fields = self.marker_field_codes()
        field_colors = self.ds.field_colors
        marks = [(chosen, cartography.field_color(field_colors, field), glyphs.get(field))
                 for chosen in (False, True) for field in fields]
        kinds = selected[order] * len(fields) + codes[order]
        paint_marks(painter, xs[order], ys[order], kinds, marks, _marker_painter(looks), reach)

    def marker_field_codes(self) -> tuple[np.ndarray, list[str | None]]:
        """Each shown project's marker field as an index into the list of those fields."""
        if "field_codes" not in self._pixels:
            index: dict[str | None, int] = {}
            codes = np.fromiter((index.setdefault(field, len(index))
                                 for field in self.marker_fields), dtype=np.int64,
                                count=len(self.marker_fields))
            self._pixels["field_codes"] = (codes, list(index))
        return self._pixels["field_codes"]

    def field_glyphs(self) -> dict[str, str]:
        """field_id → its glyph (cartography.field_glyphs, the page's rule)."""
        return field_glyphs(self.ds)

    def drawn_organisations(self):
        """The imported organisations this export shows (the page's rule,
        page_state.shown_organisations: those of the projects shown), or none when the spec
        leaves the layer out."""
        shown = shown_organisations(self.ds, self.scope.project_ids)
        return shown if self.spec.show_organisations else shown.head(0)

    def organisation_pixels(self, frame: MapFrame | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Each drawn organisation's centre in pixels, in ``drawn_organisations``' order, on
        its group's ring at this zoom as the page draws it (the groups are those of every
        imported organisation, as on the page)."""
        frame = frame or self.frame
        key = ("organisations", id(frame))
        if key not in self._pixels:
            every = imported_organisations(self.ds)
            lons, lats, dx, dy = fanned(every.geometry.x, every.geometry.y, frame.zoom)
            xs, ys = frame.to_pixels(lons, lats)
            shown = every.index.get_indexer(self.drawn_organisations().index)
            self._pixels[key] = ((xs + dx)[shown], (ys + dy)[shown])
        return self._pixels[key]

    def _organisations(self, painter: QPainter) -> None:
        """The imported organisations' squares, under the project markers as on the page."""
        organisations = self.drawn_organisations()
        if organisations.empty:
            return
        look = cartography.organisation_look(False)
        pen = _pen(look["color"], look["weight"])
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        xs, ys = self.organisation_pixels()
        seen = _within(painter.clipBoundingRect(), xs, ys, look["radius"] + look["weight"])
        for x, y, kind in zip(xs[seen].tolist(), ys[seen].tolist(),
                              organisations["kind"].to_numpy()[seen], strict=True):
            fill = _color(cartography.ORGANISATION_FILLS[cartography.organisation_class(kind)],
                          look["fillOpacity"])
            self._square(painter, x, y, look["radius"], fill, pen)

    @staticmethod
    def _square(painter: QPainter, x: float, y: float, half: float, fill: QColor,
                pen: QPen) -> None:
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRect(QRectF(x - half, y - half, 2 * half, 2 * half))

    def marker_pixels(self, frame: MapFrame | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Each shown project's marker centre in pixels, in the order of ``scope.projects``:
        co-located ones on their group's ring at this zoom, as the page draws them
        (map/fanout.py; groups are the dataset's, as on the page)."""
        every = self.ds.projects
        frame = frame or self.frame
        key = ("markers", id(frame))
        if key not in self._pixels:
            lons, lats, dx, dy = fanned(every.geometry.x, every.geometry.y, frame.zoom)
            xs, ys = frame.to_pixels(lons, lats)
            shown = self.scope.project_positions  # scope.projects's rows, in its order
            self._pixels[key] = ((xs + dx)[shown], (ys + dy)[shown])
        return self._pixels[key]

    def marker_colors(self) -> list[str]:
        """Each shown project's marker colour, in the order of ``scope.projects``: looked up
        once per field, not per marker (100,000 of them in a national export)."""
        if "colors" not in self._pixels:
            field_colors = self.ds.field_colors
            color_of = {field: cartography.field_color(field_colors, field)
                        for field in set(self.marker_fields)}
            self._pixels["colors"] = [color_of[field] for field in self.marker_fields]
        return self._pixels["colors"]

    @staticmethod
    def _circle(painter: QPainter, x: float, y: float, radius: float, fill: QColor,
                pen: QPen) -> None:
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(x, y), radius, radius)

    # --- furniture -----------------------------------------------------------------------
    def drawn_fields(self, insets: bool = True) -> list[str]:
        """The fields whose colour the picture draws, in the legend's order: those of the
        markers inside the map or an inset (unless ``insets`` is false) and, with tie-ups, of
        the arcs drawn. A bureau's slide lists its own fields, not the country's."""
        drawn = []
        frames = [(self.main_frame, self.frame.width, self.map_height)]
        if insets:
            frames += [(frame, frame.width, frame.height) for _box, frame in self.insets]
        for frame, width, height in frames:
            xs, ys = self.marker_pixels(frame)
            inside = (xs >= 0) & (xs <= width) & (ys >= 0) & (ys <= height)
            codes, fields = self.marker_field_codes()
            drawn += [fields[code] for code in np.unique(codes[inside]).tolist()]
        if self.spec.show_tieups:
            drawn += self.drawn_tieups()["field"].dropna().tolist()
        order = cartography.in_legend_order(self.ds.fields)["field_id"]
        return cartography.legend_fields(order, drawn)

    def _legend_height(self, rows: int | None = None) -> float:
        if not self.spec.show_legend:
            return 0.0
        if rows is None:  # before the insets are placed: the main map's fields and one more
            rows = len(self.drawn_fields(insets=False)) + 1
            classes = len(self.organisation_legend())
            rows += classes + 1 if classes else 0
        return (2 * 6 + 22 * (rows + 1)) * self.ui

    def organisation_legend(self) -> list[str]:
        """The legend's organisation classes (cartography.organisation_legend) of those
        drawn."""
        return cartography.organisation_legend(self.drawn_organisations()["kind"])

    def _legend(self, painter: QPainter) -> float:
        """The fields drawn, bottom right above the caption, as the page's legend; returns
        its width."""
        fields = cartography.in_legend_order(self.ds.fields)
        shown = self.drawn_fields()
        line, pad_x, pad_y, swatch, gap = (n * self.ui for n in (22, 9, 6, 11, 6))
        heading, body = self.font("legend_title", bold=True), self.font("legend")
        room = LEGEND_WIDTH_SHARE * self.frame.width - 2 * pad_x - swatch - gap
        glyphs = self.field_glyphs()
        rows = [("field", row.Index,
                 _elided(printable(cartography.legend_label(row, self.spec.language)), body,
                         room))
                for row in fields.set_index("field_id").loc[shown].itertuples()]
        words = page_text(self.spec.language)
        classes = self.organisation_legend()
        if classes:  # a heading of its own, then one square per class, as on the page
            rows.append(("heading", None, words["organisations_title"]))
            rows += [("organisation", cartography.ORGANISATION_FILLS[name],
                      _elided(cartography.organisation_legend_text(name, words), body, room))
                     for name in classes]
        if not rows:
            return 0.0
        painter.setFont(body)
        text_width = max(painter.fontMetrics().horizontalAdvance(text)
                         for kind, _c, text in rows if kind != "heading")
        painter.setFont(heading)
        title = words["legend_title"] if shown else words["organisations_title"]
        if not shown:
            rows = rows[1:]  # the organisations' heading is the legend's title
        text_width = max([text_width] + [
            painter.fontMetrics().horizontalAdvance(text) - swatch - gap
            for text in [title] + [text for kind, _c, text in rows if kind == "heading"]])
        width = 2 * pad_x + swatch + gap + text_width
        height = 2 * pad_y + line * (len(rows) + 1)
        box = QRectF(self.frame.width - self.margin - width,
                     self.map_height - self.margin - height, width, height)
        self._panel(painter, box, LEGEND_BOX["opacity"], LEGEND_BOX["radius"] * self.ui,
                    outline=True, fill=LEGEND_BOX["fill"])
        painter.setPen(_color(TEXT_COLOR))
        painter.drawText(QRectF(box.left() + pad_x, box.top() + pad_y, width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        edge = _pen(cartography.organisation_look(False)["color"], self.ui)
        edge.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        for index, (kind, color, text) in enumerate(rows):
            top = box.top() + pad_y + line * (index + 1)
            centre = QPointF(box.left() + pad_x + swatch / 2, top + line / 2)
            if kind == "heading":
                painter.setFont(heading)
                painter.setPen(_color(TEXT_COLOR))
                painter.drawText(QRectF(box.left() + pad_x, top, width, line),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 text)
                continue
            painter.setFont(body)
            if kind == "organisation":
                self._square(painter, centre.x(), centre.y(), swatch * 0.35, _color(color), edge)
            else:  # ``color`` is the field's id: its colour and glyph, as the markers
                fill = cartography.field_color(self.ds.field_colors, color)
                paint_field_swatch(painter, centre.x(), centre.y(), swatch / 2, fill,
                                   glyphs.get(color), _pen(SWATCH_EDGE, self.ui))
            painter.setPen(_color(TEXT_COLOR))
            painter.drawText(QRectF(box.left() + pad_x + swatch + gap, top, text_width + 2, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        return width

    def _scale_bar(self, painter: QPainter, bottom: float) -> None:
        """Leaflet's metric scale: a bracket as wide as a round distance, labelled inside."""
        width, label = nice_scale(self.frame, round(MAP_STYLE["scale_bar_max_width"] * self.ui))
        painter.setFont(self.font("scale_bar"))
        height = self._scale_bar_height()
        box = QRectF(self.margin, bottom - self.margin - height, width, height)
        painter.fillRect(box, _color("#ffffff", 0.8))
        painter.setPen(_pen("#777777", 2 * self.ui))
        painter.drawPolyline(QPolygonF([box.topLeft(), box.bottomLeft(), box.bottomRight(),
                                        box.topRight()]))
        painter.setPen(_color("#333333"))
        painter.drawText(box.adjusted(5 * self.ui, 0, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _scale_bar_height(self) -> float:
        if not self.spec.show_scale_bar:
            return 0.0
        return QFontMetricsF(self.font("scale_bar")).height() + 4 * self.ui

    def _title_parts(self):
        """(text, font, padding, room) of the title and of the subtitle if any."""
        room = QSizeF(0.70 * self.frame.width, TITLE_HEIGHT_SHARE * self.frame.height)
        parts = [(title_for(self.ds, self.spec), self.font("title", bold=True), (12, 6), room)]
        subtitle = subtitle_for(self.spec)
        if subtitle:
            parts.append((subtitle, self.font("subtitle"), (12, 4),
                          QSizeF(room.width(), room.height() / 2)))
        return parts

    def _title_bottom(self) -> float:
        """Where the title's panels end, measured as _title draws them."""
        bottom = self.margin
        for text, font, padding, room in self._title_parts():
            bottom += self._panel_height(text, font, padding, room) + self.margin / 2
        return bottom

    def _title(self, painter: QPainter) -> None:
        top = self.margin
        for text, font, padding, room in self._title_parts():
            top = self._text_panel(painter, text, font, "#1d2b3a", padding, room,
                                   top=top).bottom() + self.margin / 2

    def _north_arrow(self, painter: QPainter) -> None:
        """An arrow and 'N' at the top right: the export is Web Mercator, north is up."""
        size = 34 * self.ui
        box = QRectF(self.frame.width - self.margin - size, self.margin, size, 1.5 * size)
        self._panel(painter, box, 0.9, 3 * self.ui)
        painter.setFont(self.font("north_arrow", bold=True))
        letter_height = painter.fontMetrics().height()
        painter.setPen(_color(TEXT_COLOR))
        painter.drawText(QRectF(box.left(), box.top() + 2 * self.ui, size, letter_height),
                         Qt.AlignmentFlag.AlignCenter, "N")
        centre_x, tip_y = box.center().x(), box.top() + 4 * self.ui + letter_height
        base_y, half = box.bottom() - 5 * self.ui, size * 0.22
        painter.setPen(_pen(TEXT_COLOR, 1))
        painter.setBrush(_color(TEXT_COLOR))
        painter.drawPolygon(QPolygonF([QPointF(centre_x, tip_y),
                                       QPointF(centre_x + half, base_y),
                                       QPointF(centre_x, base_y - half),
                                       QPointF(centre_x - half, base_y)]))

    def _caption_room(self) -> QSizeF:
        return QSizeF(CAPTION_WIDTH_SHARE * self.spec.size[0],
                      CAPTION_HEIGHT_SHARE * self.spec.size[1])

    def _caption_band(self) -> float:
        """The height of the band under the map that holds the caption: the map is fitted
        above it, so the caption covers no land (it hid the Yaeyama islands)."""
        return (self._panel_height(self.caption_text, self.font("caption"), CAPTION_PADDING,
                                   self._caption_room()) + 2 * self.margin)

    def caption_box(self) -> QRectF:
        """Where the caption's panel goes: the band under the map, at the left."""
        height = self.footer - 2 * self.margin
        return QRectF(self.margin, self.frame.height - self.margin - height,
                      self._caption_room().width(), height)

    def _caption(self, painter: QPainter, legend_width: float) -> float:
        """Draw the sources line in its band under the map; returns its top."""
        del legend_width  # the legend stands over the map, above the band
        return self._text_panel(painter, self.caption_text, self.font("caption"),
                                "#444444", CAPTION_PADDING, self._caption_room(),
                                bottom=self.frame.height - self.margin).top()

    def _panel_height(self, text: str, font: QFont, padding: tuple[int, int],
                      room: QSizeF) -> float:
        """The height _text_panel gives ``text`` (measured without drawing)."""
        pad_x, pad_y = (n * self.ui for n in padding)
        metrics = QFontMetricsF(font)
        max_lines = int((room.height() - 2 * pad_y) / metrics.lineSpacing())
        width = max(room.width() - 2 * pad_x, 40)
        wrapped = _wrapped(text, font, width, max(MIN_LINES, max_lines))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        needed = metrics.boundingRect(QRectF(0, 0, width, 10 * self.spec.size[1]), flags,
                                      wrapped)
        return needed.height() + 2 * pad_y

    def _text_panel(self, painter: QPainter, text: str, font: QFont, color: str,
                    padding: tuple[int, int], room: QSizeF, top: float | None = None,
                    bottom: float | None = None) -> QRectF:
        """A white panel holding wrapped text at the left edge, at most as big as ``room``
        (the rest elided); returns the panel."""
        pad_x, pad_y = (n * self.ui for n in padding)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        limit = QRectF(0, 0, max(room.width() - 2 * pad_x, 40), 10 * self.frame.height)
        max_lines = int((room.height() - 2 * pad_y) / QFontMetricsF(font).lineSpacing())
        text = _wrapped(text, font, limit.width(), max(MIN_LINES, max_lines))
        needed = painter.fontMetrics().boundingRect(limit.toRect(), flags, text)
        box = QRectF(self.margin, 0, needed.width() + 2 * pad_x, needed.height() + 2 * pad_y)
        box.moveTop(top if top is not None else bottom - box.height())
        self._panel(painter, box, 0.9, 3 * self.ui)
        painter.setPen(_color(color))
        painter.drawText(box.adjusted(pad_x, pad_y, -pad_x + 1, -pad_y), flags, text)
        return box

    @staticmethod
    def _panel(painter: QPainter, box: QRectF, opacity: float, radius: float,
               outline: bool = False, fill: str = "#ffffff") -> None:
        """A white panel; the legend's has the faint edge of the page's box-shadow."""
        painter.setPen(_pen("#000000", 1, 0.2) if outline else Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(_color(fill, opacity)))
        painter.drawRoundedRect(box, radius, radius)


def field_glyphs(ds: Dataset) -> dict[str, str]:
    """field_id → its glyph (field_cues.legend_field_glyphs, the page's rule)."""
    return legend_field_glyphs(ds.fields)


def _near(boxes: np.ndarray, box: tuple, reach: float) -> list[list[float]]:
    """The ``boxes`` (rows of left, top, right, bottom) that ``box`` moved by up to ``reach``
    px could touch: what labels.clear_spot needs to test, not the 10,000 markers of the map
    for each of its hundreds of tries (0.4 s of a large export)."""
    near = ((boxes[:, 0] <= box[2] + reach) & (boxes[:, 2] >= box[0] - reach)
            & (boxes[:, 1] <= box[3] + reach) & (boxes[:, 3] >= box[1] - reach))
    return boxes[near].tolist()  # rows as lists: making tuples of them cost 0.3 s at 100,000


def _can_enter(box: tuple, bounds: tuple[float, float], reach: float) -> bool:
    """Whether ``box`` moved by up to ``reach`` px could lie inside ``bounds`` (width, height):
    an inset's frame holds a few bureaus' names, the others lie far outside it, where
    labels.clear_spot would try each of its hundreds of spots against thousands of markers
    to leave them where they are."""
    return (box[2] - reach <= bounds[0] and box[0] + reach >= 0
            and box[3] - reach <= bounds[1] and box[1] + reach >= 0
            and box[2] - box[0] <= bounds[0] and box[3] - box[1] <= bounds[1])


def _within(clip: QRectF, xs: np.ndarray, ys: np.ndarray, reach: float) -> np.ndarray:
    """Which of the points at (xs, ys) a mark reaching ``reach`` px around it would touch
    inside ``clip`` (all when there is no clip): an inset draws the few markers it frames,
    not the 10,000 of the whole map that its clip would hide (half a large export's markers
    time). Antialiasing reaches a pixel further."""
    if clip.isEmpty():
        return np.ones(len(xs), dtype=bool)
    reach += 2
    return ((xs >= clip.left() - reach) & (xs <= clip.right() + reach)
            & (ys >= clip.top() - reach) & (ys <= clip.bottom() + reach))


def _marker_painter(looks: dict[bool, dict]):
    """Draws one project marker: (selected, colour, glyph or None) at (x, y); pens and fills
    made once per look and colour."""
    pens = {chosen: _pen(look["color"], look["weight"]) for chosen, look in looks.items()}
    fills: dict[tuple[bool, str], QColor] = {}

    def draw(painter: QPainter, x: float, y: float, mark: tuple[bool, str, str | None]) -> None:
        chosen, color, glyph = mark
        look = looks[chosen]
        fill = fills.get((chosen, color))
        if fill is None:
            fill = fills[chosen, color] = _color(color, look["fillOpacity"])
        MapPainter._circle(painter, x, y, look["radius"], fill, pens[chosen])
        if glyph is not None:
            paint_glyph(painter, x, y, look["radius"], glyph, color)

    return draw


def _elided(text: object, font: QFont, width: float) -> str:
    """One line of ``text`` at most ``width`` pixels wide, cut with '…'."""
    return QFontMetricsF(font).elidedText(printable(text), Qt.TextElideMode.ElideRight,
                                          max(width, 1.0))


def _wrapped(text: str, font: QFont, width: float, max_lines: int) -> str:
    """``text`` broken into at most ``max_lines`` lines of ``width`` pixels, joined by newlines,
    the last line elided: a word longer than a line is broken too, so no line overflows."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans = []
    layout.beginLayout()
    while len(spans) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if not spans:
        return ""
    utf16 = text.encode("utf-16-le")  # the layout counts UTF-16 code units, Python code points

    def span_text(start: int, length: int | None = None) -> str:
        end = None if length is None else 2 * (start + length)
        return utf16[2 * start:end].decode("utf-16-le", errors="replace")

    lines = [span_text(start, length).rstrip() for start, length in spans[:-1]]
    last = span_text(spans[-1][0])  # all the rest: elided when it does not fit
    lines.append(QFontMetricsF(font).elidedText(last.strip(), Qt.TextElideMode.ElideRight,
                                                width))
    return "\n".join(lines)


def _line_height(font: QFont) -> float:
    """CSS line-height 'normal' for one label line: the font's size plus a little."""
    return font.pixelSize() * 1.25
