"""The dashboard's view of the built data: loaded once per process, geometry prepared for the map."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import shapely

from geodata.build import Built, get_built
from geodata.finder import Finder, make_finder
from geodata.geometry import EQUAL_AREA

COORD_DECIMALS = 4  # ~11 m: finer than the 40 m simplification, so nothing visible is lost


@dataclass
class AppData:
    """Built tables plus the GeoJSON the browser receives."""

    built: Built
    units: pd.DataFrame  # one row per new unit, no geometry, indexed by code
    map_geojson: dict
    outline_geojson: dict
    old_geojson: dict
    old_simplified: gpd.GeoDataFrame
    finder: Finder
    geo_files: dict[str, bytes] = field(default_factory=dict)  # content-addressed file name → JSON bytes

    def geo_url(self, kind: str) -> str:
        """Address of the static GeoJSON for ``kind`` (units, outline, old); its name holds its content hash."""
        return f"/geo/{next(name for name in self.geo_files if name.startswith(kind + '-'))}"


def geo_file(kind: str, geojson: dict) -> tuple[str, bytes]:
    """A GeoJSON document as compact bytes and a file name carrying its content hash (cacheable forever)."""
    body = json.dumps(geojson, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return f"{kind}-{hashlib.sha256(body).hexdigest()[:12]}.json", body


def to_geojson(gdf: gpd.GeoDataFrame, props: list[str]) -> dict:
    """Compact GeoJSON with rounded coordinates and only the listed properties."""
    rounded = gdf.copy()
    rounded["geometry"] = shapely.set_precision(rounded.geometry.values, 10 ** -COORD_DECIMALS)
    return json.loads(rounded[props + ["geometry"]].to_json(drop_id=True))


def prepare(built: Built) -> AppData:
    """Derive what the dashboard needs from a build."""
    units = built.units.drop(columns="geometry").set_index("code")
    # The 2019 polygons overlap in places, so they are not a coverage: plain simplification.
    old = built.old526[["code_526", "full_name", "district", "geometry"]].to_crs(EQUAL_AREA)
    old["geometry"] = old.geometry.simplify(60.0)
    old = old.to_crs(built.units.crs)
    data = AppData(
        built=built,
        units=units,
        map_geojson=to_geojson(built.units_map, ["code"]),
        outline_geojson=to_geojson(built.units_map.dissolve().assign(code="city"), ["code"]),
        old_geojson=to_geojson(old, ["code_526"]),
        old_simplified=old,
        finder=make_finder(built),
    )
    data.geo_files = dict(geo_file(kind, doc) for kind, doc in
                          (("units", data.map_geojson), ("outline", data.outline_geojson), ("old", data.old_geojson)))
    return data


@lru_cache(maxsize=4)
def load_app_data(data_root: str | None = None, cache_root: str | None = None) -> AppData:
    """Build (or read from cache) and prepare the data; one copy per process."""
    return prepare(get_built(data_root, cache_root))
