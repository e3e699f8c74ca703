"""Real headless Chromium against the app started as the README says (python app.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.helpers import (
    ROOT,
    coloured_share,
    map_painted,
    until,
    wait_css,
)

pytestmark = pytest.mark.browser


def test_map_draws_in_colour_and_screenshot_is_saved(server, browser):
    browser.get(server + "/")
    wait_css(browser, ".maplibregl-canvas")
    graph = map_painted(browser)
    png = graph.screenshot_as_png
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    (out / "map.png").write_bytes(browser.get_screenshot_as_png())
    assert coloured_share(png) > 0.15


def test_click_on_map_opens_a_unit_panel(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(server + "/")
    canvas = wait_css(browser, ".maplibregl-canvas")
    map_painted(browser)
    ActionChains(browser).move_to_element(canvas).click().perform()
    wait_css(browser, ".unit-panel .located", timeout=20)  # exact lookup of the clicked point
    assert browser.find_element("css selector", ".unit-panel h2").text.startswith(("Phường", "Xã"))


def test_unit_permalink_shows_whole_and_part(server, browser):
    browser.get(server + "/?unit=00070&lang=en")
    wait_css(browser, ".unit-panel h2")
    text = browser.find_element("css selector", ".unit-panel").text
    assert "Phường Hoàn Kiếm" in text and "Phường Hàng Bạc" in text and "part" in text


def test_citizen_finds_new_ward_and_url_is_shareable(server, browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/?lang=en")
    box = wait_css(browser, "#search")
    box.send_keys("P. Dien Bien, Q. Ba Dinh", Keys.ENTER)
    wait_css(browser, ".finder-results .split-map .maplibregl-canvas", timeout=20)
    results = browser.find_element("css selector", "#search-results").text
    assert "Phường Điện Biên" in results and "Phường Ô Chợ Dừa" in results
    assert parse_qs(urlsplit(browser.current_url).query)["q"] == ["P. Dien Bien, Q. Ba Dinh"]
    browser.get(browser.current_url)  # the shared link reproduces the answer
    wait_css(browser, ".finder-results .match")
    assert "Phường Ô Chợ Dừa" in browser.find_element("css selector", "#search-results").text


def test_official_compares_two_units_from_a_permalink_and_by_map_click(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(server + "/?lang=en&compare=00070,09661&indicator=pop2019_est&scheme=jenks&k=4")
    table = wait_css(browser, ".compare-table")
    wait_css(browser, ".compare-chart .main-svg")
    text = table.text
    assert "Phường Hoàn Kiếm" in text and "Xã Minh Châu" in text and "Rank 14/126" in text
    assert len(browser.find_elements("css selector", ".compare-chart")) >= 6
    legend = browser.find_element("css selector", ".map-frame").text  # subtitle + legend strip
    assert "Natural breaks (Jenks), 4 classes" in legend and "estimate" in legend
    # Tick "map clicks add to the comparison", click the map centre: a third unit joins.
    browser.find_element("css selector", "#compare-click input").click()
    canvas = browser.find_element("css selector", "#city-map .maplibregl-canvas")
    # the map is above the compare tab: bring all of it into view, then click its centre
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", canvas
    )
    until(
        lambda: browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= innerHeight",
            canvas,
        )
    )
    ActionChains(browser).move_to_element(canvas).click().perform()
    until(lambda: "compare=00070%2C09661%2C" in browser.current_url, 20)
    codes = parse_qs(urlsplit(browser.current_url).query)["compare"][0].split(",")
    assert codes[:2] == ["00070", "09661"] and len(codes) == 3


@pytest.fixture(scope="module")
def host_page(server, tmp_path_factory):
    """A newsroom-like page on another origin that embeds the map with the published script."""
    import functools
    import http.server
    import threading

    folder = tmp_path_factory.mktemp("host")
    (folder / "article.html").write_text(
        f"""<!doctype html><meta charset="utf-8"><title>Article</title>
<h1>Hanoi's new wards</h1><p>Some article text.</p>
<iframe id="fluid" src="{server}/embed/map?indicator=pop2025&lang=en" title="map"
  width="100%" height="150" style="border:0;width:100%" data-hanoi-embed></iframe>
<iframe id="fixed" src="{server}/embed/unit/00070?lang=en" title="card" width="100%"
  height="300" scrolling="yes"></iframe>
