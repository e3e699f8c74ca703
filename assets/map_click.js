// Exact point lookup: plotly's clickData only names the (simplified) polygon clicked, so the
// clicked coordinates are taken from the MapLibre map and sent to the server's full-resolution
// point-in-polygon lookup through the "map-click" store.
(function () {
  function attach() {
    var gd = document.querySelector('#city-map .js-plotly-plot');
    var sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (!sub || !sub.map || sub.map.__hanoiClick) return;
    sub.map.__hanoiClick = true;
    sub.map.on('click', function (e) {
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props('map-click', {data: {lat: e.lngLat.lat, lon: e.lngLat.lng, t: Date.now()}});
      }
    });
  }
  setInterval(attach, 500);
})();
