// One language at a time: plotly's own texts (mode bar buttons, notifications) in Vietnamese
// on Vietnamese pages. Registered once plotly.js (assets/vendor) is there, before Dash draws (on
// the dashboard plotly comes later: assets/lazy_plotly.js says when, before the first graph).
(function () {
  var VI = {
    'Download plot as a PNG': 'Tải hình PNG',
    'Download plot': 'Tải hình',
    'Pan': 'Kéo bản đồ',
    'Box Select': 'Chọn theo khung',
    'Lasso Select': 'Chọn tự do',
    'Zoom in': 'Phóng to',
    'Zoom out': 'Thu nhỏ',
    'Zoom': 'Thu phóng',
    'Reset view': 'Về khung ban đầu',
    'Reset': 'Về ban đầu',
    'Autoscale': 'Tự co giãn',
    'Reset axes': 'Đặt lại trục',
    'Toggle attribution': 'Hiện, ẩn ghi công bản đồ',
    'Toggle Spike Lines': 'Hiện, ẩn đường gióng',
    'Show closest data on hover': 'Hiện số liệu gần nhất',
    'Compare data on hover': 'So sánh số liệu khi rê chuột',
    'Produced with Plotly.js': 'Vẽ bằng Plotly.js',
    'Taking snapshot - this may take a few seconds': 'Đang chụp hình, xin đợi vài giây',
    'Snapshot succeeded': 'Đã chụp hình',
    'Double-click to zoom back out': 'Bấm đúp để thu nhỏ lại',
    'Double-click on legend to isolate one trace': 'Bấm đúp vào chú giải để chỉ hiện một lớp'
  };
  function setup() {
    if (!window.Plotly || !window.Plotly.register) return false;
    window.Plotly.register({moduleType: 'locale', name: 'vi', dictionary: VI});
    var lang = document.documentElement.getAttribute('lang') === 'en' ? 'en' : 'vi';
    window.Plotly.setPlotConfig({locale: lang});
    return true;
  }
  if (!setup()) {
    document.addEventListener('DOMContentLoaded', setup);
    document.addEventListener('hanoi-plotly-ready', setup);
  }
})();
