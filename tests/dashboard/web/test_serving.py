"""Production serving: Redis and file caches, rate limits, request limits, error pages, CSP."""

from __future__ import annotations

import os
import time

import pytest

from dashboard.web import stores
from tests.dashboard.web.live import start_redis, stop
from tests.helpers import dash_post

MAP_OUTPUT = "..city-map.figure...map-legend.children...map-head.children.."
MAP_OUTPUTS = [
    {"id": "city-map", "property": "figure"},
    {"id": "map-legend", "property": "children"},
    {"id": "map-head", "property": "children"},
]


def map_request(
    client, indicator="pop2025", scheme="quantiles", k=5, unit_type="all", user=None, lang="en"
):
    return dash_post(
        client,
        MAP_OUTPUT,
        MAP_OUTPUTS,
        [
            ("indicator", "value", indicator),
            ("scheme", "value", scheme),
            ("k", "value", k),
            ("unit-type", "value", unit_type),
            ("user-data", "data", user),
        ],
        [("lang", "data", lang)],
    )


@pytest.fixture(scope="module")
def redis_url():
    """$HANOI_TEST_REDIS_URL (CI's Redis), else a throw-away redis-server of this module."""
    url = os.environ.get("HANOI_TEST_REDIS_URL")
    proc = None
    if not url:
        proc, port = start_redis()
        url = f"redis://127.0.0.1:{port}/15"
    import redis

    conn = redis.Redis.from_url(url)
    for _ in range(50):
        try:
            conn.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    conn.flushdb()
    yield url
    conn.flushdb()
    if proc:
        stop(proc)


def _app(monkeypatch, data_root, cache_root, **env):
    from dashboard.app import create_app

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return create_app(str(data_root), str(cache_root))


@pytest.mark.live
def test_redis_cache_and_rate_counters_shared_through_a_real_server(
    monkeypatch, redis_url, data_root, cache_root, built
):
    import redis

    app = _app(
        monkeypatch, data_root, cache_root, HANOI_REDIS_URL=redis_url, HANOI_API_RATE="1000/minute"
    )
    client = app.server.test_client()
    first = client.get("/api/lookup?q=Hang%20Bai")
    assert (
        first.status_code == 200
        and client.get("/api/lookup?q=Hang%20Bai").get_json() == first.get_json()
    )
    assert map_request(client, "area_official_km2", "jenks", 6).status_code == 200
    keys = {k.decode() for k in redis.Redis.from_url(redis_url).keys("*")}
    # Keys are hanoi126:<cache version>:<kind>:…
    # Finder answers are cheaper to compute than to fetch: never cached (issue #24).
    assert not any(":lookup:" in k for k in keys)
    assert all(k.startswith("hanoi126:") for k in keys if ":map:" in k)
    assert any(":map:" in k and ":area_official_km2:jenks:6:" in k for k in keys)
    assert any(
        "LIMITS" in k or "LIMITER" in k for k in keys
    )  # flask-limiter counters live in Redis too


def test_bounded_memory_cache_is_the_default(monkeypatch, data_root, cache_root, built):
    monkeypatch.delenv("HANOI_REDIS_URL", raising=False)
    app = _app(monkeypatch, data_root, cache_root)
    client = app.server.test_client()
    backend = app.server.extensions["cache"]
    store = next(iter(backend.values())) if isinstance(backend, dict) else backend
    assert isinstance(store, stores.BoundedCache)
    before = len(store)
    assert map_request(client, "density_2025", "equal", 7, "xa").status_code == 200
    assert len(store) == before + 1


def test_api_rate_limit_answers_429_with_a_message(monkeypatch, data_root, cache_root, built):
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_API_RATE="3/minute"
    ).server.test_client()
    codes = [client.get("/api/locate?lat=21.03&lon=105.85").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    resp = client.get("/api/lookup?q=x")
    assert (
        resp.status_code == 429
        and "Too many requests" in resp.get_json()["error"]
        and resp.headers.get("Retry-After")
    )
    assert client.get("/").status_code == 200  # pages are not throttled
    # oEmbed shares the API's limit (one counter for the public endpoints).
    oembed = client.get("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Fmap&format=json")
    assert oembed.status_code == 429


@pytest.fixture(scope="module")
def client(data_root, cache_root, built):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root)).server.test_client()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"output": "nope.children", "inputs": []}',
        b'{"output": "page.children", "inputs": "x"}',
        b'{"output": "page.children", "inputs": [1]}',
        b'{"output": "page.children", "inputs": [], "changedPropIds": [1]}',
        b"\xff\xfe",
    ],
)
def test_malformed_callback_requests_are_400(client, body):
    resp = client.post("/_dash-update-component", data=body, content_type="application/json")
    message = resp.get_json()["error"]
    assert resp.status_code == 400 and 0 < len(message) < 120, message


def test_oversize_request_is_413(client):
    resp = client.post(
        "/_dash-update-component", data=b"x" * (4 * 1024 * 1024), content_type="application/json"
    )
    assert resp.status_code == 413 and "too large" in resp.get_json()["error"]


def test_unexpected_errors_show_no_trace(client, monkeypatch):
    import dashboard.web.api

    def boom(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(dashboard.web.api, "lookup", boom)
    resp = client.get("/api/lookup?q=abc-unique-for-this-test")
    text = resp.get_data(as_text=True)
    assert (
        resp.status_code == 500
        and "Internal error" in text
        and "secret" not in text
        and "Traceback" not in text
    )


def test_csp_has_dash_hashes_and_no_eval(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "'sha256-" in csp and "unsafe-eval" not in csp and "script-src 'self'" in csp
    assert client.get("/").headers["X-Content-Type-Options"] == "nosniff"


def test_static_responses_are_compressed(client):
    resp = client.get("/download/units.csv", headers={"Accept-Encoding": "br, gzip"})
    assert resp.headers.get("Content-Encoding") == "br"
