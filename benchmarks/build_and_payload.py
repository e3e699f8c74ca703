"""Print data build time from a clean cache and the map's payload sizes.

Run: .venv/bin/python benchmarks/build_and_payload.py
"""

from __future__ import annotations

import gzip
import json
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


def main() -> None:
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
    print(f"build from clean cache: {build_s:.1f} s; load from cache: {load_s:.2f} s")
    units, old = (data.geo_files[data.geo_names[kind]] for kind in ("units", "old"))
    print(
        f"map geometry (126 units): {len(gzip.compress(units)) / 1024:.1f} KB gzipped ({len(units) / 1024:.0f} KB raw)"
    )
    print(f"old boundaries layer (526 units): {len(gzip.compress(old)) / 1024:.1f} KB gzipped")
    print(
        f"rendered page callback (map, compare, groups, table; no geometry): {gz_len(page) / 1024:.1f} KB gzipped"
    )
    print(
        f"indicator switch patch: {gz_len(patch) / 1024:.1f} KB gzipped ({len(json.dumps(patch)) / 1024:.1f} KB raw)"
    )


if __name__ == "__main__":
    main()
