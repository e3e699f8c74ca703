// dcc.Upload draws its <input type=file> without a label and takes no props for it: name each
// one by the visible text of its drop zone (an element with an id, see views/upload.py and
// views/convert.py). The tabs draw their panels after load, so new ones are watched for.
(function () {
  function label() {
    document.querySelectorAll('.upload-zone input[type=file]:not([aria-labelledby])').forEach(
      function (input) {
        var text = input.closest('.upload-zone').querySelector('[id]');
        if (text) input.setAttribute('aria-labelledby', text.id);
      });
  }
  new MutationObserver(label).observe(document.documentElement, {childList: true, subtree: true});
})();
