"""One responsive layout in real Chromium: the desktop map-first view, the phone view, the
device's position (DevTools geolocation override)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.helpers import (
    callbacks_idle,
    map_settled,
    open_maps,
    page_width,
    settled,
    units_box,
    until,
    wait_css,
)

pytestmark = pytest.mark.browser


def _size(driver, width, height):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )


def _open(driver, url):
    driver.get(url)
    open_maps(driver)
    wait_css(driver, "#city-map .maplibregl-canvas")
    # fit_map.js frames the units once the map exists
    until(
        lambda: driver.execute_script(
            "const gd = document.querySelector('#city-map .js-plotly-plot');"
            "return !!(gd && gd._fullLayout.map._subplot.map.__hanoiFit)"
        )
    )
    map_settled(driver)


def _inside(box, outer, slack=1):
    return (
        box["left"] >= outer["left"] - slack
        and box["right"] <= outer["right"] + slack
        and box["top"] >= outer["top"] - slack
        and box["bottom"] <= outer["bottom"] + slack
    )


@pytest.fixture
def desktop(browser):
    _size(browser, 1440, 900)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def phone(browser):
    _size(browser, 390, 844)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_desktop_is_map_first_with_every_unit_in_view_and_a_full_side_panel(server, desktop):
    _open(desktop, server + "/?lang=en")
    box = units_box(desktop)
    viewport = {"left": 0, "top": 0, "right": box["w"], "bottom": box["h"]}
    assert _inside(box, viewport) and _inside(box, box["map"]), box
    assert box["map"]["bottom"] - box["map"]["top"] > 0.7 * box["h"]  # the map fills the height
    side = desktop.find_element("css selector", ".side-panel")
    assert side.rect["width"] <= 400 and side.rect["x"] < box["map"]["left"]
    text = desktop.find_element("css selector", "#unit-panel").text
    assert "Hanoi has 126 commune-level units" in text  # never empty: the city when no unit
    # The legend strip is under the map, in its frame (views/layout.py)
    legend = desktop.find_element("css selector", ".map-frame #map-legend")
    assert len(legend.find_elements("css selector", ".legend-rows li")) >= 3
    options = desktop.find_element("css selector", "details.map-options")
    assert options.get_attribute("open") is None  # secondary controls folded away


# How far the map's zoom is, and has been since WATCH_JS ran, from the zoom that fits its box.
FIT_JS = """
const gd = document.querySelector('#city-map .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map, b = gd.layout.meta.bounds;
const fitted = map.cameraForBounds([[b[0], b[1]], [b[2], b[3]]], {padding: 20}).zoom;
return Math.max(...[map.getZoom(), ...(window.__zooms || [])].map(z => Math.abs(z - fitted)));
"""
WATCH_JS = """
const map = document.querySelector('#city-map .js-plotly-plot')._fullLayout.map._subplot.map;
window.__zooms = [];
map.on('zoom', () => window.__zooms.push(map.getZoom()));
"""


def test_the_map_stays_fitted_to_its_box_when_the_basemap_or_indicator_changes(server, desktop):
    """Plotly puts a map back on its figure's centre and zoom when the layout changes; the fitted
    view is recorded as the reader's (fit_map.js), so it stays."""
    _open(desktop, server + "/?lang=en")
    assert desktop.execute_script(FIT_JS) < 0.05  # fitted: the figure's own zoom is 8.6
    desktop.execute_script(WATCH_JS)  # and it never leaves that view, not even for a moment
    desktop.find_elements("css selector", "#indicator label")[0].click()  # not the default
    until(lambda: "indicator=" in desktop.current_url, message="the indicator did not change")
    desktop.find_element("css selector", "details.map-options summary").click()
    desktop.find_elements("css selector", "#basemap label")[-1].click()
    until(
        lambda: desktop.execute_script(
            "return document.querySelector('#city-map .js-plotly-plot')._fullLayout.map.style"
        )
        != "white-bg",
        message="the basemap did not change",
    )
    map_settled(desktop)
    assert desktop.execute_script(FIT_JS) < 0.05


def test_phone_opens_on_the_finder_and_a_full_width_map_that_hanoi_fills(server, phone):
    _open(phone, server + "/")
    box = units_box(phone)
    finder = phone.find_element("css selector", ".finder").rect
    head = phone.find_element("css selector", "#map-head").rect
    # The finder first; the map's title and the top of its box on the first screen (844 px).
    assert finder["y"] < head["y"] < box["map"]["top"] < 844 - 100, (finder, head, box)
    # The map takes the page's width (its 12 px margins aside) and has Hanoi's shape: the city
    # fills at least 85 % of the map's width, wholly inside it (#23).
    assert box["map"]["right"] - box["map"]["left"] >= 390 - 2 * 12 - 1, box
    assert _inside(box, box["map"]) and box["fill"] >= 0.85, box
    # Exactly the phone's width: nothing scrolls sideways, nothing made the browser zoom out.
    assert page_width(phone) == [390, 390, []]
    small = phone.execute_script(
        "return [...document.querySelectorAll('.finder button, .pick-unit, .locate-button')]"
        ".filter(b => b.getBoundingClientRect().height < 44).map(b => b.id || b.textContent)"
    )
    assert not small, f"tap targets under 44 px: {small}"


PLOTLY_FETCHED_JS = (
    "return performance.getEntriesByType('resource').some(e => e.name.includes('plotly-hanoi'))"
)


def test_phone_first_screen_waits_for_the_reader_before_fetching_plotly(server, phone):
    """#22: on a phone the first screen (finder, the map's box) comes without plotly.js; the
    reader's first action fetches it and the map draws; on a desktop it comes at once."""
    phone.get(server + "/")
    button = wait_css(phone, "#city-map .graph-wait")
    callbacks_idle(phone)
    assert not phone.execute_script(PLOTLY_FETCHED_JS)
    box = phone.find_element("css selector", "#city-map").rect
    tap = button.rect
    # The map's box starts on the first screen (844 px), its button inside it and in view.
    assert box["height"] > 200 and box["y"] + 44 < tap["y"], (box, tap)
    assert tap["y"] + tap["height"] <= min(844, box["y"] + box["height"]), tap
    assert button.text == "Mở bản đồ"
    assert phone.execute_script("return typeof window.Plotly.newPlot") == "undefined"
    button.click()
    wait_css(phone, "#city-map .maplibregl-canvas", 60)
    map_settled(phone)
    assert phone.execute_script(PLOTLY_FETCHED_JS)
    # Any first action does: a key in the finder.
    phone.get(server + "/?lang=en")
    wait_css(phone, "#city-map .graph-wait")
    wait_css(phone, "#search").send_keys("a")
    wait_css(phone, "#city-map .maplibregl-canvas", 60)


def test_desktop_draws_the_map_with_no_action(server, desktop):
    desktop.get(server + "/")
    wait_css(desktop, "#city-map .maplibregl-canvas", 60)
    assert not desktop.find_elements("css selector", ".graph-wait")


def test_phone_tapping_an_answer_scrolls_to_the_unit_and_puts_it_in_the_url(server, phone):
    from selenium.webdriver.common.keys import Keys

    _open(phone, server + "/?lang=en")
    wait_css(phone, "#search").send_keys("P. Dien Bien, Q. Ba Dinh", Keys.ENTER)
    button = wait_css(phone, ".finder-results .pick-unit[data-code='00190']", timeout=20)
    settled(phone, button)  # the answer scrolls itself into view and its map draws first
    # Nothing in the answer (its map's legend included) widens the page: no zoom-out on phones.
    assert page_width(phone) == [390, 390, []]
    start = phone.execute_script("return scrollY")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    settled(phone, button)
    button.click()
    assert until(lambda: "unit=00190" in phone.current_url), phone.current_url
    assert parse_qs(urlsplit(phone.current_url).query)["q"] == ["P. Dien Bien, Q. Ba Dinh"]
    until(lambda: "Phường Ô Chợ Dừa" in phone.find_element("css selector", "#unit-panel").text)
    # The smooth scroll has arrived when the panel's top sits near the top of the viewport.
    until(
        lambda: -5
        <= phone.execute_script(
            "return document.getElementById('unit-panel').getBoundingClientRect().top"
        )
        < 200,
        10,
        "the unit panel was not scrolled into view",
    )
    assert phone.execute_script("return scrollY") > start
    outline = phone.execute_script(
        "const gd = document.querySelector('#city-map .js-plotly-plot');"
        "return (gd.layout.map.layers || []).filter(l => l.name === 'highlight').length"
    )
    assert outline == 1
    # The page is exactly the phone's width: nothing wider made the browser zoom it out.
    assert page_width(phone) == [390, 390, []]


@pytest.mark.parametrize(
    "lat,lon,expected",
    [(21.0285, 105.8542, "Phường Hoàn Kiếm"), (10.7769, 106.7009, "outside Hanoi")],
)
def test_use_my_location_answers_with_the_exact_unit(server, desktop, lat, lon, expected):
    desktop.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]}
    )
    desktop.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lon, "accuracy": 10}
    )
    try:
        _open(desktop, server + "/?lang=en")
        button = desktop.find_element("css selector", "#locate-me")
        button.send_keys(" ")  # the keyboard works: space presses a native button
        assert until(
            lambda: expected in desktop.find_element("css selector", "#geo-answer").text
        ), desktop.find_element("css selector", "#geo-answer").text
        if expected.startswith("Phường"):
            until(lambda: "unit=00070" in desktop.current_url)
            assert "unit=00070" in desktop.current_url
    finally:
        desktop.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})


