"""A Dash component tree as plain HTML, for pages that need no callbacks (the embeds).

``html.*`` components become their tags; a ``dcc.Graph`` becomes an empty box plus its figure as
a JSON data block (``<script type="application/json">``, never executed), which
``assets/static-graphs.js`` draws with plotly.js. No React, no Dash renderer, no round trips.
Any other component raises :class:`UnsupportedComponent`, so a page that needs Dash is never
served half-drawn.
"""

from __future__ import annotations

import re
from html import escape

from dash import dcc
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

# Void elements have no closing tag; these React prop names are not their attribute names.
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "source", "track", "wbr"}
_ATTRIBUTE = {"className": "class", "htmlFor": "for"}
# Dash's bookkeeping props, meaningless in static HTML.
_SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "setProps"}
# CSS properties React writes without "px" when given a number.
_UNITLESS = {"opacity", "zIndex", "flex", "flexGrow", "flexShrink", "fontWeight", "lineHeight"}


class UnsupportedComponent(TypeError):
    """A component that needs Dash's renderer to work (anything but html.* and dcc.Graph)."""


def _css(style: dict) -> str:
    parts = []
    for name, value in style.items():
        prop = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value}" if name in _UNITLESS else f"{value}px"
        parts.append(f"{prop}: {value}")
    return "; ".join(parts)


def _attributes(props: dict) -> str:
    out = []
    # Sorted: Dash keeps wildcard props (aria-*, data-*) in no fixed order; the same page should
    # be the same bytes.
    for name, value in sorted(props.items()):
        if name in _SKIPPED or value is None or value is False:
            continue
        attr = _ATTRIBUTE.get(name, name if "-" in name else name.lower())
        if value is True:
            out.append(f" {attr}")
            continue
        text = _css(value) if name == "style" and isinstance(value, dict) else str(value)
        out.append(f' {attr}="{escape(text, quote=True)}"')
    return "".join(out)


def _graph(graph: dcc.Graph) -> str:
    props = graph.to_plotly_json()["props"]
    figure = props.get("figure") or {}
    payload = {"figure": figure, "config": props.get("config") or {}}
    # "<" escaped so no string in the figure can close the data block.
    data = to_json_plotly(payload).replace("<", "\\u003c")
    classes = " ".join(c for c in ("dash-graph", props.get("className")) if c)
    style = dict(props.get("style") or {})
    if isinstance(figure, dict):
        height = (figure.get("layout") or {}).get("height")
    else:  # a plotly Figure
        height = getattr(getattr(figure, "layout", None), "height", None)
    if isinstance(height, int | float) and "height" not in style and "minHeight" not in style:
        # The box keeps the figure's height before plotly.js draws into it: nothing below it
        # moves when the chart appears (layout shift).
        style["minHeight"] = height
    box = {"id": props.get("id"), "className": classes, "style": style or None}
    return (
        f"<div{_attributes(box)}></div>"
        f'<script type="application/json" data-graph-for="{escape(str(props.get("id")))}">'
        f"{data}</script>"
    )


def to_html(node) -> str:
    """HTML for ``node``: a component, a string or number, a list of them, or None (nothing).

    Text is escaped; ``style`` dicts become CSS; ``True`` props become bare attributes and
    ``False``/``None`` ones are left out, as React does.
    """
    if node is None:
        return ""
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if isinstance(node, dcc.Graph):
        if not getattr(node, "id", None):
            raise UnsupportedComponent("a static graph needs an id")
        return _graph(node)
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise UnsupportedComponent(f"{type(node).__name__} needs Dash's renderer")
    tag = node._type.lower()
    props = node.to_plotly_json()["props"]  # the props set, wildcards (aria-*, data-*) too
    opening = f"<{tag}{_attributes(props)}>"
    if tag in _VOID:
        return opening
    return f"{opening}{to_html(props.get('children'))}</{tag}>"
