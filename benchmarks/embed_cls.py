"""Cumulative layout shift of the embeds while plotly.js draws (#23: the chart embed's footer
moved when the chart appeared, CLS 0.145), in headless Chromium against the production server,
three loads per page and width. Target: CLS <= 0.02 on every load. Exits 1 on a miss.

    .venv/bin/python benchmarks/embed_cls.py
"""

from __future__ import annotations

import sys
import time

from _server import chromium, gunicorn

TARGET = 0.02
PAGES = [
    "/embed/chart/pop2025?lang=vi&compare=00070,00166,00256",
    "/embed/chart/density_2025?lang=en",
    "/embed/facts?lang=vi",
    "/embed/map?lang=vi",
]
WIDTHS = [375, 1200]
OBSERVE = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""


def main() -> int:
    misses = 0
    with gunicorn(workers=2) as base:
        driver = chromium()
        try:
            for width in WIDTHS:
                driver.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800},
                )
                for page in PAGES:
                    scores = []
                    for _ in range(3):
                        driver.get(base + page)
                        driver.execute_script(OBSERVE)
                        deadline = time.time() + 30
                        while time.time() < deadline and not driver.execute_script(
                            "return document.querySelectorAll('.js-plotly-plot .main-svg').length"
                            " >= document.querySelectorAll('[data-graph-for]').length"
                        ):
                            time.sleep(0.1)
                        time.sleep(1.0)  # shifts are reported after the frame that made them
                        scores.append(driver.execute_script("return window.__cls"))
                    worst = max(scores)
                    ok = worst <= TARGET
                    misses += not ok
                    runs = ", ".join(f"{s:.3f}" for s in scores)
                    print(
                        f"{'ok  ' if ok else 'MISS'} {width} px {page}: CLS {runs}"
                        f" (target <= {TARGET})"
                    )
        finally:
            driver.quit()
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
