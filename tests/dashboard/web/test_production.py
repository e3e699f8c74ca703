"""Production hardening: callback validator, headers, hosts, proxies, rate limits, cache keys."""

from __future__ import annotations

import json
import logging
import re
import uuid

import pytest

from dashboard.web.validate import MAX_DEPTH, TYPES, declared_name, json_depth
from tests.helpers import dash_post, page_post


def _app(monkeypatch, data_root, cache_root, **env):
    from dashboard.app import create_app

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return create_app(str(data_root), str(cache_root))


def _outputs(output: str):
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    listed = [dict(zip(("id", "property"), n.split(".", 1), strict=True)) for n in names]
    return listed if output.startswith("..") else listed[0]


def _empty(declared: dict):
    """The item a fresh page sends for a declared input: no value; no components for a pattern."""
    if declared["id"].startswith("{"):
        return []
    return {"id": declared["id"], "property": declared["property"], "value": None}


def valid_body(callback_map, output: str) -> dict:
    """A well-formed request for one callback, every value empty (what a fresh page sends)."""
    cb = callback_map[output]
    return {
        "output": output,
        "outputs": _outputs(output),
        "inputs": [_empty(i) for i in cb["inputs"]],
        "state": [_empty(s) for s in cb["state"]],
        "changedPropIds": [f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"],
    }


def post(client, body):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post("/_dash-update-component", data=raw, content_type="application/json")


def test_every_callback_property_has_a_declared_type(app):
    for cb in app.callback_map.values():
        for item in cb["inputs"] + cb["state"]:
            assert declared_name(item) in TYPES, declared_name(item)


def test_every_callback_accepts_its_declared_shape(app, client):
    for output, cb in app.callback_map.items():
        if cb.get("callback") is None:  # clientside: the server refuses it (next test)
            assert post(client, valid_body(app.callback_map, output)).status_code == 400
            continue
        resp = post(client, valid_body(app.callback_map, output))
        assert resp.status_code in (200, 204), (output, resp.get_data(as_text=True)[:200])


def _mutations(body: dict):
    """(name, broken body) pairs: every way a request can differ from its callback."""
    first = body["inputs"][0]
    yield "missing input", {**body, "inputs": body["inputs"][:-1]}
    yield "extra input", {**body, "inputs": body["inputs"] + [first]}
    yield "extra state", {**body, "state": body["state"] + [first]}
    yield "extra field", {**body, "debug": True}
    yield "missing outputs", {k: v for k, v in body.items() if k != "outputs"}
    yield "renamed input", {**body, "inputs": [{**first, "id": "nope"}] + body["inputs"][1:]}
    yield "extra item field", {**body, "inputs": [{**first, "x": 1}] + body["inputs"][1:]}
    allowed = TYPES[declared_name(first)]
    wrong = next(v for v in ("text", 1.5, [1], {"a": 1}) if not isinstance(v, allowed))
    yield "wrong type", {**body, "inputs": [{**first, "value": wrong}] + body["inputs"][1:]}
    yield "bool", {**body, "inputs": [{**first, "value": True}] + body["inputs"][1:]}
    yield "changed not an input", {**body, "changedPropIds": ["page.children"]}


def test_every_callback_refuses_every_wrong_shape(app, client):
    for output in app.callback_map:
        for name, broken in _mutations(valid_body(app.callback_map, output)):
            resp = post(client, broken)
            assert resp.status_code == 400, (output, name)
            assert len(resp.get_json()["error"]) < 120


@pytest.mark.parametrize(
    "value",
    [
        {"file": "a.csv", "columns": {"staff": {"00070": 10**30}}},
        {"file": "a.csv", "columns": {"staff": {"00070": float("nan")}}},
        {"file": "a.csv", "columns": {"staff": {"00070": [float("inf")]}}},
        {"file": "a.csv", "columns": {"staff": {"00070": -(10**16)}}},
    ],
)
def test_non_finite_or_huge_numbers_in_a_store_are_400(app, client, value):
    body = valid_body(app.callback_map, "compare-results.children")
    body["inputs"][1]["value"] = value
    resp = post(client, body)
    assert resp.status_code == 400 and "number" in resp.get_json()["error"].lower()


def test_deep_json_is_refused_before_parsing_with_one_log_line(client, caplog):
    deep = b'{"output": "page.children", "inputs": ' + b"[" * 2000 + b"]" * 2000 + b"}"
    assert json_depth(deep) == 2001 and json_depth(b'["[[[[", {"a": "]]"}]') == 2
    with caplog.at_level(logging.INFO, logger="hanoi126"):
        resp = post(client, deep)
    assert resp.status_code == 400 and str(MAX_DEPTH) in resp.get_json()["error"]
    records = [r for r in caplog.records if r.name == "hanoi126"]
    assert len(records) == 1 and records[0].exc_info is None


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/os/path.py",
        "/_dash-component-suites/dash/os/path.py",
        "/_dash-component-suites/dash/../setup.py",
        "/_reload-hash",
        "/_dash-debug-menu",
        "/_dash-anything",
    ],
)
def test_missing_files_and_debug_routes_are_404(client, path):
    assert client.get(path).status_code == 404


