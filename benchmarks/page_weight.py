"""Page weight of / and of a chart embed in a real headless Chromium against gunicorn (first and
return visit), and bytes per indicator switch.

Run: .venv/bin/python benchmarks/page_weight.py   (needs chromium + chromedriver)
Bytes "on the wire" are the Resource Timing transferSize (compressed bodies plus headers);
"decoded" is the uncompressed size.
"""

from __future__ import annotations

import gzip
import http.client
import json
import sys
from urllib.parse import urlsplit

from _server import chromium, gunicorn


def _post(base: str, body: dict) -> tuple[int, int, int]:
    """(status, bytes on the wire with gzip, decoded bytes) of one callback response."""
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
    return resp.status, len(raw), len(decoded)


CHART_EMBED = "/embed/chart/pop2025?compare=00070,09661"
TARGETS_KB = {
    "first visit of /": 900,
    "first visit of the chart embed": 500,
    "map geometry": 100,
    "indicator switch": 10,
}
RETURN_TARGET = 3  # requests of a return visit that reach the server, callbacks aside
CALLBACK = "/_dash-update-component"


def _coloured(png: bytes) -> float:
    """Share of clearly coloured pixels: the map has drawn when this is well above zero."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    return sum(1 for r, g, b in img.getdata() if max(r, g, b) - min(r, g, b) > 40) / 30_000


def _map_drawn(d) -> bool:
    return bool(
        d.find_elements("css selector", "#city-map .maplibregl-canvas")
        and _coloured(d.find_element("css selector", "#city-map").screenshot_as_png) > 0.15
    )


def _chart_drawn(d) -> bool:
    return bool(d.find_elements("css selector", "#embed-graph .bars .point path"))


def _visit(driver, base: str, path: str = "/") -> list:
    """Load ``path`` and wait (WebDriverWait) until its map is painted in colour (or its chart's
    bars are drawn); RuntimeError if not. Returns [name, transferSize, decodedBodySize] entries."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + path)
    drawn = _chart_drawn if path.startswith("/embed/chart/") else _map_drawn
    try:
        WebDriverWait(driver, 60, poll_frequency=0.3).until(drawn)
        # the last callbacks (legend, panel) may still be on their way: wait for a quiet network
        WebDriverWait(driver, 10, poll_frequency=0.3).until(
            lambda d: d.execute_script(
                "const n = performance.getEntriesByType('resource').length;"
                "const was = window.__n; window.__n = n; return was === n;"
            )
        )
    except Exception as err:  # timeout or missing element: the page is not working
        raise RuntimeError(f"{path} never drew: {type(err).__name__}") from None
    return driver.execute_script(
        "return performance.getEntriesByType('navigation')"
        ".concat(performance.getEntriesByType('resource'))"
        ".map(e => [e.name, e.transferSize, e.decodedBodySize])"
    )


def main() -> int:
    """Measure, print each figure beside its target, exit 1 when a step fails or misses."""
    failures = []
    with gunicorn(workers=2) as base:
        driver = chromium()
        try:
            entries = _visit(driver, base)
            # A return visit: how many requests still reach the server (not served from cache)?
            returning = [e for e in _visit(driver, base) if e[1] > 0]
            # The chart embed in a fresh browser (empty cache), then again.
            driver.quit()
            driver = chromium()
            chart = _visit(driver, base, CHART_EMBED)
            chart_again = [e for e in _visit(driver, base, CHART_EMBED) if e[1] > 0]
        except RuntimeError as err:
            print(f"FAIL: {err}")
            return 1
        finally:
            driver.quit()
        switch = {
            "output": "..city-map.figure...map-legend.children...map-head.children..",
            "outputs": [
                {"id": "city-map", "property": "figure"},
                {"id": "map-legend", "property": "children"},
                {"id": "map-head", "property": "children"},
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
        status, wire, decoded = _post(base, switch)
    if status != 200:
        print(f"FAIL: indicator switch answered {status}")
        return 1
    total = sum(e[1] for e in entries) / 1024
    geo = sum(e[1] for e in entries if "/geo/units-" in e[0]) / 1024
    figures = {
        "first visit of /": total,
        "first visit of the chart embed": sum(e[1] for e in chart) / 1024,
        "map geometry": geo,
        "indicator switch": wire / 1024,
    }
    for page, seen in (("/", entries), (CHART_EMBED, chart)):
        print(f"page {page}: {len(seen)} requests, {sum(e[2] for e in seen) / 1024:.0f} KB decoded")
        for name, size, _dec in sorted(seen, key=lambda e: -e[1])[:6]:
            print(f"  {size / 1024:7.1f} KB  {urlsplit(name).path[:80]}")
    full = [e[0] for e in entries + chart if urlsplit(e[0]).path.endswith("/plotly.min.js")]
    failures += ["full plotly.min.js requested"] if full else []
    print(f"full plotly.min.js requested: {'YES (FAIL)' if full else 'no'}")
    for name, value in figures.items():
        ok = value <= TARGETS_KB[name]
        failures += [] if ok else [name]
        print(
            f"{name}: {value:.1f} KB on the wire (target ≤ {TARGETS_KB[name]} KB) "
            f"{'ok' if ok else 'FAIL'}"
        )
    for page, again in (("/", returning), (CHART_EMBED, chart_again)):
        static = [e for e in again if urlsplit(e[0]).path != CALLBACK]
        ok = len(static) <= RETURN_TARGET
        failures += [] if ok else [f"return visit of {page}"]
        print(
            f"return visit of {page}: {len(static)} requests reach the server besides "
            f"{len(again) - len(static)} callbacks (target ≤ {RETURN_TARGET}) "
            f"{'ok' if ok else 'FAIL'}: {', '.join(urlsplit(e[0]).path for e in static)}"
        )
    print(f"indicator switch decoded {decoded / 1024:.1f} KB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
