"""The data files offered for download, each with the version stamp and the sources (pure functions)."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely

from geodata.groups import GROUP_METHOD
from geodata.indicators import POP2019_METHOD
from geodata.provenance import SOURCES
from geodata.workload import CADRES_SOURCE, DOSSIERS_SOURCE, WORKLOAD_METHODS

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
    "dossiers_month_est",
    "cadres_est",
    "pop_per_cadre_est",
    "dossiers_per_cadre_est",
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


def metadata(stamp: str) -> dict:
    """Version, sources with licences, and the method of every estimated column."""
    return {
        "title": "Hà Nội 126 — the 2025 commune-level reorganisation (526 → 126 units)",
        "data_version": stamp,
        "generated": date.today().isoformat(),
        "sources": [
            {"title": s.title, "origin": s.origin, "licence": s.licence} for s in SOURCES.values()
        ]
        + [
            {
                "title": "News reports (city-wide workload figures)",
                "origin": f"{DOSSIERS_SOURCE}; {CADRES_SOURCE}",
                "licence": "facts as reported",
            }
        ],
        "estimates": {
            "pop2019_est": POP2019_METHOD,
            **{k: m.en for k, m in WORKLOAD_METHODS.items()},
            "group": GROUP_METHOD["en"],
            "geometry_simplified": "Coverage-preserving simplification at ~40 m (shapely.coverage_simplify); use the full file for measurement.",
        },
        "no_data": "Empty cells are unknown figures (no data), never zero.",
        "crosswalk_source": "both = resolution text and dvhcvn mapping agree; 'resolution only' / 'mapping only' = the sources disagree; both rows are kept.",
    }


def _comment_header(meta: dict) -> str:
    lines = [
        meta["title"],
        f"data version {meta['data_version']}; generated {meta['generated']}",
        "sources: "
        + " | ".join(f"{s['title']} — {s['origin']} — {s['licence']}" for s in meta["sources"]),
        "estimated columns (*_est, group): "
        + " | ".join(f"{k}: {v}" for k, v in meta["estimates"].items()),
        meta["no_data"],
    ]
    return "".join(f"# {line}\n" for line in lines)


def units_csv(units: pd.DataFrame, stamp: str, with_header: bool = True) -> str:
    """All indicators of the 126 units; ``#`` comment lines on top carry version, sources and methods."""
    frame = units.reset_index()[UNIT_COLUMNS]
    return (_comment_header(metadata(stamp)) if with_header else "") + frame.to_csv(index=False)


def crosswalk_csv(crosswalk: pd.DataFrame, stamp: str, with_header: bool = True) -> str:
    """Every old → new pair with its clause of the resolution and which sources state it."""
    frame = crosswalk[CROSSWALK_COLUMNS].copy()
    frame["clause"] = frame["clause"].astype("Int64")
    frame = frame.sort_values(["new_code", "old_code"])
    meta = metadata(stamp)
    meta["title"] = "Hà Nội 126 — old (526) → new (126) crosswalk, Resolution 1656/NQ-UBTVQH15"
    return (_comment_header(meta) if with_header else "") + frame.to_csv(index=False)


def units_geojson(
    gdf: gpd.GeoDataFrame, units: pd.DataFrame, stamp: str, decimals: int | None = None
) -> str:
    """GeoJSON of the 126 units with their indicators; a top-level "metadata" member carries the stamp and sources."""
    props = units.reset_index()[UNIT_COLUMNS]
    out = gdf[["code", "geometry"]].merge(props, on="code").to_crs(4326)
    if decimals is not None:
        out["geometry"] = shapely.set_precision(out.geometry.values, 10**-decimals)
    collection = json.loads(out.to_json(drop_id=True, na="null"))
    collection["metadata"] = metadata(stamp)
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
