"""Dash component trees as plain HTML (dashboard/web/static_html.py), on hand-made trees."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard.web.static_html import UnsupportedComponent, to_html


def test_tags_attributes_and_text_are_written_as_a_browser_expects():
    tree = html.Div(
        [
            html.Label("Tên <phường>", htmlFor="q", className="lbl", tabIndex="0"),
            html.Br(),
            html.Details([html.Summary("Xem thêm")], open=True, hidden=False),
            html.Span(style={"marginTop": 4, "opacity": 0.5, "background": "#fff"}),
            html.A("x", href="/?a=1&b=2", **{"aria-label": 'say "hi"', "data-code": "00070"}),
            None,
            42,
        ],
        id="root",
        n_clicks=0,
    )
    assert to_html(tree) == (
        '<div id="root">'
        '<label class="lbl" for="q" tabindex="0">Tên &lt;phường&gt;</label>'
        "<br>"
        "<details open><summary>Xem thêm</summary></details>"
        '<span style="margin-top: 4px; opacity: 0.5; background: #fff"></span>'
        '<a aria-label="say &quot;hi&quot;" data-code="00070" href="/?a=1&amp;b=2">x</a>'
        "42"
        "</div>"
    )


def test_a_graph_is_a_box_and_its_figure_as_a_data_block_that_cannot_break_out():
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "</script><script>alert(1)</script>"]))
    out = to_html(dcc.Graph(id="g", figure=fig, config={"displaylogo": False}, className="c"))
    box, block = re.fullmatch(
        r'(<div class="dash-graph c" id="g"></div>)'
        r'<script type="application/json" data-graph-for="g">(.*)</script>',
        out,
        re.S,
    ).groups()
    assert "<" not in block  # nothing inside can end the block early
    spec = json.loads(block)
    assert spec["config"] == {"displaylogo": False}
    assert spec["figure"]["data"][0]["y"][1] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "component",
    [dcc.Input(id="i"), dcc.Store(id="s"), dcc.Graph(figure=go.Figure()), object()],
)
def test_components_that_need_dash_are_refused(component):
    with pytest.raises(UnsupportedComponent):
        to_html(html.Div([component]))
