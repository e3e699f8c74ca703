// plotly.js (about 600 KB) on the dashboard. Screens at least data-wide wide (the map
// beside the panel, drawn at once) get it as before: a script run before Dash's. On a phone the
// first screen (the server's HTML, the finder, the map's box) comes without it: dcc.Graph waits
// on window.Plotly as a promise when its first graph renders, and until the reader's first
// touch, scroll, key or click anywhere (or the box's own button) window.Plotly is a stand-in
// whose then() waits, then loads the bundle named by <meta name="hanoi-plotly">.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="hanoi-plotly"]');
  if (window.Plotly || !meta) return;
  var url = meta.getAttribute('content');
  var label = meta.getAttribute('data-label');
  var loading = null;
  var go = null;  // resolves the wait for the reader on a phone
  var asked = new Promise(function (resolve) { go = resolve; });
  var EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'];
  function start() {
    EVENTS.forEach(function (name) { window.removeEventListener(name, start, true); });
    go();
  }
  var wide = window.matchMedia(meta.getAttribute('data-wide') || '(min-width: 600px)').matches;
  if (wide) {
    go();
  } else {
    EVENTS.forEach(function (name) {
      window.addEventListener(name, start, {capture: true, passive: true});
    });
  }
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = url;
        s.async = true;
        s.onload = function () {
          document.dispatchEvent(new Event('hanoi-plotly-ready'));
          resolve();
        };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }
  // On a wider screen (the map there is drawn at once) the bundle runs now, before Dash's own
  // scripts, as the page's own script tag would: written into the page while it is parsed (a
  // same-origin script). Started later, or preloaded, the map came later there.
  if (wide && document.readyState === 'loading') {
    document.write('<script src="' + url.replace(/"/g, '&quot;') + '"><\/script>');
    return;
  }
  if (wide) load();
  // A button in each waiting graph box (the box dcc draws while the graph is not ready).
  function offer() {
    if (!label) return;
    document.querySelectorAll('.dash-graph--pending').forEach(function (box) {
      if (box.querySelector('.graph-wait')) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'graph-wait';
      b.textContent = label;
      b.addEventListener('click', start);
      box.appendChild(b);
    });
  }
  window.Plotly = {
    then: function (resolve, reject) {
      // called once, by dcc, when its first graph renders
      setTimeout(offer, 0);
      var timer = setInterval(offer, 500);
      asked.then(load).then(function () {
        clearInterval(timer);
        resolve();
      }, function (err) {
        clearInterval(timer);
        reject(err);
      });
    }
  };
})();
