"""A split answer's map as one server-drawn vector ``<svg>`` (no plotly, no JavaScript needed).

The old unit's outline over the new units it went to, each destination coloured and labelled ON
the map (name and share, at a point inside its piece of the old unit), a scale bar and a north
arrow. The legend and the source line are HTML beside and under the map (the page's job), so they
can never print over it. Coordinates are lon/lat (EPSG:4326); the map is in Web Mercator, the
street tiles' projection, so the tiles a script may draw under it line up exactly. The projection
is written on the ``<svg>`` (``data-x0``, ``data-y0``, ``data-s``: see :class:`Projection`) so a
script can turn a tap back into lon/lat and place the tiles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.figures.maps import SPLIT_COLORS

METRES_PER_DEGREE = 111_320.0
EARTH_CIRCUMFERENCE = 40_075_016.686  # metres: Web Mercator's world width at the equator
_NICE = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000)


def colour(index: int) -> str:
    """The colour of the ``index``-th destination (the dashboard's split map uses the same)."""
    return SPLIT_COLORS[index % len(SPLIT_COLORS)]


@dataclass(frozen=True)
class Destination:
    """One new unit on the map: its code, geometry (lon/lat), label and colour."""

    code: str
    geometry: BaseGeometry
    label: str
    color: str


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator world coordinates of (lon, lat), both in [0, 1] from the north-west corner:
    the street tiles' projection (tile z/x/y covers x/2^z … (x+1)/2^z, and so in y)."""
    phi = math.radians(lat)
    return (lon + 180.0) / 360.0, (1.0 - math.asinh(math.tan(phi)) / math.pi) / 2.0


def tall(bounds) -> float:
    """Height / width of the box ``bounds`` (minx, miny, maxx, maxy in lon/lat) in Web Mercator
    (a map of it drawn edge to edge has this shape)."""
    (left, top), (right, bottom) = mercator(bounds[0], bounds[3]), mercator(bounds[2], bounds[1])
    return (bottom - top) / max(right - left, 1e-12)


@dataclass(frozen=True)
class Projection:
    """lon/lat → SVG pixels in Web Mercator: x = (X − x0)·s, y = (Y − y0)·s with (X, Y) the
    point's :func:`mercator` coordinates. Street tiles drawn at the same coordinates line up
    exactly (assets/citizen.js); conformal, so 1 km east is as long as 1 km north."""

    x0: float
    y0: float
    s: float  # pixels per world unit
    lat: float  # the latitude the scale bar is measured at (the view's centre)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """The SVG point of (lon, lat)."""
        mx, my = mercator(lon, lat)
        return (mx - self.x0) * self.s, (my - self.y0) * self.s

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The (lon, lat) of an SVG point (what the tap script computes in the browser)."""
        mx, my = self.x0 + x / self.s, self.y0 + y / self.s
        lat = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * my))))
        return mx * 360.0 - 180.0, lat

    def metres_per_pixel(self) -> float:
        """Ground distance of one pixel at the view's centre (the same in every direction)."""
        return EARTH_CIRCUMFERENCE * math.cos(math.radians(self.lat)) / self.s

    def degrees_per_pixel(self) -> float:
        """About one pixel in degrees of latitude (for simplifying to a fraction of a pixel)."""
        return self.metres_per_pixel() / METRES_PER_DEGREE


def fit(bounds, width: float, height: float, pad: float) -> Projection:
    """The projection showing ``bounds`` (minx, miny, maxx, maxy in lon/lat) centred in a
    ``width`` × ``height`` box with ``pad`` pixels of margin."""
    minx, miny, maxx, maxy = bounds
    left, top = mercator(minx, maxy)
    right, bottom = mercator(maxx, miny)
    s = min(
        (width - 2 * pad) / max(right - left, 1e-12), (height - 2 * pad) / max(bottom - top, 1e-12)
    )
    x0 = (left + right) / 2 - (width / 2) / s
    y0 = (top + bottom) / 2 - (height / 2) / s
    return Projection(x0, y0, s, (miny + maxy) / 2)


def _n(value: float) -> str:
    """A coordinate to a tenth of a pixel, without a trailing ".0"."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def path_data(geom: BaseGeometry, proj: Projection) -> str:
    """SVG path data of a (multi)polygon, to a tenth of a pixel (small and exact enough)."""
    out = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            pts = [proj.xy(x, y) for x, y in ring.coords[:-1]]
            if len(pts) < 3:
                continue
            out.append("M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in pts) + "Z")
    return "".join(out)


def in_view(geom: BaseGeometry, proj: Projection, width: float, height: float) -> BaseGeometry:
    """``geom`` clipped to the drawn box (with a margin) and simplified to a third of a pixel:
    a neighbour many km wide costs no more bytes than the part that shows."""
    x0, y1 = proj.lonlat(-10, -10)
    x1, y0 = proj.lonlat(width + 10, height + 10)
    clipped = shapely.clip_by_rect(geom, x0, y0, x1, y1)
    return clipped.simplify(0.35 * proj.degrees_per_pixel(), preserve_topology=True)


def scale_length(metres_per_pixel: float, max_pixels: float) -> int:
    """The largest round length (m) whose bar fits in ``max_pixels``."""
    fitting = [n for n in _NICE if n / metres_per_pixel <= max_pixels]
    return fitting[-1] if fitting else _NICE[0]


def _distance(metres: int, lang: str) -> str:
    if metres >= 1000:
        km = metres / 1000
        text = f"{km:g}"
        return (text.replace(".", ",") if lang == "vi" else text) + " km"
    return f"{metres} m"


def scale_bar(proj: Projection, width: float, height: float, lang: str, text_attrs: str) -> str:
    """A scale bar at the bottom left of a ``width`` × ``height`` map: the largest round length
    that fits a third of the width, true at the view's centre; ``text_attrs`` style its label."""
    metres = scale_length(proj.metres_per_pixel(), width / 3)
    bar = metres / proj.metres_per_pixel()
    by = height - 10
    return (
        f'<g class="scale"><path d="M10,{_n(by - 5)}V{_n(by)}H{10 + bar:.1f}V{_n(by - 5)}" '
        'fill="none" stroke="#1a1a1a" stroke-width="1.5"/>'
        f'<text x="{14 + bar:.0f}" y="{_n(by)}" {text_attrs}>{_distance(metres, lang)}</text></g>'
    )


def north_arrow(x: float, label: str, text_attrs: str) -> str:
    """A north arrow centred on ``x`` at the top of a map, with its ``label`` ("N", "B")."""
    return (
        f'<g class="north"><path d="M{_n(x)},8L{_n(x + 7)},26L{_n(x)},22L{_n(x - 7)},26Z" '
        f'fill="#1a1a1a"/><text x="{_n(x)}" y="40" text-anchor="middle" {text_attrs}>'
        f"{escape(label)}</text></g>"
    )


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _clear(box: Box, placed: list[Box]) -> bool:
    """True when ``box`` overlaps none of ``placed`` (boxes that touch, to a tenth of a pixel,
    do not overlap)."""
    left, top, right, bottom = box[0] + 0.1, box[1] + 0.1, box[2] - 0.1, box[3] - 0.1
    return all(right <= a or c <= left or bottom <= b or d <= top for a, b, c, d in placed)


def map_furniture(width: float, height: float) -> list[Box]:
    """Where :func:`scale_bar` (bottom left) and :func:`north_arrow` (top right) are drawn in a
    ``width`` × ``height`` map: no label goes there."""
    return [(0.0, height - 30, width / 3 + 60, height), (width - 36, 0.0, width, 46)]


def place_labels(
    anchors: list[tuple[str, str, float, float]],
    width: float,
    height: float,
    size: float,
    taken: list[Box] | None = None,
) -> list[tuple[str, str, float, float]]:
    """Where to write each label (code, text, x, y: its middle and first baseline; lines of the
    text split at "\n") at font ``size`` in a ``width`` × ``height`` map: at its anchor, or
    moved by a line or two down or up when that spot overlaps a label already placed or a
    ``taken`` box (the first free spot; the anchor itself when none is); always wholly inside
    the map."""
    placed = list(taken or [])
    out = []
    line = size * 1.2
    for code, text, ax, ay in anchors:
        lines = text.split("\n")
        half = 0.3 * size * max(len(t) for t in lines)  # a glyph is about 0.6 em wide
        below = (len(lines) - 1) * line  # from the first baseline to the last
        x = min(max(ax, half + 4), width - half - 4)
        spots = [min(max(ay + dy * line, line + 4), height - 8 - below) for dy in (0, 1, -1, 2, -2)]
        y = next(
            (y for y in spots if _clear((x - half, y - line, x + half, y + below), placed)),
            spots[0],
        )
        placed.append((x - half, y - line, x + half, y + below))
        out.append((code, text, x, y))
    return out


def split_svg(
    outline: BaseGeometry,
    destinations: list[Destination],
    *,
    title: str,
    north: str = "N",
    lang: str = "vi",
    width: int = 360,
    height: int = 320,
    pad: int = 14,
    label_size: float = 12,
) -> str:
    """The ``<svg>`` of a split: ``outline`` (the old unit) over ``destinations``.

    Each destination is a ``<g class="dest" data-code=…>`` holding its shape (with a ``<title>``);
    its label (name, then share, at ``label_size`` px: the page's stylesheet sets the font) goes
    at the representative point of its piece inside the old outline (or of what shows of it,
    when that piece is empty), moved off the other labels (:func:`place_labels`). The view is
    the old outline's box.
    """
    proj = fit(outline.bounds, width, height, pad)
    parts = []
    anchors = []
    for d in destinations:
        shown = in_view(d.geometry, proj, width, height)
        label = escape(d.label)
        parts.append(
            f'<g class="dest" data-code="{escape(d.code)}">'
            f'<path d="{path_data(shown, proj)}" fill="{d.color}" fill-opacity="0.55" '
            f'stroke="#fff" stroke-width="1.5"><title>{label}</title></path></g>'
        )
        inside = d.geometry.intersection(outline)
        anchor = (inside if not inside.is_empty else shown).representative_point()
        if not anchor.is_empty:
            name, _, share = d.label.partition(" (")
            text = name + ("\n(" + share if share else "")
            anchors.append((d.code, text, *proj.xy(anchor.x, anchor.y)))
    labels = []
    for code, text, x, y in place_labels(
        anchors, width, height, label_size, map_furniture(width, height)
    ):
        tspans = "".join(
            f'<tspan x="{x:.0f}" dy="{0 if i == 0 else round(label_size * 1.2, 1):g}">'
            f"{escape(s)}</tspan>"
            for i, s in enumerate(text.split("\n"))
        )
        labels.append(
            f'<text class="label" data-code="{escape(code)}" x="{x:.0f}" y="{y:.0f}" '
            f'text-anchor="middle">{tspans}</text>'
        )
    old = path_data(outline, proj)
    scale = scale_bar(proj, width, height, lang, 'class="small"')
    arrow = north_arrow(width - 18, north, 'class="small"')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="split-svg" role="img" aria-labelledby="split-svg-title" '
        f'data-x0="{proj.x0:.12f}" data-y0="{proj.y0:.12f}" data-s="{proj.s:.3f}">'
        f'<title id="split-svg-title">{escape(title)}</title>'
        f'<rect width="{width}" height="{height}" fill="#f4f7fb"/>'
        + "".join(parts)
        + f'<path class="old" d="{old}" fill="none" stroke="#1a1a1a" stroke-width="2.5" '
        'stroke-dasharray="6 3"/>' + "".join(labels) + scale + arrow + "</svg>"
    )
