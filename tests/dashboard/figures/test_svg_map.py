"""The split answer's server-drawn SVG map (dashboard/figures/svg_map.py), on synthetic shapes."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import Point, box

from dashboard.figures.svg_map import Destination, fit, scale_length, split_svg

SVG = "{http://www.w3.org/2000/svg}"
# A 2 km x 1 km old unit near Hanoi, split down the middle; the neighbours reach far beyond it.
OLD = box(105.80, 21.00, 105.8193, 21.009)
WEST = box(105.70, 20.95, 105.8096, 21.05)
EAST = box(105.8096, 20.95, 105.90, 21.05)


def _svg(**kw):
    dests = [
        Destination("00001", WEST, "Phường Tây (~50 %)", "#1b9e77"),
        Destination("00002", EAST, "Phường Đông (~50 %)", "#d95f02"),
    ]
    return split_svg(OLD, dests, title="Old → new", **kw)


def test_one_labelled_shape_per_destination_inside_the_frame():
    root = ET.fromstring(_svg())
    groups = root.findall(f"{SVG}g[@class='dest']")
    assert [g.get("data-code") for g in groups] == ["00001", "00002"]
    for g in groups:
        path = g.find(f"{SVG}path")
        assert path.find(f"{SVG}title").text.startswith("Phường")
    labels = {t.get("data-code"): t for t in root.findall(f"{SVG}text[@class='label']")}
    assert set(labels) == {"00001", "00002"}
    assert "".join(labels["00001"].itertext()) == "Phường Tây(~50 %)"
    # each label sits on its own half of the old unit: west left of east, both in the frame
    x1, x2 = float(labels["00001"].get("x")), float(labels["00002"].get("x"))
    assert 0 < x1 < 180 < x2 < 360


def test_neighbours_are_clipped_to_the_view():
    svg = _svg()
    paths = " ".join(re.findall(r' d="([^"]+)"', svg))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", paths)]
    # a 10 km wide neighbour is cut to the frame (360 x 320, plus a 10 px margin), not drawn
    # hundreds of px out
    assert min(numbers) >= -10.5 and max(numbers) <= 370.5


def test_projection_round_trips_and_keeps_true_proportions():
    proj = fit(OLD.bounds, 360, 320, 14)
    x, y = proj.xy(105.81, 21.004)
    lon, lat = proj.lonlat(x, y)
    assert lon == pytest.approx(105.81) and lat == pytest.approx(21.004)
    # 1 km east and 1 km north are the same number of pixels
    east = proj.xy(105.80 + 1000 / (111_320 * 0.9336), 21.0)[0] - proj.xy(105.80, 21.0)[0]
    north = proj.xy(105.80, 21.0)[1] - proj.xy(105.80, 21.0 + 1000 / 111_320)[1]
    assert east == pytest.approx(north, rel=0.01)


def test_scale_bar_is_a_round_length_with_its_true_size():
    root = ET.fromstring(_svg(lang="vi"))
    scale = root.find(f"{SVG}g[@class='scale']")
    text = scale.find(f"{SVG}text").text
    assert text in {"500 m", "1 km"}
    bar = re.search(r"H([\d.]+)", scale.find(f"{SVG}path").get("d"))
    proj = fit(OLD.bounds, 360, 320, 14)
    metres = 500 if text == "500 m" else 1000
    assert float(bar.group(1)) - 10 == pytest.approx(metres / proj.metres_per_pixel(), abs=0.2)
    assert scale_length(10.0, 120) == 1000 and scale_length(10.0, 40) == 250


def test_north_arrow_legend_free_and_tap_projection_written():
    svg = _svg(north="B")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}g[@class='north']/{SVG}text").text == "B"
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Old → new"
    for attr in ("data-x0", "data-y0", "data-s"):
        assert float(root.get(attr))
    assert "legend" not in svg  # the legend is HTML beside the map, never inside it


def test_a_destination_outside_the_old_unit_is_labelled_where_it_shows():
    far = Point(105.81, 21.0115).buffer(0.001)  # in the frame, outside the old unit
    svg = split_svg(OLD, [Destination("9", far, "X", "#000")], title="t")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}text[@class='label']") is not None


def _tile_corner(z: int, tx: int, ty: int) -> tuple[float, float]:
    """The north-west corner (lon, lat) of slippy-map tile z/tx/ty (the OSM wiki's formulas)."""
    n = 2**z
    return tx / n * 360 - 180, math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * ty / n))))


def test_the_projection_is_web_mercator_so_street_tiles_line_up():
    """Each tile's corners land where the tile grid puts them: a tile z/x/y drawn at
    ((x/2^z − x0)·s, (y/2^z − y0)·s), s/2^z wide (what citizen.js does) covers its own ground."""
    root = ET.fromstring(_svg())
    x0, y0, s = (float(root.get(a)) for a in ("data-x0", "data-y0", "data-s"))
    proj = fit(OLD.bounds, 360, 320, 14)
    for z in (14, 16, 17):
        n = 2**z
        cx, cy = int((x0 + 180 / s) * n), int((y0 + 160 / s) * n)  # the tile at the centre
        for tx, ty in ((cx, cy), (cx + 1, cy + 1)):
            x, y = proj.xy(*_tile_corner(z, tx, ty))
            assert x == pytest.approx((tx / n - x0) * s, abs=0.01)
            assert y == pytest.approx((ty / n - y0) * s, abs=0.01)
