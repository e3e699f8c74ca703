"""A page on another origin may read the public API (Access-Control-Allow-Origin: *): checked with
a real cross-origin fetch in headless Chromium against gunicorn on loopback."""

from __future__ import annotations

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.dashboard.web.live import free_port, gunicorn

pytestmark = pytest.mark.browser
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

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

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


def test_cross_origin_fetch_of_the_api_succeeds(data_root, cache_root, built):
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"):
        opts.add_argument(arg)
    with gunicorn(data_root, cache_root, workers=1, threads=2) as api_port:
        server, page_port = _other_site(f"http://127.0.0.1:{api_port}")
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        try:
            # localhost vs 127.0.0.1 and two ports: a different origin either way.
            driver.get(f"http://localhost:{page_port}/")
            out = WebDriverWait(driver, 30).until(
                lambda d: d.find_element(By.ID, "out").text or None
            )
        finally:
            driver.quit()
            server.shutdown()
    assert out.startswith("ok ") and int(out.split()[1]) > 0, out