def test_public_api_headers(client):
    resp = client.get("/api/lookup?q=hang%20bai")
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in resp.headers["Cache-Control"] and resp.headers.get("ETag")
    again = client.get("/api/lookup?q=hang%20bai", headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/oembed?url=x").headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


def test_downloads_and_versioned_assets_are_cacheable(client):
    resp = client.get("/download/units.csv")
    assert "max-age" in resp.headers["Cache-Control"] and resp.headers.get("ETag")
    assert (
        client.get("/download/units.csv", headers={"If-None-Match": resp.headers["ETag"]})
    ).status_code == 304
    page = client.get("/")
    assert page.headers["Cache-Control"] == "no-cache"
    html = page.get_data(as_text=True)
    suite = re.search(r'src="(/_dash-component-suites/[^"]+\.js)"', html).group(1)
    resp = client.get(suite)
    assert "immutable" in resp.headers["Cache-Control"] and resp.headers.get("ETag")
    asset = re.search(r'(/assets/[^"]+\?m=[0-9.]+)"', html).group(1)
    assert "immutable" in client.get(asset).headers["Cache-Control"]


def test_hsts_only_over_https_or_when_configured(monkeypatch, data_root, cache_root, built):
    plain = _app(monkeypatch, data_root, cache_root).server.test_client()
    https = {"X-Forwarded-Proto": "https"}
    assert "Strict-Transport-Security" not in plain.get("/", headers=https).headers
    hops = _app(monkeypatch, data_root, cache_root, HANOI_PROXY_HOPS="1").server.test_client()
    assert "Strict-Transport-Security" in hops.get("/", headers=https).headers
    assert "Strict-Transport-Security" not in hops.get("/").headers
    forced = _app(monkeypatch, data_root, cache_root, HANOI_HSTS="1").server.test_client()
    assert "max-age=" in forced.get("/").headers["Strict-Transport-Security"]


def test_public_url_builds_every_absolute_address(monkeypatch, data_root, cache_root, built):
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_PUBLIC_URL="https://map.example.vn/"
    ).server.test_client()
    evil = {"Host": "evil.example"}
    resp = client.get("/oembed?url=https://map.example.vn/embed/map", headers=evil)
    assert resp.status_code == 200
    assert "https://map.example.vn/embed/map" in resp.get_json()["html"]
    assert "evil.example" not in resp.get_data(as_text=True)
    page = client.get("/", headers=evil).get_data(as_text=True)
    assert "evil.example" not in page and "https://map.example.vn/oembed" in page
    assert client.get("/oembed?url=http://evil.example/embed/map", headers=evil).status_code == 404


