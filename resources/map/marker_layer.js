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
 * (``radius`` is half its side; the export painter draws both alike), once per look onto a small sprite that is then
 * stamped at each marker's place. ``lookKey(project)`` names what its style depends on (a
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
      this._looks = {};          // lookKey -> {look, sprite} (see _lookOf)
      this._points = null;       // Float64Array [x0, y0, x1, y1, ...] layer points of _order
      this._projected = null;    // {zoom, own, fan}: every project's pixel point (_projectedAt)
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
      var ctx = this._ctx, map = this._map, origin = this._bounds.min, order = this._order;
      var ratio = this._ratio;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this._container.width, this._container.height);
      var points = this._points = new Float64Array(order.length * 2);
      var reaches = this._reaches = new Float64Array(order.length);
      var width = this._container.width, height = this._container.height;
      var zoom = map.getZoom(), pixelOrigin = map.getPixelOrigin();
      var projected = this._projectedAt(zoom), projects = this._projects;
      for (var k = 0; k < order.length; k++) {
        // _layerPoint inlined: no Leaflet point made or projected per marker and redraw
        var index = order[k], fan = projects[index].fan, from = projected.own, dx = 0, dy = 0;
        if (fan && zoom < fan.until_zoom) { from = projected.fan; dx = fan.dx; dy = fan.dy; }
        var x = points[2 * k] = from[2 * index] - pixelOrigin.x + dx;
        var y = points[2 * k + 1] = from[2 * index + 1] - pixelOrigin.y + dy;
        var shown = this._lookOf(index, this._keys[k], ratio);
        reaches[k] = shown.reach;
        var left = Math.round((x - origin.x) * ratio - shown.half);
        var top = Math.round((y - origin.y) * ratio - shown.half);
        if (left < width && top < height && left > -2 * shown.half && top > -2 * shown.half) {
          ctx.drawImage(shown.image, left, top);
        }
      }
    },

    _layerPoint: function (index, zoom) {
      // where the marker is drawn: on its group's ring below the zoom the group opens at
      // (as latLngToLayerPoint: the projected point rounded, less the pixel origin)
      var projected = this._projectedAt(zoom), fan = this._projects[index].fan;
      var from = fan && zoom < fan.until_zoom ? projected.fan : projected.own;
      var point = L.point(from[2 * index], from[2 * index + 1])._subtract(this._map.getPixelOrigin());
      return from === projected.fan ? point._add(L.point(fan.dx, fan.dy)) : point;
    },

    _projectedAt: function (zoom) {
      // every project's place (and its group's centre) projected at ``zoom``, rounded as
      // Leaflet rounds a layer point; made again only when the zoom changes, not per redraw
      var projected = this._projected;
      if (projected && projected.zoom === zoom) { return projected; }
      var count = this._latLngs.length, map = this._map;
      var own = new Float64Array(2 * count), fan = new Float64Array(2 * count);
      for (var i = 0; i < count; i++) {
        var point = map.project(this._latLngs[i], zoom);
        own[2 * i] = Math.round(point.x);
        own[2 * i + 1] = Math.round(point.y);
        if (this._fanCentres[i]) {
          var centre = map.project(this._fanCentres[i], zoom);
          fan[2 * i] = Math.round(centre.x);
          fan[2 * i + 1] = Math.round(centre.y);
        }
      }
      this._projected = {zoom: zoom, own: own, fan: fan};
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

    _lookOf: function (index, key, ratio) {
      // the style for a lookKey, asked once, with its sprite and its reach
      var cacheKey = key + "@" + ratio, shown = this._looks[cacheKey];
      if (!shown) {
        var look = this.options.style(this._projects[index]);
        shown = this._looks[cacheKey] = this._sprite(look, ratio);
        // how far from the centre a pointer still hits it, as Leaflet's circle markers
        shown.reach = look.radius + (look.stroke === false ? 0 : look.weight / 2) +
          this.options.tolerance;
        shown.radius = look.radius;
      }
      return shown;
    },

    _sprite: function (look, ratio) {
      // One look drawn once, as Leaflet draws a circle marker, then stamped per marker:
      // cheaper for the web engine than 10,000 anti-aliased paths.
      var stroke = look.stroke !== false && look.weight ? look.weight : 0;
      var half = Math.ceil((look.radius + stroke / 2 + 1) * ratio);
      // an ImageBitmap: stamping from a plain canvas copied the canvas on every drawImage
      var canvas = typeof OffscreenCanvas === "undefined" ? document.createElement("canvas")
        : new OffscreenCanvas(2 * half, 2 * half);
      canvas.width = canvas.height = 2 * half;
      var ctx = canvas.getContext("2d");
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
      var image = canvas.transferToImageBitmap ? canvas.transferToImageBitmap() : canvas;
      return {image: image, half: half};
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

  L.ProjectMarkerLayer = L.PointMarkerLayer.extend({});
  L.OrganisationMarkerLayer = L.PointMarkerLayer.extend({});
}());
