"""Slow clients cannot starve gunicorn behind the shipped nginx (deploy/nginx-proxy.conf).

A normal client first asks alone, for its baseline; then 100 sockets trickle request headers
(slowloris) while it keeps asking. Its p95 under the trickle must stay within 3x of its own
baseline p95 measured in the same run, on the same machine, so a busy machine moves both
together. Without nginx, 100 such sockets hold all of gunicorn's threads and the client waits
for its 10 s timeout (checked by pointing the client at gunicorn's port: p95 alone 4 ms, under
slowloris 10,012 ms, failed). Needs nginx (skipped without it outside CI; a failure in CI).
"""

from __future__ import annotations

import http.client
import socket
import statistics
import threading
import time

import pytest

from tests.dashboard.web.live import gunicorn, nginx, nginx_binary

pytestmark = pytest.mark.live

SLOW_SOCKETS = 100
ROUNDS = 6  # each path this many times per phase: p95 over 24 answers
PATHS = ["/api/lookup?q=hang%20bai", "/api/locate?lat=21.03&lon=105.85", "/", "/oembed?url=x"]
# Below this, the two p95s are scheduler noise (one time slice on a loaded machine), not a queue.
NOISE_FLOOR_S = 0.25


def _slowloris(port: int, stop: threading.Event, opened: list) -> None:
    socks = []
    for _ in range(SLOW_SOCKETS):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/lookup?q=hang HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        socks.append(s)
    opened.append(len(socks))
    n = 0
    while not stop.wait(1.0):  # one more header line a second, never the end of the headers
        n += 1
        for s in socks:
            try:
                s.sendall(f"X-Slow-{n}: {n}\r\n".encode())
            except OSError:
                pass
    for s in socks:
        s.close()


def _timed_rounds(port: int) -> tuple[list[float], list[int]]:
    """Every path ROUNDS times on fresh connections: (seconds per answer, statuses). A starved
    request (no answer in 10 s) ends the rounds: status 0, and its 10 s fail the p95."""
    timings, statuses = [], []
    for i in range(ROUNDS * len(PATHS)):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        t0 = time.perf_counter()
        try:
            conn.request("GET", PATHS[i % len(PATHS)])
            resp = conn.getresponse()
            resp.read()
            statuses.append(resp.status)
        except TimeoutError:
            statuses.append(0)
        finally:
            timings.append(time.perf_counter() - t0)
            conn.close()
        if statuses[-1] == 0:
            break
    return timings, statuses


def _p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def test_normal_client_keeps_its_pace_while_100_slow_sockets_trickle(
    data_root, cache_root, built, tmp_path
):
    nginx_binary()
    with (
        gunicorn(data_root, cache_root, workers=2, threads=2, HANOI_PROXY_HOPS="1") as upstream,
        nginx(upstream, tmp_path / "nginx") as port,
    ):
        _timed_rounds(port)  # warm-up: caches and keep-alive connections to gunicorn
        alone, alone_statuses = _timed_rounds(port)
        stop, opened = threading.Event(), []
        slow = threading.Thread(target=_slowloris, args=(port, stop, opened), daemon=True)
        slow.start()
        deadline = time.monotonic() + 30
        while not opened and slow.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)  # polling until every slow socket is open
        try:
            assert opened == [SLOW_SOCKETS]
            loaded, loaded_statuses = _timed_rounds(port)
        finally:
            stop.set()
            slow.join(10)
    base, under = _p95(alone), _p95(loaded)
    print(f"normal client p95: alone {base * 1000:.0f} ms, under slowloris {under * 1000:.0f} ms")
    assert all(0 < s < 500 for s in alone_statuses + loaded_statuses), loaded_statuses
    assert under <= max(3 * base, NOISE_FLOOR_S), (base, under)