def test_unknown_host_without_public_url_is_400(monkeypatch, data_root, cache_root, built):
    monkeypatch.delenv("HANOI_PUBLIC_URL", raising=False)
    client = _app(monkeypatch, data_root, cache_root).server.test_client()
    resp = client.get("/oembed?url=http://evil.example/embed/map", headers={"Host": "evil.example"})
    assert resp.status_code == 400 and "evil.example" not in resp.get_data(as_text=True)
    assert client.get("/", headers={"Host": "127.0.0.1:8050"}).status_code == 200


def test_retry_after_only_on_429(monkeypatch, data_root, cache_root, built):
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_API_RATE="2/minute"
    ).server.test_client()
    first = client.get("/api/locate?lat=21.03&lon=105.85")
    assert first.status_code == 200 and "Retry-After" not in first.headers
    client.get("/api/locate?lat=21.03&lon=105.85")
    limited = client.get("/api/locate?lat=21.03&lon=105.85")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0


def _search(client, query="hang bai"):
    return dash_post(
        client,
        "search-results.children",
        {"id": "search-results", "property": "children"},
        [("search-button", "n_clicks", 1), ("search", "value", query)],
        [("lang", "data", "en")],
    )


def test_finder_callback_is_rate_limited(monkeypatch, data_root, cache_root, built):
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_API_RATE="3/minute"
    ).server.test_client()
    assert [_search(client).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "Too many requests" in _search(client).get_json()["error"]


def test_pages_holding_a_finder_answer_share_its_limit(monkeypatch, data_root, cache_root, built):
    """A page's ?q= runs the finder too, drawn by the layout or by the page callback; pages
    without one are not counted, and a page load over the limit still gets its page."""
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_API_RATE="3/minute"
    ).server.test_client()
    asked = {"Referer": "http://localhost/?q=hang+bai&lang=en"}
    answer = '"className":"match'  # a match of the finder's answer, in the page
    assert answer in client.get("/_dash-layout", headers=asked).get_data(as_text=True)
    assert page_post(client, "/", "?q=yen+hoa").status_code == 200
    assert _search(client).status_code == 200
    assert page_post(client, "/", "?q=yen+hoa").status_code == 429
    # over the limit a page load still gets its page, without the answer
    limited = client.get("/_dash-layout", headers=asked)
    assert limited.status_code == 200 and '"city-map"' in limited.get_data(as_text=True)
    assert answer not in limited.get_data(as_text=True)
    plain = {"Referer": "http://localhost/?lang=en"}
    assert client.get("/_dash-layout", headers=plain).status_code == 200
    assert page_post(client, "/", "?lang=en").status_code == 200


