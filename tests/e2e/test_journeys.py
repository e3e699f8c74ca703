"""Real headless Chromium against the app started as the README says (python app.py)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(data_root, cache_root, built):
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "app.py",
            "--port",
            str(port),
            "--data-dir",
            str(data_root),
            "--cache-dir",
            str(cache_root),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("app did not start: " + proc.stdout.read())
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1300,900",
        "--enable-unsafe-swiftshader",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def _wait(driver, css, timeout=30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def _coloured_share(png: bytes) -> float:
    """Share of pixels that are clearly coloured (not white, grey or black)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    px = list(img.getdata())
    return sum(1 for r, g, b in px if max(r, g, b) - min(r, g, b) > 40) / len(px)


def test_map_draws_in_colour_and_screenshot_is_saved(server, browser):
    browser.get(server + "/")
    _wait(browser, ".maplibregl-canvas")
    time.sleep(3)  # let MapLibre paint the polygons
    graph = browser.find_element("css selector", "#city-map")
    png = graph.screenshot_as_png
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    (out / "map.png").write_bytes(browser.get_screenshot_as_png())
    assert _coloured_share(png) > 0.15


def test_click_on_map_opens_a_unit_panel(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(server + "/")
    canvas = _wait(browser, ".maplibregl-canvas")
    time.sleep(3)
    ActionChains(browser).move_to_element(canvas).click().perform()
    _wait(browser, ".unit-panel .located", timeout=20)  # exact lookup of the clicked point
    assert browser.find_element("css selector", ".unit-panel h2").text.startswith(("Phường", "Xã"))


def test_unit_permalink_shows_whole_and_part(server, browser):
    browser.get(server + "/?unit=00070&lang=en")
    _wait(browser, ".unit-panel h2")
    text = browser.find_element("css selector", ".unit-panel").text
    assert "Phường Hoàn Kiếm" in text and "Phường Hàng Bạc" in text and "part" in text


def test_citizen_finds_new_ward_and_url_is_shareable(server, browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/?lang=en")
    box = _wait(browser, "#search")
    box.send_keys("P. Dien Bien, Q. Ba Dinh", Keys.ENTER)
    _wait(browser, ".finder-results .split-map .maplibregl-canvas", timeout=20)
    results = browser.find_element("css selector", "#search-results").text
    assert "Phường Điện Biên" in results and "Phường Ô Chợ Dừa" in results
    assert parse_qs(urlsplit(browser.current_url).query)["q"] == ["P. Dien Bien, Q. Ba Dinh"]
    browser.get(browser.current_url)  # the shared link reproduces the answer
    _wait(browser, ".finder-results .match")
    assert "Phường Ô Chợ Dừa" in browser.find_element("css selector", "#search-results").text


def test_official_compares_two_units_from_a_permalink_and_by_map_click(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(
        server + "/?lang=en&compare=00070,09661&indicator=pop_per_cadre_est&scheme=jenks&k=4"
    )
    table = _wait(browser, ".compare-table")
    _wait(browser, ".compare-chart .main-svg")
    text = table.text
    assert "Phường Hoàn Kiếm" in text and "Xã Minh Châu" in text and "Rank 14/126" in text
    assert len(browser.find_elements("css selector", ".compare-chart")) >= 6
    legend = browser.find_element("css selector", "#map-legend").text
    assert "Natural breaks (Jenks), 4 classes" in legend and "estimate" in legend
    # Tick "map clicks add to the comparison", click the map centre: a third unit joins.
    browser.find_element("css selector", "#compare-click input").click()
    canvas = browser.find_element("css selector", "#city-map .maplibregl-canvas")
    # the map is above the compare tab: bring all of it into view, then click its centre
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    time.sleep(0.5)
    ActionChains(browser).move_to_element(canvas).click().perform()
    deadline = time.time() + 20
    while time.time() < deadline and "compare=00070%2C09661%2C" not in browser.current_url:
        time.sleep(0.3)
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
<iframe id="fluid" src="{server}/embed/map?indicator=pop2025&lang=en" title="map" width="100%" height="150"
  style="border:0;width:100%" data-hanoi-embed></iframe>
<iframe id="fixed" src="{server}/embed/unit/00070?lang=en" title="card" width="100%" height="300" scrolling="yes"></iframe>
<script async src="{server}/assets/embed-resize.js"></script>
<p>More text.</p>""",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/article.html"
    httpd.shutdown()


def _frame_height(browser, frame_id):
    return browser.execute_script(
        f"return document.getElementById('{frame_id}').getBoundingClientRect().height"
    )


def _wait_for(predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return predicate()


def test_embed_in_a_cross_origin_iframe_draws_and_follows_its_height(host_page, browser):
    browser.get(host_page)
    assert _wait_for(lambda: _frame_height(browser, "fluid") > 500), (
        "the iframe never took its content's height"
    )
    browser.switch_to.frame("fluid")
    try:
        _wait(browser, ".maplibregl-canvas")
        time.sleep(3)
        assert (
            _coloured_share(browser.find_element("css selector", "#embed-graph").screenshot_as_png)
            > 0.1
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
    assert _wait_for(lambda: _frame_height(browser, "fluid") > content + 1000), (
        "the iframe did not grow with its content"
    )
    # The script also resizes iframes pasted without data attributes; a fixed-height frame still shows its card.
    browser.switch_to.frame("fixed")
    try:
        assert "Phường Hoàn Kiếm" in _wait(browser, ".unit-panel h2").text
    finally:
        browser.switch_to.default_content()


def test_image_export_carries_title_source_and_date(server, browser):
    from datetime import date
    from urllib.parse import unquote

    browser.get(server + "/?lang=en&indicator=pop2025&compare=00070,09661")
    _wait(browser, "#city-map .maplibregl-canvas")
    _wait(browser, "#compare-chart-pop2025 .main-svg")
    time.sleep(2)
    for graph in ("city-map", "compare-chart-pop2025"):
        url = browser.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
            Plotly.toImage(gd, {format: 'svg'}).then(done, e => done('error: ' + e));""",
            graph,
        )
        svg = unquote(url)
        assert svg.startswith("data:image/svg+xml"), svg[:200]
        assert "Population 2025" in svg and "Source:" in svg and date.today().isoformat() in svg
    # The buttons call the same export; clicking must not raise in the page.
    browser.find_element("css selector", "#map-tools button[data-export='png']").click()
    assert not [
        e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "export" in e["message"]
    ]


def test_upload_in_the_browser_validates_and_refuses_oversize_files(server, browser, tmp_path):
    browser.get(server + "/?lang=en&tab=upload")  # the officials' "own figures" tab
    upload = _wait(browser, "#upload input[type=file]")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,staff\n00070,50\n99999,3\n", encoding="utf-8")
    upload.send_keys(str(bad))
    deadline = time.time() + 20
    while (
        time.time() < deadline
        and "not among the 126" not in browser.find_element("css selector", "#upload-messages").text
    ):
        time.sleep(0.3)
    assert (
        "Codes not among the 126 new units on row 3: 99999"
        in browser.find_element("css selector", "#upload-messages").text
    )
    big = tmp_path / "big.csv"
    big.write_text("code,staff\n" + "00070,1\n" * 200_000, encoding="utf-8")
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(big))
    deadline = time.time() + 10
    while (
        time.time() < deadline
        and "limit is 1 MB" not in browser.find_element("css selector", "#upload-messages").text
    ):
        time.sleep(0.3)
    assert "limit is 1 MB" in browser.find_element("css selector", "#upload-messages").text
    good = tmp_path / "good.csv"
    good.write_text("code,staff\n00070,50\n09661,12\n", encoding="utf-8")
    browser.find_element("css selector", "#upload input[type=file]").send_keys(str(good))
    deadline = time.time() + 20
    while (
        time.time() < deadline
        and "Loaded 1 columns" not in browser.find_element("css selector", "#upload-messages").text
    ):
        time.sleep(0.3)
    assert (
        "Loaded 1 columns from “good.csv”: staff"
        in browser.find_element("css selector", "#upload-messages").text
    )
    # The figures live in this tab's session storage only.
    stored = browser.execute_script("return sessionStorage.getItem('user-data')")
    assert '"staff"' in stored and '"00070": 50' in stored.replace('":50', '": 50')
