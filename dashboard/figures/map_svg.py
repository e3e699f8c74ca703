"""The city map as a framed vector SVG (#23): one ``<path>`` per unit, and the title, subtitle,
legend strip and source lines as SVG text that wraps, for the PNG/SVG downloads of the dashboard
and the map embed (pure: shapes and colours in, SVG text out).

The dashboard's map draws with WebGL (MapLibre): plotly's "SVG" of it is one embedded PNG. This
draws the same units with the same colours as plain vector paths in Web Mercator, the print
map's projection, in a few tens of milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from plotly.colors import find_intermediate_color, get_colorscale, hex_to_rgb, unlabel_rgb
from shapely.geometry.base import BaseGeometry

from dashboard.figures.maps import DETAIL_FILL, DETAIL_LINE, DETAIL_OLD_LINE
from dashboard.figures.svg_map import (
    Destination,
    fit,
    in_view,
    map_furniture,
    north_arrow,
    path_data,
    place_labels,
    scale_bar,
    split_svg,
    tall,
)

WIDTH = 1000  # px; the map's own width is WIDTH - 2 * PAD
PAD = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
NO_DATA_COLOR = "#d9d9d9"


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` cut into lines that fit ``width`` px at font ``size`` (a glyph averages about
    0.6 em in a sans-serif face with diacritics: lines stay inside the frame, short at worst)."""
    per_line = max(int(width / (0.6 * size)), 8)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if len(candidate) <= per_line or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def fill_colors(props: dict) -> dict[str, str]:
    """Code → fill colour from the map's trace properties (``locations``, ``z``, ``colorscale``,
    ``zmin``/``zmax``): what plotly would paint, no data in grey."""
    codes, values = props.get("locations", []), props.get("z", [])
    scale = props.get("colorscale")
    low, high = props.get("zmin"), props.get("zmax")
    present = [v for v in values if v is not None and not math.isnan(v)]
    if low is None or high is None:
        low, high = (min(present), max(present)) if present else (0.0, 1.0)
    colors = {}
    for code, value in zip(codes, values, strict=True):
        if value is None or math.isnan(value):
            colors[code] = NO_DATA_COLOR
            continue
        share = 0.5 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)
        colors[code] = color_at(scale, share)
    return colors


def _rgb(color: str) -> tuple[float, ...]:
    return hex_to_rgb(color) if color.startswith("#") else unlabel_rgb(color)


def color_at(scale, share: float) -> str:
    """The colour of a plotly colour scale (a name or [[position, colour], …], stepped ones
    too) at ``share`` in 0–1."""
    stops = get_colorscale(scale) if isinstance(scale, str) else scale
    for (a, low), (b, high) in zip(stops, stops[1:], strict=False):
        if a <= share <= b:
            if low == high or b <= a:
                return low
            mixed = find_intermediate_color(_rgb(low), _rgb(high), (share - a) / (b - a))
            return "rgb({:.0f},{:.0f},{:.0f})".format(*mixed)
    return stops[-1][1]


def _text_block(lines: list[str], x: float, y: float, size: float, **style) -> tuple[str, float]:
    """SVG text lines from baseline ``y``; returns the markup and the next free ``y``."""
    attrs = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in style.items())
    out = []
    for line in lines:
        y += size * 1.25
        out.append(f'<text x="{x:.0f}" y="{y:.1f}" font-size="{size}"{attrs}>{escape(line)}</text>')
    return "".join(out), y


# A legend key: (fill, label), (fill, label, outline colour) or (fill, label, outline colour,
# dash pattern); fill "none" for an outline only.
LegendKey = tuple[str, ...]


def _view_height(bounds, width: float) -> float:
    """The height of a ``width`` px map of ``bounds`` (lon/lat): the box's shape in Web Mercator
    with 30 px margins, between a wide strip (360 px) and a square."""
    return min(max(width * tall(bounds) + 60, 360.0), width)


