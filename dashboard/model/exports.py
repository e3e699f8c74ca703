"""The data files offered for download, each with the version stamp and the sources (pure
functions)."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely

from geodata.convert import neutralise
from geodata.provenance import SOURCES, VARIABLES
from geodata.workload import CITY_WORKLOAD

UNIT_COLUMNS = [
    "code",
    "name",
    "full_name",
    "name_en",
    "unit_type",
    "area_official_km2",
    "area_computed_km2",
    "pop2025",
    "pop2025_merger_map",
    "area_km2_merger_map",
    "density_2025",
    "pop2019_est",
    "n_old_whole",
    "n_old_part",
    "n_old_units",
    "split_share",
    "n_old_districts",
    "group",
    "group_name_vi",
    "group_name_en",
    "admin_centre",
    "iou_rebuilt",
]
CROSSWALK_COLUMNS = [
    "old_code",
    "old_full_name",
    "old_district",
    "new_code",
    "new_type",
    "new_name",
    "kind",
    "note",
    "clause",
    "clause_text",
    "source",
]
FULL_DECIMALS = 6  # ~0.1 m
# What a column is, where its name alone could mislead (written into the files' headers).
COLUMN_NOTES = {
    "area_official_km2": (
        "natural area per the merger map (sapnhap.bando.com.vn), its pre-survey figure: "
        "Article 3(2) of Resolution 1656 leaves the surveyed natural areas to the Government; "
        "not a surveyed area"
    ),
    "area_computed_km2": "area of the boundary polygon (Albers equal-area), for comparison",
    "area_km2_merger_map": "the merger map's own record of the area, kept where it differs",
}
MAPPING_ONLY = "mapping only"
NOTE_HELP = (
    "note: 'part of area, all population' = the clause moves part of the old unit's area and "
    "all its population; 'area only' = part of the area, no population; 'remainder' = what is "
    "left of the old unit after the clauses it cites"
)


def metadata(stamp: str) -> dict:
    """Version, sources with licences, and the method of every estimated column."""
    return {
        "title": "Hà Nội 126 — the 2025 commune-level reorganisation (526 → 126 units)",
        "data_version": stamp,
        "generated": date.today().isoformat(),
        "sources": [
            {"title": s.title.en, "origin": s.origin, "licence": s.licence}
            for s in SOURCES.values()
            if s.key != "user_upload"
        ],
        "estimates": {
            **{k: v.method.en for k, v in VARIABLES.items() if v.kind == "estimate" and v.method},
            "geometry_simplified": (
                "Coverage-preserving simplification at ~40 m (shapely.coverage_simplify); use the "
                "full file for measurement."
            ),
        },
        "counted": {
            k: v.method.en for k, v in VARIABLES.items() if v.kind == "counted" and v.method
        },
        "columns": COLUMN_NOTES,
        "city_workload": CITY_WORKLOAD.en,
        "no_data": "Empty cells are unknown figures (no data), never zero.",
        "crosswalk_source": (
            "source: both = a clause of the resolution names the pair and the dvhcvn mapping "
            "lists it too; resolution only = only a clause names it. Pairs that only the dvhcvn "
            "mapping lists ('mapping only') contradict the resolution and are left out."
        ),
    }


def _comment_header(meta: dict) -> str:
    lines = [
        meta["title"],
        f"data version {meta['data_version']}; generated {meta['generated']}",
        "sources: "
        + " | ".join(f"{s['title']} — {s['origin']} — {s['licence']}" for s in meta["sources"]),
        "estimated columns (*_est, group): "
        + " | ".join(f"{k}: {v}" for k, v in meta["estimates"].items()),
        "counted columns: " + " | ".join(f"{k}: {v}" for k, v in meta["counted"].items()),
        "columns: " + " | ".join(f"{k}: {v}" for k, v in meta["columns"].items()),
        "workload: " + meta["city_workload"],
        meta["no_data"],
        *meta.get("extra_lines", []),
    ]
    return "".join(f"# {line}\n" for line in lines)


def safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text cells neutralised against formula injection (geodata.convert.
    neutralise); numeric columns, negative numbers included, are left as they are."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype):
            frame[col] = frame[col].map(neutralise)
    return frame


def units_csv(units: pd.DataFrame, stamp: str, with_header: bool = True) -> str:
    """All indicators of the 126 units; ``#`` comment lines on top carry version, sources and
    methods."""
    frame = safe_text(units.reset_index()[UNIT_COLUMNS])
    return (_comment_header(metadata(stamp)) if with_header else "") + frame.to_csv(index=False)


def crosswalk_csv(crosswalk: pd.DataFrame, stamp: str, with_header: bool = True) -> str:
    """Every old → new pair the resolution states, with its clause and which sources state it.

    A pair that only the dvhcvn mapping lists is left out (the resolution contradicts it); the
    ``#`` header names each one left out and explains the ``source`` column.
    """
    left_out = crosswalk[crosswalk["source"] == MAPPING_ONLY]
    frame = crosswalk[crosswalk["source"] != MAPPING_ONLY][CROSSWALK_COLUMNS].copy()
    frame["clause"] = frame["clause"].astype("Int64")
    frame = frame.sort_values(["new_code", "old_code"])
    meta = metadata(stamp)
    meta["title"] = "Hà Nội 126 — old (526) → new (126) crosswalk, Resolution 1656/NQ-UBTVQH15"
    named = frame.groupby("old_code")["new_code"].agg(", ".join)
    meta["extra_lines"] = [meta["crosswalk_source"], NOTE_HELP] + [
        f"left out ('mapping only'): {r.old_full_name} ({r.old_code}) → new unit {r.new_code}, "
        f"{r.kind}, listed by the dvhcvn mapping only; the resolution sends {r.old_code} to "
        f"{named.get(r.old_code, '?')} instead"
        for r in left_out.itertuples()
    ]
    return (_comment_header(meta) if with_header else "") + safe_text(frame).to_csv(index=False)


def units_geojson(
    gdf: gpd.GeoDataFrame, units: pd.DataFrame, stamp: str, decimals: int | None = None
) -> str:
    """GeoJSON of the 126 units with their indicators; a top-level "metadata" member carries the
    stamp and sources."""
    props = units.reset_index()[UNIT_COLUMNS]
    out = gdf[["code", "geometry"]].merge(props, on="code").to_crs(4326)
    if decimals is not None:
        out["geometry"] = shapely.set_precision(out.geometry.values, 10**-decimals)
    collection = json.loads(out.to_json(drop_id=True, na="null"))
    collection["metadata"] = metadata(stamp)
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
