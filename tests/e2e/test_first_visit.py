"""The page being opened comes with Dash's layout (callbacks.shell), so the map does not wait
for a page callback; without a Referer the page callback still draws it."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import (
    callbacks_idle,
    chromium,
    map_painted,
    map_settled,
    running_app,
    wait_css,
)

pytestmark = pytest.mark.browser
URL = "/?lang=en&unit=00070&indicator=area_official_km2"
# Installed before the page's own scripts: notes the output of every callback request.
RECORD = """
window.__outputs = [];
const send = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes('_dash-update-component')) {
    window.__outputs.push(JSON.parse(options.body).output);
  }
  return send.apply(this, arguments);
};
"""


def _open(server) -> dict:
    """What the page opened at URL did once it has drawn its map and finished its callbacks: the
    callback outputs it requested, how it fetched Dash's layout and callbacks (the initiator
    of each request), the unit panel's heading, the unit picker's suggestions and the
    address."""
    driver = chromium(1440, 900)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD})
        driver.get(server + URL)
        wait_css(driver, "#city-map .maplibregl-canvas", 60)
        map_settled(driver)
        map_painted(driver)
        callbacks_idle(driver)
        return {
            "outputs": driver.execute_script("return window.__outputs"),
            "dash": driver.execute_script(
                "return performance.getEntriesByType('resource')"
                ".filter(e => /_dash-(layout|dependencies)$/.test(e.name))"
                ".map(e => e.name.split('/').pop() + ' ' + e.initiatorType).sort()"
            ),
            "heading": wait_css(driver, "#unit-panel h2").text,
            "suggestions": driver.execute_script(
                "return [...document.querySelectorAll('#unit-names option')].map(o => o.value)"
            ),
            "address": driver.current_url,
        }
    finally:
        driver.quit()


def test_the_page_comes_with_the_layout(server):
    opened = _open(server)
    assert "page.children" not in opened["outputs"], opened
    # The page's prevent_initial_call callbacks stay quiet: the unit's panel, its outline on
    # the map and the address are already in the page (nothing rewrote the URL).
    quiet = ("unit-panel", "city-map", "url.")
    assert not [o for o in opened["outputs"] if any(q in o for q in quiet)], opened
    assert "Phường Hoàn Kiếm" in opened["heading"]
    assert opened["address"] == server + URL
    # the unit picker's suggestions, written out from one attribute (views/layout.py)
    assert len(opened["suggestions"]) == 126 and "Phường Hoàn Kiếm (00070)" in opened["suggestions"]
    # Both came from the preloads in the page's head: one request each, none by the renderer.
    assert opened["dash"] == ["_dash-dependencies link", "_dash-layout link"], opened


def test_without_a_referer_of_this_site_the_page_callback_draws_the_page(data_root, cache_root):
    # The site's public address is elsewhere, so the browser's Referer (this server) is not
    # the site's: the layout comes without the page, as for a browser that sends no Referer.
    env = {"HANOI_PUBLIC_URL": "https://map.example.org"}
    with running_app(data_root, cache_root, env) as elsewhere:
        opened = _open(elsewhere)
    assert "page.children" in opened["outputs"]
    assert "Phường Hoàn Kiếm" in opened["heading"] and len(opened["suggestions"]) == 126
    assert opened["address"] == elsewhere + URL
