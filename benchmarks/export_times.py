"""How long each "Tải ảnh SVG" / "Tải ảnh PNG" download takes, from the click to the file, in
headless Chromium against the production server (gunicorn), and whether the SVG is a vector.

Targets (#23): every SVG and PNG in <= 2 s; a map's SVG has one <path> per unit (126), its texts
as <text> and no embedded image. Each download is timed twice: cold (first request for that
map, rendered by the server) and warm. Prints each figure beside its target; exits 1 on a miss.

    .venv/bin/python benchmarks/export_times.py
"""

from __future__ import annotations

import sys

from _server import chromium, gunicorn
from selenium.webdriver.support.ui import WebDriverWait

TARGET_MS = 2000
PAGES = [
    # (page, the box holding its buttons, is a map)
    ("/?lang=vi&indicator=split_share", "#map-tools", True),
    ("/?lang=en&indicator=density_2025&scheme=jenks&k=7", "#map-tools", True),
    ("/embed/map?lang=vi&indicator=pop2025", ".graphic", True),
    ("/embed/chart/pop2025?lang=en&compare=00070,00166,00256", ".graphic", False),
    ("/embed/chart/density_2025?lang=vi", ".graphic", False),
    ("/embed/facts?lang=vi", ".graphic", False),
]
CLICK = """
const done = arguments[arguments.length - 1];
const btn = document.querySelector(arguments[0] + ' button[data-export="' + arguments[1] + '"]');
const t0 = performance.now();
window.hanoiExport(btn).then(async b => {
  const ms = performance.now() - t0;
  const text = arguments[1] === 'svg' ? await b.text() : '';
  done({ms: Math.round(ms), bytes: b.size, paths: (text.match(/<path/g) || []).length,
        texts: (text.match(/<text/g) || []).length, images: (text.match(/<image/g) || []).length});
}).catch(e => done({error: String(e)}));
"""


def main() -> int:
    misses = 0
    with gunicorn(workers=2) as base:
        driver = chromium()
        driver.set_script_timeout(30)
        try:
            for page, box, is_map in PAGES:
                driver.get(base + page)
                WebDriverWait(driver, 60, 0.2).until(
                    lambda d, box=box: d.execute_script(
                        "return !!document.querySelector(arguments[0] + ' button[data-export]')"
                        " && !!document.querySelector('.js-plotly-plot .main-svg')",
                        box,
                    )
                )
                for fmt in ("svg", "png", "svg", "png"):
                    r = driver.execute_async_script(CLICK, box, fmt)
                    if "error" in r:
                        print(f"MISS {page} {fmt}: {r['error']}")
                        misses += 1
                        continue
                    ok = r["ms"] <= TARGET_MS
                    if fmt == "svg" and is_map:
                        ok = ok and r["paths"] >= 126 and r["texts"] > 3 and not r["images"]
                    misses += not ok
                    detail = (
                        f"paths {r['paths']} (target >= 126 for a map), text {r['texts']},"
                        f" images {r['images']} (target 0)"
                        if fmt == "svg"
                        else ""
                    )
                    print(
                        f"{'ok  ' if ok else 'MISS'} {page} {fmt}: {r['ms']} ms"
                        f" (target <= {TARGET_MS}), {r['bytes'] / 1024:.0f} KB {detail}"
                    )
        finally:
            driver.quit()
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
