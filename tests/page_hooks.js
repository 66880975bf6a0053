/*
 * page_hooks.js — what the WebEngine tests ask of the map page, injected by tests/webpage.py.
 *
 * The page ships no test code: these hooks find the Leaflet map and its layers from outside
 * and act as a person would (a 'click' event on a layer, a tooltip opened) or read what is
 * drawn. Layers are told apart by their panes and by the ids the page gives them (GeoJSON
 * features' properties.id); the project markers are one L.ProjectMarkerLayer, asked directly.
 *
 * installClusterMapTest(selectedLook) defines window.clusterMapTest once per page; the look
 * of a selected bureau comes from Python (cartography.MAP_STYLE).
 */
function installClusterMapTest(selectedLook) {
  "use strict";
  if (window.clusterMapTest) { return window.clusterMapTest; }

  function leafletMap() {
    var names = Object.keys(window);
    for (var i = 0; i < names.length; i++) {
      var value = window[names[i]];
      if (value instanceof L.Map) { return value; }
    }
    throw new Error("page_hooks: no Leaflet map on the page");
  }

  function shownLayers(test) {
    var found = [];
    leafletMap().eachLayer(function (layer) { if (test(layer)) { found.push(layer); } });
    return found;
  }

  function inPane(layer, pane) { return !!layer.options && layer.options.pane === pane; }

  function bureau(bureauId) {
    return shownLayers(function (layer) {
      return inPane(layer, "cx-bureaus") && layer.feature && layer.feature.properties.id === bureauId;
    })[0] || null;
  }

  function markerLayer() {
    // the projects' markers are one canvas layer (resources/map/marker_layer.js)
    return shownLayers(function (layer) { return layer instanceof L.ProjectMarkerLayer; })[0] || null;
  }

  window.clusterMapTest = {
    visibleMarkerCount: function () {
      var layer = markerLayer();
      return layer ? layer.visibleProjectIds().length : 0;
    },
    visibleArcCount: function () {
      return shownLayers(function (layer) {
        return inPane(layer, "cx-arcs") && layer instanceof L.Polyline;
      }).length;
    },
    highlightedBureau: function () {
      var found = shownLayers(function (layer) {
        return inPane(layer, "cx-bureaus") && layer.feature &&
          layer.options.color === selectedLook.color && layer.options.weight === selectedLook.weight;
      });
      return found.length ? found[0].feature.properties.id : null;
    },
    clickBureau: function (bureauId) {
      var layer = bureau(bureauId);
      if (layer) { layer.fire("click", {latlng: layer.getBounds().getCenter()}); }
      return !!layer;
    },
    clickProject: function (projectId) {
      var layer = markerLayer();
      return !!layer && layer.clickProject(projectId);
    },
    visibleProjectIds: function () {  // as JSON text (an array came back as "")
      var layer = markerLayer();
      return JSON.stringify(layer ? layer.visibleProjectIds() : []);
    },
    clickAtProject: function (projectId) {
      // a real click event at the marker's place on the screen: the layer's own hit-testing
      var layer = markerLayer();
      var index = layer ? layer.visibleProjectIds().indexOf(projectId) : -1;
      if (index < 0) { return false; }
      var map = leafletMap();
      var point = layer.markerPoint(projectId);  // as drawn: on its ring, if fanned
      var box = map.getContainer().getBoundingClientRect();
      var target = document.elementFromPoint(box.left + point.x, box.top + point.y);
      target.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
        clientX: box.left + point.x, clientY: box.top + point.y}));
      return true;
    },
    tooltipText: function (projectId) {
      // open a marker's tooltip and read back the text a person would see
      var layer = markerLayer();
      if (!layer || !layer.openTooltipFor(projectId)) { return null; }
      var element = layer.getTooltip().getElement();
      var shown = element ? element.textContent : null;
      layer.closeTooltip();
      return shown;
    },
    markerPoints: function (projectIds) {
      // where a person sees these markers (on their ring, if fanned): {id: [x, y]} in the
      // page's pixels, as JSON text; read in one go, so all at one and the same view
      var layer = markerLayer();
      var box = leafletMap().getContainer().getBoundingClientRect();
      var found = {};
      projectIds.forEach(function (projectId) {
        var point = layer ? layer.markerPoint(projectId) : null;
        found[projectId] = point ? [point.x + box.left, point.y + box.top] : null;
      });
      return JSON.stringify(found);
    },
    partnerLabels: function () {
      var found = document.querySelectorAll(".cx-partner-name");
      return JSON.stringify(Array.prototype.map.call(found, function (element) {
        var box = element.getBoundingClientRect();
        return {text: element.textContent, left: box.left, top: box.top, right: box.right,
                bottom: box.bottom};
      }));
    },
    placeLabels: function () {
      // the place names a person sees, as JSON text: each name's text, whether it holds
      // only text (no element made from a name), and its box in the page's pixels
      var found = document.querySelectorAll(".cx-place-name");
      return JSON.stringify(Array.prototype.filter.call(found, function (element) {
        return element.isConnected && element.offsetParent !== null;
      }).map(function (element) {
        var box = element.getBoundingClientRect();
        return {text: element.textContent, plain: element.children.length === 0,
                left: box.left, top: box.top, right: box.right, bottom: box.bottom};
      }));
    },
    attribution: function () {
      var control = document.querySelector(".leaflet-control-attribution");
      return control ? control.textContent : "";
    },
    legend: function () {
      // {collapsed, rows, width, height} of the map's legend, as JSON text
      var legend = document.querySelector(".cx-legend");
      var box = legend.getBoundingClientRect();
      return JSON.stringify({collapsed: legend.classList.contains("cx-legend-collapsed"),
                             rows: legend.querySelectorAll(".cx-legend-row").length,
                             width: box.width, height: box.height});
    },
    toggleLegend: function () {
      // a person's click on the legend's button
      var button = document.querySelector(".cx-legend-toggle");
      button.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
      return true;
    },
    setZoom: function (zoom) {
      // zoom about the centre, as a person's wheel would; moveend places the names
      leafletMap().setZoom(zoom, {animate: false});
      return leafletMap().getZoom();
    },
    view: function () {  // as JSON text, like the page's getView: an object came back as ""
      var map = leafletMap();
      var center = map.getCenter();
      return JSON.stringify({lat: center.lat, lon: center.lng, zoom: map.getZoom()});
    }
  };
  return window.clusterMapTest;
}
