"""Readers for each source file: raw files in, tidy (Geo)DataFrames out, names NFC."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .paths import source_path
from .text import nfc

WGS84 = "EPSG:4326"
HANOI_PROVINCE = "01"


def read_new_polygons(root: Path) -> gpd.GeoDataFrame:
    """The 126 new units: code, name, full name, type ('phường'/'xã'), official area, geometry."""
    folder = source_path("new_polygons_dir", root)
    frames = [pyogrio.read_dataframe(p) for p in sorted(folder.glob("*.geojson"))]
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
    out = gpd.GeoDataFrame(
        {
            "code": gdf["code"].astype(str).str.zfill(5),
            "name": gdf["name"].map(nfc),
            "full_name": gdf["fullName"].map(nfc),
            "name_en": gdf["nameEn"].map(nfc),
            "unit_type": gdf["fullName"].map(lambda s: "phường" if nfc(s).lower().startswith("phường") else "xã"),
            "area_official_km2": gdf["areaKm2"].astype(float),
        },
        geometry=gdf.geometry.values,
        crs=gdf.crs or WGS84,
    )
    return out.to_crs(WGS84).sort_values("code").reset_index(drop=True)


def read_population_2025(root: Path) -> pd.DataFrame:
    """Per new unit (GSO code): area, population and density of the national merger map export."""
    data = json.loads(source_path("population_2025", root).read_text(encoding="utf-8"))
    rows = [
        {
            "code": str(w["id"]).zfill(5),
            "name": nfc(w["name"]),
            "pop2025": int(w["population"]),
            "area_km2_popfile": float(w["area"]),
        }
        for w in data["wards"]
    ]
    return pd.DataFrame(rows)


def read_merger_map_records(root: Path) -> pd.DataFrame:
    """The merger map's record per unit (keyed by type + name, it has no GSO code)."""
    data = json.loads(source_path("merger_map_records", root).read_text(encoding="utf-8"))
    rows = [
        {
            "unit_type": nfc(w["type"]).lower(),
            "name": nfc(w["name"]),
            "pop2025_merger_map": int(w["population"]),
            "area_km2_merger_map": float(w["area"]),
            "admin_centre": nfc(w.get("adminCenter") or ""),
            "before_merger_text": nfc(w.get("beforeMerger") or ""),
        }
        for w in data["wards"]
    ]
    return pd.DataFrame(rows)


def read_resolution_text(root: Path) -> str:
    """The Markdown text of Resolution 1656/NQ-UBTVQH15, NFC."""
    # Whole-text NFC (not nfc()) so that the line structure the parser relies on survives.
    return unicodedata.normalize("NFC", source_path("resolution_1656", root).read_text(encoding="utf-8"))


def read_mapping(root: Path) -> pd.DataFrame:
    """Hanoi rows of the dvhcvn crosswalk: new_code, new_name, old_code, old_name, kind (whole/part)."""
    data = json.loads(source_path("merges", root).read_text(encoding="utf-8"))
    province = next(p for p in data["data"] if p["level1_id"] == HANOI_PROVINCE)
    rows = [
        {
            "new_code": new["level2_id"],
            "new_name": nfc(new["name"]),
            "old_code": old["old_id"],
            "old_name": nfc(old["name"]),
            "kind": "whole" if old["type"] == "full" else "part",
        }
        for new in province["level2s"]
        for old in new["merges"]
    ]
    return pd.DataFrame(rows)


def read_unit_list(root: Path, key: str) -> pd.DataFrame:
    """A GSO list of old units ('units_579' or 'units_526'): code, name, unit type, district."""
    df = pd.read_csv(source_path(key, root), dtype=str)
    return pd.DataFrame(
        {
            "code": df["level3_id"].str.zfill(5),
            "full_name": df["name"].map(nfc),
            "unit_type": df["type"].map(lambda s: nfc(s).lower()),
            "district": df["district"].map(nfc),
        }
    )


def read_old_polygons_2019(root: Path) -> gpd.GeoDataFrame:
    """The 584 polygons of 2019 joined to their GSO codes (2019 and Nov 2024) and census population."""
    gdf = pyogrio.read_dataframe(source_path("old_polygons_2019", root))
    xwalk = pd.read_csv(source_path("old_crosswalk_2019", root), dtype=str)
    gdf["pkg_commune_id"] = gdf["commune_id"].astype(float).astype(int).astype(str)
    merged = gdf[["pkg_commune_id", "geometry"]].merge(xwalk, on="pkg_commune_id", how="left", validate="1:1")
    out = gpd.GeoDataFrame(
        {
            "pkg_id": merged["pkg_commune_id"],
            "code_2019": merged["gso_code_2019"].str.zfill(5),
            "full_name_2019": merged["gso_name_2019"].map(nfc),
            "district_2019": merged["district_vn"].map(nfc),
            # A 2019 unit split between two 2024 units carries both codes, separated by ';'.
            "codes_2024": merged["gso_code_20241110"],
            "pop2019": merged["pop2019_total"].astype(int),
        },
        geometry=merged.geometry.values,
        crs=gdf.crs or WGS84,
    )
    return out.to_crs(WGS84)
