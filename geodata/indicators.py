"""Figures per new unit, each traceable to a source or labelled as an estimate with its method."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .crosswalk import by_resolution
from .geometry import area_km2
from .text import canonical

ALL_POPULATION = "part of area, all population"  # notes written by resolution.py
AREA_ONLY = "area only"


def _clause_weights(
    codes: list[str], pairs: pd.DataFrame, area: pd.Series, area_526: pd.Series
) -> pd.Series:
    """Where one 2019 polygon's people go (new code → weight summing to 1), per the clauses.

    ``pairs`` are the resolution's (old_code, new_code, note) rows for the polygon's 526 codes,
    ``area`` its area shares per new code, ``area_526`` those of its 526 unit(s). A clause that
    sends "all of the population" wins; "area only" destinations get no one; the rest are weighted
    by the polygon's area inside each, else by its 526 unit's, else equally (no overlap measured).
    """
    if pairs.empty:  # no clause names it (should not happen): plain areal weighting
        return area
    everyone = pairs[pairs["note"] == ALL_POPULATION]["new_code"].unique()
    if len(codes) == 1 and len(everyone) == 1:
        return pd.Series({everyone[0]: 1.0})
    people = pairs[pairs["note"] != AREA_ONLY]["new_code"].unique()
    for weights in (area, area_526):
        kept = weights.reindex(people).fillna(0.0)
        if kept.sum() > 0:
            return kept / kept.sum()
    return pd.Series(1.0 / len(people), index=people)


def pop2019_by_clause(
    shares_584: pd.DataFrame,
    shares_526: pd.DataFrame,
    old584: pd.DataFrame,
    crosswalk: pd.DataFrame,
) -> pd.Series:
    """2019 population per new code, following the clause wording (its method is in the
    provenance registry, ``VARIABLES["pop2019_est"]``).

    ``old584`` needs pkg_id, pop2019 and codes_526 (";"-joined); ``crosswalk`` the resolution's
    pairs with their notes. Totals reconcile: each polygon's population is sent out whole.
    """
    law = by_resolution(crosswalk)[["old_code", "new_code", "note"]]
    area = shares_584.groupby("pkg_id")
    area_526 = shares_526.groupby("code_526")
    sums: dict[str, float] = {}
    for pkg, pop, codes_526 in old584[["pkg_id", "pop2019", "codes_526"]].itertuples(index=False):
        if pd.isna(pop):
            continue
        codes = str(codes_526).split(";") if isinstance(codes_526, str) else []
        own = (
            area.get_group(pkg).set_index("new_code")["share"]
            if pkg in area.groups
            else pd.Series(dtype=float)
        )
        known = [c for c in codes if c in area_526.groups]
        of_526 = (
            pd.concat([area_526.get_group(c) for c in known]).groupby("new_code")["share"].sum()
            if known
            else pd.Series(dtype=float)
        )
        for code, weight in _clause_weights(
            codes, law[law["old_code"].isin(codes)], own, of_526
        ).items():
            sums[code] = sums.get(code, 0.0) + weight * float(pop)
    return pd.Series(sums, name="pop2019_est").round().astype("Int64")


def unit_indicators(
    new: gpd.GeoDataFrame,
    pop2025: pd.DataFrame,
    merger_map: pd.DataFrame,
    crosswalk: pd.DataFrame,
    shares_584: pd.DataFrame,
    old584: gpd.GeoDataFrame,
    shares_526: pd.DataFrame,
) -> gpd.GeoDataFrame:
    """The 126 new units with area, population (2025 official; 2019 estimate), density, merges.

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

    out = out.merge(
        pop2019_by_clause(shares_584, shares_526, old584, crosswalk),
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
