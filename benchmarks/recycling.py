"""Workers recycled under load without a single failed request (issue #24): nginx -> gunicorn
3x2, each worker replaced every ~``--max-requests`` requests, while concurrent visitors post
callbacks and call the API.

Run:
  .venv/bin/python benchmarks/recycling.py [--requests 20000] [--clients 8]
       [--max-requests 100] [--stock] [--logs PREFIX]

The visitors' requests are benchmarks/load.py's (pages, the map, the panel, compare, search,
the API), each on a keep-alive connection to nginx, which keeps its own keep-alive connections
to gunicorn (deploy/nginx-local.conf). Prints the requests, the workers replaced, every status
code, and the upstream failures nginx logged (a request sent to a worker that left without
answering, before nginx's one retry) beside the targets (0 x 502 or any 5xx, 0 upstream
failures, >= 20 replacements); exits 1 on a miss. ``--stock`` runs gunicorn's own gthread worker
instead of dashboard.web.gunicorn_worker's, to show what the drain prevents.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from _server import gunicorn, nginx
from load import KINDS, _codes, _request

MIN_RECYCLES = 20


def _visit(base: str, codes: list, seed: int, count: int, out: collections.Counter) -> None:
    host, port = base.split("//", 1)[1].split(":")
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    for _ in range(count):
        method, path, body, headers = _request(rng.choice(KINDS), rng, codes, base)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            out[resp.status] += 1
            if resp.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            out[0] += 1
            conn.close()


def main() -> int:
    """Run the visitors; the report; 1 on a miss."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=100)
    parser.add_argument("--logs", help="keep gunicorn's and nginx's logs as LOGS.*.log")
    parser.add_argument("--stock", action="store_true", help="gunicorn's own gthread worker")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        glog = stack.enter_context((Path(tmp) / "gunicorn.log").open("w"))
        nlog = stack.enter_context((Path(tmp) / "nginx.log").open("w"))
        up = stack.enter_context(
            gunicorn(
                3,
                2,
                log=glog,
                args=("-k", "gthread") if opts.stock else (),
                HANOI_PROXY_HOPS="1",
                GUNICORN_MAX_REQUESTS=str(opts.max_requests),
            )
        )
        base = stack.enter_context(nginx(up, log=nlog))
        codes = _codes(base)
        counts: collections.Counter = collections.Counter()
        per = opts.requests // opts.clients
        threads = [
            threading.Thread(target=_visit, args=(base, codes, seed, per, counts))
            for seed in range(opts.clients)
        ]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        load = os.getloadavg()[0]
        stack.close()  # servers stopped: their logs are complete
        glines = (Path(tmp) / "gunicorn.log").read_text().splitlines()
        if opts.logs:
            shutil.copy(Path(tmp) / "gunicorn.log", opts.logs + ".gunicorn.log")
            shutil.copy(Path(tmp) / "nginx.log", opts.logs + ".nginx.log")
        nlines = (Path(tmp) / "nginx.log").read_text().splitlines()
    recycled = sum("Autorestarting worker" in line for line in glines)
    upstream = [line for line in nlines if "[error]" in line and "upstream" in line]
    failed = sum(v for k, v in counts.items() if k >= 500 or k == 0)
    total = sum(counts.values())
    worker = "gunicorn's gthread" if opts.stock else "DrainingThreadWorker"
    print(
        f"nginx -> gunicorn 3x2 ({worker}), max_requests {opts.max_requests}; {opts.clients} "
        f"clients; {total:,} requests in {elapsed:.0f} s; CPUs {os.cpu_count()}; load {load:.1f}"
    )
    print("status codes:", dict(sorted(counts.items())))
    print(f"workers replaced: {recycled} (target >= {MIN_RECYCLES})")
    print(f"502, other 5xx or failed: {failed} (target 0)")
    print(f"upstream failures in nginx's log (before its retry): {len(upstream)} (target 0)")
    for line in upstream[:5]:
        print("  ", line[:240])
    ok = not failed and not upstream and recycled >= MIN_RECYCLES
    print("->", "OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
