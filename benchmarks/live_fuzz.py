"""The live fuzz of tests/dashboard/web/test_fuzz.py, longer and from several clients at once,
through nginx -> gunicorn (the production recipe): counts every status code; target 0 × 5xx.

Run:
  .venv/bin/python benchmarks/live_fuzz.py [--seconds 300] [--clients 3]

Each client (a process) sends the seeded mix of test_fuzz._live_requests: every callback with
plausible and junk values, raw junk bodies, arbitrary addresses, and one request in eleven from
issue #24's hostile input (every hostile spreadsheet through the convert tab, 1,000-deep JSON,
lone surrogates, a bad UTF-8 query). Exits 1 on any 5xx or failed connection.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import multiprocessing as mp
import sys
import time
import warnings
from contextlib import ExitStack
from pathlib import Path

from _server import gunicorn, nginx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _client(args) -> collections.Counter:
    base, seconds, seed, callback_map = args
    warnings.simplefilter("ignore")  # hypothesis' .example() outside a test
    from tests.dashboard.web.test_fuzz import _live_requests, hostile_bodies

    host, port = base.split("//", 1)[1].split(":")
    counts: collections.Counter = collections.Counter()
    hostile = hostile_bodies()
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    end = time.time() + seconds
    for method, path, body in _live_requests(callback_map, seed, hostile):
        if time.time() > end:
            break
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            counts[resp.status] += 1
            if resp.will_close:
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
        except (OSError, http.client.HTTPException):
            counts[0] += 1
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.close()
    return counts


def main() -> int:
    """Run the clients, print the status codes; 1 on any 5xx or failed connection."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--log", help="gunicorn's error log goes to this file")
    opts = parser.parse_args()
    from dashboard.app import create_app

    callback_map = {
        out: {"inputs": cb["inputs"], "state": cb["state"]}
        for out, cb in create_app().callback_map.items()
    }
    with ExitStack() as stack:
        log = stack.enter_context(open(opts.log, "w")) if opts.log else None  # noqa: SIM115
        up = stack.enter_context(gunicorn(3, 2, log=log, HANOI_PROXY_HOPS="1"))
        base = stack.enter_context(nginx(up, log=log))
        t0 = time.time()
        with mp.Pool(opts.clients) as pool:
            jobs = [(base, opts.seconds, 126 + i, callback_map) for i in range(opts.clients)]
            counts = sum(pool.map(_client, jobs), collections.Counter())
        elapsed = time.time() - t0
    total = sum(counts.values())
    bad = sum(v for k, v in counts.items() if k >= 500 or k == 0)
    print(
        f"nginx -> gunicorn 3x2: {opts.clients} fuzz clients for {elapsed:.0f} s: {total} requests"
    )
    print("status codes:", dict(sorted(counts.items())))
    print(f"5xx or failed: {bad} (target 0) -> {'OK' if not bad else 'MISSED'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
