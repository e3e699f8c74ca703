"""The lean plotly.js in assets/vendor/ (make plotly-bundle) replaces Dash's full plotly.min.js.

Dash 3.4's dcc.Graph loads plotly.js only when ``window.Plotly`` is not defined yet
(``window.Plotly || <load window._dashPlotlyJSURL>`` in dcc's bundle), and Dash puts every .js
file of the assets folder in the page before dcc's scripts. These tests need no built data.
"""

from __future__ import annotations

import re
from pathlib import Path

import dash
from dash import Dash, dcc, html
from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
VENDOR = ASSETS / "vendor"
LEAN = VENDOR / "plotly-hanoi.min.js"


def _bundle_traces(name: str = "plotly-hanoi.min.js") -> set[str]:
    text = (VENDOR / name).read_text(encoding="utf-8")
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))


def _traces_drawn(module: str) -> set[str]:
    """Trace types a dashboard module builds (``go.Bar(`` → ``bar``)."""
    text = (ROOT / "dashboard" / module).read_text("utf-8")
    return {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text)} - {"figure"}


def test_lean_bundles_are_dash_plotly_version_with_licence():
    for bundle in sorted(VENDOR.glob("plotly-hanoi*.min.js")):
        text = bundle.read_text(encoding="utf-8")
        assert f"v{get_plotlyjs_version()}" in text[:300], (
            f"rebuild {bundle.name}: make plotly-bundle"
        )
        assert "window.Plotly = Plotly;" in text[-200:]
    licence = (VENDOR / "plotly.LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence


def test_each_bundle_has_every_trace_its_pages_draw():
    maps, charts = _traces_drawn("figures/maps.py"), _traces_drawn("figures/charts.py")
    facts = _traces_drawn("figures/facts.py")
    assert {"choroplethmap", "scattermap", "choropleth"} <= maps and {"bar"} <= charts | facts
    fix = "add it to frontend/plotly/build.mjs, then make plotly-bundle"
    # The print map (choropleth) is drawn only by /embed/map, with the geo bundle.
    assert maps - {"choropleth"} | charts | facts <= _bundle_traces(), fix
    assert {"choropleth"} <= _bundle_traces("plotly-hanoi-geo.min.js"), fix
    assert charts | facts <= _bundle_traces("plotly-hanoi-chart.min.js"), fix
    every = set().union(
        *(
            _traces_drawn(str(p.relative_to(ROOT / "dashboard")))
            for p in (ROOT / "dashboard").rglob("*.py")
        )
    )
    # The link-preview images (#23) are drawn by kaleido with the geo bundle.
    previews = _traces_drawn("figures/previews.py")
    assert previews <= _bundle_traces("plotly-hanoi-geo.min.js"), fix
    assert every == maps | charts | facts | previews, "a trace drawn outside dashboard/figures/"


def test_dcc_graph_takes_window_plotly():
    dcc_js = (Path(dash.__file__).parent / "dcc" / "dash_core_components.js").read_text("utf-8")
    assert "window.Plotly||" in dcc_js.replace(" ", ""), "dcc no longer reuses window.Plotly"


def test_page_loads_lean_bundle_before_dcc_and_not_the_full_one():
    app = Dash(__name__, assets_folder=str(ASSETS), serve_locally=True)
    app.layout = html.Div(dcc.Graph(id="g"))
    page = app.server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    lean = [i for i, src in enumerate(scripts) if "/assets/vendor/plotly-hanoi.min.js" in src]
    dcc_at = [i for i, src in enumerate(scripts) if "dash_core_components" in src]
    assert lean and dcc_at and lean[0] < dcc_at[0], scripts
    assert not any(src.split("?")[0].endswith("plotly.min.js") for src in scripts), scripts
