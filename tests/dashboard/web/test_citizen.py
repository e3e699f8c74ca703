"""The citizen pages (/old/<code>, /unit/<code>, /find, sitemap.xml, robots.txt) through Flask's
test client, on the real data: every old and new unit has a page, unknown codes are 404 pages
offering the finder, the English pages carry no Vietnamese interface text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from dashboard.model.i18n import STRINGS
from dashboard.views import citizen

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
THANH_LUONG = "00268"  # Phường Thanh Lương (Hai Bà Trưng): split between three new units


@pytest.fixture(scope="module")
def data(app):
    return app.hanoi_data


class _Page(HTMLParser):
    """Title, <html lang>, ids, links, metas and the text of a page (lang="vi" spans apart)."""

    def __init__(self):
        super().__init__()
        self.title, self.lang, self.text, self.vi_text = "", "", [], []
        self.links, self.metas, self.ids, self.heads = [], {}, set(), []
        self._stack: list[tuple[str, bool]] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "title" and not self._stack_svg():
            self._in_title = True
        if tag == "a":
            self.links.append(a.get("href"))
        if tag == "link":
            self.heads.append(a)
        if tag == "meta":
            self.metas[a.get("name") or a.get("property") or a.get("charset")] = a.get("content")
        if "id" in a:
            self.ids.add(a["id"])
        if tag not in ("meta", "link", "input", "br", "img", "path", "rect"):
            vi = a.get("lang") == "vi" or (bool(self._stack) and self._stack[-1][1])
            self._stack.append((tag, vi))

    def _stack_svg(self):
        return any(t == "svg" for t, _ in self._stack)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._in_title and not self.title:
            self.title = data
        vi = bool(self._stack) and self._stack[-1][1]
        (self.vi_text if vi else self.text).append(data)


def parse(resp) -> _Page:
    p = _Page()
    p.feed(resp.get_data(as_text=True))
    return p


def test_split_old_unit_page_answers_with_shares_offices_and_sources(client, data):
    resp = client.get(f"/old/{THANH_LUONG}-thanh-luong")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    page = parse(resp)
    assert page.lang == "vi"
    assert page.title.startswith("Phường Thanh Lương (Hai Bà Trưng) nay được chia cho ")
    answer = citizen.old_answers(data.finder, citizen.old_index(data.finder), THANH_LUONG)[0]
    assert len(answer["new_units"]) == 3
    for n in answer["new_units"]:
        assert n["new_name"] in page.title
        share = f"~{round(n['area_share'] * 100)} %"
        assert share in html
        assert f"khoản {n['clause']}" in html
        office = data.units.at[n["new_code"], "admin_centre"]
        assert office and office in html
        assert citizen.unit_path(n["new_code"], n["new_name"]) in page.links
    # the map: one labelled shape per destination
    assert html.count('<g class="dest"') == 3 and html.count('<text class="label"') == 3
    # sources once, in the footer, and every reference points at one
    refs = set(re.findall(r'href="#(src-\d+)"', html))
    assert refs and refs <= page.ids
    assert html.count("<footer") == 1
    # head: canonical, hreflang, description, og/twitter with a per-unit preview image
    canon = [h for h in page.heads if h.get("rel") == "canonical"]
    assert canon[0]["href"].endswith(f"/old/{THANH_LUONG}-thanh-luong")
    assert {h.get("hreflang") for h in page.heads if h.get("rel") == "alternate"} == {
        "vi",
        "en",
        "x-default",
    }
    assert page.metas["description"] and page.metas["viewport"]
    assert re.search(r"/og/unit/\d{5}\.vi\.png", page.metas["og:image"])
    assert page.metas["twitter:card"] == "summary_large_image"
    # links on: the dashboard at this view, neighbouring answers
    assert any(link.startswith("/?") and "unit=" in link for link in page.links)
    assert sum(1 for link in page.links if link.startswith("/old/")) >= 5
    # nothing of Dash: no React, no plotly
    assert "_dash" not in html and "plotly" not in html and "react" not in html.lower()


def test_the_preview_image_linked_is_an_existing_preview_route(client, data):
    from dashboard.web.previews import valid_key

    page = parse(client.get(f"/old/{THANH_LUONG}-thanh-luong"))
    image = page.metas["og:image"]
    kind, name = image[image.index("/og/") :].split("?")[0].split("/")[2:4]
    key, _, lang = name[: -len(".png")].rpartition(".")
    assert kind == "unit" and lang == "vi" and valid_key(data, kind, key, lang)


def test_addresses_without_or_with_a_wrong_slug_are_sent_to_the_canonical_one(client):
    for path, target in (
        (f"/old/{THANH_LUONG}", f"/old/{THANH_LUONG}-thanh-luong"),
        (f"/old/{THANH_LUONG}-wrong?lang=en", f"/old/{THANH_LUONG}-thanh-luong?lang=en"),
        ("/unit/00097", "/unit/00097-hong-ha"),
    ):
        resp = client.get(path)
        assert resp.status_code == 301 and resp.headers["Location"].endswith(target), path


def test_every_old_code_of_every_vintage_and_every_new_unit_is_in_the_sitemap(client, data):
    resp = client.get("/sitemap.xml")
    assert resp.status_code == 200 and resp.mimetype == "application/xml"
    root = ET.fromstring(resp.data)
    locs = [u.find(f"{SM}loc").text for u in root.findall(f"{SM}url")]
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in locs}
    old_codes = {c for e in data.finder.entries for c in e.codes}
    assert len(old_codes) == 584
    old_in_map = {p[5:10] for p in paths if p.startswith("/old/") and "lang=en" not in p}
    assert old_in_map == old_codes
    new_in_map = {p[6:11] for p in paths if p.startswith("/unit/") and "lang=en" not in p}
    assert new_in_map == set(data.units.index) and len(new_in_map) == 126
    assert sum(1 for p in paths if p.endswith("?lang=en")) == 584 + 126
    assert len(paths) == 2 * (584 + 126)
    assert all(len(u.findall("{http://www.w3.org/1999/xhtml}link")) == 2 for u in root)


def test_every_sitemap_page_answers_200_with_its_h1(client):
    root = ET.fromstring(client.get("/sitemap.xml").data)
    for u in root.findall(f"{SM}url"):
        path = re.sub(r"^https?://[^/]+", "", u.find(f"{SM}loc").text)
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert b"<h1>" in resp.data and b'id="answer"' in resp.data, path


def test_unknown_codes_are_404_pages_offering_the_finder(client):
    for path in ("/old/99999", "/old/abc", "/unit/00268", "/unit/99999-x", "/old/0026"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        html = resp.get_data(as_text=True)
        assert '<form class="finder" method="get" action="/find#answer"' in html, path
        assert 'name="robots" content="noindex"' in html


def test_robots_points_at_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert "User-agent: *" in body and re.search(r"Sitemap: https?://.+/sitemap\.xml", body)


def _vi_ui_strings() -> set[str]:
    """Vietnamese interface strings (their English differs), longer than a word."""
    out = set()
    for entry in STRINGS.values():
        vi, en = entry.get("vi", ""), entry.get("en", "")
        for piece in re.split(r"\{[^}]*\}", vi):
            piece = piece.strip(" :.,()")
            if len(piece) >= 6 and piece != en and piece not in en:
                out.add(piece)
    return out


@pytest.mark.parametrize(
    "path",
    [
        f"/old/{THANH_LUONG}-thanh-luong?lang=en",
        "/unit/00097-hong-ha?lang=en",
        "/find?q=thanh+luong&lang=en",
        "/find?q=dien+bien&lang=en",
        "/old/99999?lang=en",
    ],
)
def test_english_pages_have_no_vietnamese_interface_text(client, path):
    resp = client.get(path)
    page = parse(resp)
    assert page.lang == "en"
    # names of places, offices and the law's text are Vietnamese; the interface is not
    text = " ".join(page.text)
    names = set()
    for m in re.finditer(r"(Phường|Xã|Thị trấn|Quận|Huyện|Thị xã)( [A-ZĐÂ][^\s,;()]*)+", text):
        names.add(m.group(0))
    for name in names:
        text = text.replace(name, "")
    leaks = [s for s in _vi_ui_strings() if s in text]
    assert not leaks, f"{path}: {leaks[:5]}"
    vi_ui = {"Trụ sở", "Dân số", "Diện tích", "một phần", "toàn bộ", "khoản", "Nguồn", "Tìm"}
    assert not [w for w in vi_ui if w in text], path


def test_find_answers_on_the_server_with_the_same_lookup(client, data):
    from geodata.finder import lookup

    html = client.get("/find?q=thanh+luong").get_data(as_text=True)
    m = lookup(data.finder, "thanh luong")["matches"][0]
    assert m["old_code"] == THANH_LUONG
    assert "Phường Thanh Lương (Hai Bà Trưng) nay được chia cho" in html
    assert 'value="thanh luong"' in html and 'id="answer" tabindex="-1"' in html
    assert f"/old/{THANH_LUONG}-thanh-luong" in html


def test_find_lists_candidates_of_an_ambiguous_name_as_links(client, data):
    from geodata.finder import lookup

    answer = lookup(data.finder, "dong xuan")
    assert answer["ambiguous"]
    html = client.get("/find?q=dong+xuan").get_data(as_text=True)
    for m in answer["matches"]:
        assert f'href="/old/{m["old_code"]}-' in html


def test_find_by_coordinates_and_bad_input_never_fail(client):
    html = client.get("/find?q=21.0285,105.8542").get_data(as_text=True)
    assert "/unit/00070-" in html and "Trụ sở" in html
    for q in ("", "   ", "zzzzqqq", "<script>alert(1)</script>", "a" * 400, "0,0"):
        resp = client.get("/find", query_string={"q": q})
        assert resp.status_code in (200, 400), q
        assert b"<script>alert" not in resp.data
        assert b'class="finder"' in resp.data


def test_pages_are_fast_and_small_enough_to_build(client):
    """Not a timing test (benchmarks/citizen_pages.py times them): the page stays small."""
    resp = client.get(f"/old/{THANH_LUONG}-thanh-luong", headers={"Accept-Encoding": "gzip"})
    assert resp.headers.get("Content-Encoding") in ("gzip", "br")
    assert len(resp.data) < 15_000


def test_dashboard_index_carries_its_first_screen_as_html(client):
    html = client.get("/").get_data(as_text=True)
    first = html[html.index('<div id="first-screen"') : html.index('<div id="react-entry-point"')]
    assert "<h1>Hà Nội sau sắp xếp 2025: 126 phường, xã</h1>" in first
    assert '<form class="finder" method="get" action="/find#answer"' in first
    assert 'id="search"' not in first  # its own ids: Dash's page has the finder's
    # with ?q= the answer's gist: every destination with its share and office
    html = client.get("/?q=thanh+luong&lang=en").get_data(as_text=True)
    first = html[html.index('<div id="first-screen"') : html.index('<div id="react-entry-point"')]
    assert "Phường Thanh Lương (Hai Bà Trưng) is now split between" in first
    assert first.count("Headquarters:") == 3 and "% of the old unit" in first
    assert '<input type="hidden" name="lang" value="en">' in first
    # hostile input gets the first screen without an answer, never an error
    for q in ("<script>", "a" * 500, "%00"):
        resp = client.get("/", query_string={"q": q})
        assert resp.status_code == 200 and b'<script>"' not in resp.data
