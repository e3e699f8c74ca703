"""The Flask side of the app: pages render, the map is in the layout, bad query strings are
harmless."""

import gzip
import json
import re

import pytest

from tests.helpers import page_post


def page_text(client, query=""):
    """The page for a query string as the layout draws it (the browser's Referer names the
    address), with Vietnamese unescaped; the page callback must draw the same page."""
    resp = client.get("/_dash-layout", headers={"Referer": "http://localhost/" + query})
    assert resp.status_code == 200
    page = _component(resp.get_json(), "page")["children"]
    drawn = page_post(client, "/", query)
    assert drawn.status_code == 200 and drawn.get_json()["response"]["page"]["children"] == page
    return json.dumps(page, ensure_ascii=False)


@pytest.fixture(scope="module")
def client(data_root, cache_root, built):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root)).server.test_client()


def test_index_and_layout_serve_the_map(client):
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    body = page_text(client)
    assert "choroplethmap" in body and "Nguồn dữ liệu và giấy phép" in body
    assert '"coordinates"' not in body  # the geometry is a static file the browser caches
    url = re.search(r'"geojson": "(/geo/units-[0-9a-f]{12}\.json)"', body).group(1)
    geo = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert (
        geo.status_code == 200
        and geo.headers["Content-Encoding"] == "gzip"
        and "immutable" in geo.headers["Cache-Control"]
    )
    assert len(json.loads(gzip.decompress(geo.data))["features"]) == 126
    assert (
        client.get(
            url, headers={"If-None-Match": geo.headers["ETag"], "Accept-Encoding": "gzip"}
        ).status_code
        == 304
    )
    assert client.get(url, headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    assert client.get("/geo/units-000000000000.json").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?lang=en", "?lang=%00%ff", "?unit=00070", "?unit=" + "9" * 3000, "?indicator=nope&lang=vi"],
)
def test_query_strings_never_500(client, query):
    assert client.get("/" + query).status_code == 200
    assert "choroplethmap" in page_text(client, query)


def test_unit_in_url_opens_its_panel(client):
    body = page_text(client, "?unit=00070")
    assert "Phường Hàng Bạc" in body


def test_english_layout(client):
    assert "Hanoi after the 2025 reorganisation" in page_text(client, "?lang=en")


def _component(tree, component_id):
    """The props of the component with ``component_id`` in a layout's JSON, or None."""
    if isinstance(tree, list):
        return next((p for c in tree if (p := _component(c, component_id)) is not None), None)
    if not isinstance(tree, dict) or "props" not in tree:
        return None
    if tree["props"].get("id") == component_id:
        return tree["props"]
    return next(
        (p for v in tree["props"].values() if (p := _component(v, component_id)) is not None),
        None,
    )


def test_the_layout_holds_the_page_its_referer_names(client):
    resp = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=en&unit=00070"})
    layout = resp.get_json()
    url = _component(layout, "url")
    # href is left for the browser to set: that runs the check that it is at this address
    assert (url["pathname"], url["search"]) == ("/", "?lang=en&unit=00070")
    assert "href" not in url and "hash" not in url
    assert _component(layout, "unit")["data"] == {"code": "00070"}
    page = json.dumps(_component(layout, "page"), ensure_ascii=False)
    assert "Hanoi after the 2025 reorganisation" in page and "Phường Hàng Bạc" in page
    # another Referer is another layout: no shared cache may answer with this one
    assert (
        resp.headers["Cache-Control"] == "private, no-cache" and "Referer" in resp.headers["Vary"]
    )


@pytest.mark.parametrize("headers", [{}, {"Referer": "http://evil.example/?lang=en"}])
def test_without_a_referer_of_this_site_the_page_callback_draws_the_page(client, headers):
    layout = client.get("/_dash-layout", headers=headers).get_json()
    assert _component(layout, "page").get("children") is None
    assert "pathname" not in _component(layout, "url")  # set by the browser: fires the callback


def test_the_stores_mount_without_changing(client):
    """A store whose data prop differs from what its storage holds "changes" as it mounts and
    fires its callbacks on every load: no unit is no data at all (a memory store holds
    undefined), and no figures of one's own is null (what an empty session storage holds)."""
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=en"})
    assert "data" not in _component(layout.get_json(), "unit")
    user = _component(layout.get_json(), "user-data")
    assert "data" in user and user["data"] is None
