"""#23: one graphic frame per map and chart, the framed vector map download, chart embeds that
keep their height and show the city's distribution without compare=."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.figures.maps import DETAIL_FILL

SVG = "{http://www.w3.org/2000/svg}"


def _figures(page: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/json" data-graph-for="[^"]+">(.*?)</script>', page
    )
    return [json.loads(b) for b in blocks]


def _svg(client, query: str) -> ET.Element:
    resp = client.get("/export/map.svg?" + query)
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    return ET.fromstring(resp.get_data(as_text=True))


def test_map_svg_is_a_vector_with_one_path_per_unit_and_its_frame_as_text(client, app_data):
    root = _svg(client, "indicator=split_share&scheme=quantiles&k=5&lang=vi&unit=00070")
    units = [p for p in root.iter(SVG + "path") if p.get("id", "").startswith("u")]
    assert len(units) == 126 and not list(root.iter(SVG + "image"))
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    # title, the merged-classes note, the legend's classes and the source, all as text
    assert "Tỷ lệ đơn vị cũ bị chia tách" in texts and "3 lớp thay vì 5 lớp" in texts
    assert "0 % – 50 %" in texts and "Nguồn:" in texts and app_data.built.stamp in texts
    # the same three classes as the page: three fills, each unit coloured by its class
    assert len({p.get("fill") for p in units}) == 3
    titles = {p.find(SVG + "title").text for p in units}
    assert "Phường Hoàn Kiếm" in titles
    # the chosen unit is outlined on top
    assert [p for p in root.iter(SVG + "path") if p.get("fill") == "none"]


def test_map_svg_english_and_junk_options_fall_back(client):
    texts = " ".join(
        t.text or ""
        for t in _svg(client, "indicator=%3Cscript%3E&k=-4&scheme=x&lang=en").iter(SVG + "text")
    )
    assert "Source:" in texts and "<script" not in texts


def test_unit_svg_is_the_unit_and_each_old_unit_outlined_and_named(client, app_data):
    """The unit panel's small map as a download (#23): a vector (no image), the new unit filled,
    one outline and one label per old unit, the frame's title, legend and source as text."""
    resp = client.get("/export/unit/00070.svg?lang=en")
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    root = ET.fromstring(resp.get_data(as_text=True))
    assert not list(root.iter(SVG + "image"))
    paths = list(root.iter(SVG + "path"))
    olds = {p.get("data-code") for p in paths if p.get("class") == "old"}
    # Hoàn Kiếm was formed from 14 old wards (Resolution 1656, clause 1), all on the 2019 map.
    assert len(olds) == 14 and olds == set(
        app_data.built.crosswalk.query("new_code == '00070'")["old_code"]
    )
    assert [p.get("fill") for p in paths if p.get("class") == "unit"] == [DETAIL_FILL]
    labels = {t.get("data-code"): t.text for t in root.iter(SVG + "text") if t.get("data-code")}
    assert set(labels) == olds and "Phường Hàng Bạc" in labels.values()
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    for part in (
        "Phường Hoàn Kiếm: Old boundaries (grey) within the new unit",
        "14 old units merged into it",
        "The new unit (from 1 July 2025)",
        "The old units that formed it (2019 map)",
        "Source:",
        app_data.built.stamp,
        "500 m",
    ):
        assert part in texts, part


@pytest.mark.parametrize("lang, words", [("vi", "Không tìm thấy"), ("en", "No unit")])
def test_unit_svg_of_an_unknown_unit_says_so(client, lang, words):
    resp = client.get(f"/export/unit/99999.svg?lang={lang}")
    assert resp.status_code == 404 and words in resp.get_json()["error"]
    assert "99999" in resp.get_json()["error"]


def test_chart_embed_without_compare_shows_all_126_units(client):
    page = client.get("/embed/chart/density_2025?lang=en").get_data(as_text=True)
    (spec,) = _figures(page)
    (bars,) = [d for d in spec["figure"]["data"] if d["type"] == "bar"]
    assert len(bars["y"]) == 126 and bars["y"] == sorted(bars["y"], reverse=True)
    assert "Distribution across the 126 units" in page and 'class="graphic-title"' in page
    assert 'role="alert"' not in page


@pytest.mark.parametrize(
    "url",
    [
        "/embed/chart/pop2025?lang=en&compare=00070,00166",
        "/embed/chart/pop2025?lang=vi",
        "/embed/facts?lang=vi",
    ],
)
def test_chart_boxes_keep_their_height_before_plotly_draws(client, url):
    page = client.get(url).get_data(as_text=True)
    boxes = re.findall(r'<div class="dash-graph" id="([^"]+)" style="min-height: (\d+)px">', page)
    heights = {spec["figure"]["layout"]["height"] for spec in _figures(page)}
    assert boxes and {int(h) for _, h in boxes} == heights


@pytest.mark.parametrize(
    "url",
    [
        "/embed/map?lang=vi",
        "/embed/chart/pop2025?lang=en&compare=00070,00166",
        "/embed/chart/pop2025?lang=vi",
        "/embed/facts?lang=en",
    ],
)
def test_embeds_frame_their_graphics_without_mode_bar_or_plotly_text(client, url):
    page = client.get(url).get_data(as_text=True)
    specs = _figures(page)
    assert specs and page.count('class="graphic ') == len(specs)
    assert page.count('class="graphic-source"') == len(specs)
    for spec in specs:
        assert spec["config"].get("displayModeBar") is False
        layout = spec["figure"]["layout"]
        # title and source are the frame's HTML text, never plotly's (which got cut)
        assert not (layout.get("title") or {}).get("text")
        notes = [a.get("text", "") for a in layout.get("annotations", [])]
        assert not [n for n in notes if "Source" in n or "Nguồn" in n]


