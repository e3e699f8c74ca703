"""A normal visitor's latency while clients abuse the batch API and the convert tab at their
limits (issue #24), through nginx -> gunicorn with Redis, the production recipe.

Run:
  .venv/bin/python benchmarks/abuse.py [--abusers 10] [--visitors 4] [--seconds 60]

Waits (up to 10 min) for the machine's 1-minute load to fall to 2.5 or below, then starts
redis-server (on a port the OS hands out), gunicorn (3 workers x 2 threads, HANOI_PROXY_HOPS=1) and
the shipped nginx, all with the production limits (HANOI_API_RATE and the rows budget at their
defaults). Each abuser is a distinct client (its own loopback source address, 127.0.0.N, which
nginx forwards): half post batches of 1,000 addresses to /api/lookup/batch, half upload a
5,000-row CSV to the convert tab's callback, back to back, whatever they are answered. The
visitors load pages and use the map, panel, compare, search and API as benchmarks/load.py does,
with ~1 s of think time. First a quiet phase (visitors only), then the abuse phase.

Prints the visitors' p50/p95 in both phases beside the target (p95 <= 1 s under abuse), what the
abusers got (answered vs refused by the budgets) and every status code; exits 1 on a miss or any
5xx.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from _server import gunicorn, nginx, redis, wait_for_quiet_machine
from load import KINDS, _codes, _percentile, _request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.fuzz_cases import convert_body  # noqa: E402

TARGET_P95_S = 1.0


def _connect(base: str, source: str | None = None) -> http.client.HTTPConnection:
    host, port = base.split("//", 1)[1].split(":")
    return http.client.HTTPConnection(
        host, int(port), timeout=120, source_address=(source, 0) if source else None
    )


def _send(conn, method, path, body, headers):
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def _convert_body(rows: int, rng: random.Random) -> bytes:
    lines = ["address"] + [
        f"{rng.randint(1, 200)} Hàng Bài, P. Hàng Bài, Q. Hoàn Kiếm" for _ in range(rows)
    ]
    return convert_body(("\n".join(lines) + "\n").encode(), "a.csv", "text/csv")


def abuser(base: str, n: int, stop: threading.Event, out: list) -> None:
    """Client ``n`` (source 127.0.0.<10+n>): batches (even n) or 5,000-row uploads (odd n)."""
    rng = random.Random(n)
    source = f"127.0.0.{10 + n}"
    conn = _connect(base, source)
    headers = {"Content-Type": "application/json"}
    if n % 2 == 0:
        kind = "batch"
        queries = [f"{rng.randint(1, 99)} Hang Bai, Hoan Kiem" for _ in range(1000)]
        path, body = "/api/lookup/batch", json.dumps({"queries": queries}).encode()
    else:
        kind, path, body = "convert", "/_dash-update-component", _convert_body(5000, rng)
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            status, data = _send(conn, "POST", path, body, headers)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = _connect(base, source)
            status, data = 0, b""
        refused = status == 429 or (status == 200 and b"too many rows" in data)
        out.append((kind, status, refused, time.perf_counter() - t0))


def visitor(base: str, seed: int, codes, stop: threading.Event, out: list) -> None:
    """A normal visitor (as benchmarks/load.py's clients), ~1 s think time."""
    rng = random.Random(1000 + seed)
    source = f"127.0.0.{100 + seed}"
    conn = _connect(base, source)
    while not stop.is_set():
        kind = rng.choice(KINDS)
        method, path, body, headers = _request(kind, rng, codes, base)
        headers["Accept-Encoding"] = "gzip, br"
        t0 = time.perf_counter()
        try:
            status, _ = _send(conn, method, path, body, headers)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = _connect(base, source)
            status = 0
        out.append((kind, status, time.perf_counter() - t0))
        stop.wait(rng.uniform(0.5, 1.5))


def _phase(base, codes, visitors: int, abusers: int, seconds: float):
    stop = threading.Event()
    seen: list = []
    abused: list = []
    threads = [
        threading.Thread(target=visitor, args=(base, i, codes, stop, seen)) for i in range(visitors)
    ] + [threading.Thread(target=abuser, args=(base, i, stop, abused)) for i in range(abusers)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(180)
    return seen, abused


def main() -> int:
    """Quiet phase, abuse phase; the report; 1 on a missed target or any 5xx."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--abusers", type=int, default=10)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quiet-seconds", type=float, default=20)
    opts = parser.parse_args()
    waited_load = wait_for_quiet_machine()
    with ExitStack() as stack:
        url = stack.enter_context(redis())
        limits = {
            "HANOI_API_RATE": os.environ.get("HANOI_API_RATE", "120/minute;2000/hour"),
            "HANOI_ROWS_RATE": os.environ.get("HANOI_ROWS_RATE", "5000/minute;20000/hour"),
            "HANOI_ROWS_RATE_ALL": os.environ.get("HANOI_ROWS_RATE_ALL", "15000/minute"),
        }
        up = stack.enter_context(
            gunicorn(3, 2, HANOI_PROXY_HOPS="1", HANOI_REDIS_URL=url, **limits)
        )
        base = stack.enter_context(nginx(up))
        codes = _codes(base)
        quiet, _ = _phase(base, codes, opts.visitors, 0, opts.quiet_seconds)
        load_before = os.getloadavg()
        seen, abused = _phase(base, codes, opts.visitors, opts.abusers, opts.seconds)
        load_after = os.getloadavg()
    statuses = collections.Counter(s for _, s, _ in quiet + seen) + collections.Counter(
        s for _, s, _, _ in abused
    )
    print(
        f"nginx -> gunicorn 3x2, Redis; {opts.visitors} visitors, {opts.abusers} abusers "
        f"({(opts.abusers + 1) // 2} batch of 1,000, {opts.abusers // 2} convert of 5,000 rows); "
        f"quiet {opts.quiet_seconds:g} s, abuse {opts.seconds:g} s; CPUs {os.cpu_count()}; "
        f"load before the servers started {waited_load:.1f}, during the abuse "
        f"{load_before[0]:.1f} -> {load_after[0]:.1f}"
    )
    for name, rows in (("quiet", quiet), ("abuse", seen)):
        lat = [t for _, _, t in rows]
        print(
            f"visitors, {name}: n={len(lat)} p50 {_percentile(lat, 50) * 1000:.0f} ms "
            f"p95 {_percentile(lat, 95) * 1000:.0f} ms max {max(lat) * 1000:.0f} ms"
        )
    for kind in ("batch", "convert"):
        mine = [a for a in abused if a[0] == kind]
        done = [a for a in mine if a[1] == 200 and not a[2]]
        refused = [a for a in mine if a[2]]
        print(
            f"abusers, {kind}: {len(mine)} requests, {len(done)} answered in full, "
            f"{len(refused)} refused by the rows budget"
        )
    print("status codes:", dict(sorted(statuses.items())))
    p95 = _percentile([t for _, _, t in seen], 95)
    fivexx = sum(v for k, v in statuses.items() if k >= 500 or k == 0)
    ok = p95 <= TARGET_P95_S and not fivexx
    print(
        f"visitors' p95 under abuse {p95:.2f} s (target ≤ {TARGET_P95_S:.0f} s); "
        f"5xx or failed: {fivexx} (target 0) -> {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
