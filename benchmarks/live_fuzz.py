"""The live fuzz at scale: >= 50,000 fuzzed requests through the production recipe (nginx ->
gunicorn 3x2 -> Redis, all on loopback with OS-assigned ports); target 0 x 5xx.

Run:
  .venv/bin/python benchmarks/live_fuzz.py [--requests 50000] [--clients 8]
       [--max-requests 1000] [--log FILE]

The requests are the seeded mix of tests/fuzz_cases.live_requests (every callback with
plausible and junk values, raw junk bodies, arbitrary addresses, and one request in eleven from
issue #24's hostile input: every hostile spreadsheet through the convert tab, 1,000-deep JSON,
lone surrogates, a bad UTF-8 query), made before the clock starts and sent by ``--clients``
threads, each on its own keep-alive connection. The rate and rows limits are lifted (the
benchmark is about answers, not refusals), and gunicorn recycles its workers every
``--max-requests`` requests as in production (jittered), so recycling happens during the run.

Prints the requests sent, the 5xx and the failed connections beside their targets, the time and
the machine's load, the workers replaced and the upstream failures nginx logged (a request a
worker dropped, which nginx's retry may have hidden); lists the first 5xx answers (request and
body); exits 1 on any 5xx, failed connection or upstream failure, or when fewer requests than
asked were sent.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from _server import gunicorn, nginx, redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_REQUESTS = 50_000


def _send_all(base: str, cases: list, deadline: float, out: dict) -> None:
    """Send ``cases`` in order on one keep-alive connection; count statuses (0: the connection
    failed) and keep the first 5xx answers."""
    host, port = base.split("//", 1)[1].split(":")
    counts: collections.Counter = collections.Counter()
    bad: list = []
    conn = http.client.HTTPConnection(host, int(port), timeout=90)
    for method, path, body in cases:
        if time.monotonic() > deadline:
            break
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            counts[resp.status] += 1
            if resp.status >= 500 and len(bad) < 5:
                bad.append((resp.status, method, path, (body or b"")[:300], data[:300]))
            if resp.will_close:
                conn.close()
        except (OSError, http.client.HTTPException) as err:
            counts[0] += 1
            if len(bad) < 5:
                bad.append((0, method, path, (body or b"")[:300], repr(err).encode()))
            conn.close()
    conn.close()
    out["counts"] = counts
    out["bad"] = bad


def main() -> int:
    """Make the cases, start the servers, send; the report; 1 on any 5xx or failed request."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=TARGET_REQUESTS)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--max-requests", type=int, default=1000, help="gunicorn max_requests")
    parser.add_argument("--seed", type=int, default=126)
    parser.add_argument("--log", help="gunicorn's and nginx's error logs go to this file")
    opts = parser.parse_args()
    from dashboard.app import create_app
    from tests.fuzz_cases import hostile_bodies, live_requests

    callback_map = {
        out: {"inputs": cb["inputs"], "state": cb["state"]}
        for out, cb in create_app().callback_map.items()
    }
    t0 = time.perf_counter()
    hostile = hostile_bodies()
    per_client = -(-opts.requests // opts.clients)
    cases = [
        list(_take(live_requests(callback_map, opts.seed + i, hostile), per_client))
        for i in range(opts.clients)
    ]
    made = time.perf_counter() - t0
    load = os.getloadavg()[0]
    logname = opts.log or tempfile.mkstemp(prefix="live-fuzz-", suffix=".log")[1]
    with ExitStack() as stack:
        log = stack.enter_context(open(logname, "w"))  # noqa: SIM115
        url = stack.enter_context(redis())
        up = stack.enter_context(
            gunicorn(
                3,
                2,
                log=log,
                HANOI_PROXY_HOPS="1",
                HANOI_REDIS_URL=url,
                GUNICORN_MAX_REQUESTS=str(opts.max_requests),
            )
        )
        base = stack.enter_context(nginx(up, log=log))
        results: list[dict] = [{} for _ in range(opts.clients)]
        start = time.monotonic()
        threads = [
            threading.Thread(
                target=_send_all, args=(base, cases[i], start + opts.max_seconds, results[i])
            )
            for i in range(opts.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        load_after = os.getloadavg()[0]
    lines = Path(logname).read_text(errors="replace").splitlines()
    if not opts.log:
        os.unlink(logname)
    recycled = sum("Autorestarting worker" in line for line in lines)
    upstream = [line for line in lines if "[error]" in line and "upstream" in line]
    counts = sum((r["counts"] for r in results), collections.Counter())
    total = sum(counts.values())
    fivexx = sum(v for k, v in counts.items() if k >= 500)
    failed = counts.get(0, 0)
    print(
        f"nginx -> gunicorn 3x2 -> Redis, max_requests {opts.max_requests}; {opts.clients} "
        f"clients; {sum(map(len, cases))} cases made in {made:.1f} s; CPUs {os.cpu_count()}; "
        f"load {load:.1f} -> {load_after:.1f}"
    )
    print(
        f"requests: {total:,} of {opts.requests:,} asked (target >= {TARGET_REQUESTS:,}) in "
        f"{elapsed:.0f} s, {total / elapsed:.0f}/s"
    )
    print("status codes:", dict(sorted(counts.items())))
    print(f"5xx: {fivexx} (target 0)")
    print(f"connection errors: {failed} (target 0)")
    print(f"workers replaced: {recycled}")
    print(f"upstream failures in nginx's log (before its retry): {len(upstream)} (target 0)")
    for line in upstream[:3]:
        print("  ", line[:240])
    for status, method, path, body, data in [b for r in results for b in r["bad"]][:10]:
        print(f"  {status} {method} {path[:120]} body={body[:200]!r} answer={data[:200]!r}")
    ok = not fivexx and not failed and not upstream and total >= opts.requests
    print("->", "OK" if ok else "MISSED")
    return 0 if ok else 1


def _take(iterator, n: int):
    for _, item in zip(range(n), iterator, strict=False):
        yield item


if __name__ == "__main__":
    sys.exit(main())