def framed_svg(
    title: str,
    subtitle: str,
    drawing: Callable[[float], tuple[str, float]],
    legend: Sequence[LegendKey],
    notes: list[str],
    source_lines: list[str],
) -> str:
    """A graphic frame as one SVG, WIDTH px wide: the title and subtitle, then ``drawing(top)``
    (its markup at ``top``, and its height), the ``legend`` keys as a horizontal strip that
    wraps, the ``notes`` (method, merged classes) and the source lines, all as text."""
    inner = WIDTH - 2 * PAD
    parts: list[str] = []
    y: float = PAD - 6
    block, y = _text_block(wrap(title, 26, inner), PAD, y, 26, font_weight="700", fill="#1a1a1a")
    parts.append(block)
    if subtitle:
        block, y = _text_block(wrap(subtitle, 16, inner), PAD, y + 2, 16, fill="#3d3d3d")
        parts.append(block)
    body, body_h = drawing(y + 16)
    parts.append(body)
    y += 16 + body_h + 20

    # The legend strip: swatch + label items flowing left to right, wrapping to new rows.
    size, x, row_h = 15, float(PAD), 24
    items = []
    for fill, label, *line in legend:
        item_w = 22 + 0.6 * size * len(label) + 18
        if x + item_w > WIDTH - PAD and x > PAD:
            x, y = float(PAD), y + row_h
        stroke, stroke_w = (line[0], 2) if line else ("#777777", 1)
        dash = f' stroke-dasharray="{line[1]}"' if len(line) > 1 else ""
        items.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="16" height="14" fill="{fill}"'
            f' stroke="{stroke}" stroke-width="{stroke_w}"{dash}/>'
            f'<text x="{x + 22:.0f}" y="{y + 12:.0f}" font-size="{size}" fill="#1a1a1a">'
            f"{escape(label)}</text>"
        )
        x += item_w
    parts.append(f'<g class="legend">{"".join(items)}</g>')
    y += row_h if legend else 0
    for note in notes:
        block, y = _text_block(wrap(note, 13, inner), PAD, y, 13, fill="#3d3d3d")
        parts.append(block)
    y += 8
    block, y = _text_block(
        [line for s in source_lines for line in wrap(s, 12, inner)], PAD, y, 12, fill="#3d3d3d"
    )
    parts.append(f'<g class="source">{block}</g>')
    height = math.ceil(y + PAD)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" font-family="{escape(FONT)}">'
        f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(parts)}</svg>'
    )