<script async src="{server}/assets/embed-resize.js"></script>
<p>More text.</p>""",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/article.html"
    httpd.shutdown()


def _frame_height(browser, frame_id):
    return browser.execute_script(
        f"return document.getElementById('{frame_id}').getBoundingClientRect().height"
    )


def test_embed_in_a_cross_origin_iframe_draws_and_follows_its_height(host_page, browser):
    browser.get(host_page)
    until(
        lambda: _frame_height(browser, "fluid") > 500,
        20,
        "the iframe never took its content's height",
    )
    browser.switch_to.frame("fluid")
    try:
        # The embedded map is the vector print map: one SVG path per unit, in its class colours.
        until(
            lambda: browser.execute_script(
                "const fills = new Set([...document.querySelectorAll("
                "'#embed-graph .choroplethlocation')].map(p => getComputedStyle(p).fill));"
                "return fills.size >= 4"
            ),
            30,
            "the embedded map never drew its classes",
        )
        content = browser.execute_script(
            "return Math.ceil(document.documentElement.getBoundingClientRect().height)"
        )
        assert (
            "Report a correction" in browser.find_element("css selector", ".embed-attribution").text
        )
        browser.find_element(
            "css selector", ".table-alternative summary"
        ).click()  # the table alternative opens: taller
    finally:
        browser.switch_to.default_content()
    assert (
        abs(_frame_height(browser, "fluid") - content) <= 2
        or _frame_height(browser, "fluid") > content
    )
    until(
        lambda: _frame_height(browser, "fluid") > content + 1000,
        20,
        "the iframe did not grow with its content",
    )
    # The script also resizes iframes pasted without data attributes; a fixed-height frame still
    # shows its card.
    browser.switch_to.frame("fixed")
    try:
        assert "Phường Hoàn Kiếm" in wait_css(browser, ".unit-panel h2").text
    finally:
        browser.switch_to.default_content()


def _parse_or_none(et, path):
    """The parsed SVG once the file is complete, else None (still being written)."""
    try:
        return et.parse(path).getroot()
    except et.ParseError:
        return None


def test_image_export_carries_title_source_and_date(server, browser, tmp_path):
    from datetime import date

    browser.get(server + "/?lang=en&indicator=pop2025&compare=00070,09661")
    wait_css(browser, "#city-map .maplibregl-canvas")
    wait_css(browser, "#compare-chart-pop2025 .main-svg")
    map_painted(browser)
    # What the "SVG" buttons save (#23: the graphic frame's title and source as SVG text; the
    # map's is the server's vector map).
    for graph in ("city-map", "compare-chart-pop2025"):
        svg = browser.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const btn = document.querySelector(
                'button[data-export="svg"][data-graph="' + arguments[0] + '"]');
            window.hanoiExport(btn).then(b => b.text()).then(done, e => done('error: ' + e));""",
            graph,
        )
        assert svg.startswith("<svg"), svg[:200]
        assert "Population 2025" in svg and "Source:" in svg and date.today().isoformat() in svg
    # The buttons download real files: a PNG of the map, an SVG of the chart.
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    browser.find_element("css selector", "#map-tools button[data-export='png']").click()
    png = until(lambda: next(iter(downloads.glob("*.png")), None), 30, "no PNG saved")
    until(lambda: png.stat().st_size > 10_000, 10)
    from PIL import Image

    image = Image.open(png)
    assert image.format == "PNG" and image.width >= 400 and image.height >= 300
    assert coloured_share(png.read_bytes()) > 0.1  # the map itself, not an empty frame
    svg_button = browser.find_element(
        "css selector", "button[data-export='svg'][data-graph='compare-chart-pop2025']"
    )
    browser.execute_script("arguments[0].click()", svg_button)
    svg = until(lambda: next(iter(downloads.glob("*.svg")), None), 30, "no SVG saved")
    import xml.etree.ElementTree as ET

    root = until(lambda: _parse_or_none(ET, svg), 10)
    text = " ".join(t for t in root.itertext())
    assert "Population 2025" in text and "Source:" in text
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) >= 3  # bars are vector


def test_upload_in_the_browser_validates_and_refuses_oversize_files(server, browser, tmp_path):
    browser.get(server + "/?lang=en&tab=upload")  # the officials' "own figures" tab
    upload = wait_css(browser, "#upload input[type=file]")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,staff\n00070,50\n99999,3\n", encoding="utf-8")
    upload.send_keys(str(bad))
    until(
        lambda: "not among the 126"
        in browser.find_element("css selector", "#upload-messages").text,
        20,
    )
    assert (
        "Codes not among the 126 new units on row 3: 99999"
        in browser.find_element("css selector", "#upload-messages").text
    )
    big = tmp_path / "big.csv"
    big.write_text("code,staff\n" + "00070,1\n" * 200_000, encoding="utf-8")
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(big))
    until(
        lambda: "limit is 1 MB" in browser.find_element("css selector", "#upload-messages").text,
        10,
    )
    assert "limit is 1 MB" in browser.find_element("css selector", "#upload-messages").text
    good = tmp_path / "good.csv"
    good.write_text("code,staff\n00070,50\n09661,12\n", encoding="utf-8")
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(good))
    until(
        lambda: "Loaded 1 columns" in browser.find_element("css selector", "#upload-messages").text,
        20,
    )
    assert (
        "Loaded 1 columns from “good.csv”: staff"
        in browser.find_element("css selector", "#upload-messages").text
    )
    # The figures live in this tab's session storage only.
    stored = browser.execute_script("return sessionStorage.getItem('user-data')")
    assert '"staff"' in stored and '"00070": 50' in stored.replace('":50', '": 50')
