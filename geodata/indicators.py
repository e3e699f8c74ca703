"""Figures per new unit, each traceable to a source or labelled as an estimate with its method."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .crosswalk import by_resolution
from .geometry import area_km2
from .text import canonical

POP2019_METHOD = (
    "Estimate: 2019 census population of each 2019 commune (GSO) apportioned to the new units "
    "by the share of its area inside each (areal weighting on the 2019 polygons)."
)


def unit_indicators(
    new: gpd.GeoDataFrame,
    pop2025: pd.DataFrame,
    merger_map: pd.DataFrame,
    crosswalk: pd.DataFrame,
    shares_584: pd.DataFrame,
    old584: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """The 126 new units with area, population (2025 official; 2019 estimate), density and merge counts.

    ``pop2025`` is the GSO-coded figure; the merger map's own record is kept beside it in
    ``pop2025_merger_map`` so that disagreeing sources are both shown.
    """
    out = new.copy()
    out["area_computed_km2"] = area_km2(out).round(3)
    out = out.merge(pop2025[["code", "pop2025"]], on="code", how="left")
    # The merger map has no GSO codes and writes "Hòa" where the polygons write "Hoà": join on
    # type + name with tone placement normalised.
    mm = merger_map.assign(_key=merger_map["name"].map(canonical))
    out = (
        out.assign(_key=out["name"].map(canonical))
        .merge(
            mm[["unit_type", "_key", "pop2025_merger_map", "area_km2_merger_map", "admin_centre"]],
            on=["unit_type", "_key"],
            how="left",
            validate="1:1",
        )
        .drop(columns="_key")
    )
    out["density_2025"] = (out["pop2025"] / out["area_official_km2"]).round(1)

    pop19 = shares_584.merge(old584[["pkg_id", "pop2019"]], on="pkg_id")
    pop19["pop"] = pop19["share"] * pop19["pop2019"]
    out = out.merge(
        pop19.groupby("new_code")["pop"].sum().round().astype("Int64").rename("pop2019_est"),
        left_on="code",
        right_index=True,
        how="left",
    )

    xw = by_resolution(crosswalk)
    counts = xw.pivot_table(
        index="new_code", columns="kind", values="old_code", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=["whole", "part"], fill_value=0).rename(
        columns={"whole": "n_old_whole", "part": "n_old_part"}
    )
    out = out.merge(counts, left_on="code", right_index=True, how="left")
    out["n_old_units"] = out["n_old_whole"] + out["n_old_part"]
    out["split_share"] = (out["n_old_part"] / out["n_old_units"]).round(3)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=new.crs)