def map_svg(
    shapes,
    colors: dict[str, str],
    title: str,
    subtitle: str,
    legend: Sequence[LegendKey],
    notes: list[str],
    source_lines: list[str],
    highlight: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The framed city map: ``shapes`` a GeoDataFrame (``code``, WGS 84 geometry), ``colors``
    code → fill, ``legend`` keys laid out as a horizontal strip, ``notes`` under it (method,
    merged classes), then the source lines; ``highlight`` outlines one unit; ``names``
    (code → name) titles each unit's path."""
    inner = WIDTH - 2 * PAD
    bounds = tuple(float(b) for b in shapes.total_bounds)
    height = inner * tall(bounds)  # the map's own shape, edge to edge
    proj = fit(bounds, inner, height, 0)

    def drawing(top_y: float) -> tuple[str, float]:
        paths = []
        for code, geom in zip(shapes["code"], shapes.geometry, strict=True):
            paths.append(
                f'<path id="u{escape(code)}" d="{path_data(geom, proj)}"'
                f' fill="{colors.get(code, NO_DATA_COLOR)}" stroke="#ffffff" stroke-width="0.6">'
                f"<title>{escape((names or {}).get(code, code))}</title></path>"
            )
        if highlight and highlight in set(shapes["code"]):
            geom = shapes.geometry[list(shapes["code"]).index(highlight)]
            paths.append(
                f'<path d="{path_data(geom, proj)}" fill="none" stroke="#111111" stroke-width="3"/>'
            )
        return (
            f'<g class="units" transform="translate({PAD},{top_y:.1f})">{"".join(paths)}</g>',
            height,
        )

    return framed_svg(title, subtitle, drawing, legend, notes, source_lines)


LABEL_SIZE = 14


def unit_map_svg(
    unit: BaseGeometry,
    olds: list[tuple[str, str, BaseGeometry]],
    title: str,
    subtitle: str,
    legend: Sequence[LegendKey],
    source_lines: list[str],
    *,
    name: str,
    north: str,
    lang: str,
) -> str:
    """The framed small map of one new unit (the unit panel's and the overlay embed's): ``unit``
    (WGS 84) filled, each of ``olds`` (code, label, geometry: the old units it was formed from)
    outlined and labelled at a point of its part inside the unit, a scale bar and north arrow.

    The view is the unit's box (with any old unit wholly outside it); an old unit split with a
    neighbour is cut at the view's edge.
    """
    inner = WIDTH - 2 * PAD
    # The unit's box, and the whole of any old unit that lies wholly outside it (in the 2019
    # polygons): each old unit named is on the map.
    boxes = [unit.bounds] + [g.bounds for _, _, g in olds if not g.intersects(unit)]
    bounds = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    height = _view_height(bounds, inner)
    proj = fit(bounds, inner, height, 30)

    def drawing(top_y: float) -> tuple[str, float]:
        shapes = [
            f'<path class="unit" d="{path_data(in_view(unit, proj, inner, height), proj)}"'
            f' fill="{DETAIL_FILL}" stroke="{DETAIL_LINE}" stroke-width="2.5">'
            f"<title>{escape(name)}</title></path>",
        ]
        anchors = []
        for code, label, geom in olds:
            shown = in_view(geom, proj, inner, height)
            shapes.append(
                f'<path class="old" data-code="{escape(code)}" d="{path_data(shown, proj)}"'
                f' fill="none" stroke="{DETAIL_OLD_LINE}" stroke-width="1.2">'
                f"<title>{escape(label)}</title></path>"
            )
            inside = geom.intersection(unit)
            anchor = (inside if not inside.is_empty else shown).representative_point()
            if not anchor.is_empty:
                anchors.append((code, label, *proj.xy(anchor.x, anchor.y)))
        # A white halo under each name keeps it readable over the lines it crosses.
        labels = [
            f'<text class="label" data-code="{escape(code)}" x="{x:.0f}" y="{y:.0f}"'
            f' text-anchor="middle" font-size="{LABEL_SIZE}" fill="#1a1a1a" stroke="#ffffff"'
            f' stroke-width="3" paint-order="stroke">{escape(label)}</text>'
            for code, label, x, y in place_labels(
                anchors, inner, height, LABEL_SIZE, map_furniture(inner, height)
            )
        ]
        small = 'font-size="13" fill="#1a1a1a"'
        body = (
            f'<clipPath id="map-clip"><rect width="{inner}" height="{height:.1f}"/></clipPath>'
            f'<rect width="{inner}" height="{height:.1f}" fill="#ffffff" stroke="#cccccc"/>'
            f'<g clip-path="url(#map-clip)">{"".join(shapes)}</g>'
            + "".join(labels)
            + scale_bar(proj, inner, height, lang, small)
            + north_arrow(inner - 20, north, small)
        )
        return f'<g class="map" transform="translate({PAD},{top_y:.1f})">{body}</g>', height

    return framed_svg(title, subtitle, drawing, legend, [], source_lines)


# The split map's label styles, which a page gives it from its stylesheet (assets/citizen.css:
# 12 px labels on a 360 px map); larger here, on a map as wide as the frame.
SPLIT_LABEL_SIZE = 15
_SPLIT_STYLE = (
    f".split-svg .label{{font:600 {SPLIT_LABEL_SIZE}px {FONT};fill:#111111;paint-order:stroke;"
    f"stroke:#ffffff;stroke-width:3px}}.split-svg .small{{font:13px {FONT};fill:#1a1a1a}}"
)


def split_map_svg(
    outline: BaseGeometry,
    destinations: list[Destination],
    title: str,
    subtitle: str,
    legend: Sequence[LegendKey],
    source_lines: list[str],
    *,
    north: str,
    lang: str,
) -> str:
    """The framed map of a split old unit: the citizen page's drawing (figures/svg_map.py:
    ``split_svg``: the old outline over each destination, coloured and named with its share, a
    scale bar and north arrow) at the frame's width, with its title, legend and sources."""
    inner = WIDTH - 2 * PAD
    height = round(_view_height(outline.bounds, inner))

    def drawing(top_y: float) -> tuple[str, float]:
        svg = split_svg(
            outline,
            destinations,
            title=title,
            north=north,
            lang=lang,
            width=inner,
            height=height,
            label_size=SPLIT_LABEL_SIZE,
        )
        placed = svg.replace(
            "<svg ", f'<svg x="{PAD}" y="{top_y:.1f}" width="{inner}" height="{height}" ', 1
        )
        return f"<style>{escape(_SPLIT_STYLE, quote=False)}</style>{placed}", height

    return framed_svg(title, subtitle, drawing, legend, [], source_lines)
