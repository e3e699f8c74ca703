"""Build every artefact from the sources, cache it as GeoParquet, produce the validation report."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import crosswalk as cw
from . import integrity, overlay, sources, validate
from . import old_units as ou
from .geometry import simplify_coverage
from .groups import governance_groups
from .indicators import unit_indicators
from .locations import cache_dir, data_dir
from .resolution import parse_resolution
from .workload import old_districts

# The pipeline's own code is part of the cache key, so editing it rebuilds the cache.
PIPELINE_VERSION = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
).hexdigest()[:12]
MAP_TOLERANCE_M = 40.0
MANIFEST = "manifest.json"
TABLES = (
    "units",
    "units_map",
    "crosswalk",
    "problems",
    "old526",
    "old584",
    "shares_584",
    "shares_526",
    "whole_check",
    "iou",
    "successors",
    "units_526",
    "units_579",
)


@dataclass
class Built:
    """Everything the dashboard and the report need."""

    units: gpd.GeoDataFrame
    units_map: gpd.GeoDataFrame
    crosswalk: pd.DataFrame
    problems: pd.DataFrame
    old526: gpd.GeoDataFrame
    old584: gpd.GeoDataFrame
    shares_584: pd.DataFrame
    shares_526: pd.DataFrame
    whole_check: pd.DataFrame
    iou: pd.DataFrame
    successors: pd.DataFrame
    units_526: pd.DataFrame
    units_579: pd.DataFrame
    clauses: dict[int, str]
    checks: list[validate.Check] = field(default_factory=list)
    stamp: str = ""
    # How this copy was obtained ("read from cache", "rebuilt: …"), for the report.
    cache_note: str = ""


class CacheError(Exception):
    """A built file is missing, truncated or altered: the cache must be rebuilt."""


def build_all(root: Path) -> Built:
    """Run the whole pipeline on the sources under ``root``. Pure: reads files, writes nothing."""
    new = sources.read_new_polygons(root)
    units_526 = sources.read_unit_list(root, "units_526")
    units_579 = sources.read_unit_list(root, "units_579")
    mapping = sources.read_mapping(root)
    entries, clauses = parse_resolution(sources.read_resolution_text(root))
    resolved = cw.resolve_codes(entries, new, units_526, mapping)
    crosswalk, problems = cw.reconcile(resolved, mapping)
    crosswalk = crosswalk.merge(
        units_526[["code", "full_name", "district"]].rename(
            columns={"code": "old_code", "full_name": "old_full_name", "district": "old_district"}
        ),
        on="old_code",
        how="left",
    )
    crosswalk["clause_text"] = crosswalk["clause"].map(
        lambda c: clauses.get(int(c), "") if pd.notna(c) else ""
    )

    old584 = sources.read_old_polygons_2019(root)
    successors = ou.successors_526(old584, units_579, units_526)
    poly526 = ou.polygon_to_526(old584, successors)
    old526 = (
        old584[["pkg_id", "geometry"]]
        .merge(poly526, on="pkg_id")
        .dissolve(by="code_526")[["geometry"]]
        .reset_index()
        .merge(units_526.rename(columns={"code": "code_526"}), on="code_526", how="left")
    )
    old584 = old584.merge(
        poly526.groupby("pkg_id")["code_526"].agg(";".join).rename("codes_526"),
        left_on="pkg_id",
        right_index=True,
        how="left",
    )
    shares_584 = overlay.area_shares(old584, new, "pkg_id")
    shares_526 = overlay.area_shares(old526, new, "code_526")
    whole = overlay.whole_check(crosswalk, shares_526)
    rebuilt = overlay.merge_old_into_new(old526, crosswalk, shares_526)
    iou = overlay.iou(rebuilt, new)

    units = unit_indicators(
        new,
        sources.read_population_2025(root),
        sources.read_merger_map_records(root),
        crosswalk,
        shares_584,
        old584,
        shares_526,
    )
    units = units.merge(iou.rename(columns={"iou": "iou_rebuilt"}), on="code", how="left")
    units = units.merge(
        old_districts(cw.by_resolution(crosswalk)), left_on="code", right_index=True, how="left"
    )
    units = units.merge(governance_groups(units), on="code", how="left")
    units_map = simplify_coverage(units[["code", "geometry"]], MAP_TOLERANCE_M)

    built = Built(
        units,
        units_map,
        crosswalk,
        problems,
        old526,
        old584,
        shares_584,
        shares_526,
        whole,
        iou,
        successors,
        units_526,
        units_579,
        clauses,
    )
    built.checks = (
        validate.check_new_units(units)
        + validate.check_population(units)
        + validate.check_crosswalk(crosswalk, problems)
        + validate.check_overlay(whole, iou, overlay.WHOLE_MIN_SHARE)
    )
    return built


def _frames(built: Built) -> dict[str, pd.DataFrame]:
    return {name: getattr(built, name) for name in TABLES}


def save(built: Built, folder: Path, hashes: dict[str, str]) -> None:
    """Write the artefacts as (Geo)Parquet plus a manifest of source and built-file hashes.

    Each file is written under a temporary name and renamed, and the manifest goes last, so an
    interrupted save leaves a cache that ``load`` refuses rather than a mix of old and new files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    files = {}
    for name, frame in _frames(built).items():
        tmp = folder / f"{name}.parquet.tmp"
        frame.to_parquet(tmp)
        tmp.replace(folder / f"{name}.parquet")
        files[f"{name}.parquet"] = integrity.sha256(folder / f"{name}.parquet")
    meta = {
        "pipeline_version": PIPELINE_VERSION,
        "sources": hashes,
        "files": files,
        "clauses": {str(k): v for k, v in built.clauses.items()},
        "checks": [asdict(c) for c in built.checks],
    }
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(folder / MANIFEST)


