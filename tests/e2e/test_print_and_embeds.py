"""Headless Chromium: vector print map, map embed framing at every width, quiet upload on load."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.e2e.helpers import ROOT, callbacks_idle, until, wait_css

pytestmark = pytest.mark.browser
UNIT_PATHS = "#embed-graph .choroplethlocation"


def _units_drawn(driver):
    return len(driver.find_elements("css selector", UNIT_PATHS)) >= 2 * 126 or False


def test_svg_export_of_the_map_is_vector(server, browser):
    browser.set_window_size(1000, 900)
    browser.get(server + "/embed/map?lang=en&indicator=pop2025")
    until(lambda: _units_drawn(browser))
    # The "SVG" button's file (#23: the framed vector map, title, legend and source as text).
    svg = browser.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('.graphic button[data-export=svg]');"
        "window.hanoiExport(btn).then(function (b) { return b.text(); }).then(done, "
        "function (e) { done('error: ' + e); });"
    )
    assert svg.startswith("<svg"), svg[:200]
    root = ET.fromstring(svg)
    paths = root.findall(".//{http://www.w3.org/2000/svg}path")
    texts = "".join(root.itertext())
    (ROOT / "screenshots").mkdir(exist_ok=True)
    (ROOT / "screenshots" / "print-map.svg").write_text(svg, encoding="utf-8")
    assert len(paths) >= 126 and "<image" not in svg
    assert "Population 2025" in texts and "Source" in texts


@pytest.mark.parametrize("width", [320, 375, 768, 1200])
def test_map_embed_frames_all_units(server, browser, width):
    browser.set_window_size(width, 1000)
    browser.get(server + "/embed/map?lang=vi&indicator=pop2025")
    until(lambda: _units_drawn(browser))
    box = browser.execute_script(
        "var r = {l: 1e9, t: 1e9, r: -1e9, b: -1e9};"
        f"document.querySelectorAll('{UNIT_PATHS}').forEach(function (p) {{"
        "  var b = p.getBoundingClientRect(); if (!b.width) return;"
        "  r.l = Math.min(r.l, b.left); r.t = Math.min(r.t, b.top);"
        "  r.r = Math.max(r.r, b.right); r.b = Math.max(r.b, b.bottom); });"
        "var g = document.querySelector('#embed-graph .js-plotly-plot').getBoundingClientRect();"
        "r.gl = g.left; r.gt = g.top; r.gr = g.right; r.gb = g.bottom;"
        "r.vw = document.documentElement.clientWidth; return r;"
    )
    browser.save_screenshot(str(ROOT / "screenshots" / f"embed-map-{width}.png"))
    assert box["l"] >= max(box["gl"], 0) - 1 and box["r"] <= min(box["gr"], box["vw"]) + 1, box
    assert box["t"] >= box["gt"] - 1 and box["b"] <= box["gb"] + 1, box


def test_no_upload_message_on_a_fresh_page_load(server, browser):
    browser.set_window_size(1300, 900)
    browser.get(server + "/?lang=en")
    wait_css(browser, "#upload-messages")
    wait_css(browser, "#compare-results .hint")
    # The upload callback has run once the page settled (Dash runs it on render).
    callbacks_idle(browser)
    messages = browser.find_element("css selector", "#upload-messages")
    assert messages.text.strip() == ""
    assert not browser.find_elements("css selector", "#upload-messages .error")


def test_map_of_own_uploaded_figures_downloads_as_a_framed_vector(server, browser, tmp_path):
    """#23: the reader's own figures (in this tab's session storage only) download as the same
    vector map as the built indicators: one path per unit, text as text, no embedded image."""
    browser.set_window_size(1200, 900)
    browser.get(server + "/?lang=en&tab=upload")
    figures = tmp_path / "mine.csv"
    rows = "\n".join(f"{code},{i + 1}" for i, code in enumerate(OWN_CODES))
    figures.write_text("code,staff\n" + rows + "\n", encoding="utf-8")
    wait_css(browser, "#upload input[type=file]").send_keys(str(figures))
    until(
        lambda: "Loaded 1 columns" in browser.find_element("css selector", "#upload-messages").text
    )
    until(lambda: "staff" in browser.find_element("css selector", "#indicator").text, 30)
    own = next(
        label
        for label in browser.find_elements("css selector", "#indicator label")
        if label.text.strip() == "staff"
    )
    browser.execute_script("arguments[0].querySelector('input').click()", own)
    until(
        lambda: browser.find_element("css selector", "#map-title").get_attribute("data-indicator")
        == "user:staff",
        30,
    )
    callbacks_idle(browser)
    result = browser.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('#map-tools button[data-export=svg]');"
        "var t0 = performance.now();"
        "window.hanoiExport(btn).then(b => b.text()).then("
        "  t => done({svg: t, ms: performance.now() - t0}), e => done({svg: 'error: ' + e}));"
    )
    svg = result["svg"]
    assert svg.startswith("<svg"), svg[:300]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    units = root.findall(f".//{ns}g[@class='units']/{ns}path")
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    assert len(units) == 126 and "<image" not in svg
    assert texts.startswith("staff") and "Your file" in texts
    assert sum(p.get("fill") != "#d9d9d9" for p in units) == len(OWN_CODES)
    # The PNG is drawn from the same SVG.
    png = browser.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('#map-tools button[data-export=png]');"
        "window.hanoiExport(btn).then(b => done({type: b.type, size: b.size}),"
        " e => done({type: 'error: ' + e}));"
    )
    assert png["type"] == "image/png" and png["size"] > 20_000, png


def test_a_refused_own_map_download_says_why(server, browser):
    """Figures that are gone (another tab cleared them) get the server's message by the buttons."""
    browser.set_window_size(1200, 900)
    browser.get(server + "/?lang=en")
    wait_css(browser, "#map-tools button[data-export=svg]", 30)
    # A page whose indicator is an own one but whose storage holds nothing (a stale tab).
    browser.execute_script(
        "sessionStorage.removeItem('user-data');"
        "document.getElementById('map-title').setAttribute('data-indicator', 'user:staff');"
        "document.querySelector('#map-tools button[data-export=svg]').click();"
    )
    note = wait_css(browser, "#map-tools .export-error", 20)
    assert note.get_attribute("role") == "alert"
    assert "no figures of your own" in note.text.lower()


