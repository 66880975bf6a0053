/*
 * cluster_map.js — the map page's small API, `window.clusterMap`, driven from Python with JSON.
 * Plain ES2017 on the vendored Leaflet 1.9.4; no framework, no network.
 *
 * The page is built once per dataset (desktop/page_builder.py); afterwards Python only calls
 * these functions and the page never reloads, so pan and zoom survive every filter change.
 *
 * API
 *   init(map, data)          once, from the folium page, with its L.map and window.CX_DATA
 *   setState(json)           {seq, visible_projects: [id], visible_tieups: [id],
 *                             bureau_counts: {bureau_id: n}, selected_bureau, selected_project,
 *                             selected_tieup, show_tieups, show_prefectures, fields?: [id]};
 *                            restyles the existing layers, then acks with
 *                            bridge.stateApplied({seq, markers}) after the next frame.
 *                            `fields` (optional) is the field filter: a project is drawn in
 *                            the colour of the first of its fields that the filter names.
 *   resetView()              frame Japan (data.japan_bounds)
 *   fitBureau(id)            frame one bureau (its main islands and projects)
 *   fitTieups()              frame Japan and every partner on the map
 *   flyTo(lon, lat, zoom)    fly there; western-hemisphere longitudes are unwrapped (+360)
 *   getView() -> json        {lat, lon, zoom};      setView(json) the same object
 *   getBounds() -> json      [[south, west], [north, east]];  fitBounds(json) the same
 *   setExportMode(json|null) {title, caption, legend: bool}: slide look — white background,
 *                            no zoom buttons or attribution, title top-left, caption
 *                            bottom-left, scale bar, legend unless legend is false.
 *                            null returns to the window look.
 *   test hooks               visibleMarkerCount(), visibleArcCount(), highlightedBureau(),
 *                            clickBureau(id), clickProject(id) (fire the layer's own click)
 *
 * Data (window.CX_DATA, see page_builder.page_data)
 *   bureaus      GeoJSON, properties {id, name_en, name_ja, color, label_lon, label_lat, bounds}
 *   prefectures  GeoJSON lines (borders inside a bureau), {pref_code, name_en, name_ja, bureau_id}
 *   countries    GeoJSON, {iso_a2, name_en}; western parts already shifted by +360°
 *   projects     [{id, name_en, name_ja, bureau_id, fields, programs, color, lon, lat,
 *                  companies, universities}]
 *   tieups       [{id, project_id, bureau_id, partner, partner_place, country, field,
 *                  field_label, color, partner_lon, partner_lat, arc: [[lat, lon], …]}]
 *   fields       [{id, name_en, name_ja, color}] in legend order
 *   japan_bounds [[south, west], [north, east]]
 *
 * Bridge: in QtWebEngine, qwebchannel.js provides QWebChannel and the page talks to the object
 * "bridge", whose slots each take ONE JSON string: pageReady({}), bureauClicked({bureau_id}),
 * projectClicked({project_id, bureau_id}), tieupClicked({tieup_id}), backgroundClicked({}),
 * stateApplied({seq, markers}), viewChanged({lat, lon, zoom}), jsError({message, source,
 * line}). pageReady is sent once, when init has run AND the channel is connected. Errors
 * raised before the channel connects are kept and sent when it does. In a plain browser a
 * no-op bridge stands in, so the page can be tested in Chromium.
 *
 * Safety: every dataset string reaching HTML goes through escapeHtml (tooltips) or
 * textContent (labels, legend, title, caption).
 */
