// PNG/SVG export of any map or chart, in the browser: no server-side browser needed.
// Buttons carry data-export (png|svg), data-graph (the graph's id) and data-filename; a map's
// buttons also carry data-svg-url, the server's framed vector map (dashboard/web/map_svg.py; no
// query: the page's own). A chart is drawn by Plotly.toImage (vector: bars are SVG) inside the
// text of its graphic frame (dashboard/views/frame.py): title, subtitle, legend, source, as
// SVG text that wraps. A PNG is the same SVG drawn on a canvas at twice the size.
(function () {
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
  var PAD = 16;
  var measure = document.createElement('canvas').getContext('2d');

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  }
  // Lines of text that fit width px at the given font (measured, not guessed).
  function wrap(text, size, weight, width) {
    measure.font = (weight || '400') + ' ' + size + 'px ' + FONT;
    var lines = [], line = '';
    text.split(/\s+/).filter(Boolean).forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (line && measure.measureText(next).width > width) { lines.push(line); line = word; }
      else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }
  function textLines(lines, x, y, size, attrs) {
    var out = '';
    lines.forEach(function (l) {
      y += size * 1.3;
      out += '<text x="' + x + '" y="' + y.toFixed(1) + '" font-size="' + size + '"' + (attrs || '') +
        '>' + esc(l) + '</text>';
    });
    return {svg: out, y: y};
  }
  // The frame's texts around a plotly SVG of size w x h.
  function framed(inner, w, h, frame) {
    var width = w + 2 * PAD, avail = w, parts = [], y = PAD - 4, block;
    var q = function (sel) { return frame ? [].slice.call(frame.querySelectorAll(sel)) : []; };
    q('.graphic-title').forEach(function (el) {
      block = textLines(wrap(el.textContent, 20, '700', avail), PAD, y, 20, ' font-weight="700" fill="#1a1a1a"');
      parts.push(block.svg); y = block.y;
    });
    q('.graphic-subtitle').forEach(function (el) {
      block = textLines(wrap(el.textContent, 14, '400', avail), PAD, y + 2, 14, ' fill="#3d3d3d"');
      parts.push(block.svg); y = block.y;
    });
    y += 8;
    inner = inner.replace(/^<\?xml[^>]*>/, '').replace('<svg ', '<svg x="' + PAD + '" y="' + y.toFixed(1) + '" ');
    parts.push(inner);
    y += h + 8;
    var x = PAD, rowH = 22;
    var items = q('.graphic-legend .legend-rows li');
    items.forEach(function (li) {
      var sw = li.querySelector('.swatch');
      var label = li.textContent.trim();
      measure.font = '400 13px ' + FONT;
      var itemW = 20 + measure.measureText(label).width + 16;
      if (x + itemW > width - PAD && x > PAD) { x = PAD; y += rowH; }
      parts.push('<rect x="' + x + '" y="' + y + '" width="14" height="12" fill="' +
        esc(sw ? getComputedStyle(sw).backgroundColor : '#ccc') + '" stroke="#777"/>' +
        '<text x="' + (x + 20) + '" y="' + (y + 11) + '" font-size="13" fill="#1a1a1a">' + esc(label) + '</text>');
      x += itemW;
    });
    if (items.length) y += rowH;
    q('.graphic-legend .note, .graphic-legend .method').forEach(function (el) {
      block = textLines(wrap(el.textContent, 12, '400', avail), PAD, y, 12, ' fill="#3d3d3d"');
      parts.push(block.svg); y = block.y;
    });
    q('.graphic-source p').forEach(function (el) {
      block = textLines(wrap(el.textContent, 11, '400', avail), PAD, y, 11, ' fill="#3d3d3d"');
      parts.push(block.svg); y = block.y;
    });
    var height = Math.ceil(y + PAD);
    return '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="' +
      width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height +
      '" font-family="' + esc(FONT) + '"><rect width="100%" height="100%" fill="#ffffff"/>' +
      parts.join('') + '</svg>';
  }
  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function png(svgText) {
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(new Blob([svgText], {type: 'image/svg+xml'}));
      img.onload = function () {
        var canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth * 2; canvas.height = img.naturalHeight * 2;
        var ctx = canvas.getContext('2d');
        ctx.scale(2, 2); ctx.drawImage(img, 0, 0);
        URL.revokeObjectURL(url);
        canvas.toBlob(resolve, 'image/png');
      };
      img.onerror = reject;
      img.src = url;
    });
  }
  // A response's SVG text, or an error carrying the server's message ({"error": …}) if any.
  function svgText(r) {
    if (r.ok) return r.text();
    return r.json().catch(function () { return {}; }).then(function (j) {
      throw new Error(j.error || '');
    });
  }
  // The SVG text of what a button exports.
  function svgFor(btn) {
    var url = btn.getAttribute('data-svg-url');
    // What the dashboard's map shows (views/map.py: map_head); own figures are "user:…"/"ratio:…".
    var title = document.getElementById('map-title');
    var shown = (title && title.getAttribute('data-indicator')) || '';
    var own = shown.indexOf(':') >= 0;
    if (url && own && url.indexOf('?') < 0) {
      // The reader's own uploaded figures ("user:…", "ratio:…") live in this tab's session
      // storage only: they are posted with the download, drawn as the same vector map, and
      // kept nowhere (dashboard/web/map_svg.py: make_own_map_svg).
      var figures = null;
      try { figures = JSON.parse(sessionStorage.getItem('user-data')); } catch (e) { figures = null; }
      return fetch(url + '?lang=' + (document.documentElement.lang || 'vi'), {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({indicator: shown, query: location.search.slice(1), figures: figures})
      }).then(svgText);
    }
    if (url) {
      if (url.indexOf('?') < 0) url += location.search;
      return fetch(url).then(svgText);
    }
    var holder = document.getElementById(btn.getAttribute('data-graph'));
    var gd = holder && (holder.classList.contains('js-plotly-plot') ? holder : holder.querySelector('.js-plotly-plot'));
    if (!gd || !window.Plotly) return Promise.reject(new Error('no graph'));
    var w = gd.offsetWidth, h = gd.offsetHeight;
    return window.Plotly.toImage(gd, {format: 'svg', width: w, height: h}).then(function (data) {
      var inner = decodeURIComponent(data.slice(data.indexOf(',') + 1));
      return framed(inner, w, h, btn.closest('.graphic'));
    });
  }
  window.hanoiExport = function (btn) {
    var format = btn.getAttribute('data-export');
    var name = (btn.getAttribute('data-filename') || 'hanoi-126') + '.' + format;
    return svgFor(btn).then(function (svg) {
      if (format === 'svg') return new Blob([svg], {type: 'image/svg+xml'});
      return png(svg);
    }).then(function (blob) {
      window.__hanoiLastExport = {format: format, size: blob.size, blob: blob};
      save(blob, name);
      return blob;
    });
  };
  // A failed download says why, next to its buttons (role=alert), never silently.
  function showError(btn, err) {
    var box = btn.closest('.export-buttons') || btn.parentNode;
    var note = box.querySelector('.export-error');
    if (!note) {
      note = document.createElement('p');
      note.className = 'export-error error';
      note.setAttribute('role', 'alert');
      box.appendChild(note);
    }
    note.textContent = (err && err.message) || box.getAttribute('data-error') || 'Error';
  }
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button[data-export]');
    if (!btn) return;
    var box = btn.closest('.export-buttons');
    var old = box && box.querySelector('.export-error');
    if (old) old.remove();
    window.hanoiExport(btn).catch(function (err) { showError(btn, err); });
  });
})();

// Embed previews load when their box is opened, not with the page.
document.addEventListener('toggle', function (e) {
  var box = e.target;
  if (!box.open || !box.classList || !box.classList.contains('embed-box')) return;
  var frame = box.querySelector('iframe[data-src]');
  if (frame && !frame.getAttribute('src')) frame.setAttribute('src', frame.getAttribute('data-src'));
}, true);
