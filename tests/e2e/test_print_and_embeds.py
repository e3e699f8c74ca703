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