OWN_CODES = ["00070", "00166", "00256", "09661", "00004"]


def test_unit_embed_small_map_exports_inside_its_frame(server, browser):
    """The unit card's small map has export buttons in its frame (no mode bar): the SVG is the
    server's vector drawing with the frame's title, legend and source as text; the PNG too."""
    browser.set_window_size(1000, 900)
    browser.get(server + "/embed/unit/00070?lang=en")
    wait_css(browser, "details.unit-more summary", 30).click()
    wait_css(browser, "#unit-detail-map .maplibregl-canvas", 60)
    svg = browser.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('#unit-map-frame button[data-export=svg]');"
        "window.hanoiExport(btn).then(b => b.text()).then(done, e => done('error: ' + e));"
    )
    assert svg.startswith("<svg"), svg[:300]
    root = ET.fromstring(svg)
    texts = " ".join(root.itertext())
    assert "Phường Hoàn Kiếm: Old boundaries" in texts and "14 old units" in texts
    assert "The new unit (from 1 July 2025)" in texts and "Source:" in texts
    # A vector (the WebGL map's own SVG is one embedded PNG): the unit and its 14 old units as
    # paths, their names as text.
    ns = "{http://www.w3.org/2000/svg}"
    assert not list(root.iter(ns + "image"))
    assert len([p for p in root.iter(ns + "path") if p.get("class") == "old"]) == 14
    assert "Phường Hàng Bạc" in texts
    png = browser.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('#unit-map-frame button[data-export=png]');"
        "window.hanoiExport(btn).then(b => done([b.type, b.size]), e => done('error: ' + e));"
    )
    assert png[0] == "image/png" and png[1] > 20_000, png


# The share of clearly coloured pixels in each print copy of a WebGL map (assets/print_maps.js).
PRINT_COPIES_JS = """
return [...document.querySelectorAll('canvas.print-copy')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let coloured = 0;
  for (let i = 0; i < d.length; i += 4 * 7) {
    const mx = Math.max(d[i], d[i + 1], d[i + 2]), mn = Math.min(d[i], d[i + 1], d[i + 2]);
    if (d[i + 3] > 0 && mx - mn > 40) coloured++;
  }
  return [c.parentNode.closest('.dash-graph').id, coloured / (d.length / (4 * 7)),
          getComputedStyle(c).display];
});
"""


def test_printed_dashboard_has_its_maps_and_not_its_controls(server, browser):
    """WebGL maps print blank: before printing, each is copied into a plain canvas that prints
    (the city map, the unit's small map, the finder's split map); the controls are not printed,
    the finder's answer is. Printed on a page wider than 1,024 px (landscape), where the screen's
    map-first layout would leave the map no height."""
    from tests.e2e.helpers import map_settled

    browser.set_window_size(1300, 900)
    browser.get(server + "/?lang=en&unit=00070&q=P.%20Dien%20Bien%2C%20Q.%20Ba%20Dinh")
    wait_css(browser, "#unit-detail-map .maplibregl-canvas", 60)
    wait_css(browser, "#split-map .maplibregl-canvas", 60)
    callbacks_idle(browser)  # the page's callbacks may draw a map again after its first draw
    for graph in ("#city-map", "#unit-detail-map", "#split-map"):
        map_settled(browser, graph)
    # As a browser prints: "beforeprint" while the page is still laid out for the screen, then
    # the print layout (which resizes the maps' boxes).
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        copies = {
            name: (share, shown) for name, share, shown in browser.execute_script(PRINT_COPIES_JS)
        }
        assert set(copies) == {"city-map", "unit-detail-map", "split-map"}, copies
        assert all(share > 0.15 and shown == "block" for share, shown in copies.values()), copies
        heights = browser.execute_script(
            "return ['#city-map', '#unit-detail-map', '#split-map']"
            ".map(s => document.querySelector(s).getBoundingClientRect().height)"
        )
        assert min(heights) > 200, heights
        hidden = browser.execute_script(
            "return ['.search-row', '.locate-row', '.indicator-block', '.unit-picker',"
            " '.export-buttons', '.modebar-container'].map(s => [...document.querySelectorAll(s)]"
            ".every(e => getComputedStyle(e).display === 'none'))"
        )
        assert all(hidden), hidden
        answer = browser.find_element("css selector", "#search-results").text
        assert "Phường Điện Biên" in answer and "Phường Ba Đình" in answer
        # The legend's colours print (background colours are left out of print unless told).
        adjust = browser.execute_script(
            "return getComputedStyle(document.querySelector('#map-legend .swatch'))"
            ".printColorAdjust"
        )
        assert adjust == "exact"
        browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
        assert not browser.find_elements("css selector", "canvas.print-copy")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