@pytest.mark.parametrize("hops, codes", [("0", [200, 200, 429]), ("1", [200, 200, 200])])
def test_forwarded_for_is_trusted_only_for_configured_hops(
    monkeypatch, data_root, cache_root, built, hops, codes
):
    client = _app(
        monkeypatch, data_root, cache_root, HANOI_API_RATE="2/minute", HANOI_PROXY_HOPS=hops
    ).server.test_client()
    got = [
        client.get(
            "/api/locate?lat=21.03&lon=105.85",
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(3)
    ]
    assert got == codes


def test_forwarded_for_from_a_peer_that_is_not_the_proxy_is_ignored(
    monkeypatch, data_root, cache_root, built
):
    # Issue #24: with hops=1, any client reaching gunicorn directly chose its own identity.
    client = _app(
        monkeypatch,
        data_root,
        cache_root,
        HANOI_API_RATE="2/minute",
        HANOI_PROXY_HOPS="1",
        HANOI_TRUSTED_PROXIES="10.0.0.5",
    ).server.test_client()
    direct = {"REMOTE_ADDR": "203.0.113.50"}
    got = [
        client.get(
            "/api/locate?lat=21.03&lon=105.85",
            headers={"X-Forwarded-For": f"198.51.100.{i}"},
            environ_base=direct,
        ).status_code
        for i in range(3)
    ]
    assert got == [200, 200, 429]
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    got = [
        client.get(
            "/api/locate?lat=21.03&lon=105.85",
            headers={"X-Forwarded-For": f"198.51.100.{i}"},
            environ_base=proxy,
        ).status_code
        for i in range(3)
    ]
    assert got == [200, 200, 200]


def _legend(resp) -> str:
    return json.dumps(resp.get_json()["response"]["map-legend"]["children"], ensure_ascii=False)


def test_same_map_state_in_two_languages_has_two_cached_legends(
    monkeypatch, data_root, cache_root, built
):
    from tests.dashboard.web.test_serving import map_request

    client = _app(monkeypatch, data_root, cache_root).server.test_client()
    state = ("pop_per_cadre_est", "equal", 4, "phuong")
    first = {lang: _legend(map_request(client, *state, lang=lang)) for lang in ("vi", "en")}
    cached = {lang: _legend(map_request(client, *state, lang=lang)) for lang in ("vi", "en")}
    assert first == cached and cached["vi"] != cached["en"]


def _corrections(client):
    return page_post(client, "/corrections", "?lang=en").get_data(as_text=True)


def _cached_entries(app) -> int:
    """Entries in the app's embedded cache (stores.BoundedCache, the default without Redis)."""
    return sum(len(store) for store in app.server.extensions["cache"].values())


def test_changed_setting_is_served_fresh_after_restart(monkeypatch, data_root, tmp_path, built):
    from dashboard.model.data import load_app_data

    # A cache folder of its own (data included) so the count of cached pages is this test's.
    load_app_data(str(data_root), str(tmp_path))
    one, two = (f"mailto:{n}-{uuid.uuid4().hex[:8]}@example.org" for n in ("one", "two"))
    env = {"HANOI_PUBLIC_URL": "https://map.example.vn"}
    first = _app(monkeypatch, data_root, tmp_path, HANOI_CORRECTIONS_URL=one, **env)
    assert one in _corrections(first.server.test_client())
    assert _cached_entries(first) >= 1  # the page was cached
    second = _app(monkeypatch, data_root, tmp_path, HANOI_CORRECTIONS_URL=two, **env)
    page = _corrections(second.server.test_client())
    assert two in page and one not in page


def test_page_cache_ignores_raw_paths_and_host(monkeypatch, data_root, tmp_path, built):
    from dashboard.model.data import load_app_data

    load_app_data(str(data_root), str(tmp_path))
    app = _app(monkeypatch, data_root, tmp_path, HANOI_PUBLIC_URL="https://map.example.vn")
    client = app.server.test_client()
    for path in ("/", "/x/1", "/x/2", "/anything/else", "/embed/unit/nope"):
        page_post(client, path, "", headers={"Host": f"h{uuid.uuid4().hex[:6]}.example"})
    assert _cached_entries(app) == 1  # the dashboard, once


def test_pattern_matching_inputs_are_checked_item_by_item(app, client):
    output = next(
        k for k, v in app.callback_map.items() if any(i["id"].startswith("{") for i in v["inputs"])
    )
    body = valid_body(app.callback_map, output)
    slot = next(
        n for n, i in enumerate(app.callback_map[output]["inputs"]) if i["id"].startswith("{")
    )
    good = {
        "id": {"type": "pick-unit", "code": "00070", "n": 0},
        "property": "n_clicks",
        "value": 1,
    }
    body["inputs"][slot] = [good]
    assert post(client, body).status_code in (200, 204)
    for bad in (
        {**good, "id": {"type": "other", "code": "00070", "n": 0}},  # another pattern
        {**good, "id": {"type": "pick-unit", "code": ["x"], "n": 0}},  # not a plain value
        {**good, "value": "many"},  # wrong type
        {**good, "value": 10**30},  # huge number
    ):
        body["inputs"][slot] = [bad]
        assert post(client, body).status_code == 400, bad
    body["inputs"][slot] = [good] * 51
    assert post(client, body).status_code == 400


def test_changed_prop_of_a_pattern_component_names_a_concrete_id(app, client):
    output = next(
        k for k, v in app.callback_map.items() if any(i["id"].startswith("{") for i in v["inputs"])
    )
    body = valid_body(app.callback_map, output)
    slot = next(
        n for n, i in enumerate(app.callback_map[output]["inputs"]) if i["id"].startswith("{")
    )
    ident = {"type": "pick-unit", "code": "00190", "n": 0}
    body["inputs"][slot] = [{"id": ident, "property": "n_clicks", "value": 1}]
    body["changedPropIds"] = [
        json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".n_clicks"
    ]
    assert post(client, body).status_code == 200
    body["changedPropIds"] = ['{"type":"other","code":"1","n":0}.n_clicks']
    assert post(client, body).status_code == 400
    body["changedPropIds"] = ["{not json.n_clicks"]
    assert post(client, body).status_code == 400


def test_cache_version_follows_data_code_and_settings(monkeypatch):
    from dashboard.web import stores

    monkeypatch.setattr(stores, "code_version", lambda: "1.0-a")
    base = stores.cache_version("data1")
    assert stores.cache_version("data2") != base  # a new data build
    monkeypatch.setattr(stores, "code_version", lambda: "1.0-b")
    assert stores.cache_version("data1") != base  # a code deploy
    monkeypatch.setattr(stores, "code_version", lambda: "1.0-a")
    for setting in stores.OUTPUT_SETTINGS:
        monkeypatch.setenv(setting, "https://changed.example")
        assert stores.cache_version("data1") != base, setting
        monkeypatch.delenv(setting)
    assert stores.cache_version("data1") == base


def test_component_scripts_are_registered_before_any_request(data_root, cache_root, built):
    # Dash serves a component file only once its process has rendered a page naming it, and
    # gunicorn forks the workers after create_app: a worker whose first request was a script of
    # a page another worker rendered answered 404 (seen in Chromium: polyfill, async-graph.js).
    from dashboard.app import create_app

    paths = create_app(str(data_root), str(cache_root)).registered_paths["dash"]
    assert "deps/polyfill@7.12.1.min.js" in paths and "dcc/async-graph.js" in paths


def test_convert_tab_and_batch_api_share_one_rows_budget(monkeypatch, data_root, cache_root, built):
    # Issue #24: the "many addresses" tab had no limit; the batch API counted requests, not rows.
    import base64

    from tests.helpers import dash_post

    client = _app(
        monkeypatch, data_root, cache_root, HANOI_ROWS_RATE="1500/minute"
    ).server.test_client()
    first = client.post("/api/lookup/batch", json={"queries": ["Hang Bai"] * 1000})
    assert first.status_code == 200

    def convert(rows: int, lang: str):
        raw = ("address\n" + "P. Dien Bien, Q. Ba Dinh\n" * rows).encode()
        contents = "data:text/csv;base64," + base64.b64encode(raw).decode()
        return dash_post(
            client,
            "..convert-download.data...convert-messages.children..",
            [
                {"id": "convert-download", "property": "data"},
                {"id": "convert-messages", "property": "children"},
            ],
            [("convert-upload", "contents", contents)],
            [("convert-upload", "filename", "a.csv"), ("lang", "data", lang)],
        )

    ok = convert(400, "en")  # 1,400 of 1,500
    assert ok.status_code == 200 and ok.get_json()["response"]["convert-download"]["data"]
    over = convert(200, "vi")
    assert over.status_code == 200
    message = json.dumps(over.get_json()["response"]["convert-messages"], ensure_ascii=False)
    assert "tối đa 1.500 dòng mỗi phút" in message
    batch = client.post("/api/lookup/batch", json={"queries": ["Hang Bai"] * 10})
    assert batch.status_code == 429 and "1,500 rows per minute" in batch.get_json()["error"]
    assert batch.headers["Retry-After"]
