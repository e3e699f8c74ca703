"""GET /healthz: 200 JSON with the data loaded and the cache's state; never cached or limited."""

from __future__ import annotations


def test_health_reports_the_126_units_their_build_and_the_file_cache(client, built):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    assert resp.get_json() == {
        "status": "ok",
        "data": {"units": 126, "build": built.stamp},
        "cache": {"kind": "files", "reachable": True},
    }


def test_health_is_not_rate_limited(monkeypatch, data_root, cache_root, built):
    from dashboard.app import create_app

    monkeypatch.setenv("HANOI_API_RATE", "2/minute")
    client = create_app(str(data_root), str(cache_root)).server.test_client()
    assert [client.get("/healthz").status_code for _ in range(5)] == [200] * 5


def test_health_says_degraded_while_redis_is_down(monkeypatch, data_root, cache_root, built):
    import socket

    from dashboard.app import create_app

    with socket.socket() as closed:  # a port nothing listens on: bound, never listening
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        monkeypatch.setenv("HANOI_REDIS_URL", f"redis://127.0.0.1:{port}/0")
        client = create_app(str(data_root), str(cache_root)).server.test_client()
        resp = client.get("/healthz")
    body = resp.get_json()
    assert resp.status_code == 200 and body["status"] == "degraded"
    assert body["cache"] == {"kind": "redis", "reachable": False}
