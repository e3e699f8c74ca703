"""The city map as a framed vector SVG (#23): one ``<path>`` per unit, and the title, subtitle,
legend strip and source lines as SVG text that wraps, for the PNG/SVG downloads of the dashboard
and the map embed (pure: shapes and colours in, SVG text out).

The dashboard's map draws with WebGL (MapLibre): plotly's "SVG" of it is one embedded PNG. This
draws the same units with the same colours as plain vector paths in Web Mercator, the print
map's projection, in a few tens of milliseconds.
"""

from __future__ import annotations

import math
from html import escape

from plotly.colors import find_intermediate_color, get_colorscale, hex_to_rgb, unlabel_rgb
from shapely.geometry.base import BaseGeometry

WIDTH = 1000  # px; the map's own width is WIDTH - 2 * PAD
PAD = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
NO_DATA_COLOR = "#d9d9d9"


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


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


def _path(geom: BaseGeometry, project) -> str:
    polygons = getattr(geom, "geoms", [geom])
    parts = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [project(x, y) for x, y in ring.coords]
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _text_block(lines: list[str], x: float, y: float, size: float, **style) -> tuple[str, float]:
    """SVG text lines from baseline ``y``; returns the markup and the next free ``y``."""
    attrs = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in style.items())
    out = []
    for line in lines:
        y += size * 1.25
        out.append(f'<text x="{x:.0f}" y="{y:.1f}" font-size="{size}"{attrs}>{escape(line)}</text>')
    return "".join(out), y


def map_svg(
    shapes,
    colors: dict[str, str],
    title: str,
    subtitle: str,
    legend: list[tuple[str, str]],
    notes: list[str],
    source_lines: list[str],
    highlight: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The framed map: ``shapes`` a GeoDataFrame (``code``, WGS 84 geometry), ``colors`` code →
    fill, ``legend`` (colour, label) rows laid out as a horizontal strip, ``notes`` under it
    (method, merged classes), then the source lines; ``highlight`` outlines one unit; ``names``
    (code → name) titles each unit's path."""
    inner = WIDTH - 2 * PAD
    minx, miny, maxx, maxy = (float(b) for b in shapes.total_bounds)
    top_y, bottom_y = _mercator_y(maxy), _mercator_y(miny)
    scale = inner / math.radians(maxx - minx)
    map_h = (top_y - bottom_y) * scale

    parts: list[str] = []
    y = PAD - 6
    block, y = _text_block(wrap(title, 26, inner), PAD, y, 26, font_weight="700", fill="#1a1a1a")
    parts.append(block)
    if subtitle:
        block, y = _text_block(wrap(subtitle, 16, inner), PAD, y + 2, 16, fill="#3d3d3d")
        parts.append(block)
    map_top = y + 16

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (
            PAD + math.radians(lon - minx) * scale,
            map_top + (top_y - _mercator_y(lat)) * scale,
        )

    paths = []
    for code, geom in zip(shapes["code"], shapes.geometry, strict=True):
        fill = colors.get(code, NO_DATA_COLOR)
        paths.append(
            f'<path id="u{escape(code)}" d="{_path(geom, project)}" fill="{fill}"'
            ' stroke="#ffffff" stroke-width="0.6"><title>'
            f"{escape((names or {}).get(code, code))}</title></path>"
        )
    parts.append(f'<g class="units">{"".join(paths)}</g>')
    if highlight and highlight in set(shapes["code"]):
        geom = shapes.geometry[list(shapes["code"]).index(highlight)]
        parts.append(
            f'<path d="{_path(geom, project)}" fill="none" stroke="#111111" stroke-width="3"/>'
        )
    y = map_top + map_h + 20

    # The legend strip: swatch + label items flowing left to right, wrapping to new rows.
    size, x, row_h = 15, float(PAD), 24
    items = []
    for color, label in legend:
        item_w = 22 + 0.6 * size * len(label) + 18
        if x + item_w > WIDTH - PAD and x > PAD:
            x, y = float(PAD), y + row_h
        items.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="16" height="14" fill="{color}"'
            ' stroke="#777777" stroke-width="1"/>'
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
