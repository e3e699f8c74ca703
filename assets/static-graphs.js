// Draws the figures of a page served as plain HTML (dashboard/web/static_html.py, the embeds):
// each <script type="application/json" data-graph-for="ID"> holds {figure, config} for box #ID.
(function () {
  function draw() {
    document.querySelectorAll('script[data-graph-for]').forEach(function (block) {
      var box = document.getElementById(block.getAttribute('data-graph-for'));
      if (!box || box.firstChild || !window.Plotly) return;
      var spec = JSON.parse(block.textContent);
      var layout = spec.figure.layout || {};
      var plot = document.createElement('div');
      // As dcc.Graph does: fill the box, and follow its size unless the figure fixes a width.
      plot.style.width = '100%';
      plot.style.height = '100%';
      box.appendChild(plot);
      var config = Object.assign({responsive: !layout.width}, spec.config);
      window.Plotly.newPlot(plot, spec.figure.data || [], layout, config);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
