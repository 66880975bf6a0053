/*
 * marker_layer.js — point markers as one canvas layer: L.PointMarkerLayer, and its two kinds,
 * L.ProjectMarkerLayer (the projects) and L.OrganisationMarkerLayer (imported organisations,
 * drawn under the projects; its ``passes`` lets a project marker above it take the pointer).
 *
 * Why not one L.CircleMarker per project: a filter change on a large dataset (10,000
 * projects) added or removed ~9,000 Leaflet layers, each with its own events, tooltip binding
 * and a redraw request; that alone took most of a 160–200 ms round trip. Here the markers are
 * plain records drawn in one pass on one canvas; showing another set redraws that canvas
 * (a few ms) and nothing else.
 *
 * The layer is an L.Renderer, which keeps its canvas placed under the view through pans and
 * zoom animations exactly as Leaflet's own canvas renderer does. The canvas takes no pointer
 * events: the layer hit-tests the map container's mouse events itself (in the capture phase,
 * so a marker wins over the bureau area or arc beneath it), shows one tooltip for the marker
 * under the pointer and reports a click with ``options.onClick(project)``.
 *
 *   new L.ProjectMarkerLayer(projects, {pane, style(project), lookKey(project), tooltip(project),
 *                                       onClick(project), passes(event)})
 *     passes(event): true where the pointer belongs to something drawn over the markers
 *   layer.show(visibleIds, frontId)   draw these projects, frontId (the selection) on top
 *   layer.visibleProjectIds()         the ids drawn, in drawing order
 *   layer.markerPoint(id)             its marker's centre as drawn now, container px (null if
 *                                     not shown)
 *   layer.markerPoints()              {points: [x0, y0, ...] container px, reaches} of those drawn
 *   layer.closeTooltip()
 *
 * Projects are the page data's records: {id, lat, lon, fan}. A project with a ``fan``
 * ({lat, lon, dx, dy, until_zoom}, desktop/map/fanout.py) shares its place with others: below
 * ``until_zoom`` its marker is drawn (and hit) ``dx``, ``dy`` pixels from its group's centre
 * (lat, lon), on a ring where each marker can be seen and clicked; from that zoom on, at its
 * own place. The exports apply the same offsets (map_painter.marker_pixels).
 *
 * Styles are Leaflet path options (radius, color, weight, opacity, fillColor, fillOpacity),
 * ``glyph`` (optional: {paths, size, weight, ink}, the field's strokes drawn inside, see
 * L.PointMarkerLayer.strokeGlyph) and ``shape``: "circle" (the default, drawn as Leaflet draws an L.CircleMarker) or "square"
 * (``radius`` is half its side; the export painter draws both alike), once per look onto a small sprite whose
 * pixels are then stamped at each marker's place (L.PointMarkerLayer.Frame). ``lookKey(project)`` names what its style depends on (a
 * short string): style is asked once per key, and a state whose markers and keys are those
 * drawn already is not drawn again. Tooltip content is what ``options.tooltip``
 * returns, given to an L.Tooltip (the page escapes every dataset string in it).
 */