def test_use_my_location_says_when_permission_is_refused(server, desktop):
    desktop.execute_cdp_cmd("Browser.resetPermissions", {})
    desktop.execute_cdp_cmd(
        "Browser.setPermission",
        {"origin": server, "permission": {"name": "geolocation"}, "setting": "denied"},
    )
    _open(desktop, server + "/?lang=en")
    desktop.find_element("css selector", "#locate-me").click()
    assert until(lambda: "refused" in desktop.find_element("css selector", "#geo-answer").text)
    desktop.execute_cdp_cmd("Browser.resetPermissions", {})


def test_split_answer_map_names_every_candidate_in_its_legend(server, desktop):
    _open(desktop, server + "/?lang=en&q=P.%20Dien%20Bien%2C%20Q.%20Ba%20Dinh")
    wait_css(desktop, "#split-map .maplibregl-canvas")
    names = ["Phường Ba Đình", "Phường Văn Miếu - Quốc Tử Giám", "Phường Ô Chợ Dừa"]
    # In its graphic frame: the HTML title above the map (plotly draws no title), the legend
    # strip under it with each candidate and its share.
    frame = desktop.find_element("css selector", "#split-map-frame")
    title = frame.find_element("css selector", ".graphic-title").text
    assert title.startswith("Phường Điện Biên") and title.endswith("→ 2025"), title
    assert not desktop.find_elements(
        "css selector", "#split-map .g-gtitle text, #split-map .legend"
    )
    html_legend = frame.find_element("css selector", ".graphic-legend .split-legend").text
    for name in names + ["Phường Hoàn Kiếm"]:
        assert name in html_legend, (name, html_legend)
    assert "of the old unit's area" in html_legend
    text = desktop.find_element("css selector", "#search-results").text
    assert "is approximate" in text and "Use my location" in text
    assert "Sắp xếp toàn bộ diện tích tự nhiên" in text  # the clause, as text
    # Its SVG download is the server's vector: one shape per candidate, named on the map.
    svg = desktop.execute_async_script(
        "var done = arguments[0];"
        "var btn = document.querySelector('#split-map-frame button[data-export=svg]');"
        "window.hanoiExport(btn).then(b => b.text()).then(done, e => done('error: ' + e));"
    )
    assert svg.startswith("<svg") and "<image" not in svg, svg[:300]
    assert svg.count('class="dest"') == 4 and all(name in svg for name in names)
    style = desktop.execute_script(
        "return document.querySelector('#split-map .js-plotly-plot').layout.map.style"
    )
    assert style == "open-street-map"
