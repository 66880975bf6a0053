/*
 * server_organisations.js — a national organisation list kept on its server, as the map shows it.
 *
 * A PostGIS dataset's organisations (a million rows) never reach the page: for each settled view
 * Python asks the server what the view needs (geodata/server_side/organisation_map.py) and sends
 * it here to be drawn, replacing what was drawn before:
 *
 *   serverOrganisations.init(map)        once, from the folium-generated page (after clusterMap)
 *   serverOrganisations.viewport() -> json {zoom, bounds: [west, south, east, north]}
 *   serverOrganisations.show(json)       {level, items: [{count, lon, lat, name?, key?}], look}
 *                                         (look: desktop/sources/organisation_map.LOOK)
 *                                         level "bureau", "prefecture" or "grid": counts drawn as
 *                                         circles sized by count, with the count as label; level
 *                                         "points": one dot per organisation, its name as tooltip
 *   serverOrganisations.clear()          the dataset shown has no such list (any more)
 *
 * A click on a count zooms in on it (two levels: the next level's counts or clusters follow,
 * asked by Python when the view settles). Python builds every call in
 * desktop/sources/organisation_map.py.
 * Dataset text (names) reaches the page as text only (textContent).
 */
(function () {
  "use strict";

  var PANE = "cx-server-organisations";
  var map = null;
  var group = null;
  var renderer = null;
  var drawn = {level: null, count: 0};

  function bubble(item, largest, look) {
    var radius = look.min_radius + (look.max_radius - look.min_radius) *
      Math.sqrt(item.count / Math.max(largest, 1));
    var size = Math.round(2 * radius);
    var element = document.createElement("div");
    element.className = "cx-server-count";
    element.style.cssText = "box-sizing: border-box; display: flex; align-items: center;" +
      " justify-content: center; border-radius: 50%; width: 100%; height: 100%;" +
      " white-space: nowrap;";
    element.style.font = look.font;
    element.style.background = look.fill;
    element.style.border = look.stroke_width + "px solid " + look.stroke;
    element.style.color = look.text;
    element.textContent = item.count.toLocaleString("en-US");
    var marker = L.marker([item.lat, item.lon], {
      pane: PANE, keyboard: false, interactive: true,
      title: item.name ? item.name + ": " + element.textContent : element.textContent,
      icon: L.divIcon({html: element, className: "", iconSize: [size, size]})
    });
    marker.options.cxServerItem = item;
    marker.on("click", function () {
      map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    return marker;
  }

  function dot(item, look) {
    var marker = L.circleMarker([item.lat, item.lon], {
      pane: PANE, renderer: renderer, radius: look.point_radius, weight: 1,
      color: look.stroke, fillColor: look.point_fill, fillOpacity: 0.9
    });
    marker.options.cxServerItem = item;
    var name = document.createElement("span");
    name.textContent = item.name || "";
    marker.bindTooltip(name);
    return marker;
  }

  window.serverOrganisations = {
    init: function (leafletMap) {
      map = leafletMap;
      // between the imported organisations (430) and the projects (440): a project's marker
      // drawn over a count takes the click there (its layer hit-tests the whole map first)
      map.createPane(PANE).style.zIndex = 435;
      map.getPane(PANE).style.pointerEvents = "none";  // its markers take their own clicks
      renderer = L.svg({pane: PANE});
      group = L.layerGroup().addTo(map);
    },

    viewport: function () {
      var b = map.getBounds();
      return JSON.stringify({zoom: map.getZoom(),
                             bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]});
    },

    show: function (json) {
      var answer = JSON.parse(json);
      var look = answer.look;
      group.clearLayers();
      var largest = 0;
      answer.items.forEach(function (item) { largest = Math.max(largest, item.count); });
      answer.items.forEach(function (item) {
        group.addLayer(answer.level === "points" ? dot(item, look) : bubble(item, largest, look));
      });
      drawn = {level: answer.level, count: answer.items.length};
      return true;
    },

    clear: function () {
      if (group) { group.clearLayers(); }
      drawn = {level: null, count: 0};
      return true;
    },

    drawn: function () {
      // what is drawn now: {level, count} (the level's name, how many counts or points)
      return JSON.stringify(drawn);
    }
  };
}());
