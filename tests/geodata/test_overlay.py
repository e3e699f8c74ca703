"""overlay: area shares, the whole check, the dissolve-merge and IoU on tiny synthetic shapes.

Shapes are drawn in the equal-area CRS itself (metres), so every expected value below is plain
rectangle arithmetic worked out by hand, independent of the code under test.
"""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geodata.geometry import EQUAL_AREA
from geodata.overlay import SLIVER_SHARE, area_shares, iou, merge_old_into_new, whole_check


def gdf(rows, key="code"):
    return gpd.GeoDataFrame(
        {key: [r[0] for r in rows]}, geometry=[box(*r[1]) for r in rows], crs=EQUAL_AREA
    )


# Two new units side by side: X = [0, 60] × [0, 200], Y = [60, 100] × [0, 200].
NEW = gdf([("X", (0, 0, 60, 200)), ("Y", (60, 0, 100, 200))])


def shares_of(old, key="old"):
    out = area_shares(old, NEW, key)
    return {
        (getattr(r, key), r.new_code): (r.share, r.raw_share, r.inside_city)
        for r in out.itertuples()
    }


def test_split_square_shares_its_area_60_40():
    got = shares_of(gdf([("A", (0, 0, 100, 100))], "old"))
    assert got[("A", "X")] == pytest.approx((0.6, 0.6, 1.0))
    assert got[("A", "Y")] == pytest.approx((0.4, 0.4, 1.0))


def test_sliver_below_threshold_is_dropped_and_the_rest_renormalised():
    # 1 % of B lies in Y (below SLIVER_SHARE = 2 %): boundary noise, not a transfer.
    assert SLIVER_SHARE == 0.02
    got = shares_of(gdf([("B", (0, 100, 60.4, 200))], "old"))
    assert set(got) == {("B", "X")}
    share, raw, inside = got[("B", "X")]
    assert share == pytest.approx(1.0)
    assert raw == pytest.approx(60 / 60.4)
    assert inside == pytest.approx(1.0)


def test_piece_just_above_threshold_is_kept():
    # 3 % of C in Y: kept, shares 0.97 / 0.03.
    got = shares_of(gdf([("C", (0, 0, 61.8556701, 100))], "old"))
    assert got[("C", "Y")][0] == pytest.approx(0.03, abs=1e-6)


def test_unit_half_outside_the_city_keeps_its_measured_inside_share():
    got = shares_of(gdf([("D", (50, 0, 150, 100))], "old"))
    # 10 m in X, 40 m in Y, 50 m outside any new unit.
    assert got[("D", "X")] == pytest.approx((0.2, 0.1, 0.5))
    assert got[("D", "Y")] == pytest.approx((0.8, 0.4, 0.5))


def crosswalk(rows):
    return pd.DataFrame(
        rows, columns=["new_code", "new_name", "old_code", "old_name", "kind", "clause", "source"]
    )


def test_whole_check_share_inside_is_relative_to_the_part_inside_the_city():
    shares = area_shares(gdf([("D", (50, 0, 150, 100))], "code_526"), NEW, "code_526")
    xw = crosswalk([("Y", "Y", "D", "D", "whole", 1, "both")])
    out = whole_check(xw, shares)
    # 0.4 of D in Y, 0.5 of D inside the city at all → 80 % of what lies inside.
    assert out["share_inside"].tolist() == pytest.approx([0.8])


def test_whole_check_ignores_mapping_only_pairs_and_reports_missing_as_zero():
    shares = area_shares(gdf([("A", (0, 0, 100, 100))], "code_526"), NEW, "code_526")
    xw = crosswalk(
        [
            ("X", "X", "A", "A", "whole", 1, "mapping only"),
            ("Z", "Z", "A", "A", "whole", 2, "both"),  # a new unit with no overlap at all
        ]
    )
    out = whole_check(xw, shares)
    assert out["new_code"].tolist() == ["Z"] and out["share_inside"].tolist() == [0.0]


def test_merge_sends_a_split_unit_to_its_largest_share_and_whole_units_whole():
    old = gdf(
        [("A", (0, 0, 100, 100)), ("E", (0, 100, 60, 200)), ("F", (60, 100, 100, 200))], "code_526"
    )
    shares = area_shares(old, NEW, "code_526")
    xw = crosswalk(
        [
            ("X", "X", "A", "A", "part", 1, "both"),
            ("Y", "Y", "A", "A", "part", 2, "both"),
            ("X", "X", "E", "E", "whole", 1, "both"),
            ("Y", "Y", "F", "F", "whole", 2, "both"),
        ]
    )
    rebuilt = merge_old_into_new(old, xw, shares).set_index("new_code")
    # A (60 % in X) goes to X: X = A ∪ E = 100×100 + 60×100; Y = F only.
    assert rebuilt.loc["X", "geometry"].area == pytest.approx(16_000)
    assert rebuilt.loc["Y", "geometry"].area == pytest.approx(4_000)


def test_merge_prefers_the_new_unit_that_receives_the_old_unit_whole():
    old = gdf([("A", (0, 0, 100, 100))], "code_526")
    shares = area_shares(old, NEW, "code_526")
    # The law sends A whole to Y even though most of its (simplified) polygon lies in X.
    xw = crosswalk(
        [("Y", "Y", "A", "A", "whole", 2, "both"), ("X", "X", "A", "A", "part", 1, "both")]
    )
    assert merge_old_into_new(old, xw, shares)["new_code"].tolist() == ["Y"]


def test_iou_identical_half_overlapping_and_missing():
    official = gdf([("X", (0, 0, 100, 100)), ("Y", (0, 0, 100, 100)), ("Z", (0, 0, 1, 1))])
    rebuilt = gdf([("X", (0, 0, 100, 100)), ("Y", (50, 0, 150, 100))], "new_code")
    got = iou(rebuilt, official).set_index("code")["iou"].to_dict()
    # Y: intersection 50×100, union 150×100 → 1/3; Z was not rebuilt at all → 0.
    assert got == pytest.approx({"X": 1.0, "Y": 1 / 3, "Z": 0.0})


def test_pairwise_overlap_lists_overlaps_not_shared_borders():
    # Issue #25 (a random mutant survived). In metres of the equal-area CRS: A and B are 1 km
    # squares sharing an edge (touching, no overlap); C, shifted by 500 m both ways, covers a
    # 500 m × 500 m corner of each: 0.25 km² with A and 0.25 km² with B.
    from geodata.geometry import pairwise_overlap_km2

    squares = gpd.GeoDataFrame(
        geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(500, 500, 1500, 1500)],
        crs=EQUAL_AREA,
    )
    out = pairwise_overlap_km2(squares)
    assert [(r.i, r.j, round(r.overlap_km2, 6)) for r in out.itertuples()] == [
        (0, 2, 0.25),
        (1, 2, 0.25),
    ]
