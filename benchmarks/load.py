"""Latency and throughput under 100 concurrent clients against gunicorn behind nginx (loopback).

Run: .venv/bin/python benchmarks/load.py [--duration 60] [--clients 100] [--workers N] [--think 1.0]
     [--direct]  (gunicorn without nginx in front)
Each client mixes page loads (Dash's layout, which holds the page its Referer names), the map,
panel (map click), compare and search callbacks and the JSON API, with inputs drawn at random
(fixed seed). Prints p50/p95/p99 per kind and overall, throughput,
errors and the machine's load average. A failed request counts as an error and, with its elapsed
time, in the percentiles. Exits 1 when any request failed, or (with think time) p95 > 300 ms.
The load generator runs on the same machine, so the figures are conservative.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from urllib.parse import quote, urlencode, urlsplit

from _server import gunicorn, nginx

P95_BUDGET_MS = 300
KINDS = ("page", "map", "panel", "compare", "search", "api")

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


def _post(output: str, outputs, inputs: list[tuple], state: list[tuple]) -> bytes:
    return json.dumps(
        {
            "output": output,
            "outputs": outputs,
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
            "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
        }
    ).encode()


def _request(
    kind: str, rng: random.Random, codes: list[str], base: str
) -> tuple[str, str, bytes | None, dict]:
    """(method, path, body, headers) of one request of ``kind``."""
    lang = [("lang", "data", rng.choice(["vi", "en"]))]
    if kind == "page":
        view = {"lang": rng.choice(["vi", "en"]), "indicator": rng.choice(INDICATORS)}
        if rng.random() < 0.5:
            view["unit"] = rng.choice(codes)
        return "GET", "/_dash-layout", None, {"Referer": f"{base}/?{urlencode(view)}"}
    if kind == "map":
        inputs = [
            ("indicator", "value", rng.choice(INDICATORS)),
            ("scheme", "value", rng.choice(["quantiles", "jenks", "equal"])),
            ("k", "value", rng.randint(3, 9)),
            ("unit-type", "value", rng.choice(["all", "phuong", "xa"])),
            ("user-data", "data", None),
        ]
        outs = [
            {"id": "city-map", "property": "figure"},
            {"id": "map-legend", "property": "children"},
            {"id": "map-head", "property": "children"},
        ]
        output = "..city-map.figure...map-legend.children...map-head.children.."
        body = _post(output, outs, inputs, lang)
    elif kind == "panel":
        # The chosen unit (picker, answer, or a map tap with its point) drives the side panel.
        unit = {"code": rng.choice(codes)}
        if rng.random() < 0.5:
            unit.update(lat=rng.uniform(20.9, 21.15), lon=rng.uniform(105.7, 105.95))
        outs = {"id": "unit-panel", "property": "children"}
        body = _post("unit-panel.children", outs, [("unit", "data", unit)], lang)
    elif kind == "compare":
        chosen = rng.sample(codes, rng.randint(2, 6))
        inputs = [("compare-units", "value", chosen), ("user-data", "data", None)]
        outs = {"id": "compare-results", "property": "children"}
        body = _post("compare-results.children", outs, inputs, lang)
    elif kind == "search":
        inputs = [("search-button", "n_clicks", 1), ("search", "value", rng.choice(QUERIES))]
        outs = {"id": "search-results", "property": "children"}
        body = _post("search-results.children", outs, inputs, lang)
    else:
        if rng.random() < 0.5:
            return "GET", "/api/lookup?q=" + quote(rng.choice(QUERIES)), None, {}
        lat, lon = rng.uniform(20.9, 21.15), rng.uniform(105.7, 105.95)
        return "GET", f"/api/locate?lat={lat:.5f}&lon={lon:.5f}", None, {}
    return "POST", "/_dash-update-component", body, {"Content-Type": "application/json"}


def _connect(base: str) -> http.client.HTTPConnection:
    host = urlsplit(base)
    return http.client.HTTPConnection(host.hostname, host.port, timeout=30)


def _client(args) -> list[tuple[str, float, int]]:
    base, seconds, seed, think, codes = args
    rng = random.Random(seed)
    conn = _connect(base)
    out, end = [], time.time() + seconds
    while time.time() < end:
        kind = rng.choice(KINDS)
        method, path, body, headers = _request(kind, rng, codes, base)
        t0 = time.perf_counter()
        try:
            headers["Accept-Encoding"] = "gzip, br"
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = _connect(base)
            status = 0
        out.append((kind, time.perf_counter() - t0, status))
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)
    conn.close()
    return out


def _process(args) -> list[tuple[str, float, int]]:
    """One load-generator process running its share of the clients as threads."""
    base, seconds, seeds, think, codes = args
    with ThreadPoolExecutor(len(seeds)) as pool:
        jobs = [(base, seconds, s, think, codes) for s in seeds]
        return [r for chunk in pool.map(_client, jobs) for r in chunk]


def _percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def _codes(base: str) -> list[str]:
    """The 126 unit codes, from the site's own download."""
    conn = _connect(base)
    conn.request("GET", "/download/units-nometa.csv")
    text = conn.getresponse().read().decode("utf-8-sig")
    conn.close()
    return [row["code"] for row in csv.DictReader(io.StringIO(text))]


