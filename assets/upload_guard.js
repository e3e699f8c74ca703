// Files over the upload limit are stopped in the browser with a message, before being read and
// sent: the server would refuse them anyway (1 MB in the validator, 3 MB per request).
(function () {
  var LIMIT = 1000000;
  function tooBig(files) {
    for (var i = 0; files && i < files.length; i++) { if (files[i].size > LIMIT) return files[i]; }
    return null;
  }
  function refuse(e, file) {
    e.stopPropagation();
    e.preventDefault();
    if (e.target && e.target.value !== undefined && e.target.tagName === 'INPUT') e.target.value = '';
    var en = document.documentElement.lang === 'en' || (document.querySelector('.page[lang]') || {}).lang === 'en' ||
             /[?&]lang=en\b/.test(window.location.search);
    var mb = (file.size / 1e6).toFixed(1);
    var msg = en ? '“' + file.name + '” was not loaded: ' + mb + ' MB; the limit is 1 MB (the 126-unit template is a few KB).'
                 : 'Tệp “' + file.name + '” chưa được nạp: ' + mb + ' MB; tối đa 1 MB (mẫu 126 đơn vị chỉ vài KB).';
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props('upload-messages', {children: msg});
    }
  }
  document.addEventListener('change', function (e) {
    if (!e.target.closest || !e.target.closest('#upload')) return;
    var f = tooBig(e.target.files);
    if (f) refuse(e, f);
  }, true);
  document.addEventListener('drop', function (e) {
    if (!e.target.closest || !e.target.closest('#upload')) return;
    var f = tooBig(e.dataTransfer && e.dataTransfer.files);
    if (f) refuse(e, f);
  }, true);
})();
