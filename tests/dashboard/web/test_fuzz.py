"""Property-based robustness: over 10,000 generated inputs, no route or callback answers 5xx.

Each property sends requests through the Flask test client (no network) and checks the answer is
either a success or a clear 4xx with a message. Generation is derandomised so CI is reproducible.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import dash_post

SENT = {"n": 0}
FAST = settings(
    max_examples=2500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
junk = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=True) | text,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(text, children, max_size=5),
    max_leaves=10,
)
codes = st.sampled_from(["00070", "09661", "00082", "99999", "", "0", "abc", "00070 ", "<script>"])


@pytest.fixture(scope="module")
def client(data_root, cache_root, built):
    from dashboard.app import create_app

    return create_app(str(data_root), str(cache_root)).server.test_client()


def ok(resp) -> None:
    """Success, or a 4xx that says what was wrong."""
    SENT["n"] += 1
    assert resp.status_code < 500, resp.get_data(as_text=True)[:300]
    if resp.status_code >= 400:
        body = resp.get_json(silent=True)
        assert (body and body.get("error")) or "<p>" in resp.get_data(as_text=True)


@FAST
@given(q=text)
def test_lookup_api(client, q):
    ok(client.get("/api/lookup?q=" + quote(q, safe="")))


@settings(FAST, max_examples=2000)
@given(
    lat=st.one_of(st.floats(allow_nan=True), text), lon=st.one_of(st.floats(allow_nan=True), text)
)
def test_locate_api(client, lat, lon):
    ok(client.get(f"/api/locate?lat={quote(str(lat), safe='')}&lon={quote(str(lon), safe='')}"))


@settings(FAST, max_examples=1500)
@given(
    url=st.one_of(text, st.builds(lambda p, q: f"http://localhost/{p}?{q}", text, text)),
    width=text,
    fmt=text,
)
def test_oembed(client, url, width, fmt):
    ok(
        client.get(
            f"/oembed?url={quote(url, safe='')}&maxwidth={quote(width, safe='')}&format={quote(fmt, safe='')}"
        )
    )


@settings(FAST, max_examples=1500)
@given(indicator=junk, scheme=junk, k=junk, unit_type=junk, user=junk, lang=junk)
def test_map_callback(client, indicator, scheme, k, unit_type, user, lang):
    ok(
        dash_post(
            client,
            "..city-map.figure...map-legend.children..",
            [
                {"id": "city-map", "property": "figure"},
                {"id": "map-legend", "property": "children"},
            ],
            [
                ("indicator", "value", indicator),
                ("scheme", "value", scheme),
                ("k", "value", k),
                ("unit-type", "value", unit_type),
                ("user-data", "data", user),
            ],
            [("lang", "data", lang)],
        )
    )


@settings(FAST, max_examples=800)
@given(query=junk, lang=junk)
def test_search_callback(client, query, lang):
    ok(
        dash_post(
            client,
            "search-results.children",
            {"id": "search-results", "property": "children"},
            [("search-button", "n_clicks", 1), ("search", "value", query)],
            [("lang", "data", lang)],
        )
    )


@settings(FAST, max_examples=600)
@given(selected=st.one_of(junk, st.lists(codes, max_size=9)), user=junk, lang=junk)
def test_compare_callback(client, selected, user, lang):
    ok(
        dash_post(
            client,
            "compare-results.children",
            {"id": "compare-results", "property": "children"},
            [("compare-units", "value", selected), ("user-data", "data", user)],
            [("lang", "data", lang)],
        )
    )


csv_like = st.lists(
    st.lists(st.one_of(text, codes, st.integers().map(str)), min_size=1, max_size=4), max_size=8
).map(lambda rows: "\n".join(",".join(r) for r in rows))


@settings(FAST, max_examples=500)
@given(
    body=st.one_of(
        csv_like.map(lambda s: "code,staff\n" + s),
        csv_like,
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    ),
    name=junk,
)
def test_upload_callback(client, body, name):
    contents = (
        "data:text/csv;base64," + base64.b64encode(body.encode("utf-8", "surrogatepass")).decode()
    )
    ok(
        dash_post(
            client,
            "..user-data.data...upload-messages.children..",
            [
                {"id": "user-data", "property": "data"},
                {"id": "upload-messages", "property": "children"},
            ],
            [("upload", "contents", contents), ("upload-clear", "n_clicks", 0)],
            [("upload", "filename", name), ("lang", "data", "en")],
        )
    )


@settings(FAST, max_examples=300)
@given(
    path=st.one_of(
        text,
        st.sampled_from(
            ["/", "/embed/map", "/embed/unit/00070", "/embed/chart/pop2025", "/corrections"]
        ),
    ),
    search=text,
)
def test_page_callback(client, path, search):
    ok(
        dash_post(
            client,
            "page.children",
            {"id": "page", "property": "children"},
            [("url", "pathname", path)],
            [("url", "search", "?" + search)],
        )
    )


@settings(FAST, max_examples=500)
@given(path=text, query=text)
def test_any_address(client, path, query):
    ok(client.get("/" + quote(path, safe="/") + "?" + quote(query, safe="=&")))


@settings(FAST, max_examples=300)
@given(body=junk)
def test_raw_callback_bodies(client, body):
    ok(
        client.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json"
        )
    )


def test_at_least_10000_inputs_were_sent():
    assert SENT["n"] >= 10_000, SENT
