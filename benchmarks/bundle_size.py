"""Sizes of the lean plotly.js bundles (assets/vendor/); optionally the first visit of / in
Chromium.

Run:
  .venv/bin/python benchmarks/bundle_size.py
      sizes of each lean bundle (raw, gzip, brotli 11 as served) beside the full plotly.min.js and
      the target
  .venv/bin/python benchmarks/bundle_size.py --url http://127.0.0.1:8761
      also loads / of that running server in headless Chromium (needs chromium + chromedriver)
      until its map is drawn in colour: bytes transferred and requests, whether the full
      plotly.min.js was requested, the traces plotly.js registered and those the map drew

Exits 1 when a target is missed. Sizes in KB of 1024 bytes, as benchmarks/page_weight.py.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from _server import chromium
from page_weight import _visit

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "assets" / "vendor"
LEAN_TARGET_KB = 500  # each lean bundle alone, brotli 11 (how dashboard/web/static_assets serves)
PAGE_TARGET_KB = 900  # everything a first visit of / transfers


def sizes(body: bytes) -> dict[str, int]:
    return {
        "raw": len(body),
        "gzip-9": len(gzip.compress(body, 9)),
        "br-11 (as served)": len(brotli.compress(body, quality=11)),
    }


def full_bundle() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def banner(body: bytes) -> str:
    match = re.search(rb"plotly\.js[^\n]*v(\d+\.\d+\.\d+)", body[:400])
    return match.group(1).decode() if match else "?"


def file_report() -> list[str]:
    """Print each bundle's sizes; return the missed targets."""
    full = full_bundle().read_bytes()
    full_sizes = sizes(full)
    bundles = sorted(VENDOR.glob("plotly-hanoi*.min.js"))
    missed = [] if bundles else [f"no bundle in {VENDOR}: make plotly-bundle"]
    for path in bundles:
        lean = path.read_bytes()
        lean_sizes = sizes(lean)
        print(
            f"lean {path.relative_to(ROOT)} (plotly.js v{banner(lean)}) "
            f"vs full {full_bundle().name} (v{banner(full)}):"
        )
        for key in lean_sizes:
            print(
                f"  {key:18} {lean_sizes[key] / 1024:8.0f} KB   "
                f"full {full_sizes[key] / 1024:8.0f} KB   ({lean_sizes[key] / full_sizes[key]:.0%})"
            )
        if banner(lean) != banner(full):
            missed.append(
                f"{path.name} is plotly.js v{banner(lean)}, Dash's is v{banner(full)}: "
                "make plotly-bundle with the same version"
            )
        best = lean_sizes["br-11 (as served)"] / 1024
        print(
            f"target: {path.name} ≤ {LEAN_TARGET_KB} KB brotli-11: {best:.0f} KB "
            + ("ok" if best <= LEAN_TARGET_KB else "OVER")
        )
        if best > LEAN_TARGET_KB:
            missed.append(f"{path.name} {best:.0f} KB > {LEAN_TARGET_KB} KB")
    return missed


def page_report(base: str) -> list[str]:
    """Load / once with an empty cache until its map is drawn in colour (page_weight's visit);
    print what it transferred; return the missed targets."""
    driver = chromium()
    try:
        entries = _visit(driver, base.rstrip("/"))
        plotly = driver.execute_script(
            "return window.Plotly ? [window.Plotly.version, Object.keys("
            "window.Plotly.PlotSchema.get().traces).sort().join(',')] : null"
        )
        drawn = driver.execute_script(
            "var gd = document.querySelector('#city-map .js-plotly-plot');"
            "return gd && gd._fullData ? gd._fullData.map(t => t.type) : null"
        )
    except RuntimeError as err:  # the map never drew
        return [str(err)]
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
    print(f"city map traces drawn: {drawn}")
    full = [e[0] for e in entries if urlsplit(e[0]).path.endswith("/plotly.min.js")]
    missed = ["the full plotly.min.js was requested: " + full[0]] if full else []
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
    missed = file_report()
    if args.url:
        missed += page_report(args.url)
    for line in missed:
        print("MISSED: " + line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