(function () {
  "use strict";

  L.PointMarkerLayer = L.Renderer.extend({
    options: {padding: 0.1, tolerance: 0},

    initialize: function (projects, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this._projects = projects;
      this._byId = {};
      for (var i = 0; i < projects.length; i++) { this._byId[projects[i].id] = i; }
      this._latLngs = projects.map(function (p) { return L.latLng(p.lat, p.lon); });
      this._fanCentres = projects.map(function (p) {
        return p.fan ? L.latLng(p.fan.lat, p.fan.lon) : null;
      });
      this._order = [];          // indexes of the projects drawn, bottom to top
      this._keys = [];           // their lookKey, in the same order
      this._looks = {};          // ratio -> lookKey -> its sprite and reach (see _lookOf)
      this._points = null;       // Float64Array [x0, y0, x1, y1, ...] layer points of _order
      this._projected = null;    // {zoom, placed}: every marker's pixel point (_projectedAt)
      this._hovered = -1;
      this._tooltip = L.tooltip({direction: "top", opacity: 0.95});
    },

    // ---- what is shown ------------------------------------------------------------------
    show: function (visibleIds, frontId) {
      // A state that draws the same markers in the same looks (a bureau picked, a tie-up
      // shown) leaves the canvas alone.
      var order = [], front = -1, lookKey = this.options.lookKey;
      for (var i = 0; i < visibleIds.length; i++) {
        var index = this._byId[visibleIds[i]];
        if (index === undefined) { continue; }
        if (visibleIds[i] === frontId) { front = index; } else { order.push(index); }
      }
      if (front >= 0) { order.push(front); }
      var keys = new Array(order.length), same = order.length === this._order.length;
      for (var k = 0; k < order.length; k++) {
        keys[k] = lookKey(this._projects[order[k]]);
        same = same && order[k] === this._order[k] && keys[k] === this._keys[k];
      }
      this._order = order;
      this._keys = keys;
      if (!same) { this.redraw(); }
      return this;
    },

    covers: function (event) {
      // whether one of this layer's markers is under the pointer (another layer's passes)
      return this._hit(event) >= 0;
    },

    visibleProjectIds: function () {
      var projects = this._projects;
      return this._order.map(function (index) { return projects[index].id; });
    },

    // ---- drawing --------------------------------------------------------------------------
    _initContainer: function () {
      var container = this._container = document.createElement("canvas");
      container.style.pointerEvents = "none";
      this._ctx = container.getContext("2d");
    },

    _destroyContainer: function () {
      L.DomUtil.remove(this._container);
      delete this._ctx;
      delete this._container;
    },

    onAdd: function () {
      L.Renderer.prototype.onAdd.call(this);
      var root = this._map.getContainer();
      L.DomUtil.addClass(this._container, "cx-project-markers");
      this._onPointer = this._onPointer.bind(this);
      root.addEventListener("click", this._onPointer, true);
      root.addEventListener("mousemove", this._onPointer, true);
      root.addEventListener("mouseout", this._onPointer, true);
    },

    onRemove: function () {
      var root = this._map.getContainer();
      ["click", "mousemove", "mouseout"].forEach(function (name) {
        root.removeEventListener(name, this._onPointer, true);
      }, this);
      this.closeTooltip();
      L.Renderer.prototype.onRemove.call(this);
    },

    _update: function () {
      if (this._map._animatingZoom && this._bounds) { return; }
      L.Renderer.prototype._update.call(this);
      var bounds = this._bounds, size = bounds.getSize(), ratio = window.devicePixelRatio || 1;
      var container = this._container;
      L.DomUtil.setPosition(container, bounds.min);
      container.width = Math.round(ratio * size.x);
      container.height = Math.round(ratio * size.y);
      container.style.width = size.x + "px";
      container.style.height = size.y + "px";
      this._ratio = ratio;
      this._draw();
    },

    redraw: function () {
      if (this._map && this._bounds) { this._draw(); }
      return this;
    },

    _draw: function () {
      // Where each marker is drawn (kept for hit-testing), then every marker's sprite composed
      // into one frame of pixels, top marker first, and the frame put on the canvas at once.
      var map = this._map, origin = this._bounds.min, order = this._order, ratio = this._ratio;
      var count = order.length, keys = this._keys;
      var points = this._points = new Float64Array(count * 2);
      var reaches = this._reaches = new Float64Array(count);
      var corners = new Int32Array(count * 2), sprites = new Array(count);
      var pixelOrigin = map.getPixelOrigin(), placed = this._projectedAt(map.getZoom()).placed;
      var looks = this._looksAt(ratio);
      for (var k = 0; k < count; k++) {
        // _layerPoint inlined: no Leaflet point made or projected per marker and redraw
        var index = order[k];
        var x = points[2 * k] = placed[2 * index] - pixelOrigin.x;
        var y = points[2 * k + 1] = placed[2 * index + 1] - pixelOrigin.y;
        var shown = sprites[k] = looks[keys[k]] || this._lookOf(index, keys[k], ratio);
        reaches[k] = shown.reach;
        corners[2 * k] = Math.round((x - origin.x) * ratio - shown.half);
        corners[2 * k + 1] = Math.round((y - origin.y) * ratio - shown.half);
      }
      var canvas = this._container;
      this._ctx.setTransform(1, 0, 0, 1, 0, 0);
      this._ctx.clearRect(0, 0, canvas.width, canvas.height);
      var frame = count ? this._frameOf(canvas.width, canvas.height) : null;
      if (!frame) { return; }  // no frame held for a layer that draws nothing
      frame.clear();
      for (k = count - 1; k >= 0; k--) {
        frame.stampUnder(sprites[k], corners[2 * k], corners[2 * k + 1]);
      }
      frame.put(this._ctx);
    },

    _frameOf: function (width, height) {
      // the frame the markers are composed in, kept between redraws (made again for a canvas
      // of another size; none for an empty one)
      if (!width || !height) { return null; }
      var frame = this._frame;
      if (!frame || frame.width !== width || frame.height !== height) {
        frame = this._frame = new L.PointMarkerLayer.Frame(width, height);
      }
      return frame;
    },

    _layerPoint: function (index, zoom) {
      // where the marker is drawn: on its group's ring below the zoom the group opens at
      // (as latLngToLayerPoint: the projected point rounded, less the pixel origin)
      var placed = this._projectedAt(zoom).placed;
      return L.point(placed[2 * index], placed[2 * index + 1])._subtract(this._map.getPixelOrigin());
    },

    _projectedAt: function (zoom) {
      // every marker's place projected at ``zoom``, rounded as Leaflet rounds a layer point,
      // on its group's ring below the zoom the group opens at; made again only when the zoom
      // changes, not per redraw
      var projected = this._projected;
      if (projected && projected.zoom === zoom) { return projected; }
      var count = this._latLngs.length, map = this._map, projects = this._projects;
      var placed = new Float64Array(2 * count);
      for (var i = 0; i < count; i++) {
        var fan = projects[i].fan, ring = fan && zoom < fan.until_zoom;
        var point = map.project(ring ? this._fanCentres[i] : this._latLngs[i], zoom);
        placed[2 * i] = Math.round(point.x) + (ring ? fan.dx : 0);
        placed[2 * i + 1] = Math.round(point.y) + (ring ? fan.dy : 0);
      }
      this._projected = {zoom: zoom, placed: placed};
      return this._projected;
    },

    markerPoint: function (projectId) {
      // the centre it is drawn at, in container pixels (not rounded to whole pixels)
      var index = this._byId[projectId];
      if (!this._map || index === undefined || this._order.indexOf(index) < 0) { return null; }
      return this._map.layerPointToContainerPoint(this._layerPoint(index, this._map.getZoom()));
    },

    markerPoints: function () {
      // the drawn markers' centres in container pixels at the map's current view, and how
      // far each reaches: what names placed on the map keep clear of
      var map = this._map, order = this._order;
      var points = new Float64Array(order.length * 2), reaches = new Float64Array(order.length);
      if (!map) { return {points: points, reaches: reaches}; }
      var zoom = map.getZoom(), offset = map.layerPointToContainerPoint([0, 0]);
      for (var k = 0; k < order.length; k++) {
        var point = this._layerPoint(order[k], zoom);
        points[2 * k] = point.x + offset.x;
        points[2 * k + 1] = point.y + offset.y;
        reaches[k] = this._lookOf(order[k], this._keys[k], this._ratio || 1).reach;
      }
      return {points: points, reaches: reaches};
    },

    _looksAt: function (ratio) {
      // the looks made for a device pixel ratio, by lookKey
      return this._looks[ratio] || (this._looks[ratio] = Object.create(null));
    },

    _lookOf: function (index, key, ratio) {
      // the style for a lookKey, asked once, with its sprite and its reach
      var looks = this._looksAt(ratio), shown = looks[key];
      if (!shown) {
        var look = this.options.style(this._projects[index]);
        shown = looks[key] = this._sprite(look, ratio);
        // how far from the centre a pointer still hits it, as Leaflet's circle markers
        shown.reach = look.radius + (look.stroke === false ? 0 : look.weight / 2) +
          this.options.tolerance;
        shown.radius = look.radius;
      }
      return shown;
    },

    _sprite: function (look, ratio) {
      // One look drawn once, as Leaflet draws a circle marker, then its pixels stamped per
      // marker (L.PointMarkerLayer.Frame): cheaper than 10,000 anti-aliased paths.
      var stroke = look.stroke !== false && look.weight ? look.weight : 0;
      var half = Math.ceil((look.radius + stroke / 2 + 1) * ratio);
      var canvas = typeof OffscreenCanvas === "undefined" ? document.createElement("canvas")
        : new OffscreenCanvas(2 * half, 2 * half);
      canvas.width = canvas.height = 2 * half;
      var ctx = canvas.getContext("2d", {willReadFrequently: true});
      ctx.scale(ratio, ratio);
      ctx.beginPath();
      if (look.shape === "square") {
        ctx.rect(half / ratio - look.radius, half / ratio - look.radius, 2 * look.radius,
                 2 * look.radius);
      } else {
        ctx.arc(half / ratio, half / ratio, look.radius, 0, Math.PI * 2, false);
      }
      if (look.fill !== false) {
        ctx.globalAlpha = look.fillOpacity === undefined ? 0.2 : look.fillOpacity;
        ctx.fillStyle = look.fillColor || look.color;
        ctx.fill();
      }
      if (stroke) {
        ctx.globalAlpha = look.opacity === undefined ? 1 : look.opacity;
        ctx.lineWidth = look.weight;
        ctx.strokeStyle = look.color;
        ctx.stroke();
      }
      if (look.glyph) {  // {paths, size, weight, ink}: its field's strokes, centred
        ctx.globalAlpha = 1;
        L.PointMarkerLayer.strokeGlyph(ctx, half / ratio, half / ratio, look.glyph);
      }
      return L.PointMarkerLayer.spriteOf(ctx.getImageData(0, 0, 2 * half, 2 * half), half);
    },

    // ---- pointer --------------------------------------------------------------------------
    _hit: function (event) {
      // the topmost marker under the pointer, as Leaflet's canvas hit-tests a circle marker
      if (!this._points || !this._map) { return -1; }
      var point = this._map.mouseEventToLayerPoint(event);
      var points = this._points, reaches = this._reaches;
      for (var k = this._order.length - 1; k >= 0; k--) {
        var dx = points[2 * k] - point.x, dy = points[2 * k + 1] - point.y;
        if (dx * dx + dy * dy <= reaches[k] * reaches[k]) { return this._order[k]; }
      }
      return -1;
    },

    _onPointer: function (event) {
      if (event.type === "mouseout") {
        if (!event.relatedTarget || !this._map.getContainer().contains(event.relatedTarget)) {
          this._hover(-1);
        }
        return;
      }
      if (this._map._animatingZoom) { return; }
      var passes = this.options.passes;
      var index = passes && passes(event) ? -1 : this._hit(event);
      if (event.type === "mousemove") {
        this._hover(index);
      } else if (index >= 0 && !(this._map.dragging && this._map.dragging.moved())) {
        event.stopPropagation();  // the marker, not the area beneath it, was clicked
        this.options.onClick(this._projects[index]);
      }
    },

    _hover: function (index) {
      if (index === this._hovered) { return; }
      this._hovered = index;
      L.DomUtil[index >= 0 ? "addClass" : "removeClass"](this._map.getContainer(),
                                                         "leaflet-interactive");
      if (index >= 0) { this._openTooltip(index); } else { this.closeTooltip(); }
    },

    // ---- tooltip --------------------------------------------------------------------------
    _openTooltip: function (index) {
      var project = this._projects[index];
      var radius = this._lookOf(index, this.options.lookKey(project), this._ratio || 1).radius;
      this._tooltip.options.offset = L.point(0, -radius);
      var place = this._map.layerPointToLatLng(this._layerPoint(index, this._map.getZoom()));
      this._tooltip.setContent(this.options.tooltip(project)).setLatLng(place);
      this._map.openTooltip(this._tooltip);
    },

    closeTooltip: function () {
      if (this._map) { this._map.closeTooltip(this._tooltip); }
      return this;
    }
  });

  L.PointMarkerLayer.strokeGlyph = function (ctx, x, y, glyph) {
    // a field's glyph (cartography.GLYPHS: polylines in a box from -1 to 1) at (x, y),
    // ``size`` pixels from its centre to the box's edge; the legend's swatches use it too
    ctx.save();
    ctx.lineWidth = glyph.weight;
    ctx.strokeStyle = glyph.ink;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    glyph.paths.forEach(function (line) {
      line.forEach(function (point, index) {
        var px = x + point[0] * glyph.size, py = y + point[1] * glyph.size;
        if (index === 0) { ctx.moveTo(px, py); } else { ctx.lineTo(px, py); }
      });
    });
    ctx.stroke();
    ctx.restore();
  };

  L.PointMarkerLayer.spriteOf = function (image, half) {
    // a look's pixels ready to stamp: RGBA as the canvas gives them (not premultiplied), one
    // 32-bit word a pixel, per row the span that holds any ink ([first, end) in spans), and
    // the box of all its ink (ink: left, top, right, bottom; right and bottom exclusive)
    var size = image.width, pixels = new Uint32Array(image.data.buffer);
    var spans = new Int32Array(2 * size), ink = [size, size, 0, 0];
    for (var row = 0; row < size; row++) {
      var first = size, end = 0;
      for (var column = 0; column < size; column++) {
        if (pixels[row * size + column] >>> 24) {
          if (first === size) { first = column; }
          end = column + 1;
        }
      }
      spans[2 * row] = first < end ? first : 0;
      spans[2 * row + 1] = end;
      if (first < end) {
        ink = [Math.min(ink[0], first), Math.min(ink[1], row), Math.max(ink[2], end), row + 1];
      }
    }
    return {pixels: pixels, spans: spans, size: size, half: half, ink: ink};
  };

  var TILE_SHIFT = 3, TILE = 1 << TILE_SHIFT, FULL_TILE = TILE * TILE;  // see Frame

  /*
   * The markers' frame: the canvas's pixels, composed in script and put on the canvas at once.
   *
   * Why: in Chromium's software canvas (no GPU, as on many office PCs) each drawImage stamp
   * cost 5–9 µs, so 10,000 markers took 55–87 ms a redraw and 100,000 took most of a second.
   * Here a marker is a few hundred 32-bit reads and writes. Markers are composed top one
   * first ("under": each pixel takes what shows through what is already over it), so the
   * stacking is exactly drawing order, later over earlier, and a pixel already opaque costs
   * one read; a marker (or a row of it) wholly under opaque tiles of TILE × TILE pixels is
   * not visited at all. The blend is source-over's, on the canvas's own non-premultiplied
   * RGBA (the ImageData's bytes), rounded to the nearest: a level or two from the canvas's
   * own blend, which rounds its own way (tests/webengine/test_marker_drawing.py compares the
   * two). Pixels are read as little-endian words (alpha in the top byte), as every platform
   * Chromium runs on stores them.
   */
  L.PointMarkerLayer.Frame = function (width, height) {
    this.width = width;
    this.height = height;
    this.image = new ImageData(width, height);
    this.pixels = new Uint32Array(this.image.data.buffer);
    // per tile of TILE × TILE pixels, how many are opaque (a tile cut by the frame's right or
    // bottom edge never counts as full)
    this.tilesWide = Math.ceil(width / TILE);
    this.solid = new Uint16Array(this.tilesWide * Math.ceil(height / TILE));
    this._empty();
  };

  L.PointMarkerLayer.Frame.prototype = {
    _empty: function () {
      // the box holding every pixel drawn since the last clear (left, top inclusive)
      this.left = this.width;
      this.top = this.height;
      this.right = 0;
      this.bottom = 0;
    },

    clear: function () {
      if (this.bottom > this.top) {
        this.pixels.fill(0, this.top * this.width, this.bottom * this.width);
        this.solid.fill(0, (this.top >> TILE_SHIFT) * this.tilesWide,
                        ((this.bottom >> TILE_SHIFT) + 1) * this.tilesWide);
      }
      this._empty();
    },

    put: function (ctx) {
      // only the box drawn in: the canvas is cleared beforehand
      if (this.right > this.left && this.bottom > this.top) {
        ctx.putImageData(this.image, 0, 0, this.left, this.top, this.right - this.left,
                         this.bottom - this.top);
      }
    },

    covers: function (sprite, left, top) {
      // whether every tile the sprite's ink reaches is opaque: nothing of it would show
      var ink = sprite.ink, tilesWide = this.tilesWide, solid = this.solid;
      var x0 = left + ink[0], y0 = top + ink[1], x1 = left + ink[2], y1 = top + ink[3];
      if (x0 < 0 || y0 < 0 || x1 > this.width || y1 > this.height || x1 <= x0) { return false; }
      for (var ty = y0 >> TILE_SHIFT; ty <= (y1 - 1) >> TILE_SHIFT; ty++) {
        for (var tx = x0 >> TILE_SHIFT; tx <= (x1 - 1) >> TILE_SHIFT; tx++) {
          if (solid[ty * tilesWide + tx] !== FULL_TILE) { return false; }
        }
      }
      return true;
    },

    stampUnder: function (sprite, left, top) {
      // the sprite with its top-left pixel at (left, top), under what the frame holds there
      if (this.covers(sprite, left, top)) { return; }
      var width = this.width, frame = this.pixels, size = sprite.size, solid = this.solid;
      var tilesWide = this.tilesWide;
      var pixels = sprite.pixels, spans = sprite.spans;
      var firstRow = Math.max(0, -top), endRow = Math.min(size, this.height - top);
      var drawnLeft = width, drawnRight = 0, drawnTop = -1, drawnBottom = -1;
      for (var row = firstRow; row < endRow; row++) {
        var first = Math.max(spans[2 * row], -left);
        var end = Math.min(spans[2 * row + 1], width - left);
        if (first >= end) { continue; }
        if (drawnTop < 0) { drawnTop = row; }
        drawnBottom = row + 1;
        if (first < drawnLeft) { drawnLeft = first; }
        if (end > drawnRight) { drawnRight = end; }
        var at = (top + row) * width + left, from = row * size;
        var tileRow = ((top + row) >> TILE_SHIFT) * tilesWide;
        var tile = tileRow + ((left + first) >> TILE_SHIFT);
        var lastTile = tileRow + ((left + end - 1) >> TILE_SHIFT);
        while (tile <= lastTile && solid[tile] === FULL_TILE) { tile++; }
        if (tile > lastTile) { continue; }  // this row lies wholly under opaque tiles
        for (var column = first; column < end; column++) {
          var over = frame[at + column], overAlpha = over >>> 24;
          if (overAlpha === 255) { continue; }
          var under = pixels[from + column], underAlpha = under >>> 24;
          if (underAlpha === 0) { continue; }
          if (overAlpha === 0) {
            frame[at + column] = under;
            if (underAlpha === 255) { solid[tileRow + ((left + column) >> TILE_SHIFT)]++; }
            continue;
          }
          // source-over of ``over`` on ``under``: alphas scaled by 255, weights of each colour
          var shows = underAlpha * (255 - overAlpha), total = overAlpha * 255 + shows;
          var alpha = (total + 127) / 255 | 0;
          if (alpha === 255) { solid[tileRow + ((left + column) >> TILE_SHIFT)]++; }
          var weight = shows / total, keep = 1 - weight;
          frame[at + column] =
            alpha << 24 |
            ((over >>> 16 & 255) * keep + (under >>> 16 & 255) * weight + 0.5) << 16 |
            ((over >>> 8 & 255) * keep + (under >>> 8 & 255) * weight + 0.5) << 8 |
            ((over & 255) * keep + (under & 255) * weight + 0.5);
        }
      }
      if (drawnTop >= 0) {
        this.left = Math.min(this.left, left + drawnLeft);
        this.right = Math.max(this.right, left + drawnRight);
        this.top = Math.min(this.top, top + drawnTop);
        this.bottom = Math.max(this.bottom, top + drawnBottom);
      }
    }
  };

  L.ProjectMarkerLayer = L.PointMarkerLayer.extend({});
  L.OrganisationMarkerLayer = L.PointMarkerLayer.extend({});
}());