(() => {
  "use strict";

  const SLOTS = ["pageReady", "bureauClicked", "projectClicked", "tieupClicked",
    "backgroundClicked", "stateApplied", "viewChanged", "jsError"];
  const NOOP_BRIDGE = SLOTS.reduce((bridge, slot) => {
    bridge[slot] = () => {};
    return bridge;
  }, {});

  const STYLE = {
    sea: "#dde8f0",
    country: {fillColor: "#e6e6e2", fillOpacity: 1, color: "#ffffff", weight: 0.7},
    prefecture: {color: "#7f8892", weight: 0.6, opacity: 0.7, dashArray: null},
    markerRadius: 7,
    selectedMarkerRadius: 10,
    partnerRadius: 4,
    labelMinZoom: 4.5,
    fallbackColor: "#555555"
  };
  const VIEW_DEBOUNCE_MS = 200;
  const ACK_FALLBACK_MS = 150;
  const FIT_PADDING = [16, 16];

  let bridge = NOOP_BRIDGE;
  let bridgeConnected = false;
  let initialised = false;
  const pendingErrors = [];

  let map = null;
  let data = null;
  const bureauLayers = new Map();   // bureau_id -> L.Path of its area
  const projectMarkers = new Map(); // project_id -> L.CircleMarker
  const projectsById = new Map();
  const fieldsById = new Map();
  const arcLayers = new Map();      // tieup_id -> {arc, partner, tieup}
  let prefectureLayer = null;
  let markerGroup = null;
  let arcGroup = null;
  let legendControl = null;
  let titleControl = null;
  let captionControl = null;
  let viewTimer = null;
  let hoveredBureau = null;

  const state = {
    visible_projects: [], visible_tieups: [], bureau_counts: {}, fields: [],
    selected_bureau: null, selected_project: null, selected_tieup: null,
    show_tieups: false, show_prefectures: true
  };

  // ---- helpers ------------------------------------------------------------------------------
  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /** A darker (factor < 1) or lighter (factor > 1, towards white) shade of a #rrggbb colour. */
  function shade(color, factor) {
    const match = /^#([0-9a-f]{6})$/i.exec(String(color));
    if (!match) { return STYLE.fallbackColor; }
    const value = parseInt(match[1], 16);
    const channels = [value >> 16, (value >> 8) & 255, value & 255].map((channel) => {
      const shaded = factor <= 1 ? channel * factor : channel + (255 - channel) * (factor - 1);
      return Math.max(0, Math.min(255, Math.round(shaded)));
    });
    return "#" + channels.map((channel) => channel.toString(16).padStart(2, "0")).join("");
  }

  const unwrapLon = (lon) => (lon < -30 ? lon + 360 : lon);

  // ---- bridge and errors ----------------------------------------------------------------------
  function send(slot, payload) {
    const handler = bridge[slot];
    if (typeof handler === "function") { handler.call(bridge, JSON.stringify(payload || {})); }
  }

  function reportError(message, source, line) {
    const payload = {message: String(message), source: String(source || ""), line: line || 0};
    console.error(`clusterMap: ${payload.message} (${payload.source}:${payload.line})`);
    if (bridgeConnected) {
      try { send("jsError", payload); } catch (ignored) { /* console.error above has it */ }
    } else {
      pendingErrors.push(payload);
    }
  }

  window.onerror = (message, source, line) => { reportError(message, source, line); };
  window.addEventListener("unhandledrejection", (event) => {
    const reason = event.reason;
    reportError(`unhandled rejection: ${reason && reason.message ? reason.message : reason}`,
                "", 0);
  });

  function connectBridge() {
    const inQt = typeof qt !== "undefined" && qt.webChannelTransport &&
      typeof QWebChannel !== "undefined";
    const connected = (channelBridge) => {
      bridge = channelBridge || NOOP_BRIDGE;
      bridgeConnected = true;
      pendingErrors.splice(0).forEach((payload) => send("jsError", payload));
      maybeReady();
    };
    if (!inQt) {
      connected(NOOP_BRIDGE);
      return;
    }
    new QWebChannel(qt.webChannelTransport, (channel) => connected(channel.objects.bridge));
  }

  function maybeReady() {
    if (initialised && bridgeConnected) { send("pageReady", {}); }
  }

  /** Run `callback` once the fonts are in and the next frame has been drawn.
   *  requestAnimationFrame does not run for a hidden view; the timer is the fallback. */
  function afterFrame(callback) {
    let done = false;
    const once = () => {
      if (!done) {
        done = true;
        callback();
      }
    };
    const fontsReady = document.fonts && document.fonts.ready ? document.fonts.ready
      : Promise.resolve();
    fontsReady.then(() => {
      window.requestAnimationFrame(() => window.requestAnimationFrame(once));
      window.setTimeout(once, ACK_FALLBACK_MS);
    });
  }

  // ---- tooltips (HTML: every dataset string escaped) ----------------------------------------
  function fieldName(fieldId) {
    const field = fieldsById.get(fieldId);
    return field ? field.name_en : fieldId;
  }

  function plural(count, word) {
    return `${escapeHtml(count)} ${word}${count === 1 ? "" : "s"}`;
  }

  function bureauTooltip(properties) {
    const count = state.bureau_counts[properties.id];
    let html = `<b>${escapeHtml(properties.name_en)}</b> ${escapeHtml(properties.name_ja)}`;
    if (typeof count === "number") { html += `<br>${plural(count, "project")} shown`; }
    return html;
  }

  function projectTooltip(project) {
    const lines = [`<b>${escapeHtml(project.name_en)}</b>`];
    if (project.name_ja) { lines.push(escapeHtml(project.name_ja)); }
    lines.push(escapeHtml(project.fields.map(fieldName).join(", ")));
    const counts = [];
    if (typeof project.companies === "number") {
      counts.push(plural(project.companies, "company").replace(/companys$/, "companies"));
    }
    if (typeof project.universities === "number") {
      counts.push(plural(project.universities, "university")
        .replace(/universitys$/, "universities"));
    }
    if (counts.length) { lines.push(counts.join(", ")); }
    return lines.join("<br>");
  }

  function tieupTooltip(tieup) {
    const project = projectsById.get(tieup.project_id);
    const place = [tieup.partner_place, tieup.country].filter(Boolean).map(escapeHtml).join(", ");
    return `<b>${escapeHtml(tieup.partner)}</b> (${place})` +
      `<br>⇔ ${escapeHtml(project ? project.name_en : tieup.project_id)}` +
      `<br>${escapeHtml(tieup.field_label || fieldName(tieup.field))}`;
  }

  // ---- styles ---------------------------------------------------------------------------------
  function bureauStyle(bureauId) {
    const color = bureauLayers.get(bureauId).feature.properties.color;
    const selected = state.selected_bureau === bureauId;
    const hovered = hoveredBureau === bureauId;
    const empty = state.bureau_counts[bureauId] === 0;
    let fillOpacity = empty ? 0.28 : 0.7;
    if (selected) { fillOpacity = 0.9; } else if (hovered) { fillOpacity = empty ? 0.4 : 0.82; }
    return {
      fillColor: color,
      fillOpacity: fillOpacity,
      color: selected ? "#1d2b3a" : shade(color, hovered ? 0.45 : 0.62),
      weight: selected ? 3 : (hovered ? 2 : 1),
      opacity: empty && !selected ? 0.6 : 1
    };
  }

  function shownField(project) {
    // With a field filter, a project is drawn in the colour of the first field it matched.
    const matched = project.fields.find((fieldId) => state.fields.includes(fieldId));
    return matched || project.fields[0];
  }

  function fieldColor(fieldId, fallback) {
    const field = fieldsById.get(fieldId);
    return field ? field.color : (fallback || STYLE.fallbackColor);
  }

  function markerStyle(project) {
    const selected = state.selected_project === project.id;
    return {
      radius: selected ? STYLE.selectedMarkerRadius : STYLE.markerRadius,
      fillColor: fieldColor(shownField(project), project.color),
      fillOpacity: 0.95,
      color: selected ? "#111111" : "#ffffff",
      weight: selected ? 3 : 1.5
    };
  }

  function arcStyle(tieup) {
    const selected = state.selected_tieup === tieup.id;
    return {
      color: selected ? shade(tieup.color, 0.55) : tieup.color,
      weight: selected ? 4.5 : 1.8,
      opacity: selected ? 1 : 0.7
    };
  }

  // ---- building the layers --------------------------------------------------------------------
  function addPane(name, zIndex) {
    map.createPane(name).style.zIndex = String(zIndex);
  }

  function buildCountries() {
    L.geoJSON(data.countries, {
      pane: "cx-countries", interactive: false, style: () => STYLE.country
    }).addTo(map);
  }

  function buildBureaus() {
    L.geoJSON(data.bureaus, {
      pane: "cx-bureaus",
      onEachFeature: (feature, layer) => {
        const bureauId = feature.properties.id;
        bureauLayers.set(bureauId, layer);
        layer.bindTooltip(() => bureauTooltip(feature.properties), {sticky: true});
        layer.on("mouseover", () => {
          hoveredBureau = bureauId;
          layer.setStyle(bureauStyle(bureauId));
        });
        layer.on("mouseout", () => {
          if (hoveredBureau === bureauId) { hoveredBureau = null; }
          layer.setStyle(bureauStyle(bureauId));
        });
        layer.on("click", (event) => {
          L.DomEvent.stopPropagation(event);
          send("bureauClicked", {bureau_id: bureauId});
        });
      }
    }).addTo(map);
    bureauLayers.forEach((layer, bureauId) => layer.setStyle(bureauStyle(bureauId)));
    data.bureaus.features.forEach((feature) => buildBureauLabel(feature.properties));
  }

  function buildBureauLabel(properties) {
    const label = element("div", "cx-label");
    label.appendChild(element("span", "cx-label-en", properties.name_en));
    if (properties.name_ja) { label.appendChild(element("span", "cx-label-ja", properties.name_ja)); }
    L.marker([properties.label_lat, properties.label_lon], {
      pane: "cx-labels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "cx-bureau-label", html: label, iconSize: [0, 0]})
    }).addTo(map);
  }

  function buildPrefectures() {
    prefectureLayer = L.geoJSON(data.prefectures, {
      pane: "cx-prefectures", interactive: false, style: () => STYLE.prefecture
    });
  }

  function buildArcs() {
    const renderer = L.canvas({pane: "cx-arcs", padding: 0.5});
    arcGroup = L.featureGroup();
    data.tieups.forEach((tieup) => {
      if (!tieup.arc.length) { return; }
      const arc = L.polyline(tieup.arc, Object.assign({renderer: renderer}, arcStyle(tieup)));
      const partner = L.circleMarker([tieup.partner_lat, tieup.partner_lon], {
        renderer: renderer, radius: STYLE.partnerRadius, fillColor: tieup.color,
        fillOpacity: 0.95, color: "#ffffff", weight: 1
      });
      [arc, partner].forEach((layer) => {
        layer.bindTooltip(() => tieupTooltip(tieup), {sticky: true});
        layer.on("click", (event) => {
          L.DomEvent.stopPropagation(event);
          send("tieupClicked", {tieup_id: tieup.id});
        });
      });
      arcLayers.set(tieup.id, {arc: arc, partner: partner, tieup: tieup});
    });
  }

  function buildMarkers() {
    // One canvas for every project marker: thousands of circles stay one DOM element.
    const renderer = L.canvas({pane: "cx-markers", padding: 0.5});
    markerGroup = L.featureGroup().addTo(map);
    data.projects.forEach((project) => {
      const marker = L.circleMarker([project.lat, project.lon],
                                    Object.assign({renderer: renderer}, markerStyle(project)));
      marker.bindTooltip(() => projectTooltip(project), {direction: "top", offset: [0, -6]});
      marker.on("click", (event) => {
        L.DomEvent.stopPropagation(event);
        send("projectClicked", {project_id: project.id, bureau_id: project.bureau_id});
      });
      projectMarkers.set(project.id, marker);
    });
  }

  function makeControl(position, className, build) {
    const control = L.control({position: position});
    control.onAdd = () => {
      const container = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(container);
      L.DomEvent.disableScrollPropagation(container);
      build(container);
      return container;
    };
    return control;
  }

  /** The fields of the projects (and, when shown, the arcs) on the map, in legend order. */
  function legendFields() {
    const shown = new Set();
    state.visible_projects.forEach((id) => {
      const project = projectsById.get(id);
      if (project) { shown.add(shownField(project)); }
    });
    if (state.show_tieups) {
      arcLayers.forEach((entry) => {
        if (arcGroup.hasLayer(entry.arc)) { shown.add(entry.tieup.field); }
      });
    }
    return data.fields.filter((field) => shown.has(field.id));
  }

  function buildLegend(container) {
    container.textContent = "";
    const fields = legendFields();
    container.appendChild(element("div", "cx-legend-title", "Fields"));
    fields.forEach((field) => {
      const row = element("div", "cx-legend-row");
      const swatch = element("span", "cx-swatch");
      swatch.style.backgroundColor = field.color;
      row.appendChild(swatch);
      row.appendChild(element("span", "cx-legend-en", field.name_en));
      if (field.name_ja) { row.appendChild(element("span", "cx-legend-ja", field.name_ja)); }
      container.appendChild(row);
    });
    container.classList.toggle("cx-empty", fields.length === 0);
  }

  // ---- applying a state -----------------------------------------------------------------------
  function toggleLayer(group, layer, shown) {
    if (shown && !group.hasLayer(layer)) { group.addLayer(layer); }
    if (!shown && group.hasLayer(layer)) { group.removeLayer(layer); }
  }

  function applyMarkers() {
    const visible = new Set(state.visible_projects);
    projectMarkers.forEach((marker, id) => {
      const shown = visible.has(id);
      if (shown) {
        const style = markerStyle(projectsById.get(id));
        marker.setStyle(style);
        marker.setRadius(style.radius);
      }
      toggleLayer(markerGroup, marker, shown);
    });
    const selected = projectMarkers.get(state.selected_project);
    if (selected && markerGroup.hasLayer(selected)) { selected.bringToFront(); }
  }

  function applyBureaus() {
    bureauLayers.forEach((layer, bureauId) => layer.setStyle(bureauStyle(bureauId)));
    const selected = bureauLayers.get(state.selected_bureau);
    if (selected) { selected.bringToFront(); }
  }

  function applyArcs() {
    const visible = new Set(state.visible_tieups);
    arcLayers.forEach((entry, id) => {
      const shown = state.show_tieups && visible.has(id);
      entry.arc.setStyle(arcStyle(entry.tieup));
      toggleLayer(arcGroup, entry.arc, shown);
      toggleLayer(arcGroup, entry.partner, shown);
    });
    const selected = arcLayers.get(state.selected_tieup);
    if (selected && arcGroup.hasLayer(selected.arc)) {
      selected.arc.bringToFront();
      selected.partner.bringToFront();
    }
    toggleLayer(map, arcGroup, state.show_tieups);
  }

  function applyState() {
    applyMarkers();
    applyBureaus();
    applyArcs();
    toggleLayer(map, prefectureLayer, state.show_prefectures);
    const legend = legendControl && legendControl.getContainer();
    if (legend) { buildLegend(legend); }
  }

  function updateLabelVisibility() {
    // Bureau names only help once Japan is big enough to hold them.
    map.getPane("cx-labels").style.display = map.getZoom() < STYLE.labelMinZoom ? "none" : "";
  }

  function visibleMarkerCount() {
    return markerGroup && map.hasLayer(markerGroup) ? markerGroup.getLayers().length : 0;
  }

  function japanBounds() {
    return L.latLngBounds(data.japan_bounds);
  }

  function closeTooltips() {
    map.eachLayer((layer) => { if (layer.closeTooltip) { layer.closeTooltip(); } });
  }

  // ---- public API -----------------------------------------------------------------------------
  const clusterMap = {
    init(leafletMap, pageData) {
      if (initialised) { throw new Error("clusterMap.init called twice"); }
      if (!pageData || !Array.isArray(pageData.projects)) {
        throw new Error("clusterMap.init: the map data (data.js) did not load");
      }
      map = leafletMap;
      data = pageData;
      data.projects.forEach((project) => projectsById.set(project.id, project));
      data.fields.forEach((field) => fieldsById.set(field.id, field));
      if (map.attributionControl) { map.attributionControl.setPrefix("Leaflet"); }
      map.getContainer().style.background = STYLE.sea;
      addPane("cx-countries", 200);
      addPane("cx-bureaus", 300);
      addPane("cx-prefectures", 350);
      addPane("cx-arcs", 420);
      addPane("cx-labels", 440);
      addPane("cx-markers", 460);
      buildCountries();
      buildBureaus();
      buildPrefectures();
      buildArcs();
      buildMarkers();
      state.visible_projects = data.projects.map((project) => project.id);
      legendControl = makeControl("bottomright", "cx-legend", buildLegend).addTo(map);
      L.control.scale({imperial: false, metric: true, maxWidth: 160}).addTo(map);
      map.on("click", () => send("backgroundClicked", {}));
      map.on("zoomend", updateLabelVisibility);
      map.on("moveend", () => {
        window.clearTimeout(viewTimer);
        viewTimer = window.setTimeout(() => send("viewChanged", JSON.parse(clusterMap.getView())),
                                      VIEW_DEBOUNCE_MS);
      });
      map.fitBounds(japanBounds(), {padding: FIT_PADDING, animate: false});
      updateLabelVisibility();
      applyState();
      initialised = true;
      maybeReady();
    },

    setState(json) {
      const next = JSON.parse(json);
      Object.keys(state).forEach((key) => {
        if (Object.prototype.hasOwnProperty.call(next, key)) { state[key] = next[key]; }
      });
      state.visible_projects = state.visible_projects || [];
      state.visible_tieups = state.visible_tieups || [];
      state.bureau_counts = state.bureau_counts || {};
      state.fields = state.fields || [];
      applyState();
      const seq = next.seq;
      afterFrame(() => send("stateApplied", {seq: seq, markers: visibleMarkerCount()}));
    },

    resetView() {
      map.fitBounds(japanBounds(), {padding: FIT_PADDING, animate: false});
    },

    fitBureau(bureauId) {
      const layer = bureauLayers.get(bureauId);
      if (!layer) { return false; }
      const frame = layer.feature.properties.bounds;
      map.fitBounds(frame ? L.latLngBounds(frame) : layer.getBounds(),
                    {padding: [24, 24], animate: false});
      return true;
    },

    fitTieups() {
      const bounds = japanBounds();
      arcLayers.forEach((entry) => {
        if (arcGroup.hasLayer(entry.partner)) { bounds.extend(entry.partner.getLatLng()); }
      });
      map.fitBounds(bounds, {padding: [24, 24], animate: false});
    },

    flyTo(lon, lat, zoom) {
      const target = L.latLng(lat, unwrapLon(lon));
      const level = typeof zoom === "number" ? zoom : map.getZoom();
      map.flyTo(target, level, {duration: 0.6});
    },

    getView() {
      const center = map.getCenter();
      return JSON.stringify({lat: center.lat, lon: center.lng, zoom: map.getZoom()});
    },

    setView(json) {
      const view = JSON.parse(json);
      map.setView([view.lat, view.lon], view.zoom, {animate: false});
    },

    getBounds() {
      const bounds = map.getBounds();
      return JSON.stringify([[bounds.getSouth(), bounds.getWest()],
                             [bounds.getNorth(), bounds.getEast()]]);
    },

    fitBounds(json) {
      map.fitBounds(L.latLngBounds(JSON.parse(json)), {padding: [0, 0], animate: false});
    },

    setExportMode(json) {
      const options = json ? JSON.parse(json) : null;
      document.body.classList.toggle("cx-export", Boolean(options));
      map.getContainer().style.background = options ? "#ffffff" : STYLE.sea;
      [titleControl, captionControl].forEach((control) => {
        if (control) { map.removeControl(control); }
      });
      titleControl = captionControl = null;
      if (options && options.title) {
        titleControl = makeControl("topleft", "cx-title", (container) => {
          container.textContent = String(options.title);
        }).addTo(map);
      }
      if (options && options.caption) {
        captionControl = makeControl("bottomleft", "cx-caption", (container) => {
          container.textContent = String(options.caption);
        }).addTo(map);
      }
      legendControl.getContainer().classList.toggle("cx-hidden",
                                                    Boolean(options) && options.legend === false);
      if (options) { closeTooltips(); }
      return true;
    },

    visibleMarkerCount: visibleMarkerCount,

    visibleArcCount() {
      if (!arcGroup || !map.hasLayer(arcGroup)) { return 0; }
      let count = 0;
      arcLayers.forEach((entry) => { if (arcGroup.hasLayer(entry.arc)) { count += 1; } });
      return count;
    },

    highlightedBureau() {
      return bureauLayers.has(state.selected_bureau) ? state.selected_bureau : null;
    },

    clickBureau(bureauId) {
      const layer = bureauLayers.get(bureauId);
      if (!layer) { return false; }
      const properties = layer.feature.properties;
      layer.fire("click", {latlng: L.latLng(properties.label_lat, properties.label_lon)});
      return true;
    },

    clickProject(projectId) {
      const marker = projectMarkers.get(projectId);
      if (!marker) { return false; }
      marker.fire("click", {latlng: marker.getLatLng()});
      return true;
    },

    escapeHtml: escapeHtml
  };

  window.clusterMap = clusterMap;
  connectBridge();
})();
