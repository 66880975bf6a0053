/*
 * cluster_map.js — the map page's small API, driven from Python with JSON arguments.
 *
 * The page (map.html, generated once by folium) holds no data: it starts loading while Python
 * still reads the dataset, then receives it in one call. Afterwards Python only calls these
 * functions and the page never reloads, so pan and zoom survive every filter and selection.
 *
 *   clusterMap.init(map)              once, from the folium-generated page; says pageReady
 *   clusterMap.loadFont(json)         {family, url}: the bundled Japanese font, first
 *   clusterMap.setData(json)          once, the dataset's layers (desktop/map/page_data.py)
 *   clusterMap.setArcs(json)          once, before the first state showing the tie-ups:
 *                                      {tieup_id: "[[lat, lon], ...]"} (page_data.arcs_json)
 *   clusterMap.setState(json)         the fields of desktop/map/page_state.MapState (the keys
 *                                      of `var state` below; any other is reported as an
 *                                      error) plus seq and viewport: [w, h]; acked by
 *                                      the bridge slot stateApplied {seq, markers} after the frame
 *                                      drawn at the viewport size
 *   clusterMap.fitFrame(json)         {bounds: [[s, w], [n, e]], padding}: show it whole
 *                                      (desktop/map/framing.py decides what is framed)
 *   clusterMap.flyTo(lon, lat, zoom)
 *   clusterMap.getView() -> json {lat, lon, zoom};  clusterMap.setView(json)
 *   clusterMap.getBounds() -> json [[s, w], [n, e]]
 *   clusterMap.stateKeys() -> json    the keys setState reads, to check them against MapState
 * Python builds every call in desktop/map/js_api.py.
 *
 * The map's rules live in Python (desktop/map/cartography.py), shared with the exports: the
 * page gets the looks and framing with its data (data.style) and each rule's
 * result with its state (which colour a marker takes, which fields the legend lists, which
 * look a bureau has); it only applies them. Longitudes arrive as drawn (already unwrapped).
 *
 * Events go to Python through the QWebChannel object "bridge"; every slot takes one JSON
 * string. Outside Qt (a plain browser) a no-op bridge stands in.
 *
 * Safety: every dataset string that reaches HTML goes through escapeHtml or textContent.
 */
