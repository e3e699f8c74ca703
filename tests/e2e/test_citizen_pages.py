"""The citizen pages in real Chromium (#22): the answer arrives with JavaScript off, on a phone, in
the first screen; with JavaScript on, the answer is in view and focused whatever produced it
(typed, located, a shared link), a tap on the split map names the unit under it; axe finds no
violation at 390 and 1,440 px."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import chromium, settled, until, wait_css
from tests.e2e.test_a11y import _report, axe_violations

pytestmark = pytest.mark.browser

SPLIT = "/old/00268-thanh-luong"  # Phường Thanh Lương: split between three new units
PHONE = (390, 844)


def _phone(driver):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True},
    )


@pytest.fixture(scope="module")
def no_js_browser():
    """Chromium at phone size with JavaScript switched off."""
    driver = chromium(PHONE[0], PHONE[1], javascript=False)
    _phone(driver)
    yield driver
    driver.quit()


def _rect(el) -> dict:
    return el.rect  # x, y, width, height in CSS px, from the top of the page


def test_split_answer_in_the_first_phone_screen_without_javascript(server, no_js_browser):
    d = no_js_browser
    d.get(server + SPLIT)
    wait_css(d, "#answer")
    # JavaScript is really off: citizen.js would have shown the location button
    assert d.find_element("css selector", "button.locate").get_attribute("hidden") is not None
    dests = d.find_elements("css selector", "#answer .dests > li.dest")
    assert len(dests) == 3
    for li in dests:
        name = li.find_element("css selector", "h2 a")
        share = li.find_element("css selector", ".kind strong")
        office = li.find_element("css selector", ".office dd")
        assert name.text.startswith("Phường ") and "%" in share.text and office.text
        for el in (name, share, office):
            r = _rect(el)
            assert r["y"] >= 0 and r["y"] + r["height"] <= PHONE[1], (name.text, el.text, r)
    # the map: one labelled shape per destination, each label naming its unit and share
    codes = [li.get_attribute("data-code") for li in dests]
    shapes = d.find_elements("css selector", "svg.split-svg g.dest")
    assert [g.get_attribute("data-code") for g in shapes] == codes
    labels = {
        t.get_attribute("data-code"): t.text
        for t in d.find_elements("css selector", "svg.split-svg text.label")
    }
    for li in dests:
        name = li.find_element("css selector", "h2 a").text
        assert labels[li.get_attribute("data-code")].startswith(name)
        assert "%" in labels[li.get_attribute("data-code")]
    # the legend is beside or under the map, never over it
    svg = _rect(d.find_element("css selector", "svg.split-svg"))
    legend = _rect(d.find_element("css selector", ".split-fig .legend"))
    assert legend["y"] >= svg["y"] + svg["height"] - 1 or legend["x"] >= svg["x"] + svg["width"]


def test_the_form_answers_without_javascript(server, no_js_browser):
    d = no_js_browser
    d.get(server + "/old/00001-phuc-xa")
    box = wait_css(d, "#q")
    box.send_keys("thanh luong hai ba trung")
    d.find_element("css selector", ".finder button[type=submit]").click()
    until(lambda: "/find?" in d.current_url, 15, "the form did not submit")
    h1 = wait_css(d, "#answer h1")
    assert h1.text.startswith("Phường Thanh Lương (Hai Bà Trưng)")
    r = _rect(h1)
    assert r["y"] < PHONE[1]
    # an ambiguous name lists its candidates as links to their pages
    d.get(server + "/find?q=dong+xuan")
    links = d.find_elements("css selector", "#answer .candidates a")
    assert len(links) >= 2 and all("/old/" in a.get_attribute("href") for a in links)


@pytest.fixture(scope="module")
def phone(browser):
    _phone(browser)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _answer_in_view_and_focused(d) -> None:
    until(
        lambda: d.execute_script(
            "const a = document.getElementById('answer');"
            "if (!a || document.activeElement !== a) return false;"
            "const r = a.getBoundingClientRect();"
            "return r.top >= -1 && r.top < innerHeight / 2;"
        ),
        15,
        "the answer is not in view and focused",
    )


def test_typed_answer_is_in_view_and_focused(server, phone):
    d = phone
    d.get(server + "/unit/00097-hong-ha")
    box = wait_css(d, "#q")
    d.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    box.send_keys("dien bien ba dinh")
    d.find_element("css selector", ".finder button[type=submit]").click()
    until(lambda: "/find?" in d.current_url, 15, "the form did not submit")
    _answer_in_view_and_focused(d)
    assert "Phường Điện Biên" in d.find_element("css selector", "#answer h1").text


def test_located_answer_is_in_view_and_focused(server, phone):
    d = phone
    d.get(server + SPLIT)
    d.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]}
    )
    # Hoàn Kiếm lake: in Phường Hoàn Kiếm (00070)
    d.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": 21.0285, "longitude": 105.8542, "accuracy": 10},
    )
    button = until(
        lambda: (b := d.find_element("css selector", "button.locate")).is_displayed() and b,
        15,
        "no location button",
    )
    button.click()
    until(lambda: "/find?" in d.current_url, 15, "location did not lead to an answer")
    _answer_in_view_and_focused(d)
    assert "/unit/00070-" in d.find_element("css selector", "#answer").get_attribute("innerHTML")
    d.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})


def test_typing_suggests_and_the_keyboard_picks_one(server, phone):
    """Typing an accent-free part of a name offers the finder's matches (a combobox the screen
    reader is told about); arrow keys and Enter open the chosen one's page, answer in view."""
    from selenium.webdriver.common.keys import Keys

    d = phone
    d.get(server + "/unit/00097-hong-ha")
    box = wait_css(d, "#q")
    box.send_keys("thanh lu")
    first = until(
        lambda: d.find_elements(
            "css selector", "#q-list[role=listbox]:not([hidden]) [role=option]"
        ),
        15,
        "no suggestions",
    )
    texts = [o.text for o in d.find_elements("css selector", "#q-list [role=option]")]
    assert texts[0] == "Phường Thanh Lương (Quận Hai Bà Trưng)", texts
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "q-list"
    status = d.find_element("css selector", ".finder [role=status]").get_attribute("textContent")
    assert status.startswith(f"{len(texts)} gợi ý"), status
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == first[0].get_attribute("id")
    assert first[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ENTER)
    until(lambda: "/old/00268-thanh-luong" in d.current_url, 15, "the pick did not open it")
    _answer_in_view_and_focused(d)
    assert "Thanh Lương" in d.find_element("css selector", "#answer h1").text
    # Escape closes the list; Enter with nothing chosen submits the plain form.
    box = wait_css(d, "#q")
    box.send_keys("hang b")
    until(lambda: d.find_elements("css selector", "#q-list:not([hidden]) [role=option]"), 15)
    box.send_keys(Keys.ESCAPE)
    assert d.find_element("css selector", "#q-list").get_attribute("hidden") is not None
    box.send_keys(Keys.ENTER)
    until(lambda: "/find?" in d.current_url, 15, "the form did not submit")


