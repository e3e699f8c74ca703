"""Size of the lean plotly.js bundle (assets/vendor/); optionally the first visit of / in Chromium.

Run:
  .venv/bin/python benchmarks/bundle_size.py
      sizes of the lean bundle (raw, gzip, brotli) beside the full plotly.min.js and the targets
  .venv/bin/python benchmarks/bundle_size.py --url http://127.0.0.1:8761
      also loads / of that running server in headless Chromium (needs chromium + chromedriver):
      bytes transferred and requests, whether the full plotly.min.js was requested, and whether
      the city map drew coloured units

Exits 1 when a target is missed. Sizes in KB of 1024 bytes, as benchmarks/page_weight.py.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import brotli

ROOT = Path(__file__).resolve().parent.parent
LEAN = ROOT / "assets" / "vendor" / "plotly-hanoi.min.js"
LEAN_TARGET_KB = 500  # the lean bundle alone, brotli at its best (quality 11)
PAGE_TARGET_KB = 900  # everything a first visit of / transfers
# flask-compress's default COMPRESS_BR_LEVEL, which dashboard/serving.py keeps
SERVER_BR_LEVEL = 4


def sizes(body: bytes) -> dict[str, int]:
    served = len(brotli.compress(body, quality=SERVER_BR_LEVEL))
    return {
        "raw": len(body),
        "gzip-9": len(gzip.compress(body, 9)),
        f"br-{SERVER_BR_LEVEL} (as served)": served,
        "br-11": len(brotli.compress(body, quality=11)),
    }


def full_bundle() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def banner(body: bytes) -> str:
    match = re.search(rb"plotly\.js[^\n]*v(\d+\.\d+\.\d+)", body[:400])
    return match.group(1).decode() if match else "?"


def file_report() -> list[str]:
    """Print the bundle sizes; return the missed targets."""
    lean, full = LEAN.read_bytes(), full_bundle().read_bytes()
    lean_sizes, full_sizes = sizes(lean), sizes(full)
    print(
        f"lean {LEAN.relative_to(ROOT)} (plotly.js v{banner(lean)}) "
        f"vs full {full_bundle().name} (v{banner(full)}):"
    )
    for key in lean_sizes:
        print(
            f"  {key:18} {lean_sizes[key] / 1024:8.0f} KB   full {full_sizes[key] / 1024:8.0f} KB"
            f"   ({lean_sizes[key] / full_sizes[key]:.0%})"
        )
    missed = []
    if banner(lean) != banner(full):
        missed.append(
            f"lean bundle is plotly.js v{banner(lean)}, Dash's is v{banner(full)}: "
            "make plotly-bundle with the same version"
        )
    best = lean_sizes["br-11"] / 1024
    print(
        f"target: lean bundle ≤ {LEAN_TARGET_KB} KB brotli-11: {best:.0f} KB "
        + ("ok" if best <= LEAN_TARGET_KB else "OVER")
    )
    if best > LEAN_TARGET_KB:
        missed.append(f"lean bundle {best:.0f} KB > {LEAN_TARGET_KB} KB")
    return missed


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
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def coloured_share(png: bytes) -> float:
    """Share of pixels that are clearly coloured (not white, grey or black basemap)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("HSV").resize((200, 150))
    pixels = list(img.getdata())
    return sum(1 for _, s, v in pixels if s > 60 and v > 60) / len(pixels)


def page_report(base: str) -> list[str]:
    """Load / once with an empty cache; print what it transferred; return the missed targets."""
    driver = _browser()
    try:
        driver.get(base.rstrip("/") + "/")
        deadline = time.time() + 90
        while time.time() < deadline and not driver.find_elements(
            "css selector", "#city-map .maplibregl-canvas"
        ):
            time.sleep(0.3)
        time.sleep(4)  # tiles, geometry and the map's first paint
        entries = driver.execute_script(
            "return performance.getEntriesByType('navigation')"
            ".concat(performance.getEntriesByType('resource'))"
            ".map(e => [e.name, e.transferSize, e.decodedBodySize])"
        )
        plotly = driver.execute_script(
            "return window.Plotly ? [window.Plotly.version, Object.keys("
            "window.Plotly.PlotSchema.get().traces).sort().join(',')] : null"
        )
        maps = driver.find_elements("css selector", "#city-map")
        share = coloured_share(maps[0].screenshot_as_png) if maps else 0.0
        drawn = driver.execute_script(
            "var gd = document.querySelector('#city-map .js-plotly-plot');"
            "return gd && gd._fullData ? gd._fullData.map(t => t.type) : null"
        )
    finally:
        driver.quit()
    total = sum(e[1] for e in entries)
    print(
        f"page {base}/ : {len(entries)} requests, {total / 1024:.0f} KB transferred, "
        f"{sum(e[2] for e in entries) / 1024:.0f} KB decoded"
    )
    for name, size, _ in sorted(entries, key=lambda e: -e[1])[:6]:
        print(f"  {size / 1024:7.1f} KB  {urlsplit(name).path[:90]}")
    print(
        f"window.Plotly: {plotly[0] if plotly else None}; traces registered: "
        f"{plotly[1] if plotly else None}"
    )
    print(f"city map traces drawn: {drawn}; coloured share of the map: {share:.0%}")
    full = [e[0] for e in entries if urlsplit(e[0]).path.endswith("/plotly.min.js")]
    missed = []
    if full:
        missed.append("the full plotly.min.js was requested: " + full[0])
    if not drawn or share < 0.05:
        missed.append("the city map did not draw coloured units")
    print(
        f"target: first visit of / ≤ {PAGE_TARGET_KB} KB: {total / 1024:.0f} KB "
        + ("ok" if total / 1024 <= PAGE_TARGET_KB else "OVER")
    )
    if total / 1024 > PAGE_TARGET_KB:
        missed.append(f"first visit of / {total / 1024:.0f} KB > {PAGE_TARGET_KB} KB")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running app to load / from in Chromium")
    args = parser.parse_args()
    missed = file_report() if LEAN.exists() else [f"{LEAN} is missing: make plotly-bundle"]
    if args.url:
        missed += page_report(args.url)
    for line in missed:
        print("MISSED: " + line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