def test_map_embed_keeps_hanoi_shape_and_has_no_colour_bar(client):
    page = client.get("/embed/map?lang=en").get_data(as_text=True)
    assert re.search(
        r'class="dash-graph embed-map" id="embed-graph" style="aspect-ratio: 0\.\d+', page
    )
    (spec,) = _figures(page)
    assert all(d.get("showscale") is False for d in spec["figure"]["data"])
    assert 'data-svg-url="/export/map.svg?' in page


def test_dashboard_has_a_skip_link_and_a_focusable_unit_panel(app_data):
    from dash import html

    from dashboard import callbacks

    page = html.Div(callbacks.page_from_url(app_data, "?lang=en", "/"))
    nodes = list(page._traverse())
    links = [
        n
        for n in nodes
        if isinstance(n, html.A) and "skip-link" in (getattr(n, "className", "") or "")
    ]
    (link,) = links
    assert link.children == "Skip to main content" and link.href == "#main"
    (main,) = [n for n in nodes if getattr(n, "id", None) == "main"]
    (panel,) = [n for n in nodes if getattr(n, "id", None) == "unit-panel"]
    assert main.tabIndex == "-1" and panel.tabIndex == "-1"
    # the skip link comes before everything else the keyboard reaches
    assert nodes.index(link) < nodes.index(main)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_small_maps_download_the_server_vector(client, app_data, lang):
    """The unit panel's and the overlay embed's PNG/SVG buttons fetch the unit's vector map."""
    from dash import html

    from dashboard import callbacks

    url = f"/export/unit/00070.svg?lang={lang}"
    page = html.Div(callbacks.page_from_url(app_data, f"?lang={lang}&unit=00070", "/"))
    buttons = [
        n
        for n in page._traverse()
        if isinstance(n, html.Button) and getattr(n, "data-graph", None) == "unit-detail-map"
    ]
    assert len(buttons) == 2 and {getattr(b, "data-svg-url") for b in buttons} == {url}
    embed = client.get(f"/embed/overlay/00070?lang={lang}").get_data(as_text=True)
    assert embed.count(f'data-svg-url="{url.replace("&", "&amp;")}"') == 2


def test_split_svg_is_the_old_outline_over_each_new_unit_named_with_its_share(client, app_data):
    """The finder's split answer downloads as a vector (#23): Thanh Lương (Hai Bà Trưng) went to
    three new wards (Resolution 1656), each drawn, named on the map and in the legend strip."""
    resp = client.get("/export/split/00268.svg?lang=vi")
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml"
    root = ET.fromstring(resp.get_data(as_text=True))
    assert not list(root.iter(SVG + "image"))
    dests = [g.get("data-code") for g in root.iter(SVG + "g") if g.get("class") == "dest"]
    names = app_data.units["full_name"]
    assert sorted(names[c] for c in dests) == [
        "Phường Hồng Hà",
        "Phường Lĩnh Nam",
        "Phường Vĩnh Tuy",
    ]
    texts = " ".join(root.itertext())
    assert "Phường Thanh Lương (Quận Hai Bà Trưng) → 2025" in texts
    assert "Tỷ lệ diện tích là ước tính" in texts and "Nguồn:" in texts
    for c in dests:  # on the map and in the legend, with the share
        assert texts.count(names[c]) >= 2 and "%" in texts
    # The legend strip reads as the page's (views/finder.py: split_labels)
    assert "% diện tích đơn vị cũ" in texts


@pytest.mark.parametrize("code", ["99999", "00070x", "<b>", "²²²²²", "0268"])
def test_split_svg_of_an_unknown_code_says_so(client, code):
    resp = client.get(f"/export/split/{code}.svg?lang=en")
    assert resp.status_code == 404 and "No old unit split" in resp.get_json()["error"]


def test_split_svg_of_an_old_unit_that_went_whole_says_so(client, app_data):
    """Phường Hàng Bạc (00061) went whole to Phường Hoàn Kiếm (Resolution 1656, clause 1)."""
    assert client.get("/export/split/00268.svg?lang=vi").status_code == 200  # split: drawn
    page = client.get("/old/00061-hang-bac?lang=vi")  # a known old unit, with its own page
    assert page.status_code == 200 and "Phường Hàng Bạc" in page.get_data(as_text=True)
    resp = client.get("/export/split/00061.svg?lang=vi")
    assert resp.status_code == 404 and "Không có đơn vị cũ" in resp.get_json()["error"]


@pytest.mark.parametrize("lang, word", [("vi", "Nguồn:"), ("en", "Source:")])
def test_the_dashboard_map_names_its_sources_once(app_data, lang, word):
    """One source line in the map's frame (the legend strip repeated the indicator's)."""
    from dash import html

    from dashboard import callbacks

    page = html.Div(callbacks.page_from_url(app_data, f"?lang={lang}", "/"))
    (frame,) = [n for n in page._traverse() if "map-frame" in (getattr(n, "className", "") or "")]
    texts = [n.children for n in frame._traverse() if isinstance(getattr(n, "children", 0), str)]
    lines = [n for n in texts if n.startswith(word)]
    assert len(lines) == 1 and "MIT" in lines[0], lines
