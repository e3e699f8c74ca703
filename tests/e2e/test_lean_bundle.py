"""Headless Chromium with the lean plotly.js bundles (dashboard/web/static_assets.py): the map, the
compare chart and PNG/SVG export work, each page loads its own bundle, and no page ever requests
Dash's full plotly.min.js (Resource Timing entries)."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import callbacks_idle, map_painted, map_settled, until, wait_css

pytestmark = pytest.mark.browser
CHART_EMBED = "/embed/chart/pop2025?compare=00070,09661&lang=en"


def _scripts(driver) -> list[str]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name.split('?')[0])"
    )


def _no_full_plotly(driver, bundle: str) -> None:
    names = _scripts(driver)
    assert not [n for n in names if n.endswith("/plotly.min.js")], names
    assert [n for n in names if n.endswith("/assets/vendor/" + bundle)], names
    others = [n for n in names if "plotly-hanoi" in n and not n.endswith("/" + bundle)]
    assert not others, others


def _export(driver, css: str, fmt: str) -> str:
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var gd = document.querySelector(arguments[0]);"
        "Plotly.toImage(gd, {format: arguments[1], width: 700, height: 400})"
        ".then(done, function (e) { done('error: ' + e); });",
        css,
        fmt,
    )


def test_home_map_and_compare_chart_with_the_map_bundle(server, browser):
    browser.set_window_size(1440, 900)
    browser.get(server + "/?lang=en&compare=00070,09661&tab=compare")
    wait_css(browser, "#city-map .maplibregl-canvas", 60)
    map_painted(browser, "#city-map")
    wait_css(browser, ".compare-chart .main-svg")
    until(lambda: browser.find_elements("css selector", ".compare-chart .bars .point path"))
    _no_full_plotly(browser, "plotly-hanoi.min.js")
    chart = ".compare-chart .js-plotly-plot"
    assert _export(browser, chart, "png").startswith("data:image/png;base64,")
    assert _export(browser, chart, "svg").startswith("data:image/svg+xml")
    assert _export(browser, "#city-map .js-plotly-plot", "png").startswith("data:image/png")


def test_map_embed_with_the_geo_bundle(server, browser):
    browser.get(server + "/embed/map?lang=en")
    until(lambda: len(browser.find_elements("css selector", "#embed-graph .choroplethlocation")))
    _no_full_plotly(browser, "plotly-hanoi-geo.min.js")
    svg = _export(browser, "#embed-graph .js-plotly-plot", "svg")
    assert svg.startswith("data:image/svg+xml") and "choroplethlocation" in svg


def test_unit_embed_and_facts_embed_with_their_bundles(server, browser):
    browser.get(server + "/embed/unit/00070?lang=en")
    wait_css(browser, "details.unit-more summary").click()  # the small map is in the fold
    wait_css(browser, "#unit-detail-map .maplibregl-canvas", 60)
    map_painted(browser, "#unit-detail-map", share=0.02)
    _no_full_plotly(browser, "plotly-hanoi.min.js")
    browser.get(server + "/embed/facts?lang=en")
    until(lambda: browser.find_elements("css selector", ".facts-chart .bars .point path"))
    _no_full_plotly(browser, "plotly-hanoi-chart.min.js")


def test_chart_embed_with_the_chart_bundle_exports_png_and_svg(server, browser):
    browser.get(server + CHART_EMBED)
    until(lambda: browser.find_elements("css selector", "#embed-graph .bars .point path"))
    _no_full_plotly(browser, "plotly-hanoi-chart.min.js")
    graph = "#embed-graph .js-plotly-plot"
    assert _export(browser, graph, "png").startswith("data:image/png;base64,")
    svg = _export(browser, graph, "svg")
    assert svg.startswith("data:image/svg+xml") and "bars" in svg, svg[:200]


def _first_draw(browser, url: str) -> None:
    """Open the dashboard at 1,440 px and wait until its map and first callbacks are done."""
    browser.set_window_size(1440, 900)
    browser.get(url)
    wait_css(browser, "#city-map .maplibregl-canvas", 60)
    map_settled(browser)
    callbacks_idle(browser)


def test_table_scripts_load_only_when_the_table_tab_opens(server, browser):
    """DataTable's chunks (~110 KB) are not part of a first visit; opening the tab draws the table
    with every unit the filter shows, and the URL says tab=table."""
    _first_draw(browser, server + "/?lang=en&type=phuong")
    assert not [n for n in _scripts(browser) if "async-table" in n]
    assert not browser.find_elements("css selector", "#table-holder *")
    from dashboard.model.params import TABS

    browser.find_elements("css selector", "#tab input")[TABS.index("table")].click()
    until(lambda: browser.find_elements("css selector", "#table-holder .dash-spreadsheet"))
    until(
        lambda: len(browser.find_elements("css selector", "#table-holder tbody tr")) > 1,
        message="the table has no rows",
    )
    assert [n for n in _scripts(browser) if "async-table" in n]
    assert "tab=table" in browser.current_url
    cells = browser.execute_script(
        "return [...document.querySelectorAll('#table-holder td')].map(td => td.innerText)"
    )
    assert any(c.startswith("Phường") for c in cells) and not any(c.startswith("Xã") for c in cells)


def test_compare_checkboxes_are_drawn_when_the_reader_scrolls_to_them(server, browser):
    _first_draw(browser, server + "/?lang=en")
    assert not browser.find_elements("css selector", "#compare-units input")
    browser.execute_script("document.getElementById('compare-units').scrollIntoView()")
    until(lambda: len(browser.find_elements("css selector", "#compare-units input")) == 126)
    # and they work: two ticked units are compared
    for box in browser.find_elements("css selector", "#compare-units input")[:2]:
        box.click()
    until(lambda: browser.find_elements("css selector", ".compare-chart .main-svg"))


def test_facts_are_drawn_when_the_reader_scrolls_to_them(server, browser):
    _first_draw(browser, server + "/?lang=en")
    assert not browser.find_elements("css selector", "#facts-body *")
    browser.execute_script("document.getElementById('facts-body').scrollIntoView()")
    until(lambda: len(browser.find_elements("css selector", "#facts-body .bars .point path")) > 3)
    assert len(browser.find_elements("css selector", "#facts-body .js-plotly-plot")) == 4
    assert len(browser.find_elements("css selector", "#facts-body .facts-table tbody tr")) > 30
