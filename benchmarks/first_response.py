"""Start-up: seconds from starting the server to its first 200 on /, with a built cache.

Run: .venv/bin/python benchmarks/first_response.py [--runs 3] [--server gunicorn|app]

The data cache is built first (not timed). Each run starts a fresh process on an OS-assigned
port: gunicorn as `make serve` starts it (one worker: a worker forks from the preloaded master, so
more workers change nothing before the first answer), or ``python app.py`` (`make run`). It polls
GET / every 20 ms and stops at the first 200. Also prints the interpreter's import time of
``dashboard.app`` (``python -X importtime``) and whether mapclassify / scipy were imported before
that first answer. Exits 1 when the median is over TARGET_S.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _server import ROOT, bound_socket

TARGET_S = 3.0


def _first_200(port: int, proc: subprocess.Popen, start: float) -> float:
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode})")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return time.perf_counter() - start
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.02)


def one_gunicorn() -> float:
    sock = bound_socket()
    env = dict(
        os.environ,
        BIND=f"fd://{sock.fileno()}",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="/dev/null",
    )
    cmd = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "python:dashboard.web.gunicorn_conf",
        "dashboard.wsgi:server",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(sock.fileno(),),
    )
    port = sock.getsockname()[1]
    sock.close()
    try:
        return _first_200(port, proc, start)
    finally:
        proc.terminate()
        proc.wait(20)


def one_app() -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            found = re.search(r"Serving on http://[^:/]+:(\d+)/", line)
            if found:
                return _first_200(int(found.group(1)), proc, start)
        raise RuntimeError("app did not start")
    finally:
        proc.terminate()
        proc.wait(20)


def import_profile() -> tuple[float, bool]:
    """(seconds importing dashboard.app, whether mapclassify was among those imports)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import dashboard.app"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    total = next(
        int(line.split("|")[1])
        for line in done.stderr.splitlines()
        if line.endswith("| dashboard.app")
    )
    return total / 1e6, bool(re.search(r"\|\s+mapclassify$", done.stderr, re.M))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", choices=["gunicorn", "app"], default="gunicorn")
    args = parser.parse_args()
    # The cache built once, untimed: "with a built cache" is every start after the first.
    subprocess.run(
        [sys.executable, "-m", "geodata", "build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    imports, mapclassify = import_profile()
    one = one_gunicorn if args.server == "gunicorn" else one_app
    times = [one() for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"import dashboard.app: {imports:.2f} s (mapclassify imported: {mapclassify})")
    print(f"first 200 on / ({args.server}, built cache): " + ", ".join(f"{t:.2f}" for t in times))
    verdict = "ok" if median <= TARGET_S else "MISS"
    print(f"median {median:.2f} s (target <= {TARGET_S:.1f} s): {verdict}")
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
