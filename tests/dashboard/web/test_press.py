"""Press features: oEmbed, downloads, frame headers, embed pages."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import quote

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard import callbacks
from dashboard.model.exports import CROSSWALK_COLUMNS, UNIT_COLUMNS


def _text(component) -> str:
    return json.dumps(
        component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False
    )


# --- oEmbed --------------------------------------------------------------------------------------


def _oembed(client, url, **extra):
    query = "&".join([f"url={quote(url, safe='')}"] + [f"{k}={v}" for k, v in extra.items()])
    return client.get("/oembed?" + query)


def test_oembed_rich_response_for_a_unit_embed(client):
    resp = _oembed(client, "http://localhost/embed/unit/00070?lang=en", format="json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    body = resp.get_json()
    assert (
        body["version"] == "1.0"
        and body["type"] == "rich"
        and body["provider_name"] == "Hà Nội 126"
    )
    assert (
        body["title"] == "Phường Hoàn Kiếm — 126 wards and communes of Hanoi"
        and body["width"] == 640
        and body["height"] == 760
    )
    assert (
        '<iframe src="http://localhost/embed/unit/00070?lang=en"' in body["html"]
        and "embed-resize.js" in body["html"]
    )


def test_oembed_maps_the_dashboard_to_its_map_embed_and_respects_maxsize(client):
    body = _oembed(
        client, "http://localhost/?indicator=pop2025&lang=en", maxwidth=500, maxheight=300
    ).get_json()
    assert (
        "/embed/map?indicator=pop2025" in body["html"]
        and body["width"] == 500
        and body["height"] == 300
    )
    assert 'height="300"' in body["html"]
    assert body["title"] == "Population 2025 (people) — 126 wards and communes of Hanoi"
    vi = _oembed(client, "http://localhost/?indicator=pop2025").get_json()
    assert vi["title"] == "Dân số 2025 (người) — 126 phường, xã Hà Nội"


def test_oembed_for_the_facts_embed(client):
    body = _oembed(client, "http://localhost/embed/facts?lang=en").get_json()
    assert body["title"] == "The reorganisation in figures — 126 wards and communes of Hanoi"
    assert client.get("/embed/facts?lang=en").status_code == 200


@pytest.mark.parametrize(
    "url,extra,status",
    [
        ("http://evil.example/embed/map", {}, 404),
        ("http://localhost/embed/unit/99999", {}, 404),
        ("http://localhost/download/units.csv", {}, 404),
        ("javascript:alert(1)", {}, 404),
        ("http://localhost/embed/map", {"format": "xml"}, 501),
        ("", {}, 400),
        ("http://localhost/" + "x" * 3000, {"maxwidth": "abc"}, 404),
        ("http://localhost/" + "x" * 5000, {}, 414),
    ],
)
def test_oembed_bad_input(client, url, extra, status):
    resp = _oembed(client, url, **extra)
    assert resp.status_code == status and "error" in resp.get_json()


def test_discovery_link_on_embeddable_pages_only(client):
    assert 'type="application/json+oembed"' in client.get("/embed/map?lang=en").get_data(
        as_text=True
    )
    assert 'type="application/json+oembed"' in client.get("/?unit=00070").get_data(as_text=True)
    assert "json+oembed" not in client.get("/corrections").get_data(as_text=True)


# --- downloads -----------------------------------------------------------------------------------


def test_units_csv(client, app_data):
    resp = client.get("/download/units.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    text = resp.get_data(as_text=True).lstrip("\ufeff")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any(app_data.built.stamp in line for line in header)
    assert any("MIT" in line and "GPL-3.0" in line for line in header)
    assert any("pop2019_est" in line and "all of the population" in line for line in header)
    assert any("area_official_km2: natural area per the merger map" in line for line in header)
    assert any("Service Center" in line and "523,292" in line for line in header)
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype={"code": str})
    assert list(frame.columns) == UNIT_COLUMNS and len(frame) == 126
    assert frame["pop2025"].sum() == 8_807_523 and (frame["unit_type"] == "phường").sum() == 51
    plain = pd.read_csv(
        io.StringIO(
            client.get("/download/units-nometa.csv").get_data(as_text=True).lstrip("\ufeff")
        )
    )
    assert len(plain) == 126


def test_crosswalk_csv(client, app_data):
    text = client.get("/download/crosswalk.csv").get_data(as_text=True).lstrip("\ufeff")
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype={"old_code": str, "new_code": str})
    law = app_data.built.crosswalk
    assert list(frame.columns) == CROSSWALK_COLUMNS
    assert len(frame) == (law["source"] != "mapping only").sum()
    assert "mapping only" not in set(frame["source"])
    assert frame["old_code"].nunique() == 526 and frame["new_code"].nunique() == 126
    # The one pair only the dvhcvn mapping lists (Sơn Đồng → Đoài Phương, contradicted by
    # clause 104) is left out, and the header says so and explains the source column.
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert not ((frame["old_code"] == "09859") & (frame["new_code"] == "09616")).any()
    assert any("left out ('mapping only'): Xã Sơn Đồng (09859)" in line for line in header)
    assert any(line.startswith("# source: both = ") for line in header)
    assert set(frame["kind"]) == {"whole", "part"} and frame["clause_text"].notna().mean() > 0.99


@pytest.mark.parametrize("name", ["units.geojson", "units-full.geojson"])
def test_geojson_downloads_are_valid(client, app_data, name):
    resp = client.get(f"/download/{name}")
    assert resp.status_code == 200 and resp.mimetype == "application/geo+json"
    doc = json.loads(resp.get_data(as_text=True))
    assert (
        doc["type"] == "FeatureCollection"
        and doc["metadata"]["data_version"] == app_data.built.stamp
    )
    assert any("GPL-3.0" == s["licence"] for s in doc["metadata"]["sources"])
    gdf = gpd.GeoDataFrame.from_features(doc["features"], crs=4326)
    assert len(gdf) == 126 and gdf["code"].is_unique and shapely.is_valid(gdf.geometry.values).all()
    assert set(UNIT_COLUMNS) <= set(gdf.columns)
    area = gdf.to_crs("+proj=aea +lat_1=20 +lat_2=22 +lat_0=21 +lon_0=105.8").area.sum() / 1e6
    assert area == pytest.approx(3359.77, rel=0.005)


def test_download_unknown_file_is_404(client):
    assert client.get("/download/../../etc/passwd").status_code == 404
    assert client.get("/download/nope.csv").status_code == 404
    for path in ("/nope", "/embed/map/a/b/c", "/wp-admin/setup.php", "/api/lookup/extra"):
        assert client.get(path).status_code == 404


# --- frame policy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,framable",
    [
        ("/embed/map", True),
        ("/embed/unit/00070", True),
        ("/embed/chart/pop2025?compare=00070,00082", True),
        ("/", False),
        ("/?lang=en", False),
        ("/corrections", False),
        ("/download/units.csv", False),
        ("/api/lookup?q=Hang%20Bai", False),
        ("/oembed?url=x", False),
    ],
)
def test_frame_headers_per_route(client, path, framable):
    resp = client.get(path)
    csp = resp.headers.get("Content-Security-Policy", "")
    if framable:
        assert "frame-ancestors *" in csp and "X-Frame-Options" not in resp.headers
    else:
        assert resp.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in csp


# --- embed pages ---------------------------------------------------------------------------------


def _scripts(page: str) -> list[str]:
    return [src.split("?")[0] for src in re.findall(r'<script src="([^"]+)"', page)]


def _figures(page: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/json" data-graph-for="[^"]+">(.*?)</script>', page
    )
    return [json.loads(b)["figure"] for b in blocks]


@pytest.mark.parametrize(
    ("url", "bundle", "trace"),
    [
        ("/embed/chart/pop2025?compare=00070,09661&lang=en", "plotly-hanoi-chart", "bar"),
        ("/embed/facts?lang=en", "plotly-hanoi-chart", "bar"),
        ("/embed/map?lang=en", "plotly-hanoi-geo", "choropleth"),
        ("/embed/unit/00070?lang=en", "plotly-hanoi", "choroplethmap"),
        ("/embed/overlay/00070?lang=en", "plotly-hanoi", "choroplethmap"),
    ],
)
def test_embeds_are_plain_html_with_their_bundle_and_figures(client, url, bundle, trace):
    resp = client.get(url)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert page.startswith('<!DOCTYPE html><html lang="en">')
    scripts = _scripts(page)
    # No Dash: no React, no renderer, no component scripts; the bundle first, drawing last.
    assert scripts[0] == f"/assets/vendor/{bundle}.min.js" and scripts[-1].endswith(
        "static-graphs.js"
    )
    assert not [s for s in scripts if "_dash" in s or "react" in s]
    assert trace in {d.get("type") for f in _figures(page) for d in f["data"]}
    assert "Report a correction" in page and "json+oembed" in page
    assert (
        "X-Frame-Options" not in resp.headers
        and "frame-ancestors *" in resp.headers["Content-Security-Policy"]
    )


def test_dashboard_stays_a_dash_page_without_the_static_drawing_script(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "_dash-config" in page and "static-graphs.js" not in page


@pytest.mark.parametrize("url", ["/embed/unit/99999?lang=en", "/embed/nothing?lang=en"])
def test_an_unknown_embed_is_a_404_page_that_says_why(client, url):
    resp = client.get(url)
    assert resp.status_code == 404 and resp.mimetype == "text/html"
    page = resp.get_data(as_text=True)
    assert 'role="alert"' in page and "Report a correction" in page


def test_map_embed_has_no_chrome_and_carries_attribution_summary_and_table(app_data):
    text = _text(callbacks.page_from_url(app_data, "?lang=en&indicator=pop2025", "/embed/map"))
    assert "search" not in json.loads(text)["props"].get("id", "") and '"id": "search"' not in text
    assert "Report a correction" in text and "MIT" in text and app_data.built.stamp in text
    assert "Highest: Phường Hà Đông (185,205)" in text and "The map's data as a table" in text
    assert "embed-graph" in text


def test_unit_overlay_and_chart_embeds(app_data):
    unit = _text(callbacks.page_from_url(app_data, "?lang=en", "/embed/unit/00070"))
    assert "Phường Hàng Bạc" in unit and "Report a correction" in unit and "embed-box" not in unit
    overlay = _text(callbacks.page_from_url(app_data, "?lang=en", "/embed/overlay/00070"))
    # The overlay is the small map in its graphic frame, not the unit's card.
    assert "Phường Tràng Tiền" in overlay and "unit-map-frame" in overlay
    assert "graphic--card" not in overlay and "old-units" not in overlay
    assert "graphic--card" in unit
    # Đoài Phương: the dvhcvn mapping alone sends part of Sơn Đồng there; the resolution (clause
    # 104) does not.
    doai = app_data.units.index[app_data.units["full_name"] == "Xã Đoài Phương"][0]
    listed = _text(callbacks.page_from_url(app_data, "?lang=en", f"/embed/overlay/{doai}"))
    assert (
        "formed from" in listed and "Sơn Đồng" not in listed.split("formed from")[1].split(".")[0]
    )
    chart = _text(
        callbacks.page_from_url(app_data, "?lang=en&compare=00070,09661", "/embed/chart/pop2025")
    )
    assert "Phường Hoàn Kiếm: 105,301 (Rank 14/126)" in chart
    estimate = _text(
        callbacks.page_from_url(
            app_data, "?lang=en&compare=00070,09661", "/embed/chart/pop2019_est"
        )
    )
    assert (
        "Population 2019 (people) — estimate" in estimate
        and "Method: " in estimate
        and "estimate: Estimate: 2019 census" in estimate
    )


@pytest.mark.parametrize(
    "path,search",
    [
        ("/embed/unit/99999", ""),
        ("/embed/nothing", ""),
        ("/embed/chart/pop2025", "?compare=00070"),
        ("/embed/map", "?indicator=%3Cscript%3E&k=-1&scheme=x&type=y"),
    ],
)
def test_bad_embeds_get_a_message(app_data, path, search):
    text = _text(callbacks.page_from_url(app_data, search, path))
    assert "Report a correction" in text or "Báo sai sót" in text
    if path != "/embed/map":
        assert '"role": "alert"' in text
