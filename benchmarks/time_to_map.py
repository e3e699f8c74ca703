"""Time to a coloured map on a first visit of /, lean plotly.js against Dash's full bundle.

Run: .venv/bin/python benchmarks/time_to_map.py [--runs 9]   (needs chromium + chromedriver)

Two gunicorn servers run side by side: the app as deployed, and the same app with
``HANOI_FULL_PLOTLY=1`` (no lean bundle in the page, so dcc.Graph loads plotly.min.js). Each run
opens a fresh headless Chromium (empty cache, 1,440 × 900) on each server in turn (paired runs,
alternating which goes first). The time is measured in the page: from navigation start until the
MapLibre map has loaded and renders unit polygons (checked every 50 ms by a script installed
before the page's own); a screenshot then checks the map is clearly coloured.
Exits 1 when the median speed-up is under 1.5×.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from _server import chromium, gunicorn
from page_weight import _coloured

TARGET = 1.5
WATCH = """
window.__mapAt = null;
const timer = setInterval(() => {
  const gd = document.querySelector('#city-map .js-plotly-plot');
  const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  const map = sub && sub.map;
  if (map && map.loaded() && map.queryRenderedFeatures().length > 50) {
    window.__mapAt = performance.now();
    clearInterval(timer);
  }
}, 50);
"""


def _browser():
    driver = chromium(1440, 900)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


def time_to_map(base: str) -> tuple[float, bool]:
    """(seconds from navigation start to a rendered map, whether plotly.min.js was fetched)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _browser()
    try:
        driver.get(base + "/")
        at = WebDriverWait(driver, 90, poll_frequency=0.1).until(
            lambda d: d.execute_script("return window.__mapAt")
        )
        shot = driver.find_element("css selector", "#city-map").screenshot_as_png
        if _coloured(shot) <= 0.15:
            raise RuntimeError("the map rendered but is not coloured")
        full = driver.execute_script(
            "return performance.getEntriesByType('resource')"
            ".some(e => e.name.split('?')[0].endsWith('/plotly.min.js'))"
        )
        return at / 1000, full
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)  # the median of a few runs still varies
    args = parser.parse_args()
    lean_s, full_s = [], []
    with gunicorn(workers=2) as lean, gunicorn(workers=2, HANOI_FULL_PLOTLY="1") as full:
        # one unmeasured visit each: workers import, caches fill, like a deployed server
        time_to_map(lean), time_to_map(full)
        for run in range(args.runs):
            order = [(lean, lean_s), (full, full_s)]
            for base, times in order if run % 2 == 0 else order[::-1]:
                seconds, fetched_full = time_to_map(base)
                if fetched_full != (times is full_s):
                    print(f"FAIL: {base} fetched plotly.min.js: {fetched_full}")
                    return 1
                times.append(seconds)
            print(f"run {run + 1}: lean {lean_s[-1]:.2f} s, full {full_s[-1]:.2f} s")
    speedup = statistics.median(full_s) / statistics.median(lean_s)
    for name, times in (("lean plotly-hanoi.min.js", lean_s), ("full plotly.min.js", full_s)):
        print(
            f"{name:26} min {min(times):.2f} s, median {statistics.median(times):.2f} s "
            f"({len(times)} runs)"
        )
    ok = speedup >= TARGET
    print(f"speed-up (median): {speedup:.2f}x (target ≥ {TARGET}x) {'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
