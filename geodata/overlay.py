"""Overlay of old and new polygons: area shares, the 'whole' cross-check, and the merge itself."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .crosswalk import by_resolution
from .geometry import EQUAL_AREA

# The 2019 polygons are simplified: pieces below this share of an old unit's area are boundary
# noise, not territory transferred, and are dropped before shares are renormalised.
SLIVER_SHARE = 0.02
WHOLE_MIN_SHARE = 0.90


def area_shares(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, old_key: str) -> pd.DataFrame:
    """Share of each old unit's area in each new unit (geopandas.overlay in the equal-area CRS).

    Pieces under SLIVER_SHARE are dropped; the remaining shares of each old unit are
    renormalised to sum to 1 so apportioned totals reconcile. ``raw_share`` keeps the measured
    value and ``inside_city`` the part of the old unit that fell inside any new unit at all.
    """
    old_ea = old[[old_key, "geometry"]].to_crs(EQUAL_AREA)
    old_ea["old_area"] = old_ea.area
    pieces = gpd.overlay(
        old_ea,
        new[["code", "geometry"]].to_crs(EQUAL_AREA),
        how="intersection",
        keep_geom_type=True,
    )
    pieces["raw_share"] = pieces.area / pieces["old_area"]
    shares = pieces.groupby([old_key, "code"], as_index=False)["raw_share"].sum()
    inside = shares.groupby(old_key)["raw_share"].sum().rename("inside_city")
    kept = shares[shares["raw_share"] >= SLIVER_SHARE].copy()
    kept["share"] = kept["raw_share"] / kept.groupby(old_key)["raw_share"].transform("sum")
    return (
        kept.merge(inside, on=old_key).rename(columns={"code": "new_code"}).reset_index(drop=True)
    )


def whole_check(crosswalk: pd.DataFrame, shares_526: pd.DataFrame) -> pd.DataFrame:
    """Old units the resolution sends whole into a new unit, with the share that lands inside it.

    Returns every such pair with ``share_inside``; rows below WHOLE_MIN_SHARE are the exceptions.
    """
    law = by_resolution(crosswalk)
    whole = law[law["kind"] == "whole"]
    raw = shares_526.rename(columns={"code_526": "old_code"})[
        ["old_code", "new_code", "raw_share", "inside_city"]
    ]
    out = whole.merge(raw, on=["old_code", "new_code"], how="left")
    out["share_inside"] = (out["raw_share"] / out["inside_city"]).fillna(0.0)
    return out[["new_code", "new_name", "old_code", "old_name", "clause", "share_inside"]]


def merge_old_into_new(
    old526: gpd.GeoDataFrame, crosswalk: pd.DataFrame, shares_526: pd.DataFrame
) -> gpd.GeoDataFrame:
    """Rebuild the new units by dissolving old units into them.

    An old unit sent whole goes to its new unit. A split unit cannot be cut without the new
    boundary, so it goes whole to the new unit that, per the resolution, receives it and holds
    the largest share of its area. The result is compared with the official polygons by IoU.
    """
    xw = by_resolution(crosswalk)[["old_code", "new_code", "kind"]]
    ranked = xw.merge(
        shares_526.rename(columns={"code_526": "old_code"})[["old_code", "new_code", "raw_share"]],
        on=["old_code", "new_code"],
        how="left",
    ).fillna({"raw_share": 0.0})
    ranked["whole_first"] = ranked["kind"] == "whole"
    target = ranked.sort_values(["whole_first", "raw_share"], ascending=False).drop_duplicates(
        "old_code"
    )
    assigned = old526.merge(
        target[["old_code", "new_code"]], left_on="code_526", right_on="old_code"
    )
    return assigned.dissolve(by="new_code")[["geometry"]].reset_index()


def iou(rebuilt: gpd.GeoDataFrame, official: gpd.GeoDataFrame) -> pd.DataFrame:
    """Intersection over union per new unit between rebuilt and official polygons."""
    a = rebuilt.set_index("new_code").to_crs(EQUAL_AREA).geometry
    b = official.set_index("code").to_crs(EQUAL_AREA).geometry
    rows = []
    for code in b.index:
        if code not in a.index:
            rows.append((code, 0.0))
            continue
        inter = a[code].intersection(b[code]).area
        union = a[code].union(b[code]).area
        rows.append((code, inter / union if union else 0.0))
    return pd.DataFrame(rows, columns=["code", "iou"])
