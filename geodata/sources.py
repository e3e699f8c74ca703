"""Readers for each source file: raw files in, tidy (Geo)DataFrames out, names NFC."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .errors import SourceFormatError
from .provenance import source_path
from .text import nfc

WGS84 = "EPSG:4326"
HANOI_PROVINCE = "01"


def _read_json(path: Path) -> dict:
    """Parse a JSON source; a malformed file is a one-line error naming it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise SourceFormatError(f"{path}: not valid JSON ({err})") from None


def _rows(path: Path, items: list, make_row) -> list[dict]:
    """Apply ``make_row`` to each record; a bad record is an error naming the file and record."""
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            rows.append(make_row(item))
        except (KeyError, TypeError, ValueError) as err:
            name = item.get("name", "?") if isinstance(item, dict) else "?"
            raise SourceFormatError(
                f"{path}: record {number} ({name}): {type(err).__name__}: {err}"
            ) from None
    return rows


def _read_vector(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON file; unreadable files and invalid polygons are errors naming the feature."""
    try:
        gdf = pyogrio.read_dataframe(path)
    except Exception as err:  # pyogrio raises several GDAL error types for a damaged file
        raise SourceFormatError(f"{path}: cannot be read as GeoJSON ({err})") from None
    invalid = ~gdf.geometry.is_valid | gdf.geometry.isna()
    if invalid.any():
        number = int(invalid.to_numpy().nonzero()[0][0])
        raise SourceFormatError(f"{path}: feature {number + 1}: missing or invalid polygon")
    return gdf


def _require(path: Path, df: pd.DataFrame, columns: list[str]) -> None:
    """Stop with an error naming the file when a column the pipeline reads is absent."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SourceFormatError(f"{path}: missing column(s) {', '.join(missing)}")


def _numbers(path: Path, df: pd.DataFrame, column: str, what: str, first: int) -> pd.Series:
    """``df[column]`` as floats; the first non-numeric cell is an error naming its row/feature."""
    values = pd.to_numeric(df[column], errors="coerce")
    bad = values.isna().to_numpy().nonzero()[0]
    if len(bad):
        raise SourceFormatError(
            f"{path}: {what} {int(bad[0]) + first}: {column} {df[column].iloc[bad[0]]!r} "
            "is not a number"
        )
    return values.astype(float)


def read_new_polygons(root: Path) -> gpd.GeoDataFrame:
    """The 126 new units: code, name, full name, type ('phường'/'xã'), official area, geometry."""
    folder = source_path("new_polygons_dir", root)
    frames = []
    for path in sorted(folder.glob("*.geojson")):
        frame = _read_vector(path)
        _require(path, frame, ["code", "name", "fullName", "nameEn", "areaKm2"])
        _numbers(path, frame, "areaKm2", "feature", first=1)
        frames.append(frame)
    if not frames:
        raise SourceFormatError(f"{folder}: no .geojson file")
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
    out = gpd.GeoDataFrame(
        {
            "code": gdf["code"].astype(str).str.zfill(5),
            "name": gdf["name"].map(nfc),
            "full_name": gdf["fullName"].map(nfc),
            "name_en": gdf["nameEn"].map(nfc),
            "unit_type": gdf["fullName"].map(
                lambda s: "phường" if nfc(s).lower().startswith("phường") else "xã"
            ),
            "area_official_km2": gdf["areaKm2"].astype(float),
        },
        geometry=gdf.geometry.values,
        crs=gdf.crs or WGS84,
    )
    return out.to_crs(WGS84).sort_values("code").reset_index(drop=True)


def read_population_2025(root: Path) -> pd.DataFrame:
    """Per new unit (GSO code): area, population and density of the national merger map export."""
    path = source_path("population_2025", root)
    rows = _rows(
        path,
        _read_json(path).get("wards", []),
        lambda w: {
            "code": str(w["id"]).zfill(5),
            "name": nfc(w["name"]),
            "pop2025": int(w["population"]),
            "area_km2_popfile": float(w["area"]),
        },
    )
    return pd.DataFrame(rows)


def read_merger_map_records(root: Path) -> pd.DataFrame:
    """The merger map's record per unit (keyed by type + name, it has no GSO code)."""
    path = source_path("merger_map_records", root)
    rows = _rows(
        path,
        _read_json(path).get("wards", []),
        lambda w: {
            "unit_type": nfc(w["type"]).lower(),
            "name": nfc(w["name"]),
            "pop2025_merger_map": int(w["population"]),
            "area_km2_merger_map": float(w["area"]),
            "admin_centre": nfc(w.get("adminCenter") or ""),
            "before_merger_text": nfc(w.get("beforeMerger") or ""),
        },
    )
    return pd.DataFrame(rows)


def read_resolution_text(root: Path) -> str:
    """The Markdown text of Resolution 1656/NQ-UBTVQH15, NFC."""
    # Whole-text NFC (not nfc()) so that the line structure the parser relies on survives.
    return unicodedata.normalize(
        "NFC", source_path("resolution_1656", root).read_text(encoding="utf-8")
    )


def read_mapping(root: Path) -> pd.DataFrame:
    """Hanoi rows of the dvhcvn crosswalk.

    Columns: new_code, new_name, old_code, old_name, kind (whole/part).
    """
    path = source_path("merges", root)
    try:
        province = next(p for p in _read_json(path)["data"] if p["level1_id"] == HANOI_PROVINCE)
    except (KeyError, TypeError, StopIteration):
        raise SourceFormatError(f"{path}: no province {HANOI_PROVINCE} under 'data'") from None
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
    path = source_path(key, root)
    df = pd.read_csv(path, dtype=str)
    _require(path, df, ["level3_id", "name", "type", "district"])
    return pd.DataFrame(
        {
            "code": df["level3_id"].str.zfill(5),
            "full_name": df["name"].map(nfc),
            "unit_type": df["type"].map(lambda s: nfc(s).lower()),
            "district": df["district"].map(nfc),
        }
    )


def read_old_polygons_2019(root: Path) -> gpd.GeoDataFrame:
    """The 584 polygons of 2019 joined to their GSO codes and census population.

    GSO codes of 2019 and of Nov 2024.
    """
    gdf = _read_vector(source_path("old_polygons_2019", root))
    xwalk_path = source_path("old_crosswalk_2019", root)
    xwalk = pd.read_csv(xwalk_path, dtype=str)
    _require(
        xwalk_path,
        xwalk,
        [
            "pkg_commune_id",
            "gso_code_2019",
            "gso_name_2019",
            "district_vn",
            "gso_code_20241110",
            "pop2019_total",
        ],
    )
    _numbers(xwalk_path, xwalk, "pop2019_total", "row", first=2)
    gdf["pkg_commune_id"] = gdf["commune_id"].astype(float).astype(int).astype(str)
    merged = gdf[["pkg_commune_id", "geometry"]].merge(
        xwalk, on="pkg_commune_id", how="left", validate="1:1"
    )
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
