"""Property-based robustness: over 10,000 generated inputs, no route or callback answers 5xx.

Each property sends requests through the Flask test client (no network) and checks the answer is
either a success or a clear 4xx with a message. Generation is derandomised so CI is reproducible.
"""

from __future__ import annotations

import base64
import collections
import http.client
import itertools
import json
import threading
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import dash_post, page_post

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

    app = create_app(str(data_root), str(cache_root))
    app.server.dash_app = app  # the fuzz lists the callbacks from app.callback_map
    return app.server.test_client()


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
            f"/oembed?url={quote(url, safe='')}&maxwidth={quote(width, safe='')}"
            f"&format={quote(fmt, safe='')}"
        )
    )


@settings(FAST, max_examples=1500)
@given(indicator=junk, scheme=junk, k=junk, unit_type=junk, user=junk, lang=junk)
def test_map_callback(client, indicator, scheme, k, unit_type, user, lang):
    ok(
        dash_post(
            client,
            "..city-map.figure...map-legend.children...map-head.children..",
            [
                {"id": "city-map", "property": "figure"},
                {"id": "map-legend", "property": "children"},
                {"id": "map-head", "property": "children"},
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
    ok(page_post(client, path, "?" + search))


routes = st.sampled_from(["/", "/embed/map", "/embed/unit/00070", "/corrections"])
views = st.dictionaries(
    st.sampled_from(["lang", "unit", "indicator", "scheme", "k", "type", "compare", "q", "tab"]),
    st.one_of(text, codes, st.sampled_from(["en", "vi", "pop2025", "jenks", "7", "xa", "table"])),
    max_size=6,
)


@settings(FAST, max_examples=150)
@given(
    path=st.one_of(text, routes),
    view=st.one_of(views.map(urlencode), text.map(lambda s: quote(s, safe="=&"))),
    raw=st.text(st.characters(min_codepoint=32, max_codepoint=126)),
)
def test_layout_for_any_referer(client, path, view, raw):
    """The layout draws the page its Referer names (views/layout.py: shell), whatever that is;
    any other Referer gets the layout without a page."""
    named = f"http://localhost/{quote(path.lstrip('/'), safe='/')}?{view}"
    resp = client.get("/_dash-layout", headers={"Referer": named})
    ok(resp)
    page = next(c for c in resp.get_json()["props"]["children"] if c["props"]["id"] == "page")
    assert page["props"]["children"], named
    ok(client.get("/_dash-layout", headers={"Referer": raw}))


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


# Values a component could send for its property (so the callbacks themselves run), mixed with junk
# (so the validator is exercised); which callbacks exist comes from app.callback_map.
plausible = st.one_of(
    st.none(),
    text,
    codes,
    st.integers(0, 12),
    st.lists(codes, max_size=7),
    st.fixed_dictionaries({"lat": st.floats(20, 22), "lon": st.floats(105, 107)}),
    st.fixed_dictionaries({"file": text, "columns": st.dictionaries(text, st.just({"00070": 1}))}),
)
COVERED: set[str] = set()


def callback_body(draw, callback_map, output: str) -> dict:
    """A request for ``output`` with drawn values for exactly its declared inputs and state."""
    cb = callback_map[output]

    def items(declared):
        return [
            {"id": i["id"], "property": i["property"], "value": draw(st.one_of(plausible, junk))}
            for i in declared
        ]

    names = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = [dict(zip(("id", "property"), n.split(".", 1), strict=True)) for n in names]
    return {
        "output": output,
        "outputs": outs if output.startswith("..") else outs[0],
        "inputs": items(cb["inputs"]),
        "state": items(cb["state"]),
        "changedPropIds": [f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"],
    }


@settings(FAST, max_examples=1500)
@given(data=st.data())
def test_every_callback_in_the_callback_map(client, data):
    callback_map = client.application.dash_app.callback_map
    output = data.draw(st.sampled_from(sorted(callback_map)))
    COVERED.add(output)
    body = callback_body(data.draw, callback_map, output)
    ok(client.post("/_dash-update-component", json=body))


def test_the_fuzz_reached_every_callback(client):
    assert COVERED == set(client.application.dash_app.callback_map)


# A count, not a duration: a loaded machine sends the same requests, only more slowly (about
# 10 s on an idle 2-CPU machine). benchmarks/live_fuzz.py sends 50,000 through nginx and Redis.
LIVE_REQUESTS = 2000
LIVE_CLIENTS = 4


def _send(port: int, cases: list, counts: collections.Counter, bad: list) -> None:
    """Send ``cases`` on one keep-alive connection; count the statuses, keep the 5xx."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for method, path, body in cases:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # gunicorn closes a keep-alive connection idle for 5 s (a loaded machine can leave
            # it idle that long): the request never reached the app, so it is sent again on a
            # new connection, as any HTTP client does. A second failure fails.
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
        data = resp.read()
        counts[resp.status] += 1
        if resp.status >= 500:
            bad.append((method, path, (body or b"")[:200], data[:300]))
        if resp.will_close:
            conn.close()
    conn.close()


@pytest.mark.live
def test_live_fuzz_against_gunicorn(client, data_root, cache_root, built):
    """Bounded fuzz over HTTP against a real gunicorn on loopback, from several connections at
    once: every callback, junk, addresses and the hostile input; status codes counted, no 5xx,
    and most callbacks ran past the validator (a fuzz answered only 400 would prove little)."""
    from tests.dashboard.web.live import gunicorn
    from tests.fuzz_cases import hostile_bodies, live_requests

    callback_map = client.application.dash_app.callback_map
    hostile = hostile_bodies()
    per_client = LIVE_REQUESTS // LIVE_CLIENTS
    cases = [
        list(itertools.islice(live_requests(callback_map, 126 + i, hostile), per_client))
        for i in range(LIVE_CLIENTS)
    ]
    sent = {
        json.loads(body)["output"]
        for mine in cases
        for _, _, body in mine
        if body and body.startswith(b'{"output": "')
    }
    assert sent == set(callback_map)
    counts: collections.Counter = collections.Counter()
    bad: list = []
    with gunicorn(data_root, cache_root, workers=2, threads=2) as port:
        threads = [threading.Thread(target=_send, args=(port, mine, counts, bad)) for mine in cases]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print("live fuzz status codes:", dict(sorted(counts.items())))
    assert sum(counts.values()) == LIVE_REQUESTS and not bad, (counts, bad[:3])
    assert counts[200] >= LIVE_REQUESTS * 0.3, counts


def test_hostile_input_is_answered_with_a_4xx_or_a_message(client):
    """Issue #24's files and bodies through the test client: never a 5xx, each a clear answer."""
    from tests.fuzz_cases import hostile_bodies

    for method, path, body in hostile_bodies():
        resp = client.open(path, method=method, data=body, content_type="application/json")
        ok(resp)
        if path == "/_dash-update-component" and b"convert-upload" in (body or b""):
            messages = json.dumps(resp.get_json()["response"]["convert-messages"])
            assert resp.status_code == 200
            assert '"role": "alert"' in messages and "Traceback" not in messages


def test_at_least_10000_inputs_were_sent():
    assert SENT["n"] >= 10_000, SENT
