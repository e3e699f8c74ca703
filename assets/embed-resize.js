// Responsive embeds, both sides in one small published script.
// Inside an iframe on an /embed/ page: report the page's height to the parent on every change.
// On a host page (a newsroom's article): resize each iframe that reports its height.
(function () {
  var TYPE = 'hanoi-embed-height';
  if (window.parent !== window && /^\/embed\//.test(window.location.pathname)) {
    var last = 0;
    var report = function () {
      var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (h && h !== last) {
        last = h;
        window.parent.postMessage({type: TYPE, height: h, href: window.location.href}, '*');
      }
    };
    if (window.ResizeObserver) { new ResizeObserver(report).observe(document.documentElement); }
    window.addEventListener('load', report);
    setInterval(report, 1000);  // fallback for browsers without ResizeObserver
  }
  if (window.__hanoiEmbedHost) return;
  window.__hanoiEmbedHost = true;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== TYPE || typeof d.height !== 'number' || d.height <= 0 || d.height > 20000) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) { frames[i].style.height = d.height + 'px'; frames[i].height = String(d.height); }
    }
  });
})();
