"""Link previews (#12): Open Graph / Twitter meta tags per view and language, the PNG they point
to (rendered by kaleido in Debian's Chromium), and the oEmbed thumbnail."""

from __future__ import annotations

import io
import os
import re
import shutil
from html import unescape
from urllib.parse import quote

import pytest

from dashboard.web.previews import OG_HEIGHT, OG_WIDTH


def _metas(html: str) -> dict[str, str]:
    found = re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', html)
    return {name: unescape(content) for name, content in found}


@pytest.mark.parametrize(
    "path, lang, title, words",
    [
        ("/", "vi", "Mật độ dân số 2025 (người/km²) — 126 phường, xã Hà Nội", "Bản đồ"),
        ("/?lang=en&indicator=pop2025", "en", "Population 2025 (people) — 126 wards", "Map of"),
        ("/?lang=en&unit=00070", "en", "Phường Hoàn Kiếm — 126 wards and communes", "population"),
        ("/?unit=00070", "vi", "Phường Hoàn Kiếm — 126 phường, xã Hà Nội", "dân số"),
        ("/embed/map?indicator=area_official_km2&lang=en", "en", "Area", "Map of"),
        ("/embed/map?indicator=area_official_km2", "vi", "Diện tích", "Bản đồ"),
        ("/embed/unit/00070?lang=en", "en", "Phường Hoàn Kiếm", "formed from"),
        ("/embed/unit/00070", "vi", "Phường Hoàn Kiếm", "hình thành từ"),
        ("/embed/overlay/00070?lang=en", "en", "Phường Hoàn Kiếm", "formed from"),
        ("/embed/facts?lang=en", "en", "The reorganisation in figures", "in figures"),
        ("/embed/facts", "vi", "Sắp xếp 2025 qua các con số", "con số"),
        ("/embed/chart/pop2025?compare=00070,00004&lang=en", "en", "Population 2025", "Chart"),
        ("/embed/chart/pop2025", "vi", "Dân số 2025", "Biểu đồ"),
    ],
)
def test_meta_tags_name_the_view_in_its_language(client, path, lang, title, words):
    metas = _metas(client.get(path).get_data(as_text=True))
    assert metas["og:title"].startswith(title), metas
    assert metas["twitter:title"] == metas["og:title"]
    assert words in metas["og:description"] and metas["description"] == metas["og:description"]
    assert metas["twitter:card"] == "summary_large_image"
    assert (metas["og:image:width"], metas["og:image:height"]) == (str(OG_WIDTH), str(OG_HEIGHT))
    image = metas["og:image"]
    assert image.startswith("http://localhost/og/") and f".{lang}.png?v=" in image
    assert metas["og:locale"] == ("en_GB" if lang == "en" else "vi_VN")
    if "unit=00070" in path or "/00070" in path:
        assert "/og/unit/00070." in image
        number = "1.91" if lang == "en" else "1,91"  # Hoàn Kiếm's area, in the page's format
        assert number in metas["og:description"], metas["og:description"]


def test_meta_urls_come_from_the_public_url_never_the_host(monkeypatch, client):
    monkeypatch.setenv("HANOI_PUBLIC_URL", "https://map.example.vn")
    html = client.get("/embed/map?lang=en", headers={"Host": "evil.example"}).get_data(True)
    metas = _metas(html)
    assert metas["og:image"].startswith("https://map.example.vn/og/map/density_2025.en.png")
    assert metas["og:url"].startswith("https://map.example.vn/embed/map")
    assert "evil.example" not in html


def test_no_preview_tags_on_other_pages(client):
    assert "og:image" not in client.get("/corrections").get_data(as_text=True)


def test_oembed_carries_the_thumbnail(client):
    url = quote("http://localhost/embed/unit/00070?lang=en", safe="")
    body = client.get(f"/oembed?url={url}&format=json").get_json()
    assert body["thumbnail_url"].startswith("http://localhost/og/unit/00070.en.png?v=")
    assert (body["thumbnail_width"], body["thumbnail_height"]) == (OG_WIDTH, OG_HEIGHT)
    url = quote("http://localhost/?indicator=density_2025", safe="")
    body = client.get(f"/oembed?url={url}&format=json").get_json()
    assert body["thumbnail_url"].startswith("http://localhost/og/map/density_2025.vi.png")


