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
LEAN = ASSETS / "vendor" / "plotly-hanoi.min.js"


def _bundle_traces() -> set[str]:
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', LEAN.read_text(encoding="utf-8")))


def test_lean_bundle_is_dash_plotly_version_with_licence():
    head = LEAN.read_text(encoding="utf-8")[:300]
    assert f"v{get_plotlyjs_version()}" in head, "rebuild it: make plotly-bundle (frontend/plotly)"
    assert "window.Plotly = Plotly;" in LEAN.read_text(encoding="utf-8")[-200:]
    licence = (ASSETS / "vendor" / "plotly.LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence


def test_lean_bundle_has_every_trace_the_dashboard_draws():
    used = set()
    for source in (ROOT / "dashboard").rglob("*.py"):
        text = source.read_text("utf-8")
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text)}
    used -= {"figure"}
    assert used, "no go.<Trace>( found in dashboard/"
    missing = sorted(used - _bundle_traces())
    assert not missing, f"add {missing} to frontend/plotly/build.mjs, then make plotly-bundle"


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
