"""Download the sources that are byte-for-byte copies of public files, checking their SHA-256.

Only new_units_* and crosswalk_2025 are exact copies (PROVENANCE.md); the old_units_* files are
conversions and joins made by hand from R data and several repositories, so they cannot be
re-fetched here, and the pipeline says so.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REGISTRY = Path(__file__).with_name("remote_sources.json")
# Folder in the data directory → (repository, pinned commit, path prefix in the repository).
ORIGINS = {
    "new_units_polygons_2025": ("thanglequoc/vietnamese-provinces-database", "cd58063299585146ded3981f2272946ef19ced54", ""),
    "new_units_population_2025": ("lamngockhuong/vietnam-3d-map", "dc6095c45a49279d6c24f4de6cf00f4b2b04a90d", ""),
    "crosswalk_2025": ("dvhcvn/20250701", "dd94887ce32324380bc5bb0a76fe39867dafc73b", ""),
}
NOT_FETCHABLE = {
    "old_units_2019": "converted from an R data file (censusVN2009) and joined with GSO tables by hand",
    "old_units_lists": "CSV extracts of dvhcvn tags, not byte-for-byte copies",
}
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def make_registry(root: Path, relpaths: list[str]) -> dict[str, dict[str, str]]:
    """Registry entries (url, sha256) for the given files of the local data directory."""
    out = {}
    for rel in relpaths:
        folder, _, inner = rel.partition("/")
        repo, commit, prefix = ORIGINS[folder]
        out[rel] = {
            "url": RAW_URL.format(repo=repo, commit=commit, path=prefix + inner),
            "sha256": hashlib.sha256((root / rel).read_bytes()).hexdigest(),
        }
    return out


def fetch_sources(root: Path) -> list[str]:
    """Fetch every registered file missing under ``root``; return what could not be had.

    Each file is checked against its SHA-256 by pooch; a mismatch or a network error is reported,
    never silently accepted.
    """
    import pooch

    registry = json.loads(REGISTRY.read_text(encoding="utf-8"))
    missing = []
    for rel, entry in registry.items():
        target = root / rel
        if target.exists():
            continue
        try:
            pooch.retrieve(entry["url"], known_hash=f"sha256:{entry['sha256']}", fname=target.name,
                           path=target.parent, progressbar=False)
        except Exception as err:  # network or hash failure: report it and carry on with the rest
            missing.append(f"{rel}: {err}")
    for folder, why in NOT_FETCHABLE.items():
        if not (root / folder).exists():
            missing.append(f"{folder}/: cannot be fetched ({why}); copy it from the project's shared data")
    for line in missing:
        print("not fetched:", line, file=sys.stderr)
    return missing
