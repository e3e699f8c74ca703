// The citizen pages (dashboard/views/citizen.py) work without this file; it only adds: focus on
// the answer when the page brings one, "use my location" (to /find?q=lat,lon), and a tap on the
// split map saying which new unit holds that point (the map's projection is on the <svg>; the
// point is looked up by /api/locate on full-resolution boundaries). Nothing is stored.
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
      var lon = +svg.getAttribute('data-lon0') + p.x / +svg.getAttribute('data-kx');
      var lat = +svg.getAttribute('data-lat0') - p.y / +svg.getAttribute('data-k');
      var dot = svg.querySelector('circle.tap') || svg.appendChild(document.createElementNS(ns, 'circle'));
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
  function start() {
    focusAnswer();
    locateButton();
    document.querySelectorAll('[data-tap]').forEach(tapMap);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
