"""The data folder's manifest of SHA-256 sums (``SHA256SUMS``, the format of ``sha256sum``).

The pipeline checks every listed file before it builds, so a tampered, truncated or missing file
stops the build with an error naming it instead of producing silently wrong figures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import MissingSourceError, SourceIntegrityError

MANIFEST = "SHA256SUMS"


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(root: Path) -> dict[str, str]:
    """``{relative path: sha256}`` from ``root/SHA256SUMS``; a clear error when it is absent."""
    path = root / MANIFEST
    if not path.is_file():
        raise MissingSourceError(
            f"No {MANIFEST} in the data folder {root}: it lists the SHA-256 of every source file. "
            "Point --data-dir / $HANOI_DATA_DIR at the repository's data/ folder."
        )
    sums = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64:
            raise SourceIntegrityError(f"{path}, line {number}: not '<sha256>  <path>'")
        sums[rel.strip()] = digest
    return sums


def verify(root: Path) -> dict[str, str]:
    """Check every file of the manifest under ``root``; return the manifest.

    Raises MissingSourceError or SourceIntegrityError naming the first file that is missing or
    whose SHA-256 differs.
    """
    sums = read_manifest(root)
    for rel, expected in sums.items():
        path = root / rel
        if not path.is_file():
            raise MissingSourceError(f"Missing source file: {path} (listed in {MANIFEST})")
        if sha256(path) != expected:
            raise SourceIntegrityError(
                f"Source file {path} does not match its SHA-256 in {root / MANIFEST}: "
                "it was changed or damaged. Restore it (git checkout, or python -m geodata fetch)."
            )
    return sums


def write_manifest(root: Path, relpaths: list[str]) -> None:
    """Write ``root/SHA256SUMS`` for the given files (sorted), as ``sha256sum`` would."""
    lines = [f"{sha256(root / rel)}  {rel}" for rel in sorted(relpaths)]
    (root / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
