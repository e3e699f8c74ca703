// Print maps are plotly geo traces (SVG paths, not WebGL). plotly.js fetches its world topojson
// from cdn.plot.ly even with geo.visible = false, which the Content-Security-Policy blocks: an
// empty world, defined here before any plot, stands in (the maps draw only our own GeoJSON).
(function () {
  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
  assets.topojson = assets.topojson || {};
  assets.topojson.world_110m = assets.topojson.world_110m ||
    {type: 'Topology', objects: {}, arcs: []};
})();