def _layout_holds_the_page(base: str) -> bool:
    """True when a page load's layout request is answered with the page (the costly case the
    "page" requests are meant to measure), not the empty fallback."""
    conn = _connect(base)
    conn.request("GET", "/_dash-layout", headers={"Referer": base + "/?lang=en"})
    body = conn.getresponse().read()
    conn.close()
    return b'"city-map"' in body


def _line(name: str, lat: list[float]) -> str:
    return (
        f"{name:8s} n={len(lat):6d}  p50 {_percentile(lat, 50):6.0f} ms  "
        f"p95 {_percentile(lat, 95):6.0f} ms  p99 {_percentile(lat, 99):6.0f} ms  "
        f"max {max(lat):6.0f} ms"
    )


def main() -> int:
    """Run the load, print the report; the exit status says whether the budget was met."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", "--seconds", type=float, default=60, dest="duration")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() + 1, help="as make serve: CPUs + 1"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause between requests, s (0: none)"
    )
    parser.add_argument("--procs", type=int, default=4, help="load-generator processes")
    parser.add_argument("--direct", action="store_true", help="no nginx in front of gunicorn")
    opts = parser.parse_args()
    seeds = [list(range(1 + i, opts.clients + 1, opts.procs)) for i in range(opts.procs)]
    with ExitStack() as stack:
        hops = {} if opts.direct else {"HANOI_PROXY_HOPS": "1"}
        base = stack.enter_context(gunicorn(opts.workers, opts.threads, **hops))
        if not opts.direct:
            base = stack.enter_context(nginx(base))
        codes = _codes(base)
        if not _layout_holds_the_page(base):
            print("FAIL: /_dash-layout came without the page (Referer not taken as this site)")
            return 1
        _client((base, 3, 0, 0, codes))  # warm-up: first requests fill the cache
        load_before = os.getloadavg()
        with mp.Pool(opts.procs) as pool:
            t0 = time.time()
            jobs = [(base, opts.duration, s, opts.think, codes) for s in seeds]
            results = [r for chunk in pool.map(_process, jobs) for r in chunk]
            elapsed = time.time() - t0
        load_after = os.getloadavg()
    errors = [s for _, _, s in results if s not in (200, 204)]
    front = "gunicorn direct" if opts.direct else "nginx -> gunicorn"
    print(
        f"{front}: {opts.workers} workers x {opts.threads} threads; clients: {opts.clients} "
        f"(think ~{opts.think:g} s); duration {elapsed:.1f} s; CPUs: {mp.cpu_count()}"
    )
    print(
        f"requests: {len(results)}; throughput: {len(results) / elapsed:.0f} req/s; "
        f"errors: {len(errors)} {sorted(set(errors)) if errors else ''}"
    )
    print(
        "load average (1/5/15 min): before "
        + "/".join(f"{x:.2f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.2f}" for x in load_after)
    )
    # Failed requests are in here too, with the time they took: a fast error is not a success.
    for kind in KINDS:
        lat = [t * 1000 for k, t, _ in results if k == kind]
        if lat:
            print(_line(kind, lat))
    every = [t * 1000 for _, t, _ in results]
    print(_line("all", every))
    p95 = _percentile(every, 95)
    over = opts.think > 0 and p95 > P95_BUDGET_MS
    if errors or over:
        print(f"FAIL: {len(errors)} errors; p95 {p95:.0f} ms (budget {P95_BUDGET_MS} ms)")
        return 1
    print(f"OK: no errors; p95 {p95:.0f} ms within {P95_BUDGET_MS} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
