"""Page weight of / in a real headless Chromium against gunicorn, and bytes sent per indicator switch.

Run: .venv/bin/python benchmarks/page_weight.py   (needs chromium + chromedriver)
Bytes "on the wire" are the Resource Timing transferSize (compressed bodies plus headers);
"decoded" is the uncompressed size.
"""

from __future__ import annotations

import gzip
import http.client
import json
import shutil
import time
from urllib.parse import urlsplit

from _server import gunicorn


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1300,900",
        "--enable-unsafe-swiftshader",
    ):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def _post(base: str, body: dict) -> tuple[int, int]:
    """(bytes on the wire with brotli/gzip, decoded bytes) of one callback response."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    conn.request(
        "POST",
        "/_dash-update-component",
        body=json.dumps(body),
        headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
    )
    resp = conn.getresponse()
    raw = resp.read()
    decoded = gzip.decompress(raw) if resp.getheader("Content-Encoding") == "gzip" else raw
    return len(raw), len(decoded)


def main() -> None:
    with gunicorn(workers=2) as base:
        driver = _browser()
        try:
            driver.get(base + "/")
            time.sleep(1)
            deadline = time.time() + 60
            while time.time() < deadline and not driver.find_elements(
                "css selector", "#city-map .maplibregl-canvas"
            ):
                time.sleep(0.3)
            time.sleep(3)
            entries = driver.execute_script(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                ".map(e => [e.name, e.transferSize, e.decodedBodySize])"
            )
        finally:
            driver.quit()
        switch = {
            "output": "..city-map.figure...map-legend.children..",
            "outputs": [
                {"id": "city-map", "property": "figure"},
                {"id": "map-legend", "property": "children"},
            ],
            "inputs": [
                {"id": "indicator", "property": "value", "value": "pop2025"},
                {"id": "scheme", "property": "value", "value": "quantiles"},
                {"id": "k", "property": "value", "value": 5},
                {"id": "unit-type", "property": "value", "value": "all"},
                {"id": "user-data", "property": "data", "value": None},
            ],
            "state": [{"id": "lang", "property": "data", "value": "vi"}],
            "changedPropIds": ["indicator.value"],
        }
        wire, decoded = _post(base, switch)
    total = sum(e[1] for e in entries)
    geo = [e for e in entries if "/geo/" in e[0]]
    print(
        f"page / : {len(entries)} requests, {total / 1024:.0f} KB on the wire (compressed), "
        f"{sum(e[2] for e in entries) / 1024:.0f} KB decoded"
    )
    for name, size, dec in sorted(entries, key=lambda e: -e[1])[:5]:
        print(f"  {size / 1024:7.1f} KB  {urlsplit(name).path[:80]}")
    print(
        "map geometry: "
        + ", ".join(
            f"{urlsplit(n).path.split('/')[-1].split('-')[0]} {s / 1024:.1f} KB on the wire "
            f"({d / 1024:.0f} KB decoded)"
            for n, s, d in geo
        )
    )
    print(
        f"indicator switch: {wire / 1024:.1f} KB gzipped on the wire ({decoded / 1024:.1f} KB decoded)"
    )


if __name__ == "__main__":
    main()
