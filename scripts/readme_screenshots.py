"""Remake the README's three screenshots (docs/screenshot-390.png, -768.png, -1440.png) from the
app served as in production (gunicorn), in headless Chromium:

- 390 × 844, a phone: the finder's answer for a split old ward, "P. Điện Biên, Q. Ba Đình";
- 768 × 1024, a tablet: the dashboard as it opens;
- 1440 × 900, a desktop: the map-first view.

    .venv/bin/python scripts/readme_screenshots.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from _server import chromium, gunicorn  # noqa: E402
from PIL import Image  # noqa: E402

from tests.e2e.helpers import map_settled, open_maps, wait_css  # noqa: E402

SHOTS = [
    # (width, height, page, what to wait for)
    (390, 844, "/?q=P.%20%C4%90i%E1%BB%87n%20Bi%C3%AAn%2C%20Q.%20Ba%20%C4%90%C3%ACnh", ".match"),
    (768, 1024, "/", "#city-map .maplibregl-canvas"),
    (1440, 900, "/", "#city-map .maplibregl-canvas"),
]


def main() -> int:
    """Take the three screenshots; 0 once written."""
    with gunicorn(workers=2) as base:
        driver = chromium()
        try:
            for width, height, page, ready in SHOTS:
                driver.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride",
                    {
                        "width": width,
                        "height": height,
                        "deviceScaleFactor": 1,
                        "mobile": width < 800,
                    },
                )
                driver.get(base + page)
                open_maps(driver)  # a phone fetches plotly.js at the reader's first action
                wait_css(driver, ready, 60)
                wait_css(driver, "#city-map .maplibregl-canvas", 60)
                map_settled(driver, timeout=60)
                image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
                path = ROOT / "docs" / f"screenshot-{width}.png"
                image.quantize(128).save(path, optimize=True)
                print(f"{path.relative_to(ROOT)}: {width} x {height}, {page}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
