/*
 * page_hooks.js — what the WebEngine tests READ from the map page, injected by tests/webpage.py.
 *
 * The page ships no test code, and these hooks never act: every click, drag, wheel and key of
 * a test is real input delivered to the web view (tests/real_input.py), hit-tested by Chromium.
 * They find the Leaflet map and its layers from outside and report what is drawn and where a
 * person would see it, in the page's CSS pixels (the render widget's own coordinates).
 * Bureaus are the interactive GeoJSON polygons; the project markers are one
 * L.ProjectMarkerLayer.
 *
 * installClusterMapTest(looks) defines window.clusterMapTest once per page; the looks of a
 * selected and a hovered bureau come from Python (cartography.MAP_STYLE).
 */
function installClusterMapTest(looks) {
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

  function isBureau(layer) {
    return layer instanceof L.Polygon && !!layer.feature && layer.options.interactive !== false;
  }

  function bureau(bureauId) {
    return shownLayers(function (layer) {
      return isBureau(layer) && layer.feature.properties.id === bureauId;
    })[0] || null;
  }

  function bureauInLook(look) {
    var found = shownLayers(function (layer) {
      return isBureau(layer) && layer.options.color === look.color &&
        layer.options.weight === look.weight;
    });
    return found.length ? found[0].feature.properties.id : null;
  }

  function markerLayer() {
    // the projects' markers are one canvas layer (resources/map/marker_layer.js)
    return shownLayers(function (layer) { return layer instanceof L.ProjectMarkerLayer; })[0] || null;
  }

  function organisationLayer() {
    // the imported organisations' markers, one canvas layer under the projects'
    return shownLayers(function (layer) {
      return layer instanceof L.OrganisationMarkerLayer;
    })[0] || null;
  }

  function drawnMarkers() {
    // every drawn marker, projects' and organisations', as {points, reaches}
    var points = [], reaches = [];
    [markerLayer(), organisationLayer()].forEach(function (layer) {
      if (!layer) { return; }
      var drawn = layer.markerPoints();
      points = points.concat(Array.prototype.slice.call(drawn.points));
      reaches = reaches.concat(Array.prototype.slice.call(drawn.reaches));
    });
    return {points: points, reaches: reaches};
  }

  function countInk(pixels, colors) {
    // how many opaque pixels of RGBA ``pixels`` are nearer the colour ``colors.ink`` than the
    // fill ``colors.fill`` (a stroke a pixel wide is blended with the fill at its edges)
    function rgb(hex) {
      return [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    }
    function distance(i, color) {
      return Math.abs(pixels[i] - color[0]) + Math.abs(pixels[i + 1] - color[1]) +
        Math.abs(pixels[i + 2] - color[2]);
    }
    var ink = rgb(colors.ink), fill = rgb(colors.fill), count = 0;
    for (var i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200 && distance(i, ink) < distance(i, fill)) { count++; }
    }
    return count;
  }

  function origin() {
    var box = leafletMap().getContainer().getBoundingClientRect();
    return {x: box.left, y: box.top};
  }

  function rings(layer) {
    // the polygon's rings in container pixels (a MultiPolygon is a list of polygons)
    var map = leafletMap(), found = [];
    (function walk(latLngs) {
      if (!latLngs.length) { return; }
      if (latLngs[0] instanceof L.LatLng) {
        found.push(latLngs.map(function (ll) { return map.latLngToContainerPoint(ll); }));
      } else { latLngs.forEach(walk); }
    }(layer.getLatLngs()));
    return found;
  }

  function inside(point, polygonRings) {
    // even-odd rule over every ring: holes and islands alike
    var odd = false;
    polygonRings.forEach(function (ring) {
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var a = ring[i], b = ring[j];
        if ((a.y > point.y) !== (b.y > point.y) &&
            point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x) { odd = !odd; }
      }
    });
    return odd;
  }

  function bureauLabelBoxes() {
    var base = origin();
    return Array.prototype.filter.call(document.querySelectorAll(".cx-bureau-label"),
      function (element) { return element.offsetParent !== null; }).map(function (element) {
        var box = element.getBoundingClientRect();
        return {left: box.left - base.x, top: box.top - base.y, right: box.right - base.x,
                bottom: box.bottom - base.y, text: element.textContent};
      });
  }

  window.clusterMapTest = {
    visibleMarkerCount: function () {
      var layer = markerLayer();
      return layer ? layer.visibleProjectIds().length : 0;
    },
    visibleArcCount: function () {
      return shownLayers(function (layer) {
        return layer instanceof L.Polyline && !(layer instanceof L.Polygon) && !layer.feature;
      }).length;
    },
    highlightedBureau: function () { return bureauInLook(looks.selected); },
    litBureau: function () { return bureauInLook(looks.hover); },
    focusRingBureau: function () {
      // the bureau the keyboard's focus ring outlines (pane cx-focus), or null
      var ring = shownLayers(function (layer) {
        return layer instanceof L.Polygon && !!layer.feature && layer.options.pane === "cx-focus";
      });
      return ring.length ? ring[0].feature.properties.id : null;
    },
    mapFocus: function () {
      // whether the map holds the page's focus, and the outline that shows it, as JSON text
      var container = leafletMap().getContainer(), style = window.getComputedStyle(container);
      return JSON.stringify({focused: document.activeElement === container,
                             outline: style.outlineStyle, outlineWidth: style.outlineWidth});
    },
    visibleProjectIds: function () {  // as JSON text (an array came back as "")
      var layer = markerLayer();
      return JSON.stringify(layer ? layer.visibleProjectIds() : []);
    },
    markerPoints: function (projectIds) {
      // where a person sees these markers (on their ring, if fanned): {id: [x, y]} in the
      // page's pixels, as JSON text; read in one go, so all at one and the same view
      var layer = markerLayer(), base = origin(), found = {};
      projectIds.forEach(function (projectId) {
        var point = layer ? layer.markerPoint(projectId) : null;
        found[projectId] = point ? [point.x + base.x, point.y + base.y] : null;
      });
      return JSON.stringify(found);
    },
    visibleOrganisationIds: function () {  // the imported organisations drawn, as JSON text
      var layer = organisationLayer();
      return JSON.stringify(layer ? layer.visibleProjectIds() : []);
    },
    organisationPoints: function (ids) {
      // where a person sees these organisations' markers: {id: [x, y]} in the page's pixels
      var layer = organisationLayer(), base = origin(), found = {};
      ids.forEach(function (id) {
        var point = layer ? layer.markerPoint(id) : null;
        found[id] = point ? [point.x + base.x, point.y + base.y] : null;
      });
      return JSON.stringify(found);
    },
    markerInk: function (projectIds, inks) {
      // per project, how many pixels of its marker's middle (within ``reach`` px of its
      // centre, on the markers' canvas) are in the ink rather than the fill given for it
      // ({ink, fill, reach}): {id: count}, JSON text
      var layer = markerLayer(), map = leafletMap(), found = {};
      var canvas = layer._container, ratio = canvas.width / canvas.clientWidth;
      var ctx = canvas.getContext("2d"), origin = layer._bounds.min;
      projectIds.forEach(function (projectId) {
        var point = layer.markerPoint(projectId);
        if (!point) { found[projectId] = null; return; }
        var at = map.containerPointToLayerPoint(point).subtract(origin).multiplyBy(ratio);
        var reach = Math.ceil(inks[projectId].reach * ratio);
        var side = 2 * reach + 1;
        var pixels = ctx.getImageData(Math.round(at.x) - reach, Math.round(at.y) - reach,
                                      side, side).data;
        for (var i = 0; i < pixels.length; i += 4) {  // the disc within ``reach`` only
          var dx = (i / 4) % side - reach, dy = Math.floor(i / 4 / side) - reach;
          if (dx * dx + dy * dy > reach * reach) { pixels[i + 3] = 0; }
        }
        found[projectId] = countInk(pixels, inks[projectId]);
      });
      return JSON.stringify(found);
    },
    markerDrawing: function (organisations, tolerance) {
      // the project (or organisation) markers' canvas against the same markers drawn as the
      // layer drew them before it composed its own pixels: each look drawn once on a small
      // canvas as Leaflet draws a circle marker, then stamped with drawImage at each marker's
      // place, in drawing order (visibleProjectIds, bottom to top), so the canvas blends them.
      // The looks come from the page's own style function. As JSON text: {markers, inked
      // (pixels with ink in either), differing (pixels where a premultiplied channel differs
      // by more than ``tolerance`` levels), worst (the largest difference)}
      var layer = organisations ? organisationLayer() : markerLayer();
      var canvas = layer._container, ratio = window.devicePixelRatio || 1;
      var origin = layer._bounds.min, drawn = layer.visibleProjectIds();
      var ids = layer.markerPoints(), stamps = {};
      var reference = document.createElement("canvas");
      reference.width = canvas.width;
      reference.height = canvas.height;
      var ctx = reference.getContext("2d", {willReadFrequently: true});
      drawn.forEach(function (id, k) {
        var project = layer._projects[layer._byId[id]], look = layer.options.style(project);
        var key = JSON.stringify(look), stamp = stamps[key] || (stamps[key] = sprite(look, ratio));
        var point = leafletMap().containerPointToLayerPoint([ids.points[2 * k], ids.points[2 * k + 1]]);
        ctx.drawImage(stamp.canvas, Math.round((point.x - origin.x) * ratio - stamp.half),
                      Math.round((point.y - origin.y) * ratio - stamp.half));
      });
      var ours = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      var theirs = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      var inked = 0, differing = 0, worst = 0;
      for (var i = 0; i < ours.length; i += 4) {
        if (!ours[i + 3] && !theirs[i + 3]) { continue; }
        inked++;
        var most = Math.abs(ours[i + 3] - theirs[i + 3]);
        for (var c = 0; c < 3; c++) {
          most = Math.max(most, Math.abs(ours[i + c] * ours[i + 3] - theirs[i + c] * theirs[i + 3]) / 255);
        }
        worst = Math.max(worst, most);
        if (most > tolerance) { differing++; }
      }
      return JSON.stringify({markers: drawn.length, inked: inked, differing: differing,
                             worst: worst});

      function sprite(look, ratio) {
        var stroke = look.stroke !== false && look.weight ? look.weight : 0;
        var half = Math.ceil((look.radius + stroke / 2 + 1) * ratio);
        var image = document.createElement("canvas");
        image.width = image.height = 2 * half;
        var g = image.getContext("2d");
        g.scale(ratio, ratio);
        g.beginPath();
        if (look.shape === "square") {
          g.rect(half / ratio - look.radius, half / ratio - look.radius, 2 * look.radius,
                 2 * look.radius);
        } else {
          g.arc(half / ratio, half / ratio, look.radius, 0, Math.PI * 2, false);
        }
        if (look.fill !== false) {
          g.globalAlpha = look.fillOpacity === undefined ? 0.2 : look.fillOpacity;
          g.fillStyle = look.fillColor || look.color;
          g.fill();
        }
        if (stroke) {
          g.globalAlpha = look.opacity === undefined ? 1 : look.opacity;
          g.lineWidth = look.weight;
          g.strokeStyle = look.color;
          g.stroke();
        }
        if (look.glyph) {
          g.globalAlpha = 1;
          L.PointMarkerLayer.strokeGlyph(g, half / ratio, half / ratio, look.glyph);
        }
        return {canvas: image, half: half};
      }
    },
    legendInk: function (inks) {
      // per legend row of a field, how many pixels of its swatch are in the ink rather than the
      // fill given for its label ({ink, fill}): {label: count} (null: no swatch drawn), JSON
      var found = {};
      document.querySelectorAll(".cx-legend .cx-legend-row").forEach(function (row) {
        var label = row.textContent, swatch = row.querySelector("canvas");
        if (!(label in inks)) { return; }
        found[label] = swatch ? countInk(swatch.getContext("2d").getImageData(
          0, 0, swatch.width, swatch.height).data, inks[label]) : null;
      });
      return JSON.stringify(found);
    },
    bureauPoint: function (bureauId, clearance) {
      // a point inside the bureau as drawn now, in the page's pixels, where a person clicking
      // hits the bureau and nothing else: no marker, arc, partner point or bureau name within
      // ``clearance`` pixels, no control above it; the most open such point, as JSON text
      var layer = bureau(bureauId);
      if (!layer) { return "null"; }
      var map = leafletMap(), size = map.getSize(), base = origin(), polygon = rings(layer);
      var drawn = drawnMarkers();
      var obstacles = [];
      for (var k = 0; k < drawn.reaches.length; k++) {
        obstacles.push({x: drawn.points[2 * k], y: drawn.points[2 * k + 1], r: drawn.reaches[k]});
      }
      shownLayers(function (other) { return other instanceof L.Path && !isBureau(other) &&
                                            other.options.interactive !== false; })
        .forEach(function (other) {
          var lls = other.getLatLng ? [other.getLatLng()] : other.getLatLngs();
          lls.forEach(function (ll) {
            var p = map.latLngToContainerPoint(ll);
            obstacles.push({x: p.x, y: p.y, r: 6});
          });
        });
      var labels = bureauLabelBoxes();
      var box = L.bounds([].concat.apply([], polygon));
      var best = null, bestRoom = -1, steps = 40;
      for (var i = 1; i < steps; i++) {
        for (var j = 1; j < steps; j++) {
          var p = L.point(box.min.x + (box.max.x - box.min.x) * i / steps,
                          box.min.y + (box.max.y - box.min.y) * j / steps);
          if (p.x < 4 || p.y < 4 || p.x > size.x - 4 || p.y > size.y - 4) { continue; }
          if (!inside(p, polygon)) { continue; }
          var onLabel = labels.some(function (b) {
            return p.x >= b.left - clearance && p.x <= b.right + clearance &&
              p.y >= b.top - clearance && p.y <= b.bottom + clearance;
          });
          if (onLabel) { continue; }
          var target = document.elementFromPoint(p.x + base.x, p.y + base.y);
          if (!target || target.tagName !== "CANVAS") { continue; }
          var room = Infinity;
          obstacles.forEach(function (o) {
            room = Math.min(room, Math.sqrt((o.x - p.x) * (o.x - p.x) + (o.y - p.y) * (o.y - p.y)) - o.r);
          });
          // room to the bureau's own edge too: a click on a border is a click on a neighbour
          polygon.forEach(function (ring) {
            for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
              room = Math.min(room, L.LineUtil.pointToSegmentDistance(p, ring[a], ring[b]));
            }
          });
          if (room > bestRoom) { bestRoom = room; best = p; }
        }
      }
      return JSON.stringify(best && bestRoom >= clearance ? [best.x + base.x, best.y + base.y] : null);
    },
    bureauCentre: function (bureauId) {
      // the middle of the bureau's box on screen, in the page's pixels, as JSON text,
      // of its largest ring (Okinawa's main island, not the sea between its islands)
      var layer = bureau(bureauId), base = origin();
      if (!layer) { return "null"; }
      var largest = null, most = -1;
      rings(layer).forEach(function (ring) {
        var box = L.bounds(ring), area = box.getSize().x * box.getSize().y;
        if (area > most) { most = area; largest = box; }
      });
      var centre = largest.getCenter();
      return JSON.stringify([centre.x + base.x, centre.y + base.y]);
    },
    partnerPoints: function () {
      // the partner points drawn, {tieup_id: [x, y]} in the page's pixels, as JSON text; a
      // tie-up's point is the one drawn last where several share a place
      var map = leafletMap(), base = origin(), size = map.getSize(), found = {};
      shownLayers(function (layer) {
        return layer instanceof L.CircleMarker && !(layer instanceof L.ProjectMarkerLayer);
      }).forEach(function (layer) {
        var p = map.latLngToContainerPoint(layer.getLatLng());
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { return; }
        found[L.stamp(layer)] = [p.x + base.x, p.y + base.y];
      });
      return JSON.stringify(found);
    },
    seaPoint: function () {
      // a point of open sea in the page's pixels: no land, no marker, no control, as JSON text
      var map = leafletMap(), size = map.getSize(), base = origin();
      var polygons = shownLayers(isBureau).map(rings);
      var drawn = drawnMarkers();
      for (var y = size.y - 80; y > 60; y -= 20) {
        for (var x = 80; x < size.x - 80; x += 20) {
          var p = L.point(x, y), clear = true;
          for (var k = 0; k < drawn.reaches.length && clear; k++) {
            var dx = drawn.points[2 * k] - x, dy = drawn.points[2 * k + 1] - y;
            clear = dx * dx + dy * dy > (drawn.reaches[k] + 15) * (drawn.reaches[k] + 15);
          }
          if (clear && !polygons.some(function (poly) { return inside(p, poly); })) {
            var target = document.elementFromPoint(x + base.x, y + base.y);
            if (target && target.tagName === "CANVAS") { return JSON.stringify([x + base.x, y + base.y]); }
          }
        }
      }
      return "null";
    },
    bureauLabels: function () {
      // the bureau names shown, their boxes in the page's pixels, as JSON text
      var base = origin();
      return JSON.stringify(bureauLabelBoxes().map(function (b) {
        return {text: b.text, left: b.left + base.x, top: b.top + base.y, right: b.right + base.x,
                bottom: b.bottom + base.y};
      }));
    },
    stacking: function () {
      // the z-index of the bureau names' pane and of the markers' pane
      var map = leafletMap();
      return JSON.stringify({labels: Number(getComputedStyle(map.getPane("cx-labels")).zIndex),
                             markers: Number(getComputedStyle(map.getPane("cx-markers")).zIndex)});
    },
    tooltips: function () {
      // the texts of the tooltips open now, as JSON text
      return JSON.stringify(Array.prototype.map.call(
        document.querySelectorAll(".leaflet-tooltip"), function (element) {
          return element.textContent;
        }));
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
      // {collapsed, rows, width, height, toggle: [x, y]} of the map's legend, as JSON text
      var legend = document.querySelector(".cx-legend");
      var box = legend.getBoundingClientRect();
      var button = legend.querySelector(".cx-legend-toggle").getBoundingClientRect();
      return JSON.stringify({collapsed: legend.classList.contains("cx-legend-collapsed"),
                             rows: legend.querySelectorAll(".cx-legend-row").length,
                             width: box.width, height: box.height,
                             foldButtonAt: [button.left + button.width / 2,
                                            button.top + button.height / 2]});
    },
    serverOrganisations: function () {
      // the server-side organisations drawn (resources/map/server_organisations.js), as JSON
      // text: {level, items: [{count, name, key, point: [x, y] in the page's pixels}]}
      var map = leafletMap();
      var origin = map.getContainer().getBoundingClientRect();
      var items = shownLayers(function (layer) { return !!layer.options.cxServerItem; })
        .map(function (layer) {
          var item = layer.options.cxServerItem;
          var point = map.latLngToContainerPoint(layer.getLatLng());
          var icon = layer.options.icon;
          return {count: item.count, name: item.name || null, key: item.key || null,
                  point: [origin.left + point.x, origin.top + point.y],
                  radius: icon && icon.options.iconSize ? icon.options.iconSize[0] / 2 : layer.getRadius()};
        });
      var drawn = JSON.parse(window.serverOrganisations.drawn());
      return JSON.stringify({level: drawn.level, items: items});
    },
    mapBox: function () {
      // the map's box in the page's pixels, as JSON text
      var box = leafletMap().getContainer().getBoundingClientRect();
      return JSON.stringify({left: box.left, top: box.top, width: box.width, height: box.height});
    },
    view: function () {  // as JSON text, like the page's getView: an object came back as ""
      var map = leafletMap();
      var center = map.getCenter();
      // moving: a zoom or pan still animating (Leaflet drops a wheel turned meanwhile)
      return JSON.stringify({lat: center.lat, lon: center.lng, zoom: map.getZoom(),
                             moving: !!(map._animatingZoom || (map._panAnim && map._panAnim._inProgress))});
    }
  };
  return window.clusterMapTest;
}
