// Fit each map to its bounds (layout.meta.bounds = [west, south, east, north]) in the box it has,
// at any width: MapLibre's fitBounds computes the centre and zoom from the container's size.
// Refit when the map's box changes size or the map gets a new figure, until the reader moves the
// map themselves.
(function () {
  // Passed with each fit as its move events' originalEvent: plotly then records the fitted view
  // as the reader's own (uirevision keeps it when a new figure or basemap comes), and this
  // script does not take it for the reader moving the map.
  var FIT = {type: 'hanoi-fit'};
  var fitting = false;
  function fit(gd, force) {
    var sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    var b = gd.layout && gd.layout.meta && gd.layout.meta.bounds;
    if (!sub || !sub.map || !b || b.length !== 4) return;
    var map = sub.map;
    if (!map.__hanoiFit) {
      map.__hanoiFit = {moved: false};
      // The box can change after the first draw (fonts, the panel, the phone's toolbar): refit.
      if (window.ResizeObserver) {
        var timer;
        new ResizeObserver(function () {
          clearTimeout(timer);
          timer = setTimeout(function () { fit(gd, true); }, 100);
        }).observe(gd);
      }
      // The reader moves the map: dragging, the wheel, keys, touch (events with an
      // originalEvent) or the modebar's buttons (a view edit outside a fit).
      map.on('movestart', function (e) {
        if (e.originalEvent && e.originalEvent !== FIT) map.__hanoiFit.moved = true;
      });
      gd.on('plotly_relayout', function (edit) {
        if (!fitting && edit && ('map.zoom' in edit || 'map.center' in edit)) {
          map.__hanoiFit.moved = true;
        }
      });
      map.on('error', function (e) {  // a basemap that cannot load: say so in text
        var note = gd.closest('[data-tiles-note]');
        if (note && e && e.error && /tile|source|style|Failed to fetch/i.test(String(e.error.message || e.error))) {
          note.classList.add('tiles-failed');
        }
      });
    } else if (!force && map.__hanoiFit.layout === gd.layout) {
      return;  // fitted to this figure already (a new figure, e.g. a re-drawn page, refits)
    }
    if (map.__hanoiFit.moved) return;
    map.__hanoiFit.layout = gd.layout;
    var box = gd.getBoundingClientRect();
    var pad = Math.max(4, Math.min(24, Math.round(Math.min(box.width, box.height) * 0.03)));
    map.resize();
    fitting = true;
    try {
      map.fitBounds([[b[0], b[1]], [b[2], b[3]]], {padding: pad, animate: false},
        {originalEvent: FIT});
    } finally {
      fitting = false;
    }
  }
  function each(force) {
    document.querySelectorAll('.js-plotly-plot').forEach(function (gd) { fit(gd, force); });
  }
  // As soon as MapLibre puts its canvas in the page, before the map's sources load: fitted
  // then, its tiles are cut once, for the final view. The interval catches new figures.
  new MutationObserver(function (records) {
    if (records.some(function (r) {
      return [].some.call(r.addedNodes, function (n) {
        return n.classList && n.classList.contains('maplibregl-canvas-container');
      });
    })) {
      each(false);
    }
  }).observe(document.documentElement, {childList: true, subtree: true});
  setInterval(function () { each(false); }, 400);
  var timer;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { each(true); }, 150);
  });
})();
