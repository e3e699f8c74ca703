"""Code lineage of the old units.

584 polygons of 2019 → 579 units (2020–Feb 2025) → 526 (Mar 2025).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .geometry import EQUAL_AREA


def explode_codes(old584: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per (2019 polygon, 2024 code): a 2019 unit later split carries two 2024 codes."""
    rows = old584[["pkg_id", "code_2019", "codes_2024"]].copy()
    rows["code_579"] = rows["codes_2024"].str.split(";")
    return rows.explode("code_579")[["pkg_id", "code_2019", "code_579"]].reset_index(drop=True)


def successors_526(
    old584: gpd.GeoDataFrame, units_579: pd.DataFrame, units_526: pd.DataFrame
) -> pd.DataFrame:
    """Map every 579-list code to its 526-list code.

    Codes kept in the 526 list map to themselves. The 53 units merged away in March 2025
    (Resolution 1286) are not named with their successor in any source here, so the successor is
    inferred: a unit of the same district still in the 526 list that carries its name (a new code
    for the merged unit), else the one that shares the longest border with it on the 2019
    polygons. ``method`` says which rule applied.
    """
    in_526 = set(units_526["code"])
    codes = explode_codes(old584)
    geo = old584[["pkg_id", "geometry"]].merge(codes, on="pkg_id").to_crs(EQUAL_AREA)
    by_579 = geo.dissolve(by="code_579")[["geometry"]]
    district = (
        pd.concat([units_526, units_579]).drop_duplicates("code").set_index("code")["district"]
    )
    name = pd.concat([units_526, units_579]).drop_duplicates("code").set_index("code")["full_name"]
    rows = []
    for code in units_579["code"]:
        if code in in_526:
            rows.append((code, code, "same code in 526 list"))
            continue
        if code not in by_579.index:
            rows.append((code, "", "no 2019 polygon"))
            continue
        peers = [c for c in by_579.index if c in in_526 and district.get(c) == district.get(code)]
        same_name = [c for c in peers if name.get(c) == name.get(code)]
        if len(same_name) == 1:
            rows.append((code, same_name[0], "inferred: same name in same district"))
            continue
        shape = by_579.loc[code, "geometry"].buffer(1)
        shared = {c: shape.intersection(by_579.loc[c, "geometry"].boundary).length for c in peers}
        best = max(shared, key=lambda c: shared[c]) if shared else ""
        rows.append(
            (
                code,
                best,
                "inferred: longest shared border in same district"
                if best
                else "no neighbour found",
            )
        )
    return pd.DataFrame(rows, columns=["code_579", "code_526", "method"])


def polygon_to_526(old584: gpd.GeoDataFrame, successors: pd.DataFrame) -> pd.DataFrame:
    """(pkg_id, code_526) pairs: which 526-list unit(s) each 2019 polygon belongs to."""
    pairs = explode_codes(old584).merge(successors, on="code_579", how="left")
    return pairs[["pkg_id", "code_2019", "code_579", "code_526", "method"]]
