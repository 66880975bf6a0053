/*
 * page_hooks.js — what the WebEngine tests ask of the map page, injected by tests/webpage.py.
 *
 * The page ships no test code: these hooks find the Leaflet map and its layers from outside
 * and act as a person would (a 'click' event on a layer, a tooltip opened) or read what is
 * drawn. Layers are told apart by their panes and by the ids the page gives them (GeoJSON
 * features' properties.id, markers' projectId option).
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

  function projectMarkers() {
    return shownLayers(function (layer) { return inPane(layer, "cx-markers") && layer.options.projectId; });
  }

  function marker(projectId) {
    return projectMarkers().filter(function (layer) {
      return layer.options.projectId === projectId;
    })[0] || null;
  }

  window.clusterMapTest = {
    visibleMarkerCount: function () { return projectMarkers().length; },
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
      var layer = marker(projectId);
      if (layer) { layer.fire("click", {latlng: layer.getLatLng()}); }
      return !!layer;
    },
    tooltipText: function (projectId) {
      // open a marker's tooltip and read back the text a person would see
      var layer = marker(projectId);
      if (!layer) { return null; }
      layer.openTooltip();
      var element = layer.getTooltip().getElement();
      var shown = element ? element.textContent : null;
      layer.closeTooltip();
      return shown;
    },
    markerPoint: function (projectId) {
      // where a person sees the marker: [x, y] in the page's pixels, as JSON text
      var layer = marker(projectId);
      if (!layer) { return null; }
      var point = leafletMap().latLngToContainerPoint(layer.getLatLng());
      var box = leafletMap().getContainer().getBoundingClientRect();
      return JSON.stringify([point.x + box.left, point.y + box.top]);
    },
    clickAt: function (x, y) {
      // a click where a person would click: on whatever element is at that point
      var target = document.elementFromPoint(x, y);
      if (!target) { return false; }
      var options = {bubbles: true, cancelable: true, clientX: x, clientY: y, view: window};
      ["mousedown", "mouseup", "click"].forEach(function (type) {
        target.dispatchEvent(new MouseEvent(type, options));
      });
      return true;
    },
    partnerLabels: function () {
      var found = document.querySelectorAll(".cx-partner-name");
      return JSON.stringify(Array.prototype.map.call(found, function (element) {
        var box = element.getBoundingClientRect();
        return {text: element.textContent, left: box.left, top: box.top, right: box.right,
                bottom: box.bottom};
      }));
    },
    view: function () {  // as JSON text, like the page's getView: an object came back as ""
      var map = leafletMap();
      var center = map.getCenter();
      return JSON.stringify({lat: center.lat, lon: center.lng, zoom: map.getZoom()});
    }
  };
  return window.clusterMapTest;
}
