"""Versioned component-script folders, the plotly.js bundle per page, pre-compressed bodies."""

from __future__ import annotations

import brotli
from flask import Flask, Response, request

from dashboard.web.static_assets import (
    Precompressed,
    VersionedSuites,
    bundle_for,
    version_suite_folders,
)


def test_component_scripts_move_under_their_fingerprint_folder():
    tag = (
        '<script src="/_dash-component-suites/dash/dcc/dash_core_components.v3_4_0m17.js"></script>'
    )
    moved = version_suite_folders(tag)
    assert 'src="/_dash-component-suites/dash/dcc/v3_4_0m17/dash_core_components.v3_4_0m17.js"' in (
        moved
    )
    plain = '<script src="/_dash-component-suites/dash/dcc/async-graph.js"></script>'
    assert version_suite_folders(plain) == plain


def test_versioned_folder_is_stripped_and_marked():
    seen = {}

    def app(environ, start_response):
        seen.update(path=environ["PATH_INFO"], versioned=environ.get("hanoi.versioned"))
        return []

    VersionedSuites(app)({"PATH_INFO": "/_dash-component-suites/dash/dcc/v3_4_0m17/a.js"}, None)
    assert seen == {"path": "/_dash-component-suites/dash/dcc/a.js", "versioned": True}


def test_chart_embeds_get_the_chart_bundle(monkeypatch):
    assert bundle_for("/embed/chart/pop2025") == "vendor/plotly-hanoi-chart.min.js"
    assert bundle_for("/embed/facts") == "vendor/plotly-hanoi-chart.min.js"
    assert bundle_for("/embed/map") == bundle_for("/embed/map/") == "vendor/plotly-hanoi-geo.min.js"
    for path in ("/", "/embed/unit/00070", "/embed/overlay/00070", "/corrections"):
        assert bundle_for(path) == "vendor/plotly-hanoi.min.js", path
    monkeypatch.setenv("HANOI_FULL_PLOTLY", "1")
    assert bundle_for("/") is None


def test_scripts_are_sent_at_brotli_11_once_ready(tmp_path):
    body = ("function f(){return 1}\n" * 2000).encode()
    store = Precompressed(tmp_path)
    assert store.bodies(body, wait=True)["br"] == brotli.compress(body, quality=11)
    app = Flask(__name__)
    with app.test_request_context("/assets/x.js", headers={"Accept-Encoding": "gzip, br"}):
        resp = store.apply(request, Response(body, mimetype="application/javascript"))
    assert resp.headers["Content-Encoding"] == "br"
    assert brotli.decompress(resp.get_data()) == body
    # another process finds them on disk
    assert Precompressed(tmp_path).bodies(body) is not None


def test_first_chunks_are_preloaded_from_dcc_versioned_folder():
    from dashboard.web.static_assets import chunk_preloads

    dcc = "/_dash-component-suites/dash/dcc/v3_4_0m17/"
    scripts = f'<script src="{dcc}dash_core_components.v3_4_0m17.js">'
    assert chunk_preloads(scripts) == (
        '<link rel="preload" as="script" '
        'href="/_dash-component-suites/dash/dcc/v3_4_0m17/async-graph.js">'
        '<link rel="preload" as="script" '
        'href="/_dash-component-suites/dash/dcc/v3_4_0m17/async-upload.js">'
    )
    assert chunk_preloads('<script src="/assets/x.js">') == ""


def test_dashboard_names_its_plotly_for_later_and_loads_it_with_no_tag(client):
    """#22: plotly.js is fetched when a graph is to be drawn (assets/lazy_plotly.js), not by a
    script tag of the page: the page names it in a meta tag, with the waiting box's button."""
    import re

    for path, label in (("/", "Mở bản đồ"), ("/?lang=en", "Open the map")):
        page = client.get(path).get_data(as_text=True)
        scripts = re.findall(r'<script src="([^"]+)"', page)
        assert not [s for s in scripts if "plotly-hanoi" in s or "plotly.min" in s], scripts
        lazy = [i for i, s in enumerate(scripts) if "/assets/lazy_plotly.js" in s]
        renderer = [i for i, s in enumerate(scripts) if "dash_renderer" in s]
        assert lazy and renderer and lazy[0] < renderer[0], scripts
        meta = re.search(
            r'<meta name="hanoi-plotly" content="([^"]+)" data-label="([^"]+)" '
            r'data-wide="([^"]+)">',
            page,
        )
        assert meta and meta.group(1).startswith("/assets/vendor/plotly-hanoi.min.js?m=")
        assert meta.group(2) == label
        assert "min-width" in meta.group(3)  # where it comes at once
        assert 'rel="preload" as="script" href="/assets/vendor/plotly' not in page
        assert client.get(meta.group(1)).status_code == 200
