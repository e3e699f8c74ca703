"""Redis may die: with HANOI_REDIS_URL set, traffic sees zero 5xx while it is down (one warning
logged, counted and computed in memory), and caching in Redis resumes once it is back."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from tests.dashboard.web.live import start_redis, stop
from tests.dashboard.web.test_serving import map_request


def _served(statuses: list, at_least: int, timeout: float = 60) -> int:
    """Wait (polling) until ``at_least`` answers have come back; return how many there are."""
    deadline = time.monotonic() + timeout
    while len(statuses) < at_least:
        if time.monotonic() > deadline:
            raise AssertionError(f"only {len(statuses)} answers in {timeout} s")
        time.sleep(0.05)
    return len(statuses)


@pytest.mark.live
def test_redis_outage_fails_open_and_recovers(monkeypatch, data_root, cache_root, built, caplog):
    import redis

    from dashboard.app import create_app
    from dashboard.web import stores

    proc, port = start_redis()  # a port the OS handed out; it comes back on the same one
    url = f"redis://127.0.0.1:{port}/0"
    monkeypatch.setattr(stores, "RETRY_SECONDS", 0.5)
    try:
        monkeypatch.setenv("HANOI_REDIS_URL", url)
        monkeypatch.setenv("HANOI_API_RATE", "100000/minute")
        client = create_app(str(data_root), str(cache_root)).server.test_client()
        statuses, stop_traffic = [], threading.Event()

        def traffic():
            i = 0
            while not stop_traffic.is_set():
                statuses.append(client.get(f"/api/lookup?q=hang%20bai%20{i % 7}").status_code)
                statuses.append(map_request(client, k=3 + i % 6, lang="vi").status_code)
                i += 1

        with caplog.at_level(logging.WARNING):
            worker = threading.Thread(target=traffic)
            worker.start()
            _served(statuses, 20)  # traffic flowing through Redis
            stop(proc)  # Redis dies mid-traffic
            down = _served(statuses, len(statuses) + 40)  # answered while it is down
            proc, _ = start_redis(port)  # and comes back, empty
            back = redis.Redis.from_url(url)
            # The cache retries Redis after RETRY_SECONDS: it is back once traffic writes keys.
            _served(statuses, len(statuses) + 20)
            deadline = time.monotonic() + 30
            while not back.keys("*:map:*") and time.monotonic() < deadline:
                time.sleep(0.05)
            stop_traffic.set()
            worker.join(30)
        assert statuses and all(s < 500 for s in statuses), sorted(set(statuses))
        assert len(statuses) > down > 0
        tracebacks = [r for r in caplog.records if r.exc_info]
        warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert not tracebacks and 1 <= len(warnings) <= 2  # the cache's, the limiter's
        assert map_request(client, "density_2025", "equal", 7, lang="en").status_code == 200
        keys = [k.decode() for k in redis.Redis.from_url(url).keys("*")]
        assert any(":map:" in k and ":density_2025:equal:7:" in k for k in keys), keys
    finally:
        stop(proc)
