"""The framed vector maps (dashboard/figures/map_svg.py): the unit's small map and its label
placement, on synthetic shapes with expected values worked out by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import box

from dashboard.figures.map_svg import PAD, WIDTH, split_map_svg, unit_map_svg
from dashboard.figures.svg_map import Destination, place_labels

SVG = "{http://www.w3.org/2000/svg}"
SIZE = 14
LINE = SIZE * 1.2  # 16.8 px: one label's height
HALF = 0.3 * SIZE * 8  # 33.6 px: half the width of an 8-letter label


def test_a_label_on_a_taken_spot_moves_down_a_line():
    anchors = [("a", "Phường A", 100, 100), ("b", "Phường B", 100, 100)]
    placed = place_labels(anchors, 400, 300, SIZE)
    assert placed[0] == ("a", "Phường A", 100, 100)
    assert placed[1] == ("b", "Phường B", 100, pytest.approx(100 + LINE))


def test_labels_stay_wholly_inside_the_map():
    placed = place_labels([("a", "Phường A", 5, 2), ("b", "Phường B", 399, 299)], 400, 300, SIZE)
    assert placed[0][2:] == (pytest.approx(HALF + 4), pytest.approx(LINE + 4))
    assert placed[1][2:] == (pytest.approx(400 - HALF - 4), 300 - 8)


def test_a_crowded_spot_tries_a_line_down_and_up_then_two_then_keeps_the_anchor():
    anchors = [(c, "Phường X", 200, 150) for c in "abcdef"]
    ys = [y for *_, y in place_labels(anchors, 400, 300, SIZE)]
    assert ys == pytest.approx([150, 150 + LINE, 150 - LINE, 150 + 2 * LINE, 150 - 2 * LINE, 150])


def test_a_two_line_label_keeps_both_lines_clear_of_the_map_furniture():
    # A box is taken from y 270 to 300 (a scale bar). At its anchor (first baseline 260) the
    # label's second line runs to 276.8, into the box; a line down is clamped to 275.2, still
    # in it; a line up (243.2) ends at 260: clear.
    placed = place_labels(
        [("a", "Phường A\n(~50 %)", 200, 260)], 400, 300, SIZE, taken=[(0, 270, 400, 300)]
    )
    assert placed[0][3] == pytest.approx(260 - LINE)
    # At the bottom, the second line stays inside the map too.
    (bottom,) = place_labels([("b", "Phường B\n(~50 %)", 200, 299)], 400, 300, SIZE)
    assert bottom[3] == pytest.approx(300 - 8 - LINE)


def _xs(d: str) -> list[float]:
    return [float(x) for x in re.findall(r"[ML](-?[\d.]+),", d)]


@pytest.fixture
def drawn() -> ET.Element:
    unit = box(105.80, 21.00, 105.82, 21.02)  # about 2 km across
    olds = [
        ("a", "Phường A", box(105.80, 21.00, 105.81, 21.02)),  # whole, the unit's west half
        ("b", "Phường B", box(105.81, 21.00, 105.83, 21.02)),  # split: half of it is outside
    ]
    svg = unit_map_svg(
        unit,
        olds,
        "Phường Mới: old boundaries",
        "2 old units",
        [("#9ecae1", "The new unit", "#08519c"), ("none", "The old units", "#555555")],
        ["Source: test"],
        name="Phường Mới",
        north="N",
        lang="en",
    )
    return ET.fromstring(svg)


def test_unit_map_is_a_vector_of_the_unit_and_each_old_unit(drawn):
    assert drawn.get("width") == str(WIDTH) and not list(drawn.iter(SVG + "image"))
    paths = list(drawn.iter(SVG + "path"))
    assert [p.get("class") for p in paths if p.get("class") in ("unit", "old")] == [
        "unit",
        "old",
        "old",
    ]
    texts = [t.text for t in drawn.iter(SVG + "text")]
    for part in ("Phường Mới: old boundaries", "2 old units", "The new unit", "Source: test"):
        assert part in texts
    # The old unit that was split is cut at the map's edge (a clip path), never over the frame.
    assert drawn.find(f".//{SVG}clipPath") is not None


def test_each_old_unit_is_named_inside_its_part_of_the_unit(drawn):
    unit = next(p for p in drawn.iter(SVG + "path") if p.get("class") == "unit")
    west, east = min(_xs(unit.get("d"))), max(_xs(unit.get("d")))
    labels = {t.get("data-code"): float(t.get("x")) for t in drawn.iter(SVG + "text")}
    middle = (west + east) / 2
    # "a" is the west half; "b" reaches past the unit's east edge, but its label is in the part
    # inside the unit (the east half), not in the middle of the whole old unit.
    assert west < labels["a"] < middle < labels["b"] < east
    # The map is the unit's box: the unit spans it between the fit's margins (30 px each side)
    # when the box is wider than the unit's shape, or is centred in it.
    inner = WIDTH - 2 * PAD
    assert west >= 30 - 0.1 and east <= inner - 30 + 0.1
    assert west == pytest.approx(inner - east, abs=0.2)


def test_split_map_is_drawn_at_the_frame_width_not_scaled():
    """The citizen page's split drawing inside the frame: its own pixels are the frame's (a
    nested ``<svg>`` as wide as the frame's inside, its viewBox the same size), so its labels
    keep their size; a wide old unit gets a short map (at least 360 px)."""
    outline = box(105.80, 21.00, 105.84, 21.01)  # 4 km wide, 1 km tall
    dests = [
        Destination("1", box(105.80, 21.00, 105.82, 21.01), "Phường A (~50 %)", "#1b9e77"),
        Destination("2", box(105.82, 21.00, 105.84, 21.01), "Phường B (~50 %)", "#d95f02"),
    ]
    root = ET.fromstring(
        split_map_svg(
            outline, dests, "Phường C → 2025", "Split.", [], ["Source: test"], north="N", lang="en"
        )
    )
    (inner,) = [e for e in root.iter(SVG + "svg") if e is not root]
    width, height = float(inner.get("width")), float(inner.get("height"))
    assert width == WIDTH - 2 * PAD and inner.get("viewBox") == f"0 0 {width:g} {height:g}"
    assert height == 360  # 952 x (1 km / 4 km), plus margins, is under the minimum
    assert float(inner.get("x")) == PAD and float(inner.get("y")) > 0
    assert [e.get("data-code") for e in inner.iter(SVG + "text") if e.get("data-code")] == [
        "1",
        "2",
    ]


def test_an_old_unit_wholly_outside_the_unit_is_in_view_and_named():
    """In the 2019 polygons an old unit can miss its new unit altogether (Bát Tràng and Long
    Biên): the view widens to show it, so every old unit counted is on the map."""
    unit = box(105.80, 21.00, 105.82, 21.02)
    olds = [("c", "Xã C", box(105.83, 21.00, 105.84, 21.01))]  # 1 km east of the unit
    root = ET.fromstring(
        unit_map_svg(unit, olds, "T", "S", [], ["Source: test"], name="U", north="N", lang="en")
    )
    inner = WIDTH - 2 * PAD
    (old,) = [p for p in root.iter(SVG + "path") if p.get("class") == "old"]
    xs = _xs(old.get("d"))
    assert xs and 0 <= min(xs) and max(xs) <= inner
    unit_xs = _xs(next(p for p in root.iter(SVG + "path") if p.get("class") == "unit").get("d"))
    assert max(unit_xs) < min(xs)  # east of the unit, both in the map
    (label,) = [t for t in root.iter(SVG + "text") if t.get("data-code") == "c"]
    assert min(xs) <= float(label.get("x")) <= max(xs) and label.text == "Xã C"
