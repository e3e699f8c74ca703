"""#23: the map of the reader's own uploaded figures downloads as the framed vector SVG (one path
per unit, text as text), drawn from the figures the page posts and kept nowhere; hostile bodies
get a clear message, never a 500."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def figures(app_data):
    codes = list(app_data.units.index)
    return {
        "file": "staff.csv",
        "columns": {
            "staff": {c: 10 + i for i, c in enumerate(codes)},
            "dossiers_received": {c: 1000 + 7 * i for i, c in enumerate(codes[:100])},
        },
    }


def _post(client, body, **kw):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/export/map.svg?lang=en", data=data, content_type="application/json", **kw)


def _error(resp) -> str:
    """The message of a refused request: JSON ``{"error": …}`` from the route, or the page of the
    JSON guard every route has (dashboard/web/serving.py)."""
    return (resp.get_json(silent=True) or {}).get("error") or resp.get_data(as_text=True)


def test_own_figures_map_is_a_framed_vector_svg(client, figures):
    resp = _post(
        client,
        {"indicator": "user:staff", "query": "lang=en&scheme=jenks&k=4", "figures": figures},
    )
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    assert resp.headers["Cache-Control"] == "no-store"  # nothing kept, anywhere
    assert "attachment" in resp.headers["Content-Disposition"]
    root = ET.fromstring(resp.data)
    units = root.findall(f".//{SVG}g[@class='units']/{SVG}path")
    assert len(units) == 126 and not root.findall(f".//{SVG}image")
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert text.startswith("staff") and "Natural breaks (Jenks), 4 classes" in text
    assert "Source: Your file (this browser session only)" in text
    # The colours follow the posted values: the lowest and highest units differ.
    fills = {p.get("id"): p.get("fill") for p in units}
    codes = list(figures["columns"]["staff"])
    assert fills[f"u{codes[0]}"] != fills[f"u{codes[-1]}"]


def test_units_without_a_posted_value_are_grey(client, figures):
    resp = _post(
        client, {"indicator": "user:dossiers_received", "query": "lang=vi", "figures": figures}
    )
    assert resp.status_code == 200
    root = ET.fromstring(resp.data)
    grey = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "#d9d9d9"]
    assert len(grey) == 26
    assert "không có dữ liệu (26)" in resp.get_data(as_text=True)


@pytest.mark.parametrize(
    "body, status, words",
    [
        ("not json", 400, "Malformed JSON"),
        ([1, 2], 400, "could not be drawn"),
        ({"indicator": "user:staff", "query": "lang=en"}, 400, "no figures of your own"),
        ({"indicator": "user:staff", "query": "lang=en", "figures": "x"}, 400, "no figures"),
        ({"indicator": "user:nope", "query": "lang=en", "figures": None}, 400, "no figures"),
        ({"indicator": "pop2025", "query": "lang=en", "figures": "F"}, 400, "could not be"),
        ({"indicator": "user:nope", "query": "lang=en", "figures": "F"}, 400, "could not be"),
        ({"indicator": ["user:staff"], "query": "lang=en", "figures": "F"}, 400, "could not be"),
        ({"indicator": "user:staff", "query": 5, "figures": "F"}, 200, ""),
        ({"indicator": "user:staff", "query": "lang=vi", "figures": None}, 400, "Chưa có số liệu"),
    ],
)
def test_a_bad_body_gets_a_clear_message_never_a_500(client, figures, body, status, words):
    if isinstance(body, dict) and body.get("figures") == "F":
        body = {**body, "figures": figures}
    resp = _post(client, body)
    assert resp.status_code == status, resp.data[:300]
    if status != 200:
        assert words.lower() in _error(resp).lower()


def test_hostile_values_are_dropped_not_drawn(client, figures):
    codes = list(figures["columns"]["staff"])
    values = {codes[0]: "1e400", codes[1]: True, codes[2]: 1e300, "<script>": 5, codes[3]: 4}
    hostile = {"file": "<b>x</b>", "columns": {'<svg onload="x">': values}}
    resp = _post(client, {"indicator": "user:svg-onload-x", "query": "", "figures": hostile})
    if resp.status_code == 200:  # the column's safe name, if the upload rules keep one
        assert b"<script>" not in resp.data and b"onload=" not in resp.data
    else:
        assert resp.status_code == 400
    # The column's name is made safe the way the upload makes it; then drawn as escaped text.
    from dashboard.model.upload import session_figures

    name = next(iter(session_figures(hostile)["columns"]))
    resp = _post(client, {"indicator": f"user:{name}", "query": "", "figures": hostile})
    assert resp.status_code == 200 and b"onload=" not in resp.data
    root = ET.fromstring(resp.data)  # well-formed whatever the name
    assert len(root.findall(f".//{SVG}g[@class='units']/{SVG}path")) == 126


def test_an_oversized_body_is_refused_before_it_is_read(client, figures):
    big = {"indicator": "user:staff", "query": "lang=en", "figures": figures, "pad": "x" * 300_000}
    resp = _post(client, big)
    assert resp.status_code == 413 and "limit is 200 KB" in _error(resp)
