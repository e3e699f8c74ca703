// The citizen pages (dashboard/views/citizen.py) work without this file; it only adds: focus on
// the answer when the page brings one, "use my location" (to /find?q=lat,lon), suggestions as one
// types in the finder, a tap on the split map saying which new unit holds that point (the map's
// projection is on the <svg>; the point is looked up by /api/locate on full-resolution
// boundaries) and the street map under it. Nothing is stored.
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  function answer() { return document.getElementById('answer'); }
  function focusAnswer() {
    var a = answer();
    if (a && document.body.getAttribute('data-focus-answer')) {
      a.focus({preventScroll: true});
      if (a.getBoundingClientRect().top < 0 || a.getBoundingClientRect().top > innerHeight / 2) {
        a.scrollIntoView({block: 'start'});
      }
    }
  }
  function locateButton() {
    var b = document.querySelector('button.locate');
    if (!b || !navigator.geolocation) return;
    b.hidden = false;
    b.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var q = pos.coords.latitude.toFixed(6) + ',' + pos.coords.longitude.toFixed(6);
        location.href = '/find?q=' + encodeURIComponent(q) + (lang === 'en' ? '&lang=en' : '') +
          '#answer';
      }, function (err) {
        var box = document.querySelector('.finder');
        var p = document.createElement('p');
        p.className = 'error'; p.setAttribute('role', 'alert');
        p.textContent = b.getAttribute(err.code === 1 ? 'data-denied' : 'data-failed');
        box.appendChild(p);
      }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    });
  }
  // The SVG is in Web Mercator (dashboard/figures/svg_map.py): x = (X - x0)·s, y = (Y - y0)·s,
  // X and Y the world coordinates in [0, 1], which the street tiles share.
  function proj(svg) {
    return ['data-x0', 'data-y0', 'data-s'].map(function (a) { return +svg.getAttribute(a); });
  }
  function lonlat(svg, x, y) {
    var p = proj(svg), mx = p[0] + x / p[2], my = p[1] + y / p[2];
    return [mx * 360 - 180, Math.atan(Math.sinh(Math.PI * (1 - 2 * my))) * 180 / Math.PI];
  }
  // The street tiles under the SVG, on request: each tile z/x/y is an <image> at its own world
  // coordinates, so it lines up exactly. Credit shown with them; if none loads, a note says so
  // and the SVG stays as it was.
  function streetMap(box) {
    var svg = box.querySelector('svg');
    var ctl = box.querySelector('.tiles-ctl');
    if (!svg || !ctl) return;
    var button = ctl.querySelector('button.tiles');
    var credit = ctl.querySelector('.tiles-credit');
    var failed = ctl.querySelector('.tiles-failed');
    var ns = 'http://www.w3.org/2000/svg', layer = null;
    ctl.hidden = false;
    function draw() {
      var p = proj(svg), vb = svg.viewBox.baseVal;
      var wide = svg.getBoundingClientRect().width || vb.width;
      // tiles of about the screen's pixel size (256 px each)
      var z = Math.round(Math.log2(p[2] * wide / vb.width * (window.devicePixelRatio || 1) / 256));
      z = Math.max(0, Math.min(19, z));
      var n = Math.pow(2, z), size = p[2] / n, template = ctl.getAttribute('data-tiles');
      var x1 = Math.floor(p[0] * n), x2 = Math.floor((p[0] + vb.width / p[2]) * n);
      var y1 = Math.floor(p[1] * n), y2 = Math.floor((p[1] + vb.height / p[2]) * n);
      var loaded = 0, errors = 0, total = (x2 - x1 + 1) * (y2 - y1 + 1);
      var g = layer = document.createElementNS(ns, 'g');
      g.setAttribute('class', 'tiles');
      g.setAttribute('data-z', z);
      function url(tx, ty) {
        return template.replace('{z}', z).replace('{x}', tx).replace('{y}', ty);
      }
      for (var tx = x1; tx <= x2; tx++) {
        for (var ty = y1; ty <= y2; ty++) {
          var img = document.createElementNS(ns, 'image');
          img.setAttribute('x', ((tx / n - p[0]) * p[2]).toFixed(3));
          img.setAttribute('y', ((ty / n - p[1]) * p[2]).toFixed(3));
          img.setAttribute('width', size.toFixed(3));
          img.setAttribute('height', size.toFixed(3));
          img.setAttribute('preserveAspectRatio', 'none');
          img.addEventListener('load', function () { g.setAttribute('data-loaded', ++loaded); });
          img.addEventListener('error', function () {
            if (++errors === total && g === layer) {
              failed.textContent = failed.getAttribute('data-text');
              toggle(false);
            }
          });
          img.setAttribute('href', url(tx, ty));
          g.appendChild(img);
        }
      }
      // above the background, under the units
      svg.insertBefore(g, svg.querySelector('rect').nextSibling);
    }
    function toggle(on) {
      if (layer) { layer.remove(); layer = null; }
      if (on) { failed.textContent = ''; draw(); }
      button.setAttribute('aria-pressed', String(on));
      credit.hidden = !on;
      svg.classList.toggle('with-tiles', on);
    }
    button.addEventListener('click', function () {
      toggle(button.getAttribute('aria-pressed') !== 'true');
    });
  }
  function tapMap(box) {
    var svg = box.querySelector('svg');
    var out = box.querySelector('.tap-answer');
    if (!svg || !out || !svg.getScreenCTM) return;
    out.textContent = out.getAttribute('data-hint') || '';
    var ns = 'http://www.w3.org/2000/svg';
    svg.addEventListener('click', function (ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      var ll = lonlat(svg, p.x, p.y), lon = ll[0], lat = ll[1];
      var dot = svg.querySelector('circle.tap') ||
        svg.appendChild(document.createElementNS(ns, 'circle'));
      dot.setAttribute('class', 'tap'); dot.setAttribute('r', '6');
      dot.setAttribute('cx', p.x.toFixed(1)); dot.setAttribute('cy', p.y.toFixed(1));
      fetch('/api/locate?lat=' + lat.toFixed(6) + '&lon=' + lon.toFixed(6))
        .then(function (r) { return r.json(); })
        .then(function (a) {
          var nu = a && a.new_unit;
          out.textContent = nu
            ? out.getAttribute('data-found').replace('{lat}', lat.toFixed(5))
              .replace('{lon}', lon.toFixed(5)).replace('{name}', nu.new_name)
            : out.getAttribute('data-outside');
        })
        .catch(function () { out.textContent = out.getAttribute('data-outside'); });
    });
  }
  // Suggestions as one types (the ARIA combobox pattern): the finder's matches from
  // /api/lookup, each a link to its page; arrow keys choose, Enter opens, Escape closes; the
  // count is announced. The form itself still works as a plain GET (no JavaScript, or Enter
  // with nothing chosen).
  function suggest(form) {
    var input = form.querySelector('input[type=search]');
    if (!input || !window.fetch) return;
    var list = document.createElement('ul');
    var status = document.createElement('p');
    var timer = null, ask = null, items = [], active = -1;
    list.id = input.id + '-list';
    list.className = 'suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-labelledby', input.id + '-label');
    list.hidden = true;
    status.className = 'vh';
    status.setAttribute('role', 'status');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    form.querySelector('.row').insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);
    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function choose(i) {
      var opts = list.children;
      for (var k = 0; k < opts.length; k++) opts[k].setAttribute('aria-selected', String(k === i));
      active = i;
      if (i < 0) { input.removeAttribute('aria-activedescendant'); return; }
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({block: 'nearest'});
    }
    function show(answer) {
      var lq = lang === 'en' ? '?lang=en' : '';
      items = (answer.matches || []).slice(0, 6).map(function (m) {
        return {href: '/old/' + m.old_code + lq, text: m.old_name + ' (' + m.district + ')'};
      });
      var nu = answer.new_unit;
      if (nu && nu.new_code) {
        items.push({href: '/unit/' + nu.new_code + lq,
          text: nu.new_name + ' (' + form.getAttribute('data-new') + ')'});
      }
      list.textContent = '';
      items.forEach(function (it, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = it.text;
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
        li.addEventListener('click', function () { location.href = it.href + '#answer'; });
        list.appendChild(li);
      });
      status.textContent = items.length
        ? form.getAttribute('data-count').replace('{n}', items.length)
        : form.getAttribute('data-none');
      if (!items.length) { close(); return; }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      choose(-1);
    }
    function lookup() {
      var q = input.value.trim();
      if (ask) ask.abort();
      if (q.length < 2) { close(); status.textContent = ''; return; }
      ask = window.AbortController ? new AbortController() : null;
      fetch('/api/lookup?q=' + encodeURIComponent(q), ask ? {signal: ask.signal} : {})
        .then(function (r) { return r.ok ? r.json() : {matches: []}; })
        .then(function (a) { if (input.value.trim() === q) show(a); })
        .catch(function () {});
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 200);
    });
    input.addEventListener('keydown', function (ev) {
      var n = items.length;
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!n) return;
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        ev.preventDefault();
        choose(ev.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
        ev.preventDefault();
        location.href = items[active].href + '#answer';
      } else if (ev.key === 'Escape' && !list.hidden) {
        ev.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
  }
  function start() {
    focusAnswer();
    locateButton();
    document.querySelectorAll('form.finder').forEach(suggest);
    document.querySelectorAll('[data-tap]').forEach(function (box) {
      tapMap(box);
      streetMap(box);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