@pytest.mark.parametrize("path", [SPLIT, "/find?q=thanh+luong#answer", "/unit/00097-hong-ha"])
def test_shared_link_answer_is_in_view_and_focused(server, phone, path):
    phone.get(server + path)
    _answer_in_view_and_focused(phone)


def test_a_tap_on_the_split_map_names_the_unit_under_it(server, phone):
    from selenium.webdriver.common.action_chains import ActionChains

    d = phone
    d.get(server + SPLIT)
    labels = d.find_elements("css selector", "svg.split-svg text.label")
    assert len(labels) == 3
    out = d.find_element("css selector", ".tap-answer")
    for label in labels:
        code = label.get_attribute("data-code")
        name = d.find_element("css selector", f"#answer li.dest[data-code='{code}'] h2 a").text
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        settled(d)
        ActionChains(d).move_to_element(label).click().perform()
        until(lambda n=name: n in out.text, 15, f"the tap did not name {name}: {out.text!r}")
    assert d.find_elements("css selector", "svg.split-svg circle.tap")


TILES_JS = """
return [...document.querySelectorAll('svg.split-svg g.tiles image')].map(i => [
  i.getAttribute('href'), +i.getAttribute('x'), +i.getAttribute('y'), +i.getAttribute('width'),
  +i.getAttribute('height')]);
"""


