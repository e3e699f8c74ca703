"""Refresh the sources that are byte-for-byte copies of public files from their pinned commits.

The data folder's ``SHA256SUMS`` says which files exist and what they must hash to; a file of a
folder listed in ``ORIGINS`` is downloaded from ``raw.githubusercontent.com`` at the pinned commit.
Everything is downloaded into a temporary folder inside the data folder and checked with pooch
first; only when every file arrived intact are they moved into place, so a failed fetch changes
nothing and never writes outside the data folder. The other two sources are conversions (see
``scripts/``), rebuilt from their pinned originals, not fetched.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .integrity import read_manifest, sha256

# Folder in the data directory → (repository, pinned commit).
ORIGINS = {
    "new_units_polygons_2025": (
        "thanglequoc/vietnamese-provinces-database",
        "cd58063299585146ded3981f2272946ef19ced54",
    ),
    "new_units_population_2025": (
        "lamngockhuong/vietnam-3d-map",
        "dc6095c45a49279d6c24f4de6cf00f4b2b04a90d",
    ),
    "crosswalk_2025": ("dvhcvn/20250701", "dd94887ce32324380bc5bb0a76fe39867dafc73b"),
}
CONVERTED = {
    "old_units_2019": "scripts/convert_censusvn2009.py",
    "old_units_lists": "scripts/convert_dvhcvn_lists.py",
}
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


class FetchError(Exception):
    """A download failed or did not match its SHA-256; nothing was changed."""


def remote_url(relpath: str) -> str | None:
    """Upstream address of a data file at its pinned commit, or None for converted sources."""
    folder, _, inner = relpath.partition("/")
    if folder not in ORIGINS:
        return None
    repo, commit = ORIGINS[folder]
    return RAW_URL.format(repo=repo, commit=commit, path=inner)


def plan(root: Path, refresh: bool = False) -> dict[str, str]:
    """``{relative path: sha256}`` of the fetchable files to download: the missing or damaged ones
    (or all of them with ``refresh``)."""
    todo = {}
    for rel, digest in read_manifest(root).items():
        if remote_url(rel) is None:
            continue
        path = root / rel
        if refresh or not path.is_file() or sha256(path) != digest:
            todo[rel] = digest
    return todo


def fetch_sources(root: Path, refresh: bool = False, downloader=None) -> list[str]:
    """Download what ``plan`` lists into ``root``; return the relative paths written.

    ``downloader(url, known_hash, fname, path)`` defaults to ``pooch.retrieve``. Raises FetchError
    (with every failure listed) and leaves ``root`` unchanged when any file fails.
    """
    todo = plan(root, refresh)
    if not todo:
        return []
    if downloader is None:
        import pooch

        def downloader(url, known_hash, fname, path):
            return pooch.retrieve(
                url, known_hash=known_hash, fname=fname, path=path, progressbar=False
            )

    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=root))
    try:
        failures = []
        for number, (rel, digest) in enumerate(sorted(todo.items())):
            try:
                downloader(remote_url(rel), f"sha256:{digest}", f"{number}.part", staging)
            except Exception as err:  # network or hash failure: collect, report all at once
                failures.append(f"{rel}: {err}")
        if failures:
            raise FetchError("not fetched, nothing changed:\n  " + "\n  ".join(failures))
        for number, rel in enumerate(sorted(todo)):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / f"{number}.part").replace(target)
        return sorted(todo)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
