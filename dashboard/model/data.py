"""The dashboard's view of the built data: loaded once per process, geometry prepared for the
map."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import shapely

from geodata.build import Built, get_built
from geodata.facts import read_facts
from geodata.finder import Finder, make_finder
from geodata.geometry import EQUAL_AREA
from geodata.locations import data_dir

COORD_DECIMALS = 4  # ~11 m: finer than the 40 m simplification, so nothing visible is lost


@dataclass
class AppData:
    """Built tables plus the GeoJSON files the browser fetches."""

    built: Built
    units: pd.DataFrame  # one row per new unit, no geometry, indexed by code
    old_simplified: gpd.GeoDataFrame
    finder: Finder
    geo_names: dict[str, str] = field(
        default_factory=dict
    )  # kind (units, outline, old) → content-addressed file name
    geo_files: dict[str, bytes] = field(default_factory=dict)  # file name → JSON bytes
    # The press figures of the reorganisation (data/reorganisation_facts), one row per figure.
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)

    def geo_url(self, kind: str) -> str:
        """Address of the static GeoJSON for ``kind`` (units, outline, old); its name holds its
        content hash."""
        return f"/geo/{self.geo_names[kind]}"


def geo_file(kind: str, geojson: dict) -> tuple[str, bytes]:
    """A GeoJSON document as compact bytes and a file name carrying its content hash (cacheable
    forever)."""
    body = json.dumps(geojson, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return f"{kind}-{hashlib.sha256(body).hexdigest()[:12]}.json", body


def to_geojson(gdf: gpd.GeoDataFrame, props: list[str]) -> dict:
    """Compact GeoJSON with rounded coordinates and only the listed properties."""
    rounded = gdf.copy()
    rounded["geometry"] = shapely.set_precision(rounded.geometry.values, 10**-COORD_DECIMALS)
    return json.loads(rounded[props + ["geometry"]].to_json(drop_id=True))


def prepare(built: Built) -> AppData:
    """Derive what the dashboard needs from a build."""
    units = built.units.drop(columns="geometry").set_index("code")
    # The 2019 polygons overlap in places, so they are not a coverage: plain simplification.
    old = built.old526[["code_526", "full_name", "district", "geometry"]].to_crs(EQUAL_AREA)
    old["geometry"] = old.geometry.simplify(60.0)
    old = old.to_crs(built.units.crs)
    data = AppData(built=built, units=units, old_simplified=old, finder=make_finder(built))
    for kind, doc in (
        ("units", to_geojson(built.units_map, ["code"])),
        ("outline", to_geojson(built.units_map.dissolve().assign(code="city"), ["code"])),
        ("old", to_geojson(old, ["code_526"])),
    ):
        name, body = geo_file(kind, doc)
        data.geo_names[kind], data.geo_files[name] = name, body
    return data


@lru_cache(maxsize=4)
def load_app_data(data_root: str | None = None, cache_root: str | None = None) -> AppData:
    """Build (or read from cache) and prepare the data; one copy per process."""
    data = prepare(get_built(data_root, cache_root))
    data.facts = read_facts(data_dir(data_root))
    return data
