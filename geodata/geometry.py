"""Geometry helpers: the equal-area CRS for Hanoi, areas, overlaps, simplification."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

# Albers equal-area with standard parallels bracketing Hanoi (20.5°N–21.4°N): areas in m².
EQUAL_AREA = (
    "+proj=aea +lat_0=21 +lon_0=105.8 +lat_1=20.6 +lat_2=21.3 +datum=WGS84 +units=m +no_defs"
)


def area_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Area of each geometry in km², measured in the equal-area CRS."""
    return gdf.to_crs(EQUAL_AREA).area / 1e6


def pairwise_overlap_km2(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """Every pair of geometries whose interiors overlap, with the overlap area in km²."""
    ea = gdf.to_crs(EQUAL_AREA).reset_index(drop=True)
    left, right = ea.sindex.query(ea.geometry, predicate="intersects")
    keep = left < right
    rows = []
    for i, j in zip(left[keep], right[keep], strict=True):
        area = ea.geometry.iloc[i].intersection(ea.geometry.iloc[j]).area / 1e6
        if area > 0:
            rows.append((i, j, area))
    return pd.DataFrame(rows, columns=["i", "j", "overlap_km2"])


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify polygons that tile an area so shared borders stay shared (no gaps or slivers).

    Uses GEOS coverage simplification, done in metres so the tolerance means the same everywhere.
    """
    ea = gdf.to_crs(EQUAL_AREA)
    out = ea.copy()
    out["geometry"] = ea.geometry.simplify_coverage(tolerance=tolerance_m)
    return out.to_crs(gdf.crs)