def _read_manifest(folder: Path) -> dict:
    try:
        meta = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CacheError("no cache manifest") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise CacheError("cache manifest unreadable") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("files"), dict):
        raise CacheError("cache manifest has no file hashes")
    return meta


def load(folder: Path) -> Built:
    """Read the artefacts written by ``save``, checking each file against its recorded SHA-256.

    Raises CacheError when the manifest or any built file is missing, truncated or altered.
    """
    meta = _read_manifest(folder)
    frames = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        expected = meta["files"].get(path.name)
        if not path.is_file():
            raise CacheError(f"{path.name} missing")
        if integrity.sha256(path) != expected:
            raise CacheError(f"{path.name} does not match its SHA-256 (truncated or altered)")
        try:
            frames[name] = gpd.read_parquet(path)
        except ValueError:  # not a GeoParquet file: a plain table
            frames[name] = pd.read_parquet(path)
    stamp = hashlib.sha256(json.dumps(meta["sources"], sort_keys=True).encode()).hexdigest()[:10]
    return Built(
        **frames,
        clauses={int(k): v for k, v in meta["clauses"].items()},
        checks=[validate.Check(**c) for c in meta["checks"]],
        stamp=stamp,
    )


def get_built(
    data_root: str | Path | None = None, cache_root: str | Path | None = None, force: bool = False
) -> Built:
    """The build for the sources under ``data_root``: read from the cache when it is current and
    intact, otherwise rebuilt (``cache_note`` says which, and why).

    The sources are checked against the data folder's SHA256SUMS first (DataError if not).
    """
    root = data_dir(data_root)
    folder = cache_dir(cache_root) / "build"
    hashes = integrity.verify(root)
    reason = "forced"
    if not force:
        try:
            meta = _read_manifest(folder)
            if meta.get("sources") != hashes:
                raise CacheError("source files changed")
            if meta.get("pipeline_version") != PIPELINE_VERSION:
                raise CacheError("pipeline code changed")
            built = load(folder)
            built.cache_note = f"read from cache {folder}"
            return built
        except CacheError as err:
            reason = str(err)
    save(build_all(root), folder, hashes)
    built = load(folder)
    built.cache_note = f"rebuilt ({reason}) in {folder}"
    return built
