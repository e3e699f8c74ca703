"""The JSON API: answers and 400s."""

import pytest


@pytest.fixture(scope="module")
def client(data_root, cache_root, built):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root)).server.test_client()


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
