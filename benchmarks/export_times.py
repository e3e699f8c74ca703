"""How long each "Tải ảnh SVG" / "Tải ảnh PNG" download takes, from the click to the file, in
headless Chromium against the production server (gunicorn), and whether the SVG is a vector.

Targets (#23): every SVG and PNG in <= 2 s; a map's SVG has one <path> per unit (126 on the city
map; on a unit's small map the unit and each old unit it was formed from: 15 for Hoàn Kiếm; on
a split answer's map each new unit and the old outline), its texts as <text> and no embedded
image. Each download is timed twice: cold (first request for that
map, rendered by the server) and warm. The last case is the map of the reader's own figures
(a CSV of all 126 units loaded in the "own figures" tab, then shown on the map): posted to the
server and drawn per request. Prints each figure beside its target; exits 1 on a miss.

    .venv/bin/python benchmarks/export_times.py
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import urllib.request
from pathlib import Path

from _server import chromium, gunicorn
from selenium.webdriver.support.ui import WebDriverWait

TARGET_MS = 2000
# (page, the box holding its buttons, what a map's SVG draws once per shape and how many at
# least: a unit of the city map, an old unit on a unit's small map, a new unit on a split map;
# None for a chart)
PAGES = [
    ("/?lang=vi&indicator=split_share", "#map-tools", ('id="u', 126)),
    ("/?lang=en&indicator=density_2025&scheme=jenks&k=7", "#map-tools", ('id="u', 126)),
    ("/embed/map?lang=vi&indicator=pop2025", ".graphic", ('id="u', 126)),
    ("/?lang=en&unit=00070", "#unit-map-frame", ('class="old"', 14)),
    ("/embed/overlay/00070?lang=vi", "#unit-map-frame", ('class="old"', 14)),
    # The finder's split answer: Điện Biên's outline over its 4 new units
    ("/?lang=en&q=P.%20Dien%20Bien%2C%20Q.%20Ba%20Dinh", "#split-map-frame", ('class="dest"', 4)),
    ("/embed/chart/pop2025?lang=en&compare=00070,00166,00256", ".graphic", None),
    ("/embed/chart/density_2025?lang=vi", ".graphic", None),
    ("/embed/facts?lang=vi", ".graphic", None),
]
CLICK = """
const done = arguments[arguments.length - 1];
const btn = document.querySelector(arguments[0] + ' button[data-export="' + arguments[1] + '"]');
const t0 = performance.now();
window.hanoiExport(btn).then(async b => {
  const ms = performance.now() - t0;
  const text = arguments[1] === 'svg' ? await b.text() : '';
  done({ms: Math.round(ms), bytes: b.size, text: text, paths: (text.match(/<path/g) || []).length,
        texts: (text.match(/<text/g) || []).length, images: (text.match(/<image/g) || []).length});
}).catch(e => done({error: String(e)}));
"""


def own_figures(base: str, folder: Path) -> Path:
    """A CSV of the reader's own figures: the upload template with a value for every unit."""
    with urllib.request.urlopen(base + "/download/template.csv") as resp:
        rows = list(csv.DictReader(io.StringIO(resp.read().decode("utf-8-sig"))))
    path = folder / "own-figures.csv"
    lines = ["code,staff"] + [f"{r['code']},{10 + 3 * i}" for i, r in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def show_own_figures(driver, base: str, csv_path: Path) -> None:
    """Load ``csv_path`` in the dashboard's "own figures" tab and show it on the map."""
    driver.get(base + "/?lang=vi&tab=upload")
    wait = WebDriverWait(driver, 60, 0.2)
    wait.until(lambda d: d.find_elements("css selector", "#upload input[type=file]"))
    driver.find_element("css selector", "#upload input[type=file]").send_keys(str(csv_path))
    label = wait.until(
        lambda d: next(
            (x for x in d.find_elements("css selector", "#indicator label") if x.text == "staff"),
            None,
        )
    )
    driver.execute_script("arguments[0].querySelector('input').click()", label)
    wait.until(
        lambda d: d.execute_script(
            "const t = document.getElementById('map-title');"
            "return t && t.getAttribute('data-indicator') === 'user:staff'"
        )
    )


def timed(driver, page: str, box: str, shapes: tuple[str, int] | None) -> int:
    """Time each download of the page open in ``driver``: SVG and PNG, twice; the misses."""
    misses = 0
    for fmt in ("svg", "png", "svg", "png"):
        r = driver.execute_async_script(CLICK, box, fmt)
        if "error" in r:
            print(f"MISS {page} {fmt}: {r['error']}")
            misses += 1
            continue
        ok = r["ms"] <= TARGET_MS
        drawn = r["text"].count(shapes[0]) if shapes else 0
        if fmt == "svg" and shapes:
            ok = ok and drawn >= shapes[1] and r["texts"] > 3 and not r["images"]
        misses += not ok
        detail = (
            f"paths {r['paths']}, {shapes[0] if shapes else 'shapes'} {drawn}"
            f" (target >= {shapes[1] if shapes else '-'}), text {r['texts']},"
            f" images {r['images']} (target 0)"
            if fmt == "svg"
            else ""
        )
        print(
            f"{'ok  ' if ok else 'MISS'} {page} {fmt}: {r['ms']} ms"
            f" (target <= {TARGET_MS}), {r['bytes'] / 1024:.0f} KB {detail}"
        )
    return misses


def main() -> int:
    misses = 0
    with gunicorn(workers=2) as base, tempfile.TemporaryDirectory() as tmp:
        driver = chromium()
        driver.set_script_timeout(30)
        try:
            for page, box, shapes in PAGES:
                driver.get(base + page)
                WebDriverWait(driver, 60, 0.2).until(
                    lambda d, box=box: d.execute_script(
                        "return !!document.querySelector(arguments[0] + ' button[data-export]')"
                        " && !!document.querySelector('.js-plotly-plot .main-svg')",
                        box,
                    )
                )
                misses += timed(driver, page, box, shapes)
            show_own_figures(driver, base, own_figures(base, Path(tmp)))
            own = "own figures (user:staff, 126 units)"
            misses += timed(driver, own, "#map-tools", ('id="u', 126))
        finally:
            driver.quit()
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
