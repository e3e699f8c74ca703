"""The page being opened comes with Dash's layout (views/layout.py: shell), so the map does not
wait for a page callback; where the browser's Referer cannot say which page that is, the page
callback still draws the right one."""

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
UNIT_URL = "/?lang=en&unit=00070&indicator=area_official_km2"
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


def _open(base: str, path: str) -> dict:
    """What the page opened at ``path`` did once it has drawn its map and finished its
    callbacks: the callback outputs it requested, how it fetched Dash's layout and callbacks
    and dcc's first chunks (the initiator of each request), the page's language and heading
    (the unit panel's, if any), the unit picker's suggestions and the address."""
    driver = chromium(1440, 900)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD})
        driver.get(base + path)
        wait_css(driver, "#city-map .maplibregl-canvas", 60)
        map_settled(driver)
        map_painted(driver)
        callbacks_idle(driver)
        return {
            "outputs": driver.execute_script("return window.__outputs"),
            "dash": driver.execute_script(
                "return performance.getEntriesByType('resource')"
                ".filter(e => /(_dash-(layout|dependencies)|async-(graph|upload)\\.js)$/"
                ".test(e.name.split('?')[0]))"
                ".map(e => e.name.split('/').pop() + ' ' + e.initiatorType).sort()"
            ),
            "lang": driver.find_element("css selector", "#page > .page").get_attribute("lang"),
            "heading": driver.find_element("css selector", "#unit-panel").text,
            "suggestions": driver.execute_script(
                "return [...document.querySelectorAll('#unit-names option')].map(o => o.value)"
            ),
            "address": driver.current_url,
        }
    finally:
        driver.quit()


@pytest.mark.parametrize("path", [UNIT_URL, "/?lang=en"])
def test_the_page_comes_with_the_layout(server, path):
    opened = _open(server, path)
    assert "page.children" not in opened["outputs"], opened
    # The page's prevent_initial_call callbacks stay quiet: the unit's panel, its outline on
    # the map, the upload messages and the address are already in the page (nothing rewrote
    # the URL), with or without a unit (a store mounted with data=None would "change").
    quiet = ("unit-panel", "city-map", "url.", "upload-messages")
    assert not [o for o in opened["outputs"] if any(q in o for q in quiet)], opened
    assert opened["lang"] == "en" and opened["address"] == server + path
    assert ("Phường Hoàn Kiếm" in opened["heading"]) == ("unit=00070" in path)
    # the unit picker's suggestions, written out from one attribute (views/layout.py)
    assert len(opened["suggestions"]) == 126 and "Phường Hoàn Kiếm (00070)" in opened["suggestions"]
    # Dash's layout and callbacks and the first render's chunks came from the preloads in the
    # page's head: one request each, none by the renderer or webpack.
    assert opened["dash"] == [
        "_dash-dependencies link",
        "_dash-layout link",
        "async-graph.js link",
        "async-upload.js link",
    ], opened


@pytest.mark.parametrize(
    "policy",
    [
        "strict-origin",  # the Referer is cut to the origin: the layout draws "/" instead
        "no-referrer",  # no Referer: the layout comes without a page
    ],
)
def test_where_the_referer_cannot_say_the_page_callback_draws_it(data_root, cache_root, policy):
    env = {"HANOI_REFERRER_POLICY": policy}
    with running_app(data_root, cache_root, env) as base:
        opened = _open(base, UNIT_URL)
    assert opened["outputs"].count("page.children") == 1, opened
    assert opened["lang"] == "en" and "Phường Hoàn Kiếm" in opened["heading"]
    assert len(opened["suggestions"]) == 126
    assert opened["address"] == base + UNIT_URL
