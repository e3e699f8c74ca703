"""Headless Chromium: one language at a time (#11) and the unit card embed's height on a phone.

Each page's visible text plus its placeholders, titles and aria-labels is checked against the
common UI words of the other language. Proper names (unit names, repositories in citations,
"Hà Nội") are in both languages and are not in these lists.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.helpers import settled, until, wait_css

pytestmark = pytest.mark.browser

# Whole words (case-insensitive) that only the other language's UI would show.
VI_ONLY = [
    "Nguồn",
    "Dân số",
    "Diện tích",
    "không có dữ liệu",
    "ước tính",
    "Chọn",
    "Xem thêm",
    "Tải",
    "Phương pháp",
    "Chú giải",
    "Mật độ",
]
EN_ONLY = [
    "Source",
    "Sources",
    "Population",
    "Area",
    "no data",
    "estimate",
    "Select",
    "filter data",
    "Download",
    "Embed",
    "Loading",
    "Method",
    "Legend",
    "More",
]

PAGES = ["/", "/?unit=00070", "/embed/map", "/embed/unit/00070", "/embed/facts"]

# Text nodes (visible or folded in a closed <details>) and the placeholder, title, aria-label and
# alt attributes; not the code a newsroom copies (textarea, code), an article's own title (cite)
# or a quotation marked with its own language (the resolution's clauses, lang="vi").
TEXT_JS = """
const page = document.documentElement.lang;
const skip = e => e.closest('textarea, code, cite, script, style, [lang]:not(html)')
  && (e.closest('textarea, code, cite, script, style')
      || e.closest('[lang]:not(html)').getAttribute('lang') !== page);
const parts = [];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walk.nextNode(); n; n = walk.nextNode()) {
  if (n.textContent.trim() && !skip(n.parentElement)) parts.push(n.textContent.trim());
}
document.querySelectorAll('[placeholder],[title],[aria-label],[alt],[data-title]').forEach(e => {
  if (skip(e)) return;
  for (const a of ['placeholder', 'title', 'aria-label', 'alt', 'data-title']) {
    if (e.getAttribute(a)) parts.push(e.getAttribute(a));
  }
});
return parts.join('\\n');
"""


def _loaded(browser) -> bool:
    return browser.execute_script(
        "return document.readyState === 'complete' && !!document.querySelector('#page *') &&"
        " !document.querySelector('[data-dash-is-loading=\"true\"]');"
    )


def _leaks(text: str, words: list[str]) -> list[str]:
    found = []
    for word in words:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
            found.append(text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " | "))
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_a_page_speaks_one_language(server, browser, path, lang):
    browser.set_window_size(1300, 900)
    sep = "&" if "?" in path else "?"
    browser.get(f"{server}{path}{sep}lang={lang}")
    until(lambda: _loaded(browser), 60, "the page never rendered")
    if path.startswith("/embed/map") or path == "/":
        wait_css(browser, ".js-plotly-plot .choroplethlocation, .js-plotly-plot canvas", 60)
    settled(browser)
    text = browser.execute_script(TEXT_JS)
    assert browser.execute_script("return document.documentElement.lang") == lang
    leaks = _leaks(text, EN_ONLY if lang == "vi" else VI_ONLY)
    assert not leaks, f"{path} ({lang}) shows the other language:\n" + "\n".join(leaks[:20])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_unit_card_embed_is_short_on_a_phone(server, browser, lang):
    # A 375 px phone (a window cannot be made that narrow: emulate the device's viewport).
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(f"{server}/embed/unit/00070?lang={lang}")
        wait_css(browser, ".unit-panel h2")
        settled(browser)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        width = browser.execute_script("return document.documentElement.clientWidth")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert width == 375 and height <= 900, (width, height)
    more = browser.find_element("css selector", "details.unit-more")
    assert more.get_attribute("open") is None
    assert more.find_element("css selector", "summary").text == (
        "More" if lang == "en" else "Xem thêm"
    )