@pytest.mark.parametrize(
    "path",
    [
        "/og/map/nonsense.vi.png",
        "/og/map/pop2025.fr.png",
        "/og/unit/99999.vi.png",
        "/og/chart/nonsense.vi.png",
        "/og/facts/pop2025.vi.png",
        "/og/unit/00070.png",
        "/og/unit/00070.vi.jpg",
    ],
)
def test_unknown_preview_images_are_404(client, path):
    assert client.get(path).status_code == 404


def _need_chromium():
    if not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail("chromium must be installed in CI (.ci/run installs it)")
        pytest.skip("chromium not installed")


@pytest.mark.parametrize("path", ["/og/map/pop2025.vi.png", "/og/unit/00070.en.png"])
def test_preview_image_is_a_real_png_of_the_print_map(client, path):
    from PIL import Image

    _need_chromium()
    resp = client.get(path + "?v=x")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data))
    assert img.format == "PNG" and img.size == (OG_WIDTH, OG_HEIGHT)
    rgb = img.convert("RGB").resize((240, 126))
    coloured = sum(1 for r, g, b in rgb.getdata() if max(r, g, b) - min(r, g, b) > 40)
    assert coloured > (200 if "map" in path else 3), "the map was not drawn"
    assert "max-age=86400" in resp.headers["Cache-Control"]  # an old ?v=: a day only
    etag = resp.headers["ETag"]
    again = client.get(path + "?v=x", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_preview_image_of_the_current_data_is_cached_for_a_year(client, app_data):
    _need_chromium()
    resp = client.get(f"/og/map/pop2025.vi.png?v={app_data.built.stamp}")
    assert resp.status_code == 200 and "max-age=31536000" in resp.headers["Cache-Control"]


# Issue #24: one render at a time on the machine; a request that finds one going gets a 503.
def test_render_queue_runs_one_render_at_a_time_across_processes(tmp_path):
    from dashboard.web.previews import RenderQueue

    first, other_worker = RenderQueue(tmp_path), RenderQueue(tmp_path)
    inside = {}

    def render():
        # While this renders, another worker (its own lock file handle) and this process are busy.
        inside["other"] = other_worker.run("b.png", lambda: b"B")
        inside["same"] = first.run("c.png", lambda: b"C")
        return b"A"

    assert first.run("a.png", render) == b"A"
    assert inside == {"other": None, "same": None}
    assert other_worker.stored("a.png") == b"A"  # kept on disk for every worker
    assert other_worker.run("b.png", lambda: b"B") == b"B"  # free again


def test_a_preview_requested_while_another_renders_is_a_503_with_retry_after(client, monkeypatch):
    import threading

    from dashboard.web import previews

    started, release = threading.Event(), threading.Event()

    def slow_render(_fig):
        started.set()
        assert release.wait(30)
        return b"\x89PNG fake"

    monkeypatch.setattr(previews, "render_png", slow_render)
    answers = {}
    first = threading.Thread(
        target=lambda: answers.setdefault("first", client.get("/og/unit/09661.en.png"))
    )
    first.start()
    assert started.wait(30)
    busy = client.get("/og/unit/00082.en.png")
    release.set()
    first.join(30)
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "10"
    assert "busy" in busy.get_data(as_text=True)
    assert answers["first"].status_code == 200 and answers["first"].data == b"\x89PNG fake"


def test_a_failed_render_is_a_503_not_a_500(client, monkeypatch):
    from dashboard.web import previews

    def broken(_fig):
        raise RuntimeError("chromium crashed")

    monkeypatch.setattr(previews, "render_png", broken)
    resp = client.get("/og/unit/00004.vi.png")
    assert resp.status_code == 503 and "bận" in resp.get_data(as_text=True)


# --- #23: a preview per kind of page ----------------------------------------------------------


@pytest.mark.parametrize(
    "path, image, words",
    [
        (
            "/embed/chart/pop2025?compare=00070,00004&lang=en",
            "/og/chart/pop2025~00004-00070.en.png",
            "Phường",
        ),
        ("/embed/chart/density_2025", "/og/chart/density_2025.vi.png", "126"),
        ("/embed/facts?lang=en", "/og/facts/all.en.png", "in figures"),
        ("/embed/unit/00070", "/og/unit/00070.vi.png", "Hoàn Kiếm"),
    ],
)
def test_each_kind_of_page_previews_its_own_figure(client, path, image, words):
    metas = _metas(client.get(path).get_data(as_text=True))
    assert image in metas["og:image"] and words in metas["og:description"]
    assert not metas["og:description"].startswith(("Bản đồ", "Map of"))


def test_preview_map_uses_the_page_default_classes(app_data):
    from dashboard.model.indicators import INDICATORS
    from dashboard.views.map import map_state
    from dashboard.web.previews import preview_figure

    fig = preview_figure(app_data, "map", "density_2025", "vi")
    page_props, _ = map_state(app_data, INDICATORS["density_2025"], "quantiles", 5, "all", "vi")
    shown = list(fig.data[1].colorbar.ticktext)
    assert shown == page_props["colorbar"]["ticktext"] and shown[0].startswith("314 – 1.349")


def test_unit_preview_is_zoomed_to_the_unit(app_data):
    from dashboard.web.previews import preview_figure

    fig = preview_figure(app_data, "unit", "00070", "vi")
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    minx, miny, maxx, maxy = app_data.built.units_map.set_index("code").loc[["00070"]].total_bounds
    # Hoàn Kiếm (~1.5 km across) takes about half of the view, not a dot on the whole city
    assert lon[0] <= minx and lon[1] >= maxx and lat[0] <= miny and lat[1] >= maxy
    assert (maxy - miny) / (lat[1] - lat[0]) >= 0.3


@pytest.mark.parametrize("path", ["/og/chart/pop2025.vi.png", "/og/facts/all.en.png"])
def test_chart_and_facts_previews_are_drawn(client, path):
    from PIL import Image

    _need_chromium()
    resp = client.get(path + "?v=x")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data)).convert("RGB").resize((240, 126))
    coloured = sum(1 for r, g, b in img.getdata() if max(r, g, b) - min(r, g, b) > 40)
    assert coloured > 30, "nothing drawn"


