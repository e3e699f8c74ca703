// Printing: a WebGL map (MapLibre, under plotly's map traces) prints blank, because its drawing
// buffer is not kept between frames. Just before printing, each map draws once more, at once,
// and the frame is copied into a plain canvas laid over it, which prints; removed afterwards.
(function () {
  function maps() {
    return [].slice.call(document.querySelectorAll('.js-plotly-plot')).map(function (gd) {
      var full = gd._fullLayout;
      return full && full.map && full.map._subplot && full.map._subplot.map;
    }).filter(Boolean);
  }
  window.addEventListener('beforeprint', function () {
    maps().forEach(function (map) {
      var gl = map.getCanvas();
      var copy = document.createElement('canvas');
      copy.width = gl.width;
      copy.height = gl.height;
      copy.className = 'print-copy';
      try {
        map.redraw();  // synchronous: the buffer holds this frame until the task ends
        copy.getContext('2d').drawImage(gl, 0, 0);
      } catch (e) {
        return;
      }
      map.getContainer().appendChild(copy);  // the map's whole box (position: relative)
    });
  });
  window.addEventListener('afterprint', function () {
    document.querySelectorAll('canvas.print-copy').forEach(function (c) { c.remove(); });
  });
})();
