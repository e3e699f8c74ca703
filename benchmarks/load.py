"""Callback latency and throughput under 100 concurrent clients against gunicorn on loopback.

Run: .venv/bin/python benchmarks/load.py [--seconds 20] [--clients 100] [--workers 4] [--think 1.0]
Half the requests are the map callback (indicator/classes/filter switch), half the finder's
search callback, with inputs drawn at random (fixed seed). Prints p50/p95/max per callback,
throughput and errors. The load generator runs on the same machine, so figures are conservative.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from _server import gunicorn

INDICATORS = [
    "pop2025",
    "area_official_km2",
    "density_2025",
    "n_old_units",
    "split_share",
    "pop2019_est",
    "n_old_districts",
    "group",
]
QUERIES = [
    "P. Hàng Bài, Q. Hoàn Kiếm",
    "hang bai",
    "Dich Vong Hau",
    "Xã Minh Châu",
    "Phuong Dien Bien",
    "Yen Hoa",
    "my dinh 1",
    "TT Xuân Mai",
    "x. Tan Hoi",
    "Khương Trung",
    "21.0245, 105.8412",
    "van mieu",
    "co nhue 2",
]


def _body(kind: str, rng: random.Random) -> bytes:
    if kind == "map":
        inputs = [
            ("indicator", "value", rng.choice(INDICATORS)),
            ("scheme", "value", rng.choice(["quantiles", "jenks", "equal"])),
            ("k", "value", rng.randint(3, 9)),
            ("unit-type", "value", rng.choice(["all", "phuong", "xa"])),
            ("user-data", "data", None),
        ]
        output, outputs = (
            "..city-map.figure...map-legend.children..",
            [
                {"id": "city-map", "property": "figure"},
                {"id": "map-legend", "property": "children"},
            ],
        )
    else:
        inputs = [("search-button", "n_clicks", 1), ("search", "value", rng.choice(QUERIES))]
        output, outputs = (
            "search-results.children",
            {"id": "search-results", "property": "children"},
        )
    return json.dumps(
        {
            "output": output,
            "outputs": outputs,
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": "lang", "property": "data", "value": rng.choice(["vi", "en"])}],
            "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
        }
    ).encode()


def _client(args) -> list[tuple[str, float, int]]:
    base, seconds, seed, think = args
    rng = random.Random(seed)
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    out, end = [], time.time() + seconds
    while time.time() < end:
        kind = rng.choice(["map", "search"])
        body = _body(kind, rng)
        t0 = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/_dash-update-component",
                body=body,
                headers={"Content-Type": "application/json", "Accept-Encoding": "gzip, br"},
            )
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
            status = 0
        out.append((kind, time.perf_counter() - t0, status))
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)
    conn.close()
    return out


def _process(args) -> list[tuple[str, float, int]]:
    """One load-generator process running its share of the clients as threads."""
    base, seconds, seeds, think = args
    with ThreadPoolExecutor(len(seeds)) as pool:
        return [
            r
            for chunk in pool.map(_client, [(base, seconds, s, think) for s in seeds])
            for r in chunk
        ]


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a client's requests, s (0: back to back)",
    )
    parser.add_argument("--procs", type=int, default=4, help="load-generator processes")
    opts = parser.parse_args()
    seeds = [list(range(1 + i, opts.clients + 1, opts.procs)) for i in range(opts.procs)]
    with gunicorn(workers=opts.workers) as base:
        _client((base, 3, 0, 0))  # warm-up: first requests fill the cache
        with mp.Pool(opts.procs) as pool:
            t0 = time.time()
            results = [
                r
                for chunk in pool.map(
                    _process, [(base, opts.seconds, s, opts.think) for s in seeds]
                )
                for r in chunk
            ]
            elapsed = time.time() - t0
    errors = sum(1 for _, _, s in results if s != 200)
    print(
        f"clients: {opts.clients} (think time ~{opts.think:g} s); gunicorn workers: {opts.workers} × 2 threads; "
        f"duration {elapsed:.1f} s; CPUs: {mp.cpu_count()}"
    )
    print(
        f"requests: {len(results)}; throughput: {len(results) / elapsed:.0f} req/s; errors: {errors}"
    )
    for kind in ("map", "search"):
        lat = [t * 1000 for k, t, s in results if k == kind and s == 200]
        if lat:
            print(
                f"{kind:6s} callback: n={len(lat)} p50 {_percentile(lat, 50):.0f} ms, p95 {_percentile(lat, 95):.0f} ms, "
                f"max {max(lat):.0f} ms"
            )


if __name__ == "__main__":
    main()