# --- #23: a compare chart previews the units it compares ---------------------------------------


def _og_image(client, path) -> str:
    return _metas(client.get(path).get_data(as_text=True))["og:image"]


def test_compare_chart_preview_is_its_own_image_with_one_key_per_set_of_units(client):
    plain = _og_image(client, "/embed/chart/pop2025?lang=en")
    compared = _og_image(client, "/embed/chart/pop2025?lang=en&compare=00166,00070,00256")
    assert compared != plain and "/og/chart/pop2025.en.png" in plain
    assert "/og/chart/pop2025~00070-00166-00256.en.png" in compared
    # Order, repeats and unknown codes do not make another image (a bounded cache).
    for spelling in ("00256,00070,00166", "00070,00166,00070,00256", "00070,99999,00166,00256"):
        assert _og_image(client, f"/embed/chart/pop2025?lang=en&compare={spelling}") == compared
    # Under two known units: the plain chart's preview, as the page draws no comparison.
    assert _og_image(client, "/embed/chart/pop2025?lang=en&compare=00070,99999") == plain
    oembed = client.get(
        "/oembed?format=json&url="
        + quote("http://localhost/embed/chart/pop2025?lang=en&compare=00070,00166", safe="")
    ).get_json()
    assert "/og/chart/pop2025~00070-00166.en.png" in oembed["thumbnail_url"]


@pytest.mark.parametrize(
    "key",
    [
        "pop2025~00166-00070",  # not sorted
        "pop2025~00070-00070",  # repeated
        "pop2025~00070",  # one unit
        "pop2025~00070-99999",  # unknown unit
        "nope~00070-00166",
        "pop2025~" + "-".join(["00070", "00082", "00091", "00097", "00103", "00118", "00166"]),
        "pop2025~00070-00166-" + "x" * 200,
    ],
)
def test_a_non_canonical_compare_preview_key_is_a_404(client, key):
    assert client.get(f"/og/chart/{key}.en.png").status_code == 404


