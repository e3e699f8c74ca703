"""Print data build time from a clean cache and the map's payload sizes.

Run: .venv/bin/python benchmarks/build_and_payload.py
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time

from dashboard import callbacks
from dashboard.model.data import prepare
from geodata.build import get_built


def gz_len(obj) -> int:
    return len(
        gzip.compress(
            json.dumps(obj, separators=(",", ":"), default=lambda o: o.to_plotly_json()).encode()
        )
    )


TARGETS = {
    "build from clean cache (s)": 10.0,
    "load from cache (s)": 1.0,
    "map geometry (KB gzipped)": 100.0,
    "indicator switch patch (KB gzipped)": 10.0,
}


def main() -> int:
    """Print each figure beside its target; exit 1 when one is missed."""
    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        built = get_built(cache_root=cache, force=True)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        get_built(cache_root=cache)
        load_s = time.perf_counter() - t0
    data = prepare(built)
    patch = callbacks.map_patch(data, "pop2025", "quantiles", 5, "all", "vi")[0].to_plotly_json()
    page = callbacks.page_from_url(data, "?lang=vi").to_plotly_json()
    units = data.geo_files[data.geo_names["units"]]
    old = data.geo_files[data.geo_names["old"]]
    figures = {
        "build from clean cache (s)": build_s,
        "load from cache (s)": load_s,
        "map geometry (KB gzipped)": len(gzip.compress(units)) / 1024,
        "indicator switch patch (KB gzipped)": gz_len(patch) / 1024,
    }
    missed = [name for name, value in figures.items() if value > TARGETS[name]]
    for name, value in figures.items():
        print(
            f"{name}: {value:.2f} (target ≤ {TARGETS[name]:g}) {'FAIL' if name in missed else 'ok'}"
        )
    print(
        f"old boundaries layer (526 units): {len(gzip.compress(old)) / 1024:.1f} KB gzipped; "
        f"rendered page: {gz_len(page) / 1024:.1f} KB gzipped"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
