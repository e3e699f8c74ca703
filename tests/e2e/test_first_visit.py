"""The page being opened comes with Dash's layout (callbacks.shell), so the map does not wait
for a page callback; without a Referer the page callback still draws it."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import callbacks_idle, chromium, map_painted, map_settled, wait_css

pytestmark = pytest.mark.browser
URL = "/?lang=en&unit=00070&indicator=area_official_km2"
# Installed before the page's own scripts: notes the output of every callback request, and with
# NO_REFERER asks for the layout the way a browser that sends no Referer does.
RECORD = """
window.__outputs = [];
const send = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes('_dash-update-component')) {
    window.__outputs.push(JSON.parse(options.body).output);
  }
  if (window.__noReferer && String(url).includes('_dash-layout')) {
    options = Object.assign({}, options, {referrerPolicy: 'no-referrer'});
  }
  return send.call(this, url, options);
};
"""


def _open(server, referer: bool = True) -> tuple[list[str], str, str]:
    """(the callback outputs requested, the unit panel's heading, the address) once the page
    opened at URL has drawn its map and finished its callbacks."""
    driver = chromium(1440, 900)
    try:
        flag = "" if referer else "window.__noReferer = true;"
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": flag + RECORD})
        driver.get(server + URL)
        wait_css(driver, "#city-map .maplibregl-canvas", 60)
        map_settled(driver)
        map_painted(driver)
        callbacks_idle(driver)
        heading = wait_css(driver, "#unit-panel h2").text
        return driver.execute_script("return window.__outputs"), heading, driver.current_url
    finally:
        driver.quit()


def test_the_page_comes_with_the_layout(server):
    outputs, heading, address = _open(server)
    assert "page.children" not in outputs, outputs
    # The page's prevent_initial_call callbacks stay quiet: the unit's panel, its outline on
    # the map and the address are already in the page (nothing rewrote the URL).
    assert not [o for o in outputs if "unit-panel" in o or "city-map" in o or "url." in o], outputs
    assert "Phường Hoàn Kiếm" in heading
    assert address == server + URL


def test_without_a_referer_the_page_callback_draws_the_page(server):
    outputs, heading, address = _open(server, referer=False)
    assert "page.children" in outputs
    assert "Phường Hoàn Kiếm" in heading
    assert address == server + URL
