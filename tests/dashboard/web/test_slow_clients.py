"""Slow clients cannot starve gunicorn behind the shipped nginx (deploy/nginx.conf).

100 sockets trickle request headers for 20 s (slowloris) while a normal client keeps asking:
every one of its answers arrives within 1 s. Without nginx, 100 such sockets hold all of
gunicorn's threads. Needs nginx (skipped without it outside CI; a failure in CI).
"""

from __future__ import annotations

import http.client
import socket
import threading
import time

from tests.dashboard.web.live import gunicorn, nginx, nginx_binary

SLOW_SOCKETS = 100
TRICKLE_SECONDS = 20.0


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


def test_normal_client_is_served_within_1s_while_100_slow_sockets_trickle(
    data_root, cache_root, built, tmp_path
):
    nginx_binary()
    with (
        gunicorn(data_root, cache_root, workers=2, threads=2, HANOI_PROXY_HOPS="1") as upstream,
        nginx(upstream, tmp_path / "nginx") as port,
    ):
        stop, opened = threading.Event(), []
        slow = threading.Thread(target=_slowloris, args=(port, stop, opened), daemon=True)
        slow.start()
        for _ in range(50):
            if opened:
                break
            time.sleep(0.1)
        assert opened == [SLOW_SOCKETS]
        paths = [
            "/api/lookup?q=hang%20bai",
            "/api/locate?lat=21.03&lon=105.85",
            "/",
            "/oembed?url=x",
        ]
        timings, statuses = [], []
        end = time.time() + TRICKLE_SECONDS
        i = 0
        try:
            while time.time() < end:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                t0 = time.perf_counter()
                conn.request("GET", paths[i % len(paths)])
                resp = conn.getresponse()
                resp.read()
                timings.append(time.perf_counter() - t0)
                statuses.append(resp.status)
                conn.close()
                i += 1
                time.sleep(0.1)
        finally:
            stop.set()
            slow.join(10)
    assert len(timings) >= 50 and max(timings) < 1.0, max(timings)
    assert all(s < 500 for s in statuses), statuses
