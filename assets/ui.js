// Clientside callbacks (dashboard/callbacks.py): the device's position, the officials' tabs, and
// scrolling to an answer. Nothing here is stored or sent anywhere but to this site's callbacks.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  hanoi: {
    // Ask the browser for the position once; the server finds the unit (point in polygon).
    locate: function (nClicks) {
      if (!nClicks) return window.dash_clientside.no_update;
      return new Promise(function (resolve) {
        if (!navigator.geolocation) { resolve({error: 'unavailable', t: Date.now()}); return; }
        navigator.geolocation.getCurrentPosition(
          function (pos) {
            resolve({lat: pos.coords.latitude, lon: pos.coords.longitude, t: Date.now()});
          },
          function (err) {
            resolve({error: err.code === 1 ? 'denied' : 'unavailable', t: Date.now()});
          },
          {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000}
        );
      });
    },
    // Show one tab's section; the others stay in the page, hidden. Plotly graphs drawn while
    // hidden get their size when shown.
    tabs: function (value) {
      var keys = ['compare', 'groups', 'table', 'upload', 'convert'];
      setTimeout(function () { window.dispatchEvent(new Event('resize')); }, 50);
      return keys.map(function (k) { return k !== value; });
    },
    // The page came with the layout for the address in url (the Referer's, see
    // dashboard/views/layout.py: shell). url's href is set from the browser as it mounts: if the
    // browser is at another address (its Referer was cut to the site's origin), take that one
    // and have the page re-drawn.
    address: function (href, pathname, search) {
      var keep = window.dash_clientside.no_update;
      if (!href || (pathname === location.pathname && search === location.search)) {
        return [keep, keep, keep];
      }
      return [location.pathname, location.search, Date.now()];
    },
    // Bring the new answer or the unit's panel into view (phones: it is below the map). Dash
    // calls this once when the page is drawn (its inputs come with the page): not an answer.
    scroll: function () {
      if (!window.__hanoiScrollReady) { window.__hanoiScrollReady = true; return Date.now(); }
      var trig = (window.dash_clientside.callback_context.triggered || [])[0];
      var id = trig && trig.prop_id.split('.')[0];
      var el = id && document.getElementById(id);
      if (el && el.firstElementChild) {
        var reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        el.scrollIntoView({block: 'start', behavior: reduce ? 'auto' : 'smooth'});
        // The unit's panel is what a pick produced (a finder candidate, a map tap): focus goes
        // there, not left on a button far above. Not while the reader types in a field. Once the
        // scroll has ended (a focus() during a smooth scroll can stop it); at the latest in 1 s.
        var active = document.activeElement;
        var typing = active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
        if (id === 'unit-panel' && !typing) {
          var moved = false;
          var focus = function () {
            if (!moved) { moved = true; el.focus({preventScroll: true}); }
          };
          if ('onscrollend' in window) window.addEventListener('scrollend', focus, {once: true});
          setTimeout(focus, reduce ? 0 : 1000);
        }
      }
      return Date.now();
    }
  }
});

// Drawn after the page, not with it (each would hold up the map's first draw): the unit picker's
// suggestions, written from its datalist's data-options (dashboard/views/layout.py: one attribute
// instead of 126 components for Dash to render), and the boxes marked data-seen="<store>" (the
// facts, the compare checkboxes), whose callback runs once the reader comes near them: this sets
// the store.
(function () {
  function suggestions() {
    document.querySelectorAll('datalist[data-options]:empty').forEach(function (list) {
      JSON.parse(list.getAttribute('data-options')).forEach(function (label) {
        var option = document.createElement('option');
        option.value = label;
        list.appendChild(option);
      });
    });
  }
  var watched = new WeakSet();
  function seen() {
    if (!window.dash_clientside.set_props) return;
    document.querySelectorAll('[data-seen]').forEach(function (box) {
      if (watched.has(box)) return;
      watched.add(box);
      var show = function () {
        window.dash_clientside.set_props(box.getAttribute('data-seen'), {data: 1});
      };
      if (!window.IntersectionObserver) { show(); return; }
      var near = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); show(); }
      }, {rootMargin: '200px 0px'});
      near.observe(box);
    });
  }
  new MutationObserver(function () { suggestions(); seen(); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
