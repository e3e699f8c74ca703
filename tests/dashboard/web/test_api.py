"""The JSON API: answers and 400s."""

import pytest


def test_lookup_split_unit(client):
    resp = client.get("/api/lookup", query_string={"q": "phuong dien bien"})
    assert resp.status_code == 200
    m = resp.get_json()["matches"][0]
    assert m["old_code"] == "00019" and len(m["new_units"]) == 4


def test_locate(client):
    resp = client.get("/api/locate?lat=21.0285&lon=105.8542")
    assert resp.status_code == 200 and resp.get_json()["new_unit"]["new_code"] == "00070"


@pytest.mark.parametrize(
    "url",
    [
        "/api/lookup",
        "/api/lookup?q=",
        "/api/lookup?q=" + "a" * 2000,
        "/api/locate",
        "/api/locate?lat=abc&lon=1",
        "/api/locate?lat=nan&lon=1",
        "/api/locate?lat=1e999&lon=1",
        "/api/locate?lat=95&lon=105",
    ],
)
def test_bad_input_is_a_400_with_a_message(client, url):
    resp = client.get(url)
    assert resp.status_code == 400
    assert resp.get_json()["error"]


def test_overlong_address_is_a_414_with_a_message(client):
    resp = client.get("/api/lookup?q=" + "a" * 5000)
    assert resp.status_code == 414 and "too long" in resp.get_json()["error"]


def test_unknown_api_route_is_a_json_404(client):
    resp = client.get("/api/nope")
    assert resp.status_code == 404 and "lookup" in resp.get_json()["error"]


def test_batch_lookup_answers_each_query_in_order(client):
    queries = ["P. Dien Bien, Q. Ba Dinh", "Xã Minh Châu", "", "21.0285, 105.8542"]
    resp = client.post("/api/lookup/batch", json={"queries": queries, "lang": "en"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["count"] == 4 and [r["query"] for r in body["results"]] == queries
    statuses = [r["status"] for r in body["results"]]
    assert statuses == ["split", "ok", "empty", "point"]
    assert body["results"][1]["new_code"] == "09661"


@pytest.mark.parametrize(
    "payload",
    [None, {"queries": "x"}, {"queries": [1]}, {"queries": ["a"] * 1001}, ["a"]],
)
def test_batch_lookup_refuses_bad_bodies_with_a_400(client, payload):
    resp = client.post("/api/lookup/batch", json=payload)
    assert resp.status_code == 400 and resp.get_json()["error"]


# Issue #24: one guard for every JSON body (depth, size, syntax, Unicode) and for query strings.
@pytest.mark.parametrize(
    "raw",
    [
        b'{"queries": ' + b"[" * 1000 + b"]" * 1000 + b"}",  # RecursionError in get_json before
        b"[" * 100_000,
        b'{"queries": ["\\ud800"]}',  # a lone surrogate: no encoder accepts it
        b'{"queries": ["ok"], "\\udfff": 1}',
        b'{"queries": ["\xff\xfe"]}',  # not UTF-8
        b'{"queries": [',
    ],
)
def test_hostile_json_bodies_are_a_400_with_a_json_error(client, raw):
    resp = client.post("/api/lookup/batch", data=raw, content_type="application/json")
    assert resp.status_code == 400 and resp.get_json()["error"]


def test_an_oversized_json_body_is_a_413(client):
    raw = b'{"queries": ["' + b"a" * 1_100_000 + b'"]}'
    resp = client.post("/api/lookup/batch", data=raw, content_type="application/json")
    assert resp.status_code == 413 and resp.get_json()["error"]


def test_a_paired_surrogate_is_text(client):
    resp = client.post(
        "/api/lookup/batch",
        data=b'{"queries": ["\\ud83d\\ude00"]}',
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.get_json()["results"][0]["query"] == "😀"


@pytest.mark.parametrize("query", ["q=%ED%A0%80", "q=%FF", "lang=%C3"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, query):
    resp = client.get(f"/api/lookup?{query}")
    assert resp.status_code == 400 and resp.get_json()["error"]
    assert client.get(f"/oembed?url=x&{query}").status_code == 400


def test_a_lone_surrogate_in_the_search_box_is_a_400(client):
    from tests.helpers import dash_post

    for value in ["\ud800", "Hàng Bài \udc00"]:
        resp = dash_post(
            client,
            "..url.search...lang-switch.href...map-tools.children..",
            [
                {"id": "url", "property": "search"},
                {"id": "lang-switch", "property": "href"},
                {"id": "map-tools", "property": "children"},
            ],
            [
                ("search", "value", value),
                ("indicator", "value", None),
                ("scheme", "value", None),
                ("k", "value", None),
                ("unit-type", "value", None),
                ("compare-units", "value", None),
                ("unit", "data", None),
                ("tab", "value", None),
            ],
            [("lang", "data", "vi")],
        )
        assert resp.status_code == 400 and "Unicode" in resp.get_json()["error"]