def test_street_tiles_under_the_split_map_line_up_and_the_svg_stays_without_them(
    server, phone, no_js_browser
):
    """The street map under the SVG: each tile z/x/y sits where the map's projection puts that
    tile's corners (computed here from the slippy-map formulas), the tiles cover the map and the
    credit shows with them. Tiles come from a stub on this server (no network in CI); tiles
    that cannot load leave the SVG as it was, with a note. Without JavaScript: no control."""
    import re

    from dashboard.figures.svg_map import Projection
    from tests.dashboard.figures.test_svg_map import _tile_corner

    no_js_browser.get(server + SPLIT)
    assert not no_js_browser.find_element("css selector", ".tiles-ctl").is_displayed()
    d = phone
    d.get(server + SPLIT)
    button = until(
        lambda: (b := d.find_element("css selector", "button.tiles")).is_displayed() and b,
        15,
        "no street map control",
    )
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in d.find_element(
        "css selector", ".tiles-ctl"
    ).get_attribute("data-tiles")
    stub = "/assets/favicon.ico?tile={z}/{x}/{y}"  # any image this server has
    d.execute_script(
        "document.querySelector('.tiles-ctl').setAttribute('data-tiles', arguments[0])", stub
    )
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    tiles = d.execute_script(TILES_JS)
    until(
        lambda: d.execute_script(
            "const g = document.querySelector('svg.split-svg g.tiles');"
            "return g && +g.getAttribute('data-loaded') === g.children.length;"
        ),
        15,
        "the stub tiles did not load",
    )
    assert button.get_attribute("aria-pressed") == "true"
    assert d.find_element("css selector", ".tiles-credit").is_displayed()
    assert "OpenStreetMap" in d.find_element("css selector", ".tiles-credit").text
    svg = d.find_element("css selector", "svg.split-svg")
    x0, y0, s = (float(svg.get_attribute(a)) for a in ("data-x0", "data-y0", "data-s"))
    proj = Projection(x0, y0, s, 21.0)
    assert tiles
    for href, x, y, w, h in tiles:
        z, tx, ty = (int(v) for v in re.search(r"tile=(\d+)/(\d+)/(\d+)", href).groups())
        nw = proj.xy(*_tile_corner(z, tx, ty))
        se = proj.xy(*_tile_corner(z, tx + 1, ty + 1))
        assert (x, y) == pytest.approx(nw, abs=0.01), href
        assert (x + w, y + h) == pytest.approx(se, abs=0.01), href
    assert min(t[1] for t in tiles) <= 0 and min(t[2] for t in tiles) <= 0
    assert max(t[1] + t[3] for t in tiles) >= 360 and max(t[2] + t[4] for t in tiles) >= 320
    # the units stay on top of the tiles
    order = d.execute_script(
        "return [...document.querySelector('svg.split-svg').children].map(e => e.getAttribute("
        "'class') || e.tagName)"
    )
    assert order.index("tiles") < order.index("dest")
    # Tiles that cannot load: off again, a note, the SVG as it was.
    button.click()
    assert not d.find_elements("css selector", "svg.split-svg g.tiles")
    d.execute_script(
        "document.querySelector('.tiles-ctl').setAttribute('data-tiles', arguments[0])",
        "/no-such-tile/{z}/{x}/{y}.png",
    )
    button.click()
    until(lambda: d.find_element("css selector", ".tiles-failed").text, 15, "no note on failure")
    assert button.get_attribute("aria-pressed") == "false"
    assert not d.find_elements("css selector", "svg.split-svg g.tiles")
    assert not d.find_element("css selector", ".tiles-credit").is_displayed()
    assert len(d.find_elements("css selector", "svg.split-svg g.dest")) == 3


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize(
    "path",
    [SPLIT, SPLIT + "?lang=en", "/unit/00097-hong-ha", "/find?q=dong+xuan", "/old/99999"],
)
def test_axe_reports_no_violation_on_citizen_pages(server, browser, path, width):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800},
    )
    browser.get(server + path)
    wait_css(browser, "#answer")
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = axe_violations(browser)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not violations, f"{path} at {width} px:\n" + _report(violations)


