"""Rebuild the Hà Nội commune polygons of 2009 from the censusVN2009 R package.

Input: ``data/communes.rda`` of https://github.com/LucieContamin/censusVN2009 at commit
``d9a36767d5bdeb53d76d4497805cc07a4dbbe50c``: an R ``sp::SpatialPolygonsDataFrame`` (low
resolution), given as a path or fetched from the pinned raw GitHub URL with ``--download``.

Output: a GeoJSON FeatureCollection (CRS84, one line, as
``data/old_units_2019/hanoi_communes_584_censusVN2009pkg_lowres.geojson``) of the rows whose
``province`` is ``Ha Noi``: the data frame's columns unchanged and in their order, plus ``_sp_ID``
(the ``ID`` slot of each ``Polygons``); geometries Polygon or MultiPolygon, holes kept, the
coordinates exactly as stored (no re-orientation, no rounding).

Usage::

    python scripts/convert_censusvn2009.py communes.rda -o out.geojson
    python scripts/convert_censusvn2009.py --download -o out.geojson

The ``.rda`` file is read with the ``rdata`` package's parser (no R needed); the S4 objects are
walked here, not converted by ``rdata.conversion``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import urllib.request
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import rdata
import shapely
from pyproj import CRS
from rdata.parser import RObject, RObjectType

PINNED_COMMIT = "d9a36767d5bdeb53d76d4497805cc07a4dbbe50c"
RAW_URL = (
    "https://raw.githubusercontent.com/LucieContamin/censusVN2009/"
    f"{PINNED_COMMIT}/data/communes.rda"
)
OBJECT_NAME = "communes"
PROVINCE_COLUMN = "province"
HANOI = "Ha Noi"
ID_COLUMN = "_sp_ID"
CRS84_NAME = "urn:ogc:def:crs:OGC:1.3:CRS84"
SPDF_CLASS = "SpatialPolygonsDataFrame"


class ConversionError(Exception):
    """The input is not the expected ``SpatialPolygonsDataFrame``."""


# --- walking the parsed R objects -------------------------------------------------------------


def _deref(obj: RObject) -> RObject:
    """Follow a reference (``REFSXP``) to the object it points to."""
    while obj.info.type is RObjectType.REF:
        if obj.referenced_object is None:
            raise ConversionError("dangling reference in the R data")
        obj = obj.referenced_object
    return obj


def _char(obj: RObject) -> str | None:
    """Decode one ``CHARSXP`` (``None`` for ``NA_character_``)."""
    if obj.info.type is not RObjectType.CHAR:
        raise ConversionError(f"expected a character string, got {obj.info.type.name}")
    if obj.value is None:
        return None
    encoding = "latin-1" if obj.info.gp & 4 else "utf-8"  # CharFlags.LATIN1 = 4
    try:
        return obj.value.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ConversionError(f"a string is not valid {encoding}: {obj.value[:40]!r}") from exc


def symbol_name(obj: RObject) -> str:
    """Name of an R symbol (``SYMSXP`` or a reference to one)."""
    obj = _deref(obj)
    if obj.info.type is not RObjectType.SYM:
        raise ConversionError(f"expected a symbol, got {obj.info.type.name}")
    name = _char(_deref(obj.value))
    if name is None:
        raise ConversionError("symbol without a name")
    return name


def pairlist(obj: RObject | None) -> list[tuple[str | None, RObject]]:
    """Items of an R pairlist (attributes, the objects of an ``.rda``) as (tag, value)."""
    items: list[tuple[str | None, RObject]] = []
    node = obj
    while node is not None and node.info.type is RObjectType.LIST:
        car, cdr = node.value
        items.append((symbol_name(node.tag) if node.tag is not None else None, _deref(car)))
        node = _deref(cdr)
    return items


def attributes(obj: RObject) -> dict[str, RObject]:
    """Attributes (S4 slots included) of an R object, by name."""
    return {name: value for name, value in pairlist(obj.attributes) if name is not None}


def slot(obj: RObject, name: str) -> RObject:
    """One attribute or S4 slot; ``ConversionError`` when it is missing."""
    attrs = attributes(obj)
    if name not in attrs:
        raise ConversionError(f"R object has no slot or attribute {name!r}")
    return attrs[name]


def r_class(obj: RObject) -> list[str]:
    """The ``class`` attribute of an R object (empty when it has none)."""
    cls = attributes(obj).get("class")
    return [] if cls is None else [c for c in strings(cls) if c is not None]


def strings(obj: RObject) -> list[str | None]:
    """A character vector (``STRSXP``) as Python strings."""
    obj = _deref(obj)
    if obj.info.type is not RObjectType.STR:
        raise ConversionError(f"expected a character vector, got {obj.info.type.name}")
    return [_char(_deref(element)) for element in obj.value]


def atomic(obj: RObject) -> list[Any]:
    """An atomic R vector as a list of Python values, ``NA`` as ``None``."""
    obj = _deref(obj)
    kind = obj.info.type
    if kind is RObjectType.STR:
        return strings(obj)
    if kind is RObjectType.REAL:
        return [None if math.isnan(x) else float(x) for x in np.asarray(obj.value)]
    if kind in (RObjectType.INT, RObjectType.LGL):
        cast = bool if kind is RObjectType.LGL else int
        values = np.ma.asarray(obj.value)
        mask = np.ma.getmaskarray(values)
        return [None if m else cast(v) for v, m in zip(values.data, mask, strict=True)]
    raise ConversionError(f"unsupported column type {kind.name}")


def coords_matrix(obj: RObject) -> np.ndarray:
    """The ``coords`` matrix of a ``Polygon`` (R stores it column-major) as an (n, 2) array."""
    obj = _deref(obj)
    if obj.info.type is not RObjectType.REAL:
        raise ConversionError("Polygon coords is not a numeric matrix")
    dim = atomic(slot(obj, "dim"))
    values = np.asarray(obj.value, dtype=float)
    if len(dim) != 2 or dim[1] != 2 or dim[0] * dim[1] != values.size:
        raise ConversionError(f"Polygon coords has dimensions {dim}, expected (n, 2)")
    return values.reshape((dim[0], dim[1]), order="F")


def data_frame(obj: RObject) -> dict[str, list[Any]]:
    """An R ``data.frame`` as ``{column: values}`` in column order."""
    obj = _deref(obj)
    if obj.info.type is not RObjectType.VEC or "data.frame" not in r_class(obj):
        raise ConversionError("the data slot is not a data.frame")
    names = strings(slot(obj, "names"))
    if len(names) != len(obj.value) or any(n is None for n in names):
        raise ConversionError("data.frame column names do not match its columns")
    columns = {name: atomic(column) for name, column in zip(names, obj.value, strict=True)}
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ConversionError("data.frame columns have different lengths")
    return columns


# --- geometry -----------------------------------------------------------------------------------


def _hole_owners(rings: Sequence[tuple[np.ndarray, bool]], comment: str | None) -> list[int]:
    """For each ring, -1 if it is an exterior ring, else the index of the exterior it belongs to.

    Uses the ``comment`` attribute of ``sp::Polygons`` when present and consistent ("0 0 1":
    0 for an exterior, else the 1-based number of the owning exterior); otherwise the first
    exterior that contains the hole (the preceding exterior if none does).
    """
    holes = [hole for _, hole in rings]
    if comment is not None:
        try:
            codes = [int(c) for c in comment.split()]
        except ValueError:
            codes = []
        if len(codes) == len(rings) and all(
            (code == 0) != hole and (code == 0 or not holes[code - 1])
            for code, hole in zip(codes, holes, strict=True)
        ):
            return [code - 1 for code in codes]
    exteriors = [i for i, hole in enumerate(holes) if not hole]
    owners = []
    for i, (coords, hole) in enumerate(rings):
        if not hole:
            owners.append(-1)
            continue
        point = shapely.Point(coords[0]) if len(coords) else None
        inside = [
            j for j in exteriors if point is not None and shapely.Polygon(rings[j][0]).covers(point)
        ]
        before = [j for j in exteriors if j < i]
        if inside:
            owners.append(inside[0])
        elif before:
            owners.append(before[-1])
        else:
            raise ConversionError("a hole ring has no exterior ring to belong to")
    return owners


def rings_to_geometry(
    rings: Sequence[tuple[np.ndarray, bool]], comment: str | None = None
) -> shapely.Polygon | shapely.MultiPolygon:
    """Polygon or MultiPolygon from the rings (coords, hole) of one ``sp::Polygons``.

    Exterior rings keep their order; each keeps its holes in their order; the coordinates are
    used as stored.
    """
    if not rings:
        raise ConversionError("a Polygons object has no rings")
    owners = _hole_owners(rings, comment)
    parts = []
    for i, (coords, _) in enumerate(rings):
        if owners[i] != -1:
            continue
        holes = [rings[k][0] for k, owner in enumerate(owners) if owner == i]
        parts.append(shapely.Polygon(coords, holes))
    if not parts:
        raise ConversionError("a Polygons object has only hole rings")
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def polygons_geometry(polygons: RObject) -> tuple[str, shapely.Geometry]:
    """(ID, geometry) of one ``sp::Polygons`` S4 object."""
    polygons = _deref(polygons)
    if "Polygons" not in r_class(polygons):
        raise ConversionError("an element of the polygons slot is not a Polygons object")
    ids = strings(slot(polygons, "ID"))
    if len(ids) != 1 or ids[0] is None:
        raise ConversionError("a Polygons object has no ID")
    rings = []
    for ring in _deref(slot(polygons, "Polygons")).value:
        ring = _deref(ring)
        hole = atomic(slot(ring, "hole"))
        rings.append((coords_matrix(slot(ring, "coords")), bool(hole and hole[0])))
    comment = attributes(polygons).get("comment")
    comment_text = strings(comment)[0] if comment is not None else None
    return ids[0], rings_to_geometry(rings, comment_text)


def _crs(spdf: RObject) -> CRS:
    """CRS of the object from its ``proj4string``; NA is taken as WGS84 longitude/latitude."""
    attrs = attributes(spdf)
    projargs = None
    if "proj4string" in attrs:
        values = strings(slot(attrs["proj4string"], "projargs"))
        projargs = values[0] if values else None
    if projargs is None:
        return CRS.from_epsg(4326)
    try:
        return CRS.from_user_input(projargs)
    except Exception as exc:  # pyproj raises CRSError, subclass of Exception
        raise ConversionError(f"cannot read proj4string {projargs!r}: {exc}") from exc


def find_spdf(parsed: rdata.parser.RData, name: str = OBJECT_NAME) -> RObject:
    """The ``SpatialPolygonsDataFrame`` of an ``.rda``: the object called ``name``, or else
    the only one of that class."""
    items = pairlist(parsed.object)
    named = [obj for tag, obj in items if tag == name]
    candidates = named or [obj for _, obj in items if SPDF_CLASS in r_class(obj)]
    if len(candidates) != 1:
        raise ConversionError(f"no single object {name!r} of class {SPDF_CLASS} in the file")
    spdf = candidates[0]
    if spdf.info.type is not RObjectType.S4 or SPDF_CLASS not in r_class(spdf):
        raise ConversionError(f"object {name!r} is not a {SPDF_CLASS}")
    return spdf


def convert(parsed: rdata.parser.RData, province: str = HANOI) -> gpd.GeoDataFrame:
    """GeoDataFrame (EPSG:4326) of the rows of ``province`` of the parsed ``communes.rda``.

    Columns: the data frame's, unchanged and in order, then ``_sp_ID``, then ``geometry``;
    rows in the file's order.
    """
    spdf = find_spdf(parsed)
    columns = data_frame(slot(spdf, "data"))
    polygons = _deref(slot(spdf, "polygons"))
    if polygons.info.type is not RObjectType.VEC:
        raise ConversionError("the polygons slot is not a list")
    n_rows = len(next(iter(columns.values()), []))
    if len(polygons.value) != n_rows:
        raise ConversionError(f"{len(polygons.value)} polygons but {n_rows} rows in the data slot")
    if PROVINCE_COLUMN not in columns:
        raise ConversionError(f"the data has no column {PROVINCE_COLUMN!r}")
    keep = [i for i, value in enumerate(columns[PROVINCE_COLUMN]) if value == province]
    if not keep:
        raise ConversionError(f"no row has {PROVINCE_COLUMN} == {province!r}")
    ids, geometries = [], []
    for i in keep:
        sp_id, geometry = polygons_geometry(polygons.value[i])
        ids.append(sp_id)
        geometries.append(geometry)
    table = {name: [values[i] for i in keep] for name, values in columns.items()}
    table[ID_COLUMN] = ids
    crs = _crs(spdf)
    gdf = gpd.GeoDataFrame(table, geometry=geometries, crs=crs)
    if is_wgs84_lonlat(crs):
        return gdf.set_crs(4326, allow_override=True)  # same coordinates, only the label
    return gdf.to_crs(4326)


def is_wgs84_lonlat(crs: CRS) -> bool:
    """Whether ``crs`` is longitude/latitude on the WGS 84 ellipsoid (kept without transform)."""
    return bool(crs.is_geographic and crs.ellipsoid and crs.ellipsoid.name == "WGS 84")


# --- output -------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    """A property value as JSON: NaN/NA become null, numpy scalars Python ones."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def to_geojson(gdf: gpd.GeoDataFrame) -> str:
    """GeoJSON text (one line, CRS84, no feature ids) of a GeoDataFrame in EPSG:4326."""
    if gdf.crs is None or not gdf.crs.equals(CRS.from_epsg(4326)):
        raise ConversionError("the GeoDataFrame must be in EPSG:4326")
    names = [c for c in gdf.columns if c != gdf.geometry.name]
    features = []
    for row, geometry in zip(
        gdf[names].itertuples(index=False, name=None), gdf.geometry, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {n: _json_value(v) for n, v in zip(names, row, strict=True)},
                "geometry": shapely.geometry.mapping(geometry),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": CRS84_NAME}},
        "features": features,
    }
    return json.dumps(collection, allow_nan=False)


