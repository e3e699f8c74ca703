"""Accessibility in real Chromium, measured by the standard tool: axe-core (WCAG 2.1 A and AA
rules) reports no violation on the main pages and the embeds, on a phone and on a desktop, after
the maps have drawn; and every control on the phone page is at least 44 x 44 CSS px.

axe-core is vendored in tests/e2e/vendor/ (version and update in its README) and injected by
WebDriver: scripts run through WebDriver (CDP Runtime) are not subject to the page's CSP."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import ROOT, map_settled, open_maps, settled, until, wait_css

pytestmark = pytest.mark.browser

AXE = (ROOT / "tests" / "e2e" / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["/", "/?lang=en&unit=00070", "/embed/map", "/embed/unit/00070"]
WIDTHS = [390, 1440]

# Every plotly graph on the page has drawn; a MapLibre one has loaded and stopped moving; Dash
# has no callback in flight.
DRAWN_JS = """
if (document.readyState !== 'complete' || document.querySelector('[data-dash-is-loading]'))
  return false;
if (!document.querySelector('.js-plotly-plot')) return false;
for (const gd of document.querySelectorAll('.js-plotly-plot')) {
  const fl = gd._fullLayout;
  if (!fl) return false;
  const m = fl.map && fl.map._subplot;
  if (m && !(m.map.loaded() && !m.map.isMoving())) return false;
  if (!m && !gd.querySelector('.main-svg')) return false;
}
return true;
"""

RUN_AXE_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 8).map(n => n.target.join(' ')),
      summary: v.nodes.length ? v.nodes[0].failureSummary : ''}))),
        e => done([{id: 'axe-error', impact: 'error', help: String(e), targets: [], summary: ''}]));
"""

# Every visible control smaller than 44 x 44 CSS px. Links inside running text (a <p> or <li>
# of prose) are exempt: WCAG 2.5.5's "inline" exception.
SMALL_TARGETS_JS = """
const out = [];
const sel = 'a, button, input, select, textarea, summary, [role=button], [tabindex]';
for (const e of document.querySelectorAll(sel)) {
  if (e.matches('[tabindex="-1"]') && !e.matches('a, button, input, select, summary')) continue;
  const s = getComputedStyle(e);
  let r = e.getBoundingClientRect();
  // A radio button or checkbox is clicked through its label too: the target is the label.
  if (e.matches('[type=radio], [type=checkbox]') && e.labels && e.labels.length)
    r = e.labels[0].getBoundingClientRect();
  if (!r.width || !r.height || s.visibility === 'hidden') continue;
  if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') continue;
  if (e.tagName === 'A' && e.closest('p')) continue;
  if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
    const id = e.id ? '#' + e.id : '';
    const cls = typeof e.className === 'string' && e.className
      ? '.' + e.className.split(' ')[0] : '';
    const name = e.textContent || e.value || e.getAttribute('aria-label') || '';
    out.push(`${e.tagName.toLowerCase()}${id}${cls} ${Math.round(r.width)}x${Math.round(r.height)}`
      + ` "${name.trim().slice(0, 30)}"`);
  }
}
return out;
"""


def _size(driver, width):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800},
    )


def _open_drawn(driver, url):
    driver.get(url)
    open_maps(driver)
    wait_css(driver, ".js-plotly-plot")
    until(lambda: driver.execute_script(DRAWN_JS), 45, f"{url} never finished drawing")
    if driver.find_elements("css selector", "#city-map .maplibregl-canvas"):
        map_settled(driver)
    # drawn when scrolled near: each box in turn, until it is drawn
    for box, drawn, count in (("#compare-units", "input", 126), ("#facts-body", ".main-svg", 4)):
        if driver.find_elements("css selector", f"{box}[data-seen], [data-seen] {box}"):
            driver.execute_script("document.querySelector(arguments[0]).scrollIntoView()", box)
            until(
                lambda b=box, d=drawn, n=count: len(
                    driver.find_elements("css selector", f"{b} {d}")
                )
                >= n
            )
    driver.execute_script("window.scrollTo(0, 0)")
    settled(driver)


def _report(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} [{v['impact']}]: {v['help']}")
        lines += [f"    {t}" for t in v["targets"]]
        if v["summary"]:
            lines.append("    " + v["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


def axe_violations(driver) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page now in ``driver``."""
    driver.execute_script(AXE)
    driver.set_script_timeout(60)
    return driver.execute_async_script(RUN_AXE_JS, TAGS)


@pytest.fixture
def sized(browser):
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_reports_no_violation(server, sized, path, width):
    _size(sized, width)
    _open_drawn(sized, server + path)
    violations = axe_violations(sized)
    print(f"axe {path} @{width}px: {[v['id'] for v in violations]}")
    assert not violations, f"{path} at {width} px:\n" + _report(violations)


def test_every_control_is_at_least_44px_on_a_phone(server, sized):
    """Every visible link, button, field, select, summary and focusable element on ``/`` at
    390 px is at least 44 x 44 CSS px (WCAG 2.5.5). A field with a <label> is measured by its
    label (clicking the label operates it). Exempt: links inside a paragraph of running text
    (the "inline" exception of 2.5.5); elements inside a closed <details> are not shown."""
    _size(sized, 390)
    _open_drawn(sized, server + "/")
    small = sized.execute_script(SMALL_TARGETS_JS)
    assert not small, "smaller than 44x44 px at 390 px wide:\n" + "\n".join(small)


def test_axe_with_every_panel_open(server, sized):
    """The folded parts too: the map options, every officials' tab (compare with two units,
    groups, the table with its filters, own figures, many addresses), every <details> open."""
    from dashboard.model.params import TABS

    _size(sized, 390)
    _open_drawn(sized, server + "/?lang=en&compare=00070,09661")
    found = {}
    for n, tab in enumerate(TABS):
        sized.execute_script("document.querySelectorAll('#tab input')[arguments[0]].click()", n)
        until(
            lambda tab=tab: sized.execute_script(
                "const p = document.getElementById('tab-' + arguments[0]);"
                "return p && !p.hidden && !document.querySelector('[data-dash-is-loading]')"
                # the table is drawn when its tab opens: wait for it, or axe checks nothing
                " && (arguments[0] !== 'table' || !!p.querySelector('.dash-spreadsheet'));",
                tab,
            ),
            30,
            f"tab {tab} never showed",
        )
        sized.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        settled(sized)
        violations = axe_violations(sized)
        print(f"axe / tab={tab} @390px: {[v['id'] for v in violations]}")
        if violations:
            found[tab] = _report(violations)
    assert not found, "\n".join(f"tab {k}:\n{v}" for k, v in found.items())
