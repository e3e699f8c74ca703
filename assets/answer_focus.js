// The answer is always in view: whatever produced it (typing in the finder, "use my
// location", a map tap, a tap on a unit named in an answer, or a shared address with ?q= or
// ?unit=), the element holding it is scrolled into view when it is not, and takes the focus
// (tabindex=-1: keyboard and screen-reader users land on it). Watches the three answer boxes;
// an answer counts only when the reader asked for it (within 20 s) or the address named one.
(function () {
  'use strict';
  var expect = null;  // {id: 'search-results' | 'unit-panel', until: ms, before: signature}
  function signature(el) {
    return el && el.firstElementChild ? el.textContent.length + ':' + el.textContent.slice(0, 80)
      : '';
  }
  function want(id, fromAddress) {
    var before = fromAddress ? null : signature(document.getElementById(id));
    expect = {id: id, until: Date.now() + 20000, before: before};
  }
  var params = new URLSearchParams(location.search);
  if (location.pathname === '/' && params.get('q')) want('search-results', true);
  else if (location.pathname === '/' && params.get('unit')) want('unit-panel', true);
  document.addEventListener('click', function (ev) {
    var t = ev.target && ev.target.closest ? ev.target : null;
    if (!t) return;
    if (t.closest('#search-button')) want('search-results');
    else if (t.closest('#locate-me, .pick-unit, #city-map')) want('unit-panel');
  }, true);
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target && ev.target.id === 'search') want('search-results');
  }, true);
  function bring(el) {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({preventScroll: true});
    var r = el.getBoundingClientRect();
    if (r.top < 0 || r.top > innerHeight * 0.6) {
      var reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({block: 'start', behavior: reduce ? 'auto' : 'smooth'});
    }
  }
  function check() {
    if (!expect) return;
    if (Date.now() > expect.until) { expect = null; return; }
    var el = document.getElementById(expect.id);
    // an answer has arrived: the box holds more than the hint, and Dash is not still drawing it
    if (!el || !el.firstElementChild || el.querySelector('.hint') ||
        el.closest('[data-dash-is-loading]')) return;
    if (signature(el) === expect.before) return;  // still the answer from before the request
    expect = null;
    // let the layout settle (maps above it size themselves) before measuring
    requestAnimationFrame(function () { requestAnimationFrame(function () { bring(el); }); });
  }
  // The first screen sent with the index (dashboard/views/citizen.py: first_screen) goes once
  // Dash has drawn the page (CSS hides it already where :has() works).
  function dropFirstScreen() {
    var first = document.getElementById('first-screen');
    if (first && document.querySelector('#page > *')) first.remove();
  }
  new MutationObserver(function () { dropFirstScreen(); check(); })
    .observe(document.documentElement, {childList: true, subtree: true});
})();
