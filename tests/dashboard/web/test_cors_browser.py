"""A page on another origin may read the public API (Access-Control-Allow-Origin: *): checked with
a real cross-origin fetch in headless Chromium against gunicorn on loopback."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.dashboard.web.live import gunicorn
from tests.e2e.helpers import chromium, until

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><meta charset=utf-8><title>other site</title><pre id=out></pre>
<script>
fetch("API/api/lookup?q=hang%20bai")
  .then(r => r.json()).then(j => { out.textContent = "ok " + j.matches.length; })
  .catch(e => { out.textContent = "blocked " + e; });
</script>"""


def _other_site(api: str) -> tuple[ThreadingHTTPServer, int]:
    body = PAGE.replace("API", api).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)  # a port the OS picks
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def test_cross_origin_fetch_of_the_api_succeeds(data_root, cache_root, built):
    with gunicorn(data_root, cache_root, workers=1, threads=2) as api_port:
        server, page_port = _other_site(f"http://127.0.0.1:{api_port}")
        driver = chromium()
        try:
            # localhost vs 127.0.0.1 and two ports: a different origin either way.
            driver.get(f"http://localhost:{page_port}/")
            out = until(lambda: driver.find_element("id", "out").text or None, 30)
        finally:
            driver.quit()
            server.shutdown()
    assert out.startswith("ok ") and int(out.split()[1]) > 0, out