(function () {
  "use strict";

  // The slots are named once, by Python's MapBridge (desktop/map/view.py); outside Qt no
  // bridge exists and send() drops what it would have said.
  var NOOP_BRIDGE = {};
  var bridge = NOOP_BRIDGE;
  var bridgeConnected = false;
  var initialised = false;

  var map = null;
  var data = null;
  var renderer = null;
  var bureauLayers = {};      // bureau_id -> L.Path (GeoJSON feature layer)
  var bureauFeatures = {};    // bureau_id -> GeoJSON feature
  var bureauLooksShown = {};  // bureau_id -> the look it is drawn in now
  var bureauNames = [];       // {marker, element}: each bureau's name (placeBureauNames)
  var stackedBureau = null;   // the bureau restack() drew above the others
  var markerLayer = null;     // every project's marker, one canvas (marker_layer.js)
  var projectsById = {};
  var organisationLayer = null;  // the imported organisations' markers, under the projects'
  var arcLayers = {};         // tieup_id -> {arc: L.Polyline, partner: L.CircleMarker, tieup}
  var partnerLabels = [];     // {key, marker, element, tieups: [tieup_id]}, one per partner place
  var partnerLabelGroup = null;
  var arcsBuilt = false;      // built when tie-ups are first shown (5,000 arcs: 0.4 s)
  var arcTexts = null;        // tieup_id -> its arc as JSON text (setArcs), until built
  var prefectureLayer = null;
  var arcGroup = null;
  var legendControl = null;
  var legendCollapsed = false;  // the person folded the legend away (kept for the session)
  var legendSize = null;        // {x, y}: the open legend's size with its margin, or null
  var legendRoom = null;        // the legend's size when the frame was last fitted: the room
                                // the frame keeps clear (fitFrame, refreshLegend)
  var placeGroup = null;        // the place names shown now (declutterPlaceLabels)
  var placeLabels = {};         // index in data.places -> {marker, name: span}, made when shown
  var placeWidths = {};         // index in data.places -> the name's width in pixels
  var measureContext = null;    // a canvas's 2D context: measures names without the DOM
  var placesCredited = false;   // GeoNames named in the attribution line
  var state = {
    visible_projects: [], visible_tieups: [], marker_colors: {}, marker_glyph_fields: {},
    legend_fields: [],
    bureau_counts: {}, bureau_looks: {}, selected_bureau: null, selected_project: null,
    selected_tieup: null, show_tieups: false, show_prefectures: true, show_places: true,
    visible_organisations: [], selected_organisation: null, organisation_legend: [],
    show_organisations: true
  };
  var viewTimer = null;
  var keyFocusBureau = null;  // the bureau the arrow keys moved the focus ring to
  var focusRing = null;       // its outline: a white line under a dashed dark one (pane cx-focus)
  var focusRenderer = null;
  var announcer = null;       // a polite live region: the ringed bureau's name, read aloud
  // Until the person moves the map, the view keeps the last frame Python asked for (at first
  // the whole country) when the map's size changes: the data can arrive while the window is
  // still being laid out, and a frame is only honest at the size it is shown.
  var autoFit = true;
  var lastFrame = null;     // {bounds, padding}

  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function reportError(message, source, line) {
    var payload = {message: String(message), source: String(source || ""), line: line || 0};
    if (window.console) { console.error("clusterMap: " + message); }
    try { send("jsError", payload); } catch (ignored) { /* nothing left to report to */ }
  }

  window.addEventListener("error", function (event) {
    reportError(event.message, event.filename, event.lineno);
  });
  window.addEventListener("unhandledrejection", function (event) {
    reportError("unhandled rejection: " + (event.reason && event.reason.message || event.reason),
                "", 0);
  });

  function send(slot, payload) {
    if (typeof bridge[slot] === "function") { bridge[slot](JSON.stringify(payload || {})); }
  }

  function connectBridge() {
    if (typeof qt === "undefined" || !qt.webChannelTransport || typeof QWebChannel === "undefined") {
      bridgeConnected = true;
      maybeReady();
      return;
    }
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge || NOOP_BRIDGE;
      bridgeConnected = true;
      maybeReady();
    });
  }

  function maybeReady() {
    if (initialised && bridgeConnected) { send("pageReady", {}); }
  }

  function loadFont(family, url) {
    // The Japanese font lives with its Python package, not beside the page; Python names it.
    if (!url || typeof FontFace === "undefined") { return; }
    var face = new FontFace(family, "url(" + JSON.stringify(String(url)) + ")");
    document.fonts.add(face);
    face.load().then(function () {
      placeWidths = {};  // names measured in a fallback font: measure again
      if (data) { placeBureauNames(); declutterPlaceLabels(); }
    }).catch(function (error) { reportError("font not loaded: " + error, url, 0); });
  }

  function afterFrame(callback) {
    // Once the fonts are in, the next animation frame shows the new state.
    // requestAnimationFrame does not run for a hidden view; the timer is the fallback.
    var done = false;
    function once() { if (!done) { done = true; callback(); } }
    var fontsReady = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    fontsReady.then(function () {
      window.requestAnimationFrame(once);
      window.setTimeout(once, 150);
    });
  }

  function whenSized(viewport, callback) {
    // Python says how big the view is; a view just put in a window can still have the page
    // at its old size for a few frames, and a state is only "drawn" at the size shown.
    var done = false;
    function sized() {
      return !viewport || (window.innerWidth === viewport[0] && window.innerHeight === viewport[1]);
    }
    function once() {
      if (done) { return; }
      done = true;
      window.removeEventListener("resize", check);
      callback();
    }
    function check() { if (sized()) { once(); } }
    if (sized()) { callback(); return; }
    window.addEventListener("resize", check);
    window.setTimeout(once, 1000);  // never wait longer than a second for a size
  }

  // ---- tooltips -------------------------------------------------------------------------
  function bureauTooltip(feature) {
    var p = feature.properties;
    var count = state.bureau_counts[p.id];
    // names and words come in the interface's language (desktop/map/page_data.py, page_text.py)
    return "<b>" + escapeHtml(p.name) + "</b> " + escapeHtml(p.local_name || "") +
      (count === undefined ? "" : "<br>" + escapeHtml(pageText("projects_shown", count)));
  }

  function fieldName(fieldId) {
    for (var i = 0; i < data.fields.length; i++) {
      if (data.fields[i].id === fieldId) { return data.fields[i].name; }
    }
    return fieldId;
  }

  function pageText(key, count) {
    return data.text[key].replace("{count}", String(count));
  }

  function fieldsById() {
    var byId = {};
    data.fields.forEach(function (field) { byId[field.id] = field; });
    return byId;
  }

  function projectTooltip(project) {
    var lines = ["<b>" + escapeHtml(project.name) + "</b>"];
    if (project.local_name) { lines.push(escapeHtml(project.local_name)); }
    lines.push(escapeHtml(project.fields.map(fieldName).join(", ")));
    var counts = [];
    if (project.companies !== null) { counts.push(escapeHtml(pageText("companies", project.companies))); }
    if (project.universities !== null) { counts.push(escapeHtml(pageText("universities", project.universities))); }
    if (counts.length) { lines.push(counts.join(", ")); }
    return lines.join("<br>");
  }

  function organisationTooltip(organisation) {
    // its name (and the Japanese one under it on an English map), its kind, its project
    var lines = ["<b>" + escapeHtml(organisation.name) + "</b>"];
    if (organisation.local_name) { lines.push(escapeHtml(organisation.local_name)); }
    var kind = data.text["kind:" + organisation.kind];
    lines.push(escapeHtml(kind === undefined ? organisation.kind : kind));
    var project = projectsById[organisation.project_id];
    if (project) { lines.push(escapeHtml(project.name)); }
    return lines.join("<br>");
  }

  function tieupTooltip(tieup) {
    var project = projectsById[tieup.project_id];
    return "<b>" + escapeHtml(tieup.partner) + "</b> (" + escapeHtml(tieup.partner_place) + ", " +
      escapeHtml(tieup.country) + ")<br>⇔ " + escapeHtml(project ? project.name : tieup.project_id) +
      "<br>" + escapeHtml(tieup.field_label || fieldName(tieup.field));
  }

  // ---- styles ---------------------------------------------------------------------------
  // Looks come with the data, which look applies with the state (desktop/map/cartography.py).
  function bureauStyle(bureauId) {
    var look = data.style.bureau[state.bureau_looks[bureauId] || "normal"];
    return L.extend({fillColor: bureauFeatures[bureauId].properties.color}, look);
  }

  function markerField(project) {
    // the field whose colour and glyph the marker takes (the state names the exceptions)
    return state.marker_glyph_fields[project.id] || project.field;
  }

  function fieldGlyph(fieldId, radius) {
    // the field's glyph, sized for a marker or swatch of ``radius`` (cartography.GLYPHS)
    var field = data.glyphs ? fieldsById()[fieldId] : null;  // (page data kept without them)
    if (!field || !field.glyph) { return null; }
    return {paths: data.glyphs.paths[field.glyph], size: data.glyphs.scale * radius,
            weight: data.glyphs.weight, ink: field.ink};
  }

  function markerStyle(project) {
    var look = data.style.project[state.selected_project === project.id ? "selected" : "normal"];
    return L.extend({fillColor: state.marker_colors[project.id] || project.color,
                     glyph: fieldGlyph(markerField(project), look.radius)}, look);
  }

  function markerStyleKey(project) {
    // what markerStyle depends on, compared before building a style object per marker
    var look = state.selected_project === project.id ? "selected" : "normal";
    return (state.marker_colors[project.id] || project.color) + "|" + markerField(project) +
      "|" + look;
  }

  function organisationLook(organisation) {
    return state.selected_organisation === organisation.id ? "selected" : "normal";
  }

  function organisationStyle(organisation) {
    return L.extend({fillColor: organisation.fill},
                    data.style.organisation[organisationLook(organisation)]);
  }

  function organisationStyleKey(organisation) {
    return organisation.fill + "|" + organisationLook(organisation);
  }

  function arcStyle(tieup) {
    var look = data.style.arc;
    return state.selected_tieup === tieup.id ? L.extend({}, look.selected)
                                               : L.extend({color: tieup.color}, look.normal);
  }

  function fitFrame(frame) {
    // The open legend covers the bottom-right corner: the frame keeps clear of it, either
    // beside it or above it, whichever shows the frame bigger.
    lastFrame = frame;
    var bounds = L.latLngBounds(frame.bounds);
    var padding = L.point(frame.padding, frame.padding);
    var bottomRight = padding;
    legendRoom = legendSize;
    if (legendRoom) {
      var beside = padding.add([legendRoom.x, 0]), above = padding.add([0, legendRoom.y]);
      bottomRight = map.getBoundsZoom(bounds, false, padding.add(beside)) >=
        map.getBoundsZoom(bounds, false, padding.add(above)) ? beside : above;
    }
    map.fitBounds(bounds, {paddingTopLeft: padding, paddingBottomRight: bottomRight,
                           animate: false});
  }

  function japanFrame() {
    return {bounds: data.japan_bounds, padding: data.style.framing.padding.japan};
  }

  // ---- building -------------------------------------------------------------------------
  function addPane(name, zIndex) {
    var pane = map.createPane(name);
    pane.style.zIndex = zIndex;
    return pane;
  }

  function buildCountries() {
    L.geoJSON(data.countries, {
      pane: "cx-countries", interactive: false,
      style: data.style.country
    }).addTo(map);
  }

  function buildBureaus() {
    L.geoJSON(data.bureaus, {
      renderer: renderer,
      style: function (feature) {
        bureauFeatures[feature.properties.id] = feature;
        return bureauStyle(feature.properties.id);
      },
      onEachFeature: function (feature, layer) {
        var bureauId = feature.properties.id;
        bureauLayers[bureauId] = layer;
        layer.bindTooltip(function () { return bureauTooltip(feature); }, {sticky: true});
        layer.on("mouseover", function () {
          if (state.selected_bureau !== bureauId) { layer.setStyle(data.style.bureau.hover); }
        });
        layer.on("mouseout", function () { layer.setStyle(bureauStyle(bureauId)); });
        layer.on("click", function (event) {
          L.DomEvent.stopPropagation(event);
          send("bureauClicked", {bureau_id: bureauId});
        });
      }
    }).addTo(map);
    data.bureaus.features.forEach(function (feature) {
      var p = feature.properties;
      var label = document.createElement("div");
      var en = document.createElement("span");
      en.className = "cx-label-en";
      en.textContent = p.name;
      en.style.color = data.style.bureau_label.name_color;
      var ja = document.createElement("span");
      ja.className = "cx-label-ja";
      ja.textContent = p.local_name || "";
      ja.style.color = data.style.bureau_label.local_name_color;
      label.appendChild(en);
      label.appendChild(ja);
      var marker = L.marker([p.label_lat, p.label_lon], {
        pane: "cx-labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "cx-bureau-label", html: label, iconSize: null})
      }).addTo(map);
      bureauNames.push({marker: marker, element: marker.getElement()});
    });
  }

  // ---- the keyboard: a focus ring between bureaus -----------------------------------------
  // With the map focused, the arrow keys move a ring from bureau to bureau in the dataset's
  // order (north to south: Right or Down the next, Left or Up the one before) and Enter or
  // Space picks the ringed one, as a click on it does. Shift+arrows still pan and +/- zoom
  // (Leaflet's own keys). The ring goes when the map loses the focus.
  var RING_KEYS = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};

  function bureauOrder() {
    return data.bureaus.features.map(function (feature) { return feature.properties.id; });
  }

  function ringBureau(bureauId) {
    keyFocusBureau = bureauId;
    if (focusRing) { map.removeLayer(focusRing); focusRing = null; }
    if (bureauId === null || !bureauFeatures[bureauId]) { return; }
    var ringLine = function (look) {
      return L.geoJSON(bureauFeatures[bureauId], {
        pane: "cx-focus", renderer: focusRenderer, interactive: false,
        style: L.extend({fill: false}, look)
      });
    };
    focusRing = L.layerGroup([ringLine(data.style.focus_ring.under),
                              ringLine(data.style.focus_ring.over)]).addTo(map);
    var p = bureauFeatures[bureauId].properties;
    announcer.textContent = p.name + (p.local_name ? " " + p.local_name : "");
  }

  function onMapKey(event) {
    if (!data || event.target !== map.getContainer() ||
        event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var step = RING_KEYS[event.key];
    if (step) {
      var order = bureauOrder();
      var from = order.indexOf(keyFocusBureau !== null ? keyFocusBureau : state.selected_bureau);
      var next = from < 0 ? (step > 0 ? 0 : order.length - 1)
                          : (from + step + order.length) % order.length;
      ringBureau(order[next]);
    } else if ((event.key === "Enter" || event.key === " ") && keyFocusBureau !== null) {
      send("bureauClicked", {bureau_id: keyFocusBureau});
    } else {
      return;
    }
    map.getContainer().classList.add("cx-keyboard");  // the focus outline shows (the CSS)
    // before Leaflet's own handler on the container, which would pan the map
    event.preventDefault();
    event.stopPropagation();
  }

  function installKeyboard() {
    focusRenderer = L.svg({pane: "cx-focus"});
    announcer = document.createElement("div");
    announcer.className = "cx-announcer";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    document.body.appendChild(announcer);
    var container = map.getContainer();
    container.setAttribute("role", "application");
    document.addEventListener("keydown", onMapKey, true);  // capture: before Leaflet's
    container.addEventListener("blur", function () {
      ringBureau(null);
      container.classList.remove("cx-keyboard");
    });
  }

  function placeBureauNames() {
    // Each bureau's name centred on its place or, where markers lie there, at the nearest
    // of the shifts (style.bureau_label.shifts, in name widths and heights) where it covers none
    // and no name placed before it. Where none is free it stays on its place, drawn over
    // the markers (its pane is above theirs) and taking their clicks for its bureau
    // (onBureauLabel): a name is never hidden under markers.
    if (!bureauNames.length || map.getPane("cx-labels").style.display === "none") { return; }
    var markers = markerObstacles(), placed = [], shifts = data.style.bureau_label.shifts;
    bureauNames.forEach(function (entry) {
      var element = entry.element, anchor = map.latLngToContainerPoint(entry.marker.getLatLng());
      var width = element.offsetWidth, height = element.offsetHeight, chosen = null;
      for (var i = 0; i < shifts.length && !chosen; i++) {
        var dx = shifts[i][0] * width, dy = shifts[i][1] * height;
        var box = {left: anchor.x + dx - width / 2, top: anchor.y + dy - height / 2,
                   right: anchor.x + dx + width / 2, bottom: anchor.y + dy + height / 2};
        if (!hitsMarker(box, markers) && !placed.some(function (other) { return overlaps(box, other); })) {
          chosen = {dx: dx, dy: dy, box: box};
        }
      }
      chosen = chosen || {dx: 0, dy: 0, box: {left: anchor.x - width / 2, top: anchor.y - height / 2,
                                              right: anchor.x + width / 2, bottom: anchor.y + height / 2}};
      placed.push(chosen.box);
      element.style.marginLeft = Math.round(chosen.dx - width / 2) + "px";
      element.style.marginTop = Math.round(chosen.dy - height / 2) + "px";
    });
  }

  function buildPrefectures() {
    prefectureLayer = L.geoJSON(data.prefectures, {
      renderer: renderer, interactive: false,
      style: L.extend({fill: false}, data.style.prefecture)
    });
  }

  function buildArcs() {
    arcsBuilt = true;
    data.tieups.forEach(function (tieup) {
      // the arc's [[lat, lon], ...] comes as JSON text, read only now (page_data.arcs_json)
      var own = Object.prototype.hasOwnProperty.call(arcTexts, tieup.id);
      if (!own) { return; }  // its project has no point: no arc
      var points = JSON.parse(arcTexts[tieup.id]);
      if (!points.length) { return; }
      // the partner sits where its arc ends, maybe a turn of the globe from its own longitude
      tieup.partner_lon = points[points.length - 1][1];
      var arc = L.polyline(points, L.extend({renderer: renderer}, arcStyle(tieup)));
      var partner = L.circleMarker([tieup.partner_lat, tieup.partner_lon], L.extend(
        {renderer: renderer, fillColor: tieup.color}, data.style.partner));
      [arc, partner].forEach(function (layer) {
        layer.bindTooltip(function () { return tieupTooltip(tieup); }, {sticky: true});
        layer.on("click", function (event) {
          L.DomEvent.stopPropagation(event);
          send("tieupClicked", {tieup_id: tieup.id});
        });
      });
      arcLayers[tieup.id] = {arc: arc, partner: partner, tieup: tieup};
    });
    buildPartnerLabels();
  }

  function buildPartnerLabels() {
    // One name per partner place, shown while one of its tie-ups is (declutterPartnerLabels).
    var byKey = {};
    data.tieups.forEach(function (tieup) {
      var key = tieup.partner + "|" + tieup.partner_lat + "|" + tieup.partner_lon;
      if (!byKey[key]) {
        var element = document.createElement("span");
        element.className = "cx-partner-name";
        element.textContent = tieup.partner;
        element.style.color = data.style.partner_label.color;
        byKey[key] = {
          key: key, element: element, tieups: [],
          marker: L.marker([tieup.partner_lat, tieup.partner_lon], {
            pane: "cx-partner-labels", interactive: false, keyboard: false,
            icon: L.divIcon({className: "cx-partner-label", html: element, iconSize: null})
          })
        };
        partnerLabels.push(byKey[key]);
      }
      byKey[key].tieups.push(tieup.id);
    });
  }

  function markerObstacles() {
    // The drawn markers as boxes a name keeps out of, sorted by their left edge, and the
    // widest reach: a name's box then only looks at the markers in its own columns.
    var drawn = markerLayer.markerPoints(), boxes = [], widest = 0;
    for (var k = 0; k < drawn.reaches.length; k++) {
      var x = drawn.points[2 * k], y = drawn.points[2 * k + 1], reach = drawn.reaches[k];
      boxes.push({left: x - reach, top: y - reach, right: x + reach, bottom: y + reach});
      widest = Math.max(widest, 2 * reach);
    }
    boxes.sort(function (a, b) { return a.left - b.left; });
    return {boxes: boxes, widest: widest};
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function hitsMarker(box, markers) {
    // the first marker box whose left edge could still reach ``box`` (binary search)
    var boxes = markers.boxes, low = 0, high = boxes.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (boxes[middle].left < box.left - markers.widest) { low = middle + 1; } else { high = middle; }
    }
    for (var i = low; i < boxes.length && boxes[i].left < box.right; i++) {
      if (overlaps(box, boxes[i])) { return true; }
    }
    return false;
  }

  function declutterPartnerLabels() {
    // Greedy, as the exports place them (desktop/map/labels.place_labels): the places with
    // the most tie-ups shown first, each at the first of the sides (style.partner_label.sides,
    // y down) clear of the names placed before it, of the project markers and of the partner
    // points tried, and inside the map; a name with no free side is left out.
    if (!partnerLabelGroup) { return; }
    var shown = {};
    if (state.show_tieups) { state.visible_tieups.forEach(function (id) { shown[id] = true; }); }
    var candidates = partnerLabels.map(function (label) {
      return {label: label, count: label.tieups.filter(function (id) { return shown[id]; }).length};
    }).filter(function (entry) { return entry.count > 0; });
    candidates.sort(function (a, b) { return b.count - a.count || a.label.key.localeCompare(b.label.key); });
    candidates = candidates.slice(0, data.style.partner_label.most_tried);  // measuring costs
    var keep = {};
    if (candidates.length) {
      var look = data.style.partner_label, size = map.getSize();
      var markers = markerObstacles();
      var radius = data.style.partner.radius;
      var kept = candidates.map(function (entry) {  // the partner points tried are taken too
        var point = map.latLngToContainerPoint(entry.label.marker.getLatLng());
        return {left: point.x - radius, top: point.y - radius, right: point.x + radius,
                bottom: point.y + radius};
      });
      candidates.forEach(function (entry) {
        var label = entry.label;
        if (!partnerLabelGroup.hasLayer(label.marker)) { partnerLabelGroup.addLayer(label.marker); }
        var point = map.latLngToContainerPoint(label.marker.getLatLng());
        var width = label.element.offsetWidth, height = label.element.offsetHeight;
        for (var i = 0; i < look.sides.length; i++) {
          var sx = look.sides[i][0], sy = look.sides[i][1];
          var left = sx > 0 ? point.x + look.gap : sx < 0 ? point.x - look.gap - width
            : point.x - width / 2;
          var top = sy > 0 ? point.y + look.gap : sy < 0 ? point.y - look.gap - height
            : point.y - height / 2;
          var box = {left: left, top: top, right: left + width, bottom: top + height};
          // a name cut by the map's edge is no name
          var inside = box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y;
          var free = inside && !hitsMarker(box, markers) &&
            kept.every(function (other) { return !overlaps(box, other); });
          if (free) {
            label.element.style.transform = "translate(" + (left - point.x) + "px, " +
              (top - point.y) + "px)";
            kept.push(box);
            keep[label.key] = true;
            return;
          }
        }
      });
    }
    partnerLabels.forEach(function (label) {
      if (!keep[label.key] && partnerLabelGroup.hasLayer(label.marker)) {
        partnerLabelGroup.removeLayer(label.marker);
      }
    });
  }

  // ---- place names ----------------------------------------------------------------------
  function placeLabel(index) {
    // A dot at the place and its name beside it (placed by declutterPlaceLabels), made the
    // first time the place is shown; the name is text, never HTML.
    var entry = placeLabels[index];
    if (entry) { return entry; }
    var place = data.places[index], look = data.style.place;
    var element = document.createElement("div");
    element.className = "cx-place";
    var dot = document.createElement("span");
    dot.className = "cx-place-dot";
    dot.style.width = dot.style.height = 2 * look.dot_radius + "px";
    dot.style.left = dot.style.top = -look.dot_radius + "px";
    dot.style.background = look.dot_color;
    var name = document.createElement("span");
    name.className = "cx-place-name";
    name.textContent = place.name;
    name.style.color = look.color;
    name.style.fontSize = look.font_size + "px";
    name.style.lineHeight = placeNameHeight() + "px";
    element.appendChild(dot);
    element.appendChild(name);
    entry = {name: name, marker: L.marker([place.lat, place.lon], {
      pane: "cx-places", interactive: false, keyboard: false,
      icon: L.divIcon({className: "cx-place-label", html: element, iconSize: null})
    })};
    placeLabels[index] = entry;
    return entry;
  }

  function placeNameHeight() {
    return data.style.place.line_height;
  }

  function placeNameWidth(index) {
    // measured on a canvas in the page's font: no layout per name tried
    if (placeWidths[index] === undefined) {
      if (!measureContext) { measureContext = document.createElement("canvas").getContext("2d"); }
      measureContext.font = data.style.place.font_size + "px " +
        window.getComputedStyle(map.getContainer()).fontFamily;
      placeWidths[index] = Math.ceil(measureContext.measureText(data.places[index].name).width) + 2;
    }
    return placeWidths[index];
  }

  function bureauLabelBoxes() {
    // the bureau names drawn now, as boxes in the map's pixels: place names keep out of them
    if (map.getPane("cx-labels").style.display === "none") { return []; }
    var origin = map.getContainer().getBoundingClientRect();
    var found = map.getPane("cx-labels").querySelectorAll(".cx-bureau-label");
    return Array.prototype.map.call(found, function (element) {
      var box = element.getBoundingClientRect();
      return {left: box.left - origin.left, top: box.top - origin.top,
              right: box.right - origin.left, bottom: box.bottom - origin.top};
    });
  }

  function declutterPlaceLabels() {
    // Greedy, as the exports place them (desktop/map/labels.place_point_labels): the places
    // named at this zoom (each place's ``z``, desktop/map/places.py) inside the view, most
    // populous first, at most style.place.most_tried; each named at the first of the sides
    // where its name is inside the map, clear of the project markers, and neither name nor
    // dot touches a bureau name or a name or dot placed before it. A place with no free side is left out, dot and all.
    if (!placeGroup) { return; }
    var keep = {};
    if (state.show_places && data.places.length) {
      var look = data.style.place, zoom = map.getZoom(), size = map.getSize();
      var view = map.getBounds(), radius = look.dot_radius, height = placeNameHeight();
      var kept = bureauLabelBoxes(), markers = markerObstacles(), tried = 0;
      for (var i = 0; i < data.places.length && tried < look.most_tried; i++) {
        var place = data.places[i];
        if (place.z > zoom || !view.contains([place.lat, place.lon])) { continue; }
        tried += 1;
        var point = map.latLngToContainerPoint([place.lat, place.lon]);
        var dot = {left: point.x - radius, top: point.y - radius, right: point.x + radius,
                   bottom: point.y + radius};
        if (kept.some(function (other) { return overlaps(dot, other); })) { continue; }
        var width = placeNameWidth(i), gap = radius + look.gap;
        for (var s = 0; s < look.sides.length; s++) {
          var sx = look.sides[s][0], sy = look.sides[s][1];
          var left = sx > 0 ? point.x + gap : sx < 0 ? point.x - gap - width : point.x - width / 2;
          var top = sy > 0 ? point.y + gap : sy < 0 ? point.y - gap - height : point.y - height / 2;
          var box = {left: left, top: top, right: left + width, bottom: top + height};
          var inside = box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y;
          if (inside && !hitsMarker(box, markers) &&
              !kept.some(function (other) { return overlaps(box, other); })) {
            kept.push(dot, box);
            keep[i] = [left - point.x, top - point.y];
            break;
          }
        }
      }
    }
    Object.keys(placeLabels).forEach(function (index) {
      if (!keep[index] && placeGroup.hasLayer(placeLabels[index].marker)) {
        placeGroup.removeLayer(placeLabels[index].marker);
      }
    });
    Object.keys(keep).forEach(function (index) {
      var entry = placeLabel(index);
      entry.name.style.left = keep[index][0] + "px";
      entry.name.style.top = keep[index][1] + "px";
      if (!placeGroup.hasLayer(entry.marker)) { placeGroup.addLayer(entry.marker); }
    });
    creditPlaces(state.show_places && data.places.length > 0);
  }

  function creditPlaces(shown) {
    // GeoNames' licence (CC BY 4.0) asks for its name wherever its places are shown
    var control = map.attributionControl;
    if (!control || shown === placesCredited) { return; }
    var text = escapeHtml(data.text.places_attribution);
    if (shown) { control.addAttribution(text); } else { control.removeAttribution(text); }
    placesCredited = shown;
  }

  function onBureauLabel(event) {
    // a bureau's name is drawn over the markers and is part of its bureau: the pointer on it
    // is the bureau's, not the marker's beneath
    var point = map.mouseEventToContainerPoint(event);
    return bureauLabelBoxes().some(function (box) {
      return point.x >= box.left && point.x <= box.right && point.y >= box.top &&
        point.y <= box.bottom;
    });
  }

  function buildMarkers() {
    data.projects.forEach(function (project) { projectsById[project.id] = project; });
    markerLayer = new L.ProjectMarkerLayer(data.projects, {
      pane: "cx-markers", style: markerStyle, lookKey: markerStyleKey, tooltip: projectTooltip,
      passes: onBureauLabel,
      onClick: function (project) {
        send("projectClicked", {project_id: project.id, bureau_id: project.bureau_id});
      }
    }).addTo(map);  // co-located markers drawn on a ring below some zoom: the layer applies
                    // each project's ``fan`` (desktop/map/fanout.py)
  }

  function buildOrganisations() {
    // built before the projects' layer: its pointer listeners run first, so a project
    // marker over an organisation's takes the hover and the click (passes)
    organisationLayer = new L.OrganisationMarkerLayer(data.organisations, {
      pane: "cx-organisations", style: organisationStyle, lookKey: organisationStyleKey,
      tooltip: organisationTooltip,
      passes: function (event) {
        return onBureauLabel(event) || (markerLayer !== null && markerLayer.covers(event));
      },
      onClick: function (organisation) {
        send("organisationClicked", {participant_id: organisation.id});
      }
    }).addTo(map);
  }

  function makeControl(position, className, build) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(div);
      build(div);
      return div;
    };
    return control;
  }

  function buildLegend(container) {
    container.textContent = "";
    var heading = document.createElement("div");
    heading.className = "cx-legend-head";
    var title = document.createElement("span");
    title.className = "cx-legend-title";
    title.textContent = data.text.legend_title;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "cx-legend-toggle";
    toggle.textContent = legendCollapsed ? "+" : "\u2212";
    toggle.title = data.text[legendCollapsed ? "legend_expand" : "legend_collapse"];
    toggle.setAttribute("aria-label", toggle.title);
    toggle.setAttribute("aria-expanded", String(!legendCollapsed));
    toggle.addEventListener("click", function () { setLegendCollapsed(!legendCollapsed); });
    heading.appendChild(title);
    heading.appendChild(toggle);
    container.appendChild(heading);
    container.classList.toggle("cx-legend-collapsed", legendCollapsed);
    var organisations = organisationLegend();
    container.style.display = state.legend_fields.length || organisations.length ? "" : "none";
    if (legendCollapsed) { return; }
    var byId = fieldsById();
    state.legend_fields.forEach(function (fieldId) {
      var field = byId[fieldId];
      if (!field) { return; }
      var row = document.createElement("div");
      row.className = "cx-legend-row";
      var swatch = fieldSwatch(field);
      var name = document.createElement("span");
      name.textContent = field.legend_label;
      row.appendChild(swatch);
      row.appendChild(name);
      container.appendChild(row);
    });
    if (!organisations.length) { return; }
    var section = document.createElement("div");
    section.className = "cx-legend-title cx-legend-section";
    section.textContent = data.text.organisations_title;
    container.appendChild(section);
    var edge = data.style.organisation.normal.color;
    organisations.forEach(function (entry) {
      var row = document.createElement("div");
      row.className = "cx-legend-row";
      var swatch = document.createElement("span");
      swatch.className = "cx-swatch cx-swatch-square";
      swatch.style.background = entry.fill;
      swatch.style.borderColor = edge;
      var name = document.createElement("span");
      name.textContent = entry.label;
      row.appendChild(swatch);
      row.appendChild(name);
      container.appendChild(row);
    });
  }

  function fieldSwatch(field) {
    // the legend's swatch: a small marker of the field's colour and glyph, drawn as the
    // markers are (L.PointMarkerLayer.strokeGlyph)
    var size = data.glyphs ? data.glyphs.swatch : data.style.project.normal.radius * 2, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.className = "cx-swatch cx-swatch-glyph";
    canvas.width = canvas.height = Math.ceil(size * ratio);
    canvas.style.width = canvas.style.height = size + "px";
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, size / 2, 0, Math.PI * 2, false);
    ctx.fillStyle = field.color;
    ctx.fill();
    var glyph = fieldGlyph(field.id, size / 2);
    if (glyph) { L.PointMarkerLayer.strokeGlyph(ctx, size / 2, size / 2, glyph); }
    return canvas;
  }

  function organisationLegend() {
    // the organisation classes drawn, {fill, label}, when the layer is shown
    if (!state.show_organisations) { return []; }
    return state.organisation_legend.map(function (name) {
      return {fill: data.style.organisation_fills[name],
              label: data.text["organisations:" + name]};
    });
  }

  function setLegendCollapsed(collapsed) {
    legendCollapsed = collapsed;
    try { window.sessionStorage.setItem("cx-legend-collapsed", collapsed ? "1" : ""); }
    catch (ignored) { /* a page without storage keeps it until it reloads */ }
    refreshLegend(true);
  }

  function legendFitsRoom() {
    return !legendSize || (legendRoom !== null && legendSize.x <= legendRoom.x &&
                           legendSize.y <= legendRoom.y);
  }

  function refreshLegend(folded) {
    // Redraw the legend; while the view keeps a frame Python asked for, refit it to the
    // room the legend leaves (fitFrame). A filter click refits only when the legend outgrows
    // the room the frame already keeps clear: a legend that shrinks leaves the map where it
    // is (a refit moved the view a few pixels and redrew every layer, 5-10 ms a click).
    // Folding the legend (folded) refits to the room it frees or takes.
    var legend = legendControl && legendControl.getContainer();
    if (!legend) { return; }
    buildLegend(legend);
    var before = legendSize;
    var margin = data.style.control_margin;  // Leaflet's, between the legend and the edge
    legendSize = legendCollapsed || legend.style.display === "none" ? null
      : {x: legend.offsetWidth + margin, y: legend.offsetHeight + margin};
    var refit = folded ? JSON.stringify(before) !== JSON.stringify(legendSize)
                       : !legendFitsRoom();
    if (refit && autoFit && lastFrame) { fitFrame(lastFrame); }
  }

  // ---- state ----------------------------------------------------------------------------
  function applyState() {
    organisationLayer.show(state.show_organisations ? state.visible_organisations : [],
                           state.selected_organisation);
    markerLayer.show(state.visible_projects, state.selected_project);

    // restyled only when its look changes: on the shared canvas a restyle redraws the arcs too
    Object.keys(bureauLayers).forEach(function (id) {
      var look = state.bureau_looks[id] || "normal";
      if (bureauLooksShown[id] !== look) {
        bureauLooksShown[id] = look;
        bureauLayers[id].setStyle(bureauStyle(id));
      }
    });

    // Hidden tie-ups are left as they are; they are brought up to date when next shown.
    var shownTieups = {};
    if (state.show_tieups) {
      if (!arcsBuilt && arcTexts) { buildArcs(); }
      state.visible_tieups.forEach(function (id) { shownTieups[id] = true; });
    }
    (state.show_tieups ? Object.keys(arcLayers) : []).forEach(function (id) {
      var entry = arcLayers[id];
      var show = state.show_tieups && shownTieups[id];
      [entry.arc, entry.partner].forEach(function (layer) {
        if (show && !arcGroup.hasLayer(layer)) { arcGroup.addLayer(layer); }
        if (!show && arcGroup.hasLayer(layer)) { arcGroup.removeLayer(layer); }
      });
      var selectedNow = state.selected_tieup === id;
      if (entry.selected !== selectedNow) {
        entry.selected = selectedNow;
        entry.arc.setStyle(arcStyle(entry.tieup));
      }
    });
    var selectedArc = arcLayers[state.selected_tieup];
    if (selectedArc && arcGroup.hasLayer(selectedArc.arc)) { selectedArc.arc.bringToFront(); }
    if (state.show_tieups && !map.hasLayer(arcGroup)) { arcGroup.addTo(map); }
    if (!state.show_tieups && map.hasLayer(arcGroup)) { map.removeLayer(arcGroup); }
    declutterPartnerLabels();

    var prefecturesAdded = state.show_prefectures && !map.hasLayer(prefectureLayer);
    if (prefecturesAdded) { prefectureLayer.addTo(map); }
    if (!state.show_prefectures && map.hasLayer(prefectureLayer)) { map.removeLayer(prefectureLayer); }
    if (prefecturesAdded || state.selected_bureau !== stackedBureau) { restack(); }

    placeBureauNames();
    if (placeGroup && state.show_places && !map.hasLayer(placeGroup)) { placeGroup.addTo(map); }
    if (placeGroup && !state.show_places && map.hasLayer(placeGroup)) { map.removeLayer(placeGroup); }
    declutterPlaceLabels();

    refreshLegend();
  }

  function restack() {
    // the shared canvas draws (and hit-tests) in its layers' order: bureaus, the selected
    // one last among them, then the prefecture lines, then the arcs and partner points
    stackedBureau = state.selected_bureau;
    if (map.hasLayer(prefectureLayer)) { prefectureLayer.bringToBack(); }
    var selected = bureauLayers[stackedBureau];
    if (selected) { selected.bringToBack(); }
    Object.keys(bureauLayers).forEach(function (id) {
      if (id !== stackedBureau) { bureauLayers[id].bringToBack(); }
    });
  }

  function updateLabelVisibility() {
    // Bureau names only help once Japan is big enough to hold them.
    var minZoom = data ? data.style.label_min_zoom : Infinity;
    map.getPane("cx-labels").style.display = map.getZoom() < minZoom ? "none" : "";
  }

  function countVisibleMarkers() {
    return markerLayer ? markerLayer.visibleProjectIds().length : 0;
  }

  // ---- public API -----------------------------------------------------------------------
  window.clusterMap = {
    init: function (leafletMap) {
      map = leafletMap;
      map.attributionControl && map.attributionControl.setPrefix(false);
      // Picking: Leaflet's canvas renderer hit-tests only its own layers, and a canvas takes
      // every pointer event over the whole map, so an interactive canvas above another one
      // starved it (the prefecture lines' canvas took every click meant for the bureaus).
      // Hence one canvas for every interactive shape — bureaus, prefecture lines, arcs and
      // partner points, stacked in that order by restack() — and no pointer events for the
      // panes above or below it; the project markers hit-test the container themselves
      // (marker_layer.js) and the bureau names pass their clicks to the bureau beneath.
      addPane("cx-countries", 200).style.pointerEvents = "none";
      addPane("cx-vectors", 300);
      addPane("cx-places", 400).style.pointerEvents = "none";  // under names and markers
      addPane("cx-partner-labels", 420).style.pointerEvents = "none";
      addPane("cx-organisations", 430).style.pointerEvents = "none";  // under the projects
      addPane("cx-markers", 440).style.pointerEvents = "none";
      addPane("cx-labels", 460).style.pointerEvents = "none";  // bureau names over markers
      addPane("cx-focus", 470).style.pointerEvents = "none";   // the keyboard's focus ring
      // Leaflet's default padding: the canvas is 1.2x the view each way. At 0.5 (2x each way)
      // a 2x export's canvas alone was 7680x4320 pixels, 130 MB.
      renderer = L.canvas({pane: "cx-vectors", padding: 0.1});
      installKeyboard();
      ["mousedown", "wheel", "keydown", "touchstart"].forEach(function (name) {
        map.getContainer().addEventListener(name, function () { autoFit = false; },
                                            {passive: true});
      });
      map.on("resize", function () {
        if (autoFit && lastFrame) { fitFrame(lastFrame); }
      });
      map.on("zoomend", updateLabelVisibility);
      map.on("moveend", function () {
        placeBureauNames(); declutterPartnerLabels(); declutterPlaceLabels();
      });
      updateLabelVisibility();
      map.on("moveend", function () {
        window.clearTimeout(viewTimer);
        viewTimer = window.setTimeout(function () { send("viewChanged", JSON.parse(clusterMap.getView())); }, 150);
      });
      initialised = true;
      connectBridge();
    },

    setData: function (json) {
      if (data) { throw new Error("clusterMap.setData: the page already holds a dataset"); }
      data = JSON.parse(json);
      data.places = data.places || [];  // page data kept by a version without place names
      data.organisations = data.organisations || [];  // ... or without organisations
      map.setMinZoom(data.style.framing.min_zoom);
      map.setMaxZoom(data.style.framing.max_zoom);
      L.control.scale({imperial: false, maxWidth: data.style.scale_bar_max_width}).addTo(map);
      // framed first: layers added after the view is set are projected once, not twice
      // (fitting after the 10,000 markers of a large dataset re-projected them all, 60 ms)
      fitFrame(japanFrame());
      buildCountries();
      buildBureaus();
      buildPrefectures();
      arcGroup = L.layerGroup();  // filled when tie-ups are first shown (applyState)
      partnerLabelGroup = L.layerGroup().addTo(map);
      placeGroup = L.layerGroup();  // added by applyState when shown
      buildOrganisations();
      buildMarkers();
      state.visible_projects = data.projects.map(function (p) { return p.id; });
      try { legendCollapsed = window.sessionStorage.getItem("cx-legend-collapsed") === "1"; }
      catch (ignored) { legendCollapsed = false; }
      legendControl = makeControl("bottomright", "cx-legend", buildLegend).addTo(map);
      updateLabelVisibility();
      applyState();
      return true;
    },

    setArcs: function (json) {
      // the tie-ups' arcs, sent by Python before the first state that shows them
      if (arcTexts) { return true; }
      arcTexts = JSON.parse(json);
      if (state.show_tieups) { applyState(); }
      return true;
    },

    loadFont: function (json) {
      // {family, url}: sent by Python as soon as the shell is ready, before the data.
      var font = JSON.parse(json);
      loadFont(font.family, font.url);
      return true;
    },

    stateKeys: function () {
      // What setState reads: Python's MapState (desktop/map/page_state.py) must agree
      return JSON.stringify(Object.keys(state));
    },

    setState: function (json) {
      var next = JSON.parse(json);
      var unknown = Object.keys(next).filter(function (key) {
        return !Object.prototype.hasOwnProperty.call(state, key) && key !== "seq" && key !== "viewport";
      });
      // A key the page does not read means Python and the page disagree: say so
      if (unknown.length) { console.error("clusterMap.setState: unknown keys " + unknown.join(", ")); }
      Object.keys(state).forEach(function (key) {
        if (Object.prototype.hasOwnProperty.call(next, key)) { state[key] = next[key]; }
      });
      applyState();
      var seq = next.seq;
      whenSized(next.viewport, function () {
        afterFrame(function () { send("stateApplied", {seq: seq, markers: countVisibleMarkers()}); });
      });
    },

    fitFrame: function (json) {
      // Python framed something on purpose: keep it framed through resizes (see autoFit)
      autoFit = true;
      fitFrame(JSON.parse(json));
    },

    flyTo: function (lon, lat, zoom) {
      // lon as drawn: Python unwrapped it (desktop/map/js_api.py)
      autoFit = false;
      map.setView(L.latLng(lat, lon), Math.max(map.getZoom(), zoom));
    },

    getView: function () {
      var center = map.getCenter();
      return JSON.stringify({lat: center.lat, lon: center.lng, zoom: map.getZoom()});
    },

    getBounds: function () {
      var b = map.getBounds();
      return JSON.stringify([[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]]);
    },

    setView: function (json) {
      autoFit = false;
      var view = JSON.parse(json);
      map.setView([view.lat, view.lon], view.zoom, {animate: false});
    }
  };
}());
