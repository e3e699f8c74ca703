// PNG/SVG export of any graph, in the browser: no server-side browser or kaleido needed.
// Buttons carry data-export (png|svg), data-graph (the dcc.Graph id) and data-filename.
document.addEventListener('click', function (e) {
  var btn = e.target.closest && e.target.closest('button[data-export]');
  if (!btn || !window.Plotly) return;
  var holder = document.getElementById(btn.getAttribute('data-graph'));
  var gd = holder && (holder.classList.contains('js-plotly-plot') ? holder : holder.querySelector('.js-plotly-plot'));
  if (!gd) return;
  window.Plotly.downloadImage(gd, {
    format: btn.getAttribute('data-export'), filename: btn.getAttribute('data-filename') || 'hanoi-126',
    width: gd.offsetWidth, height: gd.offsetHeight, scale: btn.getAttribute('data-export') === 'png' ? 2 : 1
  });
});

// Embed previews load when their box is opened, not with the page.
document.addEventListener('toggle', function (e) {
  var box = e.target;
  if (!box.open || !box.classList || !box.classList.contains('embed-box')) return;
  var frame = box.querySelector('iframe[data-src]');
  if (frame && !frame.getAttribute('src')) frame.setAttribute('src', frame.getAttribute('data-src'));
}, true);
