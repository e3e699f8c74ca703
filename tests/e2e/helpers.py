"""What the browser tests share: the app under test, a headless Chromium, and waits on
conditions (WebDriverWait polling), never fixed sleeps."""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def until(predicate, timeout: float = 30, message: str = ""):
    """The first truthy value of ``predicate()``, polled; TimeoutException after ``timeout``."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(None, timeout, poll_frequency=0.2).until(
        lambda _driver: predicate(), message=message
    )


def wait_css(driver, css: str, timeout: float = 30):
    """The first element matching ``css``, once it is in the page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def coloured_share(png: bytes) -> float:
    """Share of pixels that are clearly coloured (not white, grey or black)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 150))
    px = list(img.getdata())
    return sum(1 for r, g, b in px if max(r, g, b) - min(r, g, b) > 40) / len(px)


def open_maps(driver, timeout: float = 60) -> None:
    """Tap "open the map" in each graph box still waiting for plotly.js, as a reader does: on a
    phone the dashboard fetches plotly only after the reader's first action
    (assets/lazy_plotly.js). Nothing to do on a wider screen, where it comes at once."""
    from selenium.common.exceptions import StaleElementReferenceException

    until(
        lambda: driver.find_elements(
            "css selector", ".graph-wait, .maplibregl-canvas, .js-plotly-plot .main-svg"
        ),
        timeout,
        "no graph and no button to open one came",
    )
    # One tap fetches plotly for every graph; a box in a hidden tab cannot be tapped.
    for button in driver.find_elements("css selector", ".graph-wait"):
        try:
            if button.is_displayed():
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
                button.click()
                break
        except StaleElementReferenceException:  # plotly came meanwhile: the box was replaced
            break
    driver.execute_script("window.scrollTo(0, 0)")


def map_painted(driver, css: str = "#city-map", share: float = 0.15, timeout: float = 30):
    """Wait until the element ``css`` shows clearly coloured polygons; return the element."""
    element = driver.find_element("css selector", css)
    until(
        lambda: coloured_share(element.screenshot_as_png) > share,
        timeout,
        f"{css} never painted in colour",
    )
    return element


def map_settled(driver, css: str = "#city-map", timeout: float = 30) -> None:
    """Wait until the MapLibre map in ``css`` has loaded and stopped moving (after fitBounds)."""
    until(
        lambda: driver.execute_script(
            "const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');"
            "const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;"
            "return !!(m && m.map.loaded() && !m.map.isMoving());",
            css,
        ),
        timeout,
        f"{css} never settled",
    )


# Where the 126 units' bounding box (the figure's meta.bounds, projected by the map itself) lands
# on the screen, and the map's own box.
UNITS_BOX_JS = """
const gd = document.querySelector('#city-map .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map;
const b = gd.layout.meta.bounds;
const r = map.getContainer().getBoundingClientRect();
const sw = map.project([b[0], b[1]]), ne = map.project([b[2], b[3]]);
return {left: r.left + sw.x, right: r.left + ne.x, top: r.top + ne.y, bottom: r.top + sw.y,
        map: {left: r.left, right: r.right, top: r.top, bottom: r.bottom},
        w: innerWidth, h: innerHeight};
"""


def units_box(driver) -> dict:
    """UNITS_BOX_JS's answer, with ``fill``: the share of the map's width that Hanoi takes."""
    box = driver.execute_script(UNITS_BOX_JS)
    box["fill"] = (box["right"] - box["left"]) / (box["map"]["right"] - box["map"]["left"])
    return box


def callbacks_idle(driver, timeout: float = 30) -> None:
    """Wait until Dash has no callback in flight (no element marked as loading)."""
    until(
        lambda: not driver.execute_script(
            "return document.querySelector('._dash-loading-callback, [data-dash-is-loading]')"
        ),
        timeout,
        "Dash's callbacks never finished",
    )


def served_port(proc: subprocess.Popen, timeout: float = 120) -> int:
    """The port a ``hanoi-map --port 0`` (or ``python app.py --port 0``) process printed, read
    from its stdout ("Serving on http://HOST:PORT/"); RuntimeError with its output if it exits
    or says nothing in ``timeout`` s. Its later output keeps being drained (a full pipe would
    block the server)."""
    lines: queue.Queue = queue.Queue()

    def pump():
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        found = re.search(r"Serving on http://[^:/]+:(\d+)/", line)
        if found:
            return int(found.group(1))
    proc.kill()
    raise RuntimeError("app did not start: " + "".join(seen)[-2000:])


@contextlib.contextmanager
def running_app(data_root, cache_root, env: dict | None = None):
    """The app started as the README says (``python app.py``) on a port the OS picks; its base
    URL once it answers."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "app.py",
            "--port",
            "0",
            "--data-dir",
            str(data_root),
            "--cache-dir",
            str(cache_root),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        port = served_port(proc)

        def answers():
            if proc.poll() is not None:
                raise RuntimeError(f"app exited ({proc.returncode})")
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        until(answers, 90, "app did not answer")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def chromium(width: int = 1300, height: int = 900, javascript: bool = True):
    """A headless Chromium (Debian's), or a skip outside CI / a failure in CI when absent.
    ``javascript=False`` switches the page's scripts off (WebDriver's own commands still run)."""
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
        f"--window-size={width},{height}",
        "--enable-unsafe-swiftshader",
    ):
        opts.add_argument(arg)
    if not javascript:
        opts.add_argument("--blink-settings=scriptEnabled=false")
        opts.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def settled(driver, element=None, timeout: float = 15) -> None:
    """Wait until the page stops scrolling and ``element`` (if given) stops moving: smooth
    scrolls and late-drawn maps shift things for a moment. Same position on three polls."""
    script = (
        "const r = arguments[0] ? arguments[0].getBoundingClientRect() : {};"
        "return [scrollX, scrollY, r.top, r.left, r.height]"
    )
    seen: list = []

    def still():
        seen.append(driver.execute_script(script, element))
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    until(still, timeout, "the page kept moving")


def page_width(driver) -> list:
    """[layout viewport width, page width, the elements sticking out]: a phone page must be
    exactly the phone's width (wider content makes the browser zoom the page out)."""
    return driver.execute_script(
        "const w = document.documentElement.clientWidth;"
        # Content inside a box that clips or scrolls (overflow not visible) does not widen the page.
        "const inBox = e => { for (let a = e.parentElement; a && a !== document.body;"
        " a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; }"
        " return false; };"
        "const out = [...document.querySelectorAll('body *')]"
        ".filter(e => !(e instanceof SVGElement) && e.getBoundingClientRect().right > w + 1"
        " && !inBox(e))"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className);"
        "return [innerWidth, document.scrollingElement.scrollWidth, out]"
    )