def write(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write the GeoJSON of ``gdf`` to ``path`` (UTF-8, no trailing newline)."""
    Path(path).write_text(to_geojson(gdf), encoding="utf-8")


def read(path: Path) -> rdata.parser.RData:
    """Parse an ``.rda`` file (any compression); ``ConversionError`` if it is not one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Unknown file type: assumed RDS"
            return rdata.parser.parse_file(path)
    except OSError as exc:
        raise ConversionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # the parser raises assorted errors on malformed input
        raise ConversionError(f"{path} is not a readable .rda file ({exc})") from exc


def download(url: str, dest: Path) -> Path:
    """Download ``url`` to ``dest`` and return ``dest``."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (fixed https URL)
            Path(dest).write_bytes(response.read())
    except OSError as exc:
        raise ConversionError(f"cannot download {url}: {exc}") from exc
    return Path(dest)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: convert a ``communes.rda`` (path or ``--download``) to GeoJSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rda", nargs="?", type=Path, help="path to communes.rda")
    parser.add_argument(
        "--download", action="store_true", help=f"fetch communes.rda from {RAW_URL}"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="GeoJSON to write")
    parser.add_argument("--province", default=HANOI, help=f"province to keep ({HANOI!r})")
    args = parser.parse_args(argv)
    if (args.rda is None) == (not args.download):
        parser.error("give either a path to communes.rda or --download")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = download(RAW_URL, Path(tmp) / "communes.rda") if args.download else args.rda
            gdf = convert(read(source), province=args.province)
        write(gdf, args.output)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        # a readable .rda whose objects are not shaped like sp's: still one line, no traceback
        print(
            f"error: unexpected structure in the .rda ({type(exc).__name__}: {exc})",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(gdf)} features to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