# --- the dashboard: the same three journeys end with the answer in view and focused -----------

IN_VIEW_JS = """
const e = document.getElementById(arguments[0]);
if (!e || document.activeElement !== e) return null;
const r = e.getBoundingClientRect();
return [r.top, r.bottom, innerHeight, e.textContent.slice(0, 200)];
"""


def _dashboard_answer(d, box: str, text: str) -> None:
    def ready():
        got = d.execute_script(IN_VIEW_JS, box)
        # the answer's top is on screen, in its upper part, and the answer is the one asked for
        return got and -1 <= got[0] < got[2] * 0.6 and text in got[3] and got

    until(ready, 30, f"#{box} with {text!r} never came into view with the focus")


def test_dashboard_shared_link_answer_is_in_view_and_focused(server, phone):
    phone.get(server + "/?q=thanh+luong")
    _dashboard_answer(phone, "search-results", "Phường Thanh Lương")
    # the office address is in the answer itself
    html = phone.find_element("id", "search-results").get_attribute("innerHTML")
    assert "Trụ sở" in html and "Số 35 phố Vĩnh Tuy" in html


def test_dashboard_typed_answer_is_in_view_and_focused(server, phone):
    from tests.e2e.helpers import callbacks_idle

    phone.get(server + "/")
    box = wait_css(phone, "#search")
    callbacks_idle(phone)
    phone.execute_script("window.scrollTo(0, 600)")
    box.send_keys("dien bien ba dinh\n")
    _dashboard_answer(phone, "search-results", "Phường Điện Biên")


def test_dashboard_located_answer_is_in_view_and_focused(server, phone):
    from tests.e2e.helpers import callbacks_idle

    d = phone
    d.get(server + "/")
    button = wait_css(d, "#locate-me")
    callbacks_idle(d)
    d.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]}
    )
    d.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": 21.0285, "longitude": 105.8542, "accuracy": 10},
    )
    button.click()
    _dashboard_answer(d, "unit-panel", "Phường Hoàn Kiếm")
    assert "Trụ sở" in d.find_element("id", "unit-panel").text
    assert "Trụ sở" in d.find_element("id", "geo-answer").get_attribute("textContent")
    d.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})


def test_dashboard_first_screen_without_javascript_has_a_working_finder(server, no_js_browser):
    d = no_js_browser
    d.get(server + "/?q=thanh+luong")
    first = wait_css(d, "#first-screen")
    assert first.is_displayed() and "Phường Thanh Lương" in first.text
    assert first.text.count("Trụ sở") == 3
    box = d.find_element("id", "first-q")
    box.clear()
    box.send_keys("dien bien ba dinh")
    d.find_element("css selector", "#first-screen button[type=submit]").click()
    until(lambda: "/find?" in d.current_url, 15, "the first screen's form did not submit")
    assert "Phường Điện Biên" in wait_css(d, "#answer h1").text


def test_dashboard_first_screen_gives_way_to_the_dash_page(server, phone):
    phone.get(server + "/")
    wait_css(phone, "#page > *")
    until(lambda: not phone.find_elements("id", "first-screen"), 30, "the first screen stayed")
    assert len(phone.find_elements("css selector", "h1")) == 1


def test_dashboard_map_tap_answer_is_in_view_and_focused(server, phone):
    from selenium.webdriver.common.action_chains import ActionChains

    from tests.e2e.helpers import map_painted, open_maps

    d = phone
    d.get(server + "/")
    open_maps(d)
    canvas = wait_css(d, ".maplibregl-canvas")
    map_painted(d)
    ActionChains(d).move_to_element(canvas).click().perform()
    wait_css(d, ".unit-panel .located", timeout=20)  # the panel of the tapped point
    _dashboard_answer(d, "unit-panel", "Trụ sở")