def test_compare_preview_draws_the_compared_units(app_data):
    from dashboard.web.previews import preview_figure

    fig = preview_figure(app_data, "chart", "density_2025~00070-00166-00256", "vi")
    texts = " ".join(a.text for a in fig.layout.annotations)
    for code in ("00070", "00166", "00256"):
        name = app_data.units.at[code, "full_name"]
        assert name.split()[-1] in texts, (name, texts)
    assert "55.131" in texts  # Hoàn Kiếm's density, in the page's format
    # three columns, not 126
    assert fig.data[0].x.count(None) == 3


def test_compare_preview_png_shows_one_column_per_unit(client):
    from PIL import Image

    _need_chromium()
    resp = client.get("/og/chart/pop2025~00070-00166-00256.en.png?v=x")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data)).convert("RGB")
    # Runs of the columns' colour (#3b528b) along a row just above the plot's floor.
    column = (0x3B, 0x52, 0x8B)
    best = 0
    for y in range(img.height // 2, img.height - 60, 4):
        row = [img.getpixel((x, y)) for x in range(img.width)]
        hits = [all(abs(p - q) < 30 for p, q in zip(px, column, strict=True)) for px in row]
        # runs at least 40 px long: columns, never glyphs of the labels
        runs = "".join("x" if h else " " for h in hits).split()
        best = max(best, sum(1 for run in runs if len(run) >= 40))
    assert best == 3, best


def test_stored_compare_previews_are_pruned_to_the_newest(tmp_path):
    from dashboard.web.previews import RenderQueue

    queue = RenderQueue(tmp_path)
    for i in range(5):
        path = tmp_path / f"s-chart-pop2025~0000{i}-00070-en.png"
        path.write_bytes(b"x")
        os.utime(path, (i, i))
    (tmp_path / "s-unit-00070-en.png").write_bytes(b"x")
    queue.prune("*~*.png", 2)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        "s-chart-pop2025~00003-00070-en.png",
        "s-chart-pop2025~00004-00070-en.png",
        "s-unit-00070-en.png",
    ]


# Issue #24: the fixed set of previews is rendered ahead of time (python -m
# dashboard.web.prerender); requests then find each image on disk and never start Chromium.
def test_prerender_renders_the_fixed_set_once_and_requests_find_it(app_data, tmp_path, monkeypatch):
    from flask import Flask

    from dashboard.model.i18n import LANGS
    from dashboard.model.indicators import INDICATORS
    from dashboard.web import previews

    drawn: list = []
    monkeypatch.setattr(
        previews, "render_png", lambda fig: drawn.append(fig) or b"\x89PNG %d" % len(drawn)
    )
    wanted = previews.fixed_set(app_data)
    assert len(wanted) == 2 * len(INDICATORS) * len(LANGS) + len(LANGS)
    assert previews.prerender(app_data, tmp_path, say=lambda _: None) == (len(wanted), 0)
    assert len(drawn) == len(wanted)
    assert previews.prerender(app_data, tmp_path, say=lambda _: None) == (0, len(wanted))

    def no_chromium(_fig):
        raise RuntimeError("Chromium must not start for a pre-rendered image")

    monkeypatch.setattr(previews, "render_png", no_chromium)
    app = Flask(__name__)
    app.register_blueprint(previews.make_previews(app_data, tmp_path))
    client = app.test_client()
    for kind, key, lang in wanted:
        resp = client.get(f"/og/{kind}/{key}.{lang}.png")
        assert resp.status_code == 200 and resp.data.startswith(b"\x89PNG "), (kind, key, lang)
    # Outside the set, a unit's image is rendered on request (here Chromium fails: a 503).
    assert client.get("/og/unit/00070.en.png").status_code == 503
    assert len(previews.fixed_set(app_data, units=True)) == len(wanted) + 2 * len(app_data.units)
